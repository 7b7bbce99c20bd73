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
exports.TrainingRun = exports.FINISHED_STATUSES = exports.RUN_STATUSES = void 0;
const typeorm_1 = require("typeorm");
exports.RUN_STATUSES = ['QUEUED', 'RUNNING', 'SUCCEEDED', 'FAILED', 'CANCELLED'];
exports.FINISHED_STATUSES = ['SUCCEEDED', 'FAILED', 'CANCELLED'];
/** One training of a model: queued, run off the request path, and ended with a version or an error. */
let TrainingRun = class TrainingRun {
    id;
    modelId;
    status;
    /** The model's params with this run's overrides, validated. */
    params;
    seed;
    progress;
    step;
    totalSteps;
    epoch;
    loss;
    validationLoss;
    sequencesPerSecond;
    etaSeconds;
    message;
    backend;
    error;
    /** Features as of this date (default: the data's latest order). */
    asOf;
    queuedAt;
    startedAt;
    finishedAt;
    modelVersionId;
    /** The API key that started it (null from the CLI, or before keys were recorded). */
    createdByKeyId;
};
exports.TrainingRun = TrainingRun;
__decorate([
    (0, typeorm_1.PrimaryGeneratedColumn)(),
    __metadata("design:type", Number)
], TrainingRun.prototype, "id", void 0);
__decorate([
    (0, typeorm_1.Column)({ name: 'model_id', type: 'integer' }),
    __metadata("design:type", Number)
], TrainingRun.prototype, "modelId", void 0);
__decorate([
    (0, typeorm_1.Index)(),
    (0, typeorm_1.Column)({ type: 'varchar', length: 16 }),
    __metadata("design:type", String)
], TrainingRun.prototype, "status", void 0);
__decorate([
    (0, typeorm_1.Column)({ type: 'simple-json' }),
    __metadata("design:type", Object)
], TrainingRun.prototype, "params", void 0);
__decorate([
    (0, typeorm_1.Column)({ type: 'integer' }),
    __metadata("design:type", Number)
], TrainingRun.prototype, "seed", void 0);
__decorate([
    (0, typeorm_1.Column)({ type: 'float' }),
    __metadata("design:type", Number)
], TrainingRun.prototype, "progress", void 0);
__decorate([
    (0, typeorm_1.Column)({ type: 'integer', nullable: true }),
    __metadata("design:type", Object)
], TrainingRun.prototype, "step", void 0);
__decorate([
    (0, typeorm_1.Column)({ name: 'total_steps', type: 'integer', nullable: true }),
    __metadata("design:type", Object)
], TrainingRun.prototype, "totalSteps", void 0);
__decorate([
    (0, typeorm_1.Column)({ type: 'integer', nullable: true }),
    __metadata("design:type", Object)
], TrainingRun.prototype, "epoch", void 0);
__decorate([
    (0, typeorm_1.Column)({ type: 'float', nullable: true }),
    __metadata("design:type", Object)
], TrainingRun.prototype, "loss", void 0);
__decorate([
    (0, typeorm_1.Column)({ name: 'validation_loss', type: 'float', nullable: true }),
    __metadata("design:type", Object)
], TrainingRun.prototype, "validationLoss", void 0);
__decorate([
    (0, typeorm_1.Column)({ name: 'sequences_per_second', type: 'float', nullable: true }),
    __metadata("design:type", Object)
], TrainingRun.prototype, "sequencesPerSecond", void 0);
__decorate([
    (0, typeorm_1.Column)({ name: 'eta_seconds', type: 'float', nullable: true }),
    __metadata("design:type", Object)
], TrainingRun.prototype, "etaSeconds", void 0);
__decorate([
    (0, typeorm_1.Column)({ type: 'text', nullable: true }),
    __metadata("design:type", Object)
], TrainingRun.prototype, "message", void 0);
__decorate([
    (0, typeorm_1.Column)({ type: 'varchar', length: 64, nullable: true }),
    __metadata("design:type", Object)
], TrainingRun.prototype, "backend", void 0);
__decorate([
    (0, typeorm_1.Column)({ type: 'text', nullable: true }),
    __metadata("design:type", Object)
], TrainingRun.prototype, "error", void 0);
__decorate([
    (0, typeorm_1.Column)({ name: 'as_of', type: Date, nullable: true }),
    __metadata("design:type", Object)
], TrainingRun.prototype, "asOf", void 0);
__decorate([
    (0, typeorm_1.Column)({ name: 'queued_at', type: Date }),
    __metadata("design:type", Date)
], TrainingRun.prototype, "queuedAt", void 0);
__decorate([
    (0, typeorm_1.Column)({ name: 'started_at', type: Date, nullable: true }),
    __metadata("design:type", Object)
], TrainingRun.prototype, "startedAt", void 0);
__decorate([
    (0, typeorm_1.Column)({ name: 'finished_at', type: Date, nullable: true }),
    __metadata("design:type", Object)
], TrainingRun.prototype, "finishedAt", void 0);
__decorate([
    (0, typeorm_1.Column)({ name: 'model_version_id', type: 'integer', nullable: true }),
    __metadata("design:type", Object)
], TrainingRun.prototype, "modelVersionId", void 0);
__decorate([
    (0, typeorm_1.Column)({ name: 'created_by_key_id', type: 'integer', nullable: true }),
    __metadata("design:type", Object)
], TrainingRun.prototype, "createdByKeyId", void 0);
exports.TrainingRun = TrainingRun = __decorate([
    (0, typeorm_1.Entity)('training_runs'),
    (0, typeorm_1.Index)('idx_training_runs_model', ['modelId', 'id'])
], TrainingRun);
//# sourceMappingURL=training-run.entity.js.map