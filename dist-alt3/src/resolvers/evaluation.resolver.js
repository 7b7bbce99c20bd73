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
var __param = (this && this.__param) || function (paramIndex, decorator) {
    return function (target, key) { decorator(target, key, paramIndex); }
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.SegmentWordsResolver = exports.ModelVersionEvaluationResolver = exports.EvaluationResolver = void 0;
const type_graphql_1 = require("type-graphql");
const query_limits_1 = require("../auth/query-limits");
const entities_1 = require("../entities");
const evaluation_service_1 = require("../services/evaluation.service");
const connection_type_1 = require("./types/connection.type");
const ids_1 = require("./ids");
const scalars_1 = require("./types/scalars");
const evaluation_type_1 = require("./types/evaluation.type");
const evaluation_run_type_1 = require("./types/evaluation-run.type");
const training_type_1 = require("./types/training.type");
const asType = (m) => ({ ...m, asOf: new Date(m.asOf) });
const comparisonType = (c) => ({ ...c, bestByMetric: evaluation_type_1.BestByMetricType.from(c.bestByMetric), rows: c.rows.map((r) => ({ ...r, metrics: r.metrics ? asType(r.metrics) : null })) });
/** Evaluation on a time split, comparison of versions, alias history and segment migration (data scientists). */
let EvaluationResolver = class EvaluationResolver {
    async compareModelVersions(ctx, ids, asOf, horizonDays) {
        return comparisonType(await ctx.services.evaluation.compare(ids.map((id) => (0, ids_1.parseId)(id, 'ids')), asOf ?? null, horizonDays));
    }
    async leaderboard(ctx, metric, asOf, horizonDays, first) {
        return comparisonType(await ctx.services.evaluation.leaderboard(metric, asOf ?? null, horizonDays, first));
    }
    evaluateModelVersion(ctx, id, asOf, horizonDays, refresh) {
        return ctx.services.evaluation.start([(0, ids_1.parseId)(id)], asOf ?? null, horizonDays, { refresh, keyId: ctx.principal.keyId });
    }
    segmentMigration(ctx, from, to) {
        return ctx.services.evaluation.segmentMigration((0, ids_1.parseId)(from, 'fromVersionId'), (0, ids_1.parseId)(to, 'toVersionId'));
    }
    aliasHistory(ctx, page, alias) {
        return ctx.services.training.aliasHistory(alias ?? null, page);
    }
};
exports.EvaluationResolver = EvaluationResolver;
__decorate([
    (0, type_graphql_1.Authorized)('analyst'),
    (0, type_graphql_1.Query)(() => training_type_1.ComparisonType, { description: 'Versions on the same customers and time split (default: the earliest asOf they were trained at), best per metric, CSV.' }),
    __param(0, (0, type_graphql_1.Ctx)()),
    __param(1, (0, type_graphql_1.Arg)('ids', () => [type_graphql_1.ID])),
    __param(2, (0, type_graphql_1.Arg)('asOf', () => scalars_1.DateTimeScalar, { nullable: true })),
    __param(3, (0, type_graphql_1.Arg)('horizonDays', () => type_graphql_1.Int, { defaultValue: evaluation_service_1.DEFAULT_HORIZON_DAYS })),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [Object, Array, Object, Number]),
    __metadata("design:returntype", Promise)
], EvaluationResolver.prototype, "compareModelVersions", null);
__decorate([
    (0, type_graphql_1.Authorized)('analyst'),
    (0, type_graphql_1.Query)(() => training_type_1.ComparisonType, { description: 'The newest versions (up to `first`, at most 20) ranked on one metric, on one split.' }),
    __param(0, (0, type_graphql_1.Ctx)()),
    __param(1, (0, type_graphql_1.Arg)('metric')),
    __param(2, (0, type_graphql_1.Arg)('asOf', () => scalars_1.DateTimeScalar, { nullable: true })),
    __param(3, (0, type_graphql_1.Arg)('horizonDays', () => type_graphql_1.Int, { defaultValue: evaluation_service_1.DEFAULT_HORIZON_DAYS })),
    __param(4, (0, type_graphql_1.Arg)('first', () => type_graphql_1.Int, { defaultValue: 20 })),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [Object, String, Object, Number, Number]),
    __metadata("design:returntype", Promise)
], EvaluationResolver.prototype, "leaderboard", null);
__decorate([
    (0, type_graphql_1.Authorized)('analyst'),
    (0, query_limits_1.Expensive)(),
    (0, type_graphql_1.Mutation)(() => evaluation_run_type_1.EvaluationRunType, {
        description: "Queues an evaluation of one version (as startEvaluation with one id) and returns the run at once; the split defaults to the version's own asOf. Its metrics land in `evaluations` and comparisons when the run SUCCEEDED.",
    }),
    __param(0, (0, type_graphql_1.Ctx)()),
    __param(1, (0, type_graphql_1.Arg)('id', () => type_graphql_1.ID)),
    __param(2, (0, type_graphql_1.Arg)('asOf', () => scalars_1.DateTimeScalar, { nullable: true })),
    __param(3, (0, type_graphql_1.Arg)('horizonDays', () => type_graphql_1.Int, { defaultValue: evaluation_service_1.DEFAULT_HORIZON_DAYS })),
    __param(4, (0, type_graphql_1.Arg)('refresh', { defaultValue: false })),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [Object, String, Object, Number, Boolean]),
    __metadata("design:returntype", Promise)
], EvaluationResolver.prototype, "evaluateModelVersion", null);
__decorate([
    (0, type_graphql_1.Authorized)('analyst'),
    (0, query_limits_1.Expensive)(),
    (0, type_graphql_1.Query)(() => evaluation_type_1.SegmentMigrationType, { description: 'How many customers moved from each segment of one version to each segment of another.' }),
    __param(0, (0, type_graphql_1.Ctx)()),
    __param(1, (0, type_graphql_1.Arg)('fromVersionId', () => type_graphql_1.ID)),
    __param(2, (0, type_graphql_1.Arg)('toVersionId', () => type_graphql_1.ID)),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [Object, String, String]),
    __metadata("design:returntype", Promise)
], EvaluationResolver.prototype, "segmentMigration", null);
__decorate([
    (0, type_graphql_1.Query)(() => training_type_1.AliasMoveConnection, { complexity: connection_type_1.connectionComplexity, description: 'Who moved an alias (or any alias) to which version, and when; newest first.' }),
    __param(0, (0, type_graphql_1.Ctx)()),
    __param(1, (0, type_graphql_1.Args)()),
    __param(2, (0, type_graphql_1.Arg)('alias', () => String, { nullable: true })),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [Object, connection_type_1.ConnectionArgs, Object]),
    __metadata("design:returntype", void 0)
], EvaluationResolver.prototype, "aliasHistory", null);
exports.EvaluationResolver = EvaluationResolver = __decorate([
    (0, type_graphql_1.Resolver)()
], EvaluationResolver);
let ModelVersionEvaluationResolver = class ModelVersionEvaluationResolver {
    modelVersion(ctx, id) {
        return ctx.services.training.getVersion((0, ids_1.parseId)(id));
    }
    async evaluations(version, ctx) {
        return (await ctx.services.evaluation.storedEvaluations(version.id)).map(asType);
    }
    async fairness(version, ctx) {
        return evaluation_type_1.FairnessReportType.from(await ctx.services.evaluation.fairness(version.id));
    }
};
exports.ModelVersionEvaluationResolver = ModelVersionEvaluationResolver;
__decorate([
    (0, type_graphql_1.Query)(() => training_type_1.ModelVersionType, { nullable: true }),
    __param(0, (0, type_graphql_1.Ctx)()),
    __param(1, (0, type_graphql_1.Arg)('id', () => type_graphql_1.ID)),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [Object, String]),
    __metadata("design:returntype", Promise)
], ModelVersionEvaluationResolver.prototype, "modelVersion", null);
__decorate([
    (0, type_graphql_1.FieldResolver)(() => [training_type_1.EvaluationMetricsType], { description: 'Its stored evaluations, one per time split.' }),
    __param(0, (0, type_graphql_1.Root)()),
    __param(1, (0, type_graphql_1.Ctx)()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [entities_1.ModelVersion, Object]),
    __metadata("design:returntype", Promise)
], ModelVersionEvaluationResolver.prototype, "evaluations", null);
__decorate([
    (0, type_graphql_1.Authorized)('analyst'),
    (0, type_graphql_1.FieldResolver)(() => evaluation_type_1.FairnessReportType, { description: "Each segment's composition by protected attributes (gender, age band) against the population, largest deviation flagged." }),
    __param(0, (0, type_graphql_1.Root)()),
    __param(1, (0, type_graphql_1.Ctx)()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [entities_1.ModelVersion, Object]),
    __metadata("design:returntype", Promise)
], ModelVersionEvaluationResolver.prototype, "fairness", null);
exports.ModelVersionEvaluationResolver = ModelVersionEvaluationResolver = __decorate([
    (0, type_graphql_1.Resolver)(() => training_type_1.ModelVersionType)
], ModelVersionEvaluationResolver);
let SegmentWordsResolver = class SegmentWordsResolver {
    description(segment) {
        return segment.profile.description ?? '';
    }
    kind(segment) {
        return segment.profile.kind ?? 'other';
    }
    nameReason(segment) {
        return segment.profile.nameReason ?? '';
    }
    actions(segment) {
        return segment.profile.actions ?? [];
    }
    distinguishingFeatures(segment) {
        return segment.profile.distinguishing ?? [];
    }
    distinguishingCategories(segment) {
        return segment.profile.distinguishingCategories ?? [];
    }
    distinguishingProducts(segment) {
        return segment.profile.distinguishingProducts ?? [];
    }
};
exports.SegmentWordsResolver = SegmentWordsResolver;
__decorate([
    (0, type_graphql_1.FieldResolver)(() => String, { description: 'One sentence, from the numbers in the profile.' }),
    __param(0, (0, type_graphql_1.Root)()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [entities_1.Segment]),
    __metadata("design:returntype", String)
], SegmentWordsResolver.prototype, "description", null);
__decorate([
    (0, type_graphql_1.FieldResolver)(() => String, {
        description: 'How it was named: the RFM rule that matched (champions, loyal, big_spenders, new, bargain_hunters, at_risk, hibernating, occasional), `taste` (from what its customers buy), `small` (under 1% or 20 customers) or other.',
    }),
    __param(0, (0, type_graphql_1.Root)()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [entities_1.Segment]),
    __metadata("design:returntype", String)
], SegmentWordsResolver.prototype, "kind", null);
__decorate([
    (0, type_graphql_1.FieldResolver)(() => String, { description: "The rule's condition: why the segment has its name." }),
    __param(0, (0, type_graphql_1.Root)()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [entities_1.Segment]),
    __metadata("design:returntype", String)
], SegmentWordsResolver.prototype, "nameReason", null);
__decorate([
    (0, type_graphql_1.FieldResolver)(() => [String], { description: 'Suggested marketing actions for this kind of segment (templates in SEGMENT_ACTIONS_FILE).' }),
    __param(0, (0, type_graphql_1.Root)()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [entities_1.Segment]),
    __metadata("design:returntype", Array)
], SegmentWordsResolver.prototype, "actions", null);
__decorate([
    (0, type_graphql_1.FieldResolver)(() => [training_type_1.FeatureDeltaType], { description: 'The features that set it apart, largest standardised difference first.' }),
    __param(0, (0, type_graphql_1.Root)()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [entities_1.Segment]),
    __metadata("design:returntype", Array)
], SegmentWordsResolver.prototype, "distinguishingFeatures", null);
__decorate([
    (0, type_graphql_1.FieldResolver)(() => [training_type_1.DistinguishingCategoryType], { description: "Categories over-represented in the segment's spend (share in the segment against all customers, as lift), highest lift first." }),
    __param(0, (0, type_graphql_1.Root)()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [entities_1.Segment]),
    __metadata("design:returntype", Array)
], SegmentWordsResolver.prototype, "distinguishingCategories", null);
__decorate([
    (0, type_graphql_1.FieldResolver)(() => [training_type_1.DistinguishingProductType], { description: 'Products bought by a larger share of the segment than of all customers (as lift), highest lift first.' }),
    __param(0, (0, type_graphql_1.Root)()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [entities_1.Segment]),
    __metadata("design:returntype", Array)
], SegmentWordsResolver.prototype, "distinguishingProducts", null);
exports.SegmentWordsResolver = SegmentWordsResolver = __decorate([
    (0, type_graphql_1.Resolver)(() => training_type_1.SegmentType)
], SegmentWordsResolver);
//# sourceMappingURL=evaluation.resolver.js.map