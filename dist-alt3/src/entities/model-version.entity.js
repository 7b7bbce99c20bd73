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
exports.ModelVersion = void 0;
const typeorm_1 = require("typeorm");
/** One successful run's result, immutable: artifact, metrics, segments and assignments. */
let ModelVersion = class ModelVersion {
    id;
    modelId;
    number;
    runId;
    segmenter;
    segmenterVersion;
    params;
    featureNames;
    artifactPath;
    artifactSha256;
    metrics;
    /** Days after `asOf` its per-customer predictions are for; null when the version does not predict. */
    predictionHorizonDays;
    asOf;
    createdAt;
};
exports.ModelVersion = ModelVersion;
__decorate([
    (0, typeorm_1.PrimaryGeneratedColumn)(),
    __metadata("design:type", Number)
], ModelVersion.prototype, "id", void 0);
__decorate([
    (0, typeorm_1.Column)({ name: 'model_id', type: 'integer' }),
    __metadata("design:type", Number)
], ModelVersion.prototype, "modelId", void 0);
__decorate([
    (0, typeorm_1.Column)({ type: 'integer' }),
    __metadata("design:type", Number)
], ModelVersion.prototype, "number", void 0);
__decorate([
    (0, typeorm_1.Column)({ name: 'run_id', type: 'integer' }),
    __metadata("design:type", Number)
], ModelVersion.prototype, "runId", void 0);
__decorate([
    (0, typeorm_1.Column)({ type: 'varchar', length: 64 }),
    __metadata("design:type", String)
], ModelVersion.prototype, "segmenter", void 0);
__decorate([
    (0, typeorm_1.Column)({ name: 'segmenter_version', type: 'varchar', length: 32 }),
    __metadata("design:type", String)
], ModelVersion.prototype, "segmenterVersion", void 0);
__decorate([
    (0, typeorm_1.Column)({ type: 'simple-json' }),
    __metadata("design:type", Object)
], ModelVersion.prototype, "params", void 0);
__decorate([
    (0, typeorm_1.Column)({ name: 'feature_names', type: 'simple-json' }),
    __metadata("design:type", Array)
], ModelVersion.prototype, "featureNames", void 0);
__decorate([
    (0, typeorm_1.Column)({ name: 'artifact_path', type: 'varchar', length: 500 }),
    __metadata("design:type", String)
], ModelVersion.prototype, "artifactPath", void 0);
__decorate([
    (0, typeorm_1.Column)({ name: 'artifact_sha256', type: 'varchar', length: 64 }),
    __metadata("design:type", String)
], ModelVersion.prototype, "artifactSha256", void 0);
__decorate([
    (0, typeorm_1.Column)({ type: 'simple-json' }),
    __metadata("design:type", Object)
], ModelVersion.prototype, "metrics", void 0);
__decorate([
    (0, typeorm_1.Column)({ name: 'prediction_horizon_days', type: 'integer', nullable: true }),
    __metadata("design:type", Object)
], ModelVersion.prototype, "predictionHorizonDays", void 0);
__decorate([
    (0, typeorm_1.Column)({ name: 'as_of', type: Date }),
    __metadata("design:type", Date)
], ModelVersion.prototype, "asOf", void 0);
__decorate([
    (0, typeorm_1.CreateDateColumn)({ name: 'created_at' }),
    __metadata("design:type", Date)
], ModelVersion.prototype, "createdAt", void 0);
exports.ModelVersion = ModelVersion = __decorate([
    (0, typeorm_1.Entity)('model_versions'),
    (0, typeorm_1.Index)('uq_model_versions_number', ['modelId', 'number'], { unique: true })
], ModelVersion);
//# sourceMappingURL=model-version.entity.js.map