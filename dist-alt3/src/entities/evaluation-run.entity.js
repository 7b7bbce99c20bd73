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
exports.EvaluationRun = void 0;
const typeorm_1 = require("typeorm");
/**
 * One evaluation of model versions on a time split (features before `asOf`, outcomes in the following
 * `horizonDays`): queued, run in a worker thread off the request path, its metrics stored in version_evaluations.
 */
let EvaluationRun = class EvaluationRun {
    id;
    /** The versions, in the order they were asked for. */
    versionIds;
    asOf;
    horizonDays;
    /** Bootstrap resamples of the stability metrics. */
    bootstraps;
    /** Recompute versions already evaluated on this split (otherwise they are skipped). */
    refresh;
    status;
    /** 0..1, never decreasing. */
    progress;
    message;
    error;
    /** The API key that asked (null: AUTH=off or the CLI); the per-key queue limit counts on it. */
    requestedByKeyId;
    queuedAt;
    startedAt;
    finishedAt;
};
exports.EvaluationRun = EvaluationRun;
__decorate([
    (0, typeorm_1.PrimaryGeneratedColumn)(),
    __metadata("design:type", Number)
], EvaluationRun.prototype, "id", void 0);
__decorate([
    (0, typeorm_1.Column)({ name: 'version_ids', type: 'simple-json' }),
    __metadata("design:type", Array)
], EvaluationRun.prototype, "versionIds", void 0);
__decorate([
    (0, typeorm_1.Column)({ name: 'as_of', type: Date }),
    __metadata("design:type", Date)
], EvaluationRun.prototype, "asOf", void 0);
__decorate([
    (0, typeorm_1.Column)({ name: 'horizon_days', type: 'integer' }),
    __metadata("design:type", Number)
], EvaluationRun.prototype, "horizonDays", void 0);
__decorate([
    (0, typeorm_1.Column)({ type: 'integer' }),
    __metadata("design:type", Number)
], EvaluationRun.prototype, "bootstraps", void 0);
__decorate([
    (0, typeorm_1.Column)({ type: 'boolean', default: false }),
    __metadata("design:type", Boolean)
], EvaluationRun.prototype, "refresh", void 0);
__decorate([
    (0, typeorm_1.Column)({ type: 'varchar', length: 16 }),
    __metadata("design:type", String)
], EvaluationRun.prototype, "status", void 0);
__decorate([
    (0, typeorm_1.Column)({ type: 'float', default: 0 }),
    __metadata("design:type", Number)
], EvaluationRun.prototype, "progress", void 0);
__decorate([
    (0, typeorm_1.Column)({ type: 'text', nullable: true }),
    __metadata("design:type", Object)
], EvaluationRun.prototype, "message", void 0);
__decorate([
    (0, typeorm_1.Column)({ type: 'text', nullable: true }),
    __metadata("design:type", Object)
], EvaluationRun.prototype, "error", void 0);
__decorate([
    (0, typeorm_1.Column)({ name: 'requested_by_key_id', type: 'integer', nullable: true }),
    __metadata("design:type", Object)
], EvaluationRun.prototype, "requestedByKeyId", void 0);
__decorate([
    (0, typeorm_1.Column)({ name: 'queued_at', type: Date }),
    __metadata("design:type", Date)
], EvaluationRun.prototype, "queuedAt", void 0);
__decorate([
    (0, typeorm_1.Column)({ name: 'started_at', type: Date, nullable: true }),
    __metadata("design:type", Object)
], EvaluationRun.prototype, "startedAt", void 0);
__decorate([
    (0, typeorm_1.Column)({ name: 'finished_at', type: Date, nullable: true }),
    __metadata("design:type", Object)
], EvaluationRun.prototype, "finishedAt", void 0);
exports.EvaluationRun = EvaluationRun = __decorate([
    (0, typeorm_1.Entity)('evaluation_runs')
], EvaluationRun);
//# sourceMappingURL=evaluation-run.entity.js.map