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
exports.EvaluationRunType = void 0;
const type_graphql_1 = require("type-graphql");
const scalars_1 = require("./scalars");
const training_type_1 = require("./training.type");
let EvaluationRunType = class EvaluationRunType {
    id;
    versionIds;
    asOf;
    horizonDays;
    bootstraps;
    refresh;
    status;
    progress;
    message;
    error;
    queuedAt;
    startedAt;
    finishedAt;
};
exports.EvaluationRunType = EvaluationRunType;
__decorate([
    (0, type_graphql_1.Field)(() => type_graphql_1.ID),
    __metadata("design:type", Number)
], EvaluationRunType.prototype, "id", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => [type_graphql_1.ID], { description: 'The versions it evaluates, in the order asked.' }),
    __metadata("design:type", Array)
], EvaluationRunType.prototype, "versionIds", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => scalars_1.DateTimeScalar, { description: 'The split: features before it, outcomes after it.' }),
    __metadata("design:type", Date)
], EvaluationRunType.prototype, "asOf", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => type_graphql_1.Int),
    __metadata("design:type", Number)
], EvaluationRunType.prototype, "horizonDays", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => type_graphql_1.Int, { description: 'Bootstrap resamples of the stability metrics.' }),
    __metadata("design:type", Number)
], EvaluationRunType.prototype, "bootstraps", void 0);
__decorate([
    (0, type_graphql_1.Field)({ description: 'Versions already evaluated on this split are recomputed (otherwise skipped).' }),
    __metadata("design:type", Boolean)
], EvaluationRunType.prototype, "refresh", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => training_type_1.RunStatusEnum),
    __metadata("design:type", String)
], EvaluationRunType.prototype, "status", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => type_graphql_1.Float, { description: '0..1, never decreasing.' }),
    __metadata("design:type", Number)
], EvaluationRunType.prototype, "progress", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => String, { nullable: true, description: 'What it is doing (e.g. "version 3 (1 of 2): bootstrap 4 of 10").' }),
    __metadata("design:type", Object)
], EvaluationRunType.prototype, "message", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => String, { nullable: true }),
    __metadata("design:type", Object)
], EvaluationRunType.prototype, "error", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => scalars_1.DateTimeScalar),
    __metadata("design:type", Date)
], EvaluationRunType.prototype, "queuedAt", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => scalars_1.DateTimeScalar, { nullable: true }),
    __metadata("design:type", Object)
], EvaluationRunType.prototype, "startedAt", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => scalars_1.DateTimeScalar, { nullable: true }),
    __metadata("design:type", Object)
], EvaluationRunType.prototype, "finishedAt", void 0);
exports.EvaluationRunType = EvaluationRunType = __decorate([
    (0, type_graphql_1.ObjectType)('EvaluationRun', { description: 'An evaluation of versions on one time split, run as a job: queued, with progress, cancellable; its metrics are stored per version.' })
], EvaluationRunType);
//# sourceMappingURL=evaluation-run.type.js.map