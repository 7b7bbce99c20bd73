"use strict";
var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
var __metadata = (this && this.__metadata) || function (k, v) {
    if (typeof Reflect === "object" && typeof Reflect.metadata === "function") return Reflect.metadata(k, v);
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.CustomerPrediction = exports.VALUE_TIERS = void 0;
const typeorm_1 = require("typeorm");
/** The value tiers of a prediction: by predicted value over the horizon, `lapsed` when the model says so. */
exports.VALUE_TIERS = ['high', 'mid', 'low', 'lapsed'];
/** What a predicting version expects of one customer over its horizon (`model_versions.prediction_horizon_days`). */
let CustomerPrediction = class CustomerPrediction {
    versionId;
    customerId;
    expectedPurchases;
    pAlive;
    churnProbability;
    expectedSpendPerPurchase;
    clv;
    /** Share of the version's customers with a lower predicted value (0..1). */
    clvPercentile;
    nextPurchaseAt;
    valueTier;
};
exports.CustomerPrediction = CustomerPrediction;
__decorate([
    (0, typeorm_1.PrimaryColumn)({ name: 'version_id', type: 'integer' }),
    __metadata("design:type", Number)
], CustomerPrediction.prototype, "versionId", void 0);
__decorate([
    (0, typeorm_1.PrimaryColumn)({ name: 'customer_id', type: 'integer' }),
    __metadata("design:type", Number)
], CustomerPrediction.prototype, "customerId", void 0);
__decorate([
    (0, typeorm_1.Column)({ name: 'expected_purchases', type: 'float' }),
    __metadata("design:type", Number)
], CustomerPrediction.prototype, "expectedPurchases", void 0);
__decorate([
    (0, typeorm_1.Column)({ name: 'p_alive', type: 'float', nullable: true }),
    __metadata("design:type", Object)
], CustomerPrediction.prototype, "pAlive", void 0);
__decorate([
    (0, typeorm_1.Column)({ name: 'churn_probability', type: 'float' }),
    __metadata("design:type", Number)
], CustomerPrediction.prototype, "churnProbability", void 0);
__decorate([
    (0, typeorm_1.Column)({ name: 'expected_spend_per_purchase', type: 'float', nullable: true }),
    __metadata("design:type", Object)
], CustomerPrediction.prototype, "expectedSpendPerPurchase", void 0);
__decorate([
    (0, typeorm_1.Column)({ type: 'float' }),
    __metadata("design:type", Number)
], CustomerPrediction.prototype, "clv", void 0);
__decorate([
    (0, typeorm_1.Column)({ name: 'clv_percentile', type: 'float' }),
    __metadata("design:type", Number)
], CustomerPrediction.prototype, "clvPercentile", void 0);
__decorate([
    (0, typeorm_1.Column)({ name: 'next_purchase_at', type: Date, nullable: true }),
    __metadata("design:type", Object)
], CustomerPrediction.prototype, "nextPurchaseAt", void 0);
__decorate([
    (0, typeorm_1.Column)({ name: 'value_tier', type: 'varchar', length: 8 }),
    __metadata("design:type", String)
], CustomerPrediction.prototype, "valueTier", void 0);
exports.CustomerPrediction = CustomerPrediction = __decorate([
    (0, typeorm_1.Entity)('customer_predictions'),
    (0, typeorm_1.Index)('ix_customer_predictions_clv', ['versionId', 'clv']),
    (0, typeorm_1.Index)('ix_customer_predictions_churn', ['versionId', 'churnProbability'])
], CustomerPrediction);
//# sourceMappingURL=customer-prediction.entity.js.map