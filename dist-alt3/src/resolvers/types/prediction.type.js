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
exports.CustomerPredictionType = exports.ValueTierEnum = void 0;
const type_graphql_1 = require("type-graphql");
const scalars_1 = require("./scalars");
var ValueTierEnum;
(function (ValueTierEnum) {
    ValueTierEnum["HIGH"] = "high";
    ValueTierEnum["MID"] = "mid";
    ValueTierEnum["LOW"] = "low";
    ValueTierEnum["LAPSED"] = "lapsed";
})(ValueTierEnum || (exports.ValueTierEnum = ValueTierEnum = {}));
(0, type_graphql_1.registerEnumType)(ValueTierEnum, {
    name: 'ValueTier',
    description: "HIGH: the top 20% of the version's customers by predicted value; MID: the next 30%; LOW: the rest (or the cuts the model was trained with); LAPSED: probably no longer a customer (models with P(alive) and a lapsed threshold).",
});
let CustomerPredictionType = class CustomerPredictionType {
    versionId;
    customerId;
    horizonDays;
    expectedPurchases;
    pAlive;
    churnProbability;
    expectedSpend;
    clv;
    clvPercentile;
    expectedNextPurchaseAt;
    valueTier;
};
exports.CustomerPredictionType = CustomerPredictionType;
__decorate([
    (0, type_graphql_1.Field)(() => type_graphql_1.Int),
    __metadata("design:type", Number)
], CustomerPredictionType.prototype, "horizonDays", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => type_graphql_1.Float, { description: 'Expected number of purchases (distinct purchase days) in the horizon.' }),
    __metadata("design:type", Number)
], CustomerPredictionType.prototype, "expectedPurchases", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => type_graphql_1.Float, { nullable: true, description: 'Probability that the customer is still active (BG/NBD); null for models without the notion.' }),
    __metadata("design:type", Object)
], CustomerPredictionType.prototype, "pAlive", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => type_graphql_1.Float, { description: 'Probability of no purchase in the horizon.' }),
    __metadata("design:type", Number)
], CustomerPredictionType.prototype, "churnProbability", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => type_graphql_1.Float, { nullable: true, description: 'Expected spend per purchase.' }),
    __metadata("design:type", Object)
], CustomerPredictionType.prototype, "expectedSpend", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => type_graphql_1.Float, { description: 'Expected spend in the horizon: the customer\'s value over it.' }),
    __metadata("design:type", Number)
], CustomerPredictionType.prototype, "clv", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => type_graphql_1.Float, { description: "Share of the version's customers with a lower predicted value (0..1)." }),
    __metadata("design:type", Number)
], CustomerPredictionType.prototype, "clvPercentile", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => scalars_1.DateTimeScalar, { nullable: true, description: 'The date by which a purchase becomes more likely than not; null when it never does.' }),
    __metadata("design:type", Object)
], CustomerPredictionType.prototype, "expectedNextPurchaseAt", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => ValueTierEnum),
    __metadata("design:type", String)
], CustomerPredictionType.prototype, "valueTier", void 0);
exports.CustomerPredictionType = CustomerPredictionType = __decorate([
    (0, type_graphql_1.ObjectType)('CustomerPrediction', { description: "What a predicting version expects of a customer over the `horizonDays` after the version's asOf." })
], CustomerPredictionType);
//# sourceMappingURL=prediction.type.js.map