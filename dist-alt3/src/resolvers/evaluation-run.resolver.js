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
exports.EvaluationRunResolver = void 0;
exports.evaluationRunUpdates = evaluationRunUpdates;
const type_graphql_1 = require("type-graphql");
const query_limits_1 = require("../auth/query-limits");
const entities_1 = require("../entities");
const pubsub_1 = require("../pubsub/pubsub");
const evaluation_service_1 = require("../services/evaluation.service");
const ids_1 = require("./ids");
const evaluation_run_type_1 = require("./types/evaluation-run.type");
const scalars_1 = require("./types/scalars");
/** Evaluations as jobs: start, follow, cancel (analysts). Nothing here computes a metric. */
let EvaluationRunResolver = class EvaluationRunResolver {
    startEvaluation(ctx, versionIds, asOf, horizonDays, refresh) {
        return ctx.services.evaluation.start(versionIds.map((id) => (0, ids_1.parseId)(id, 'versionIds')), asOf ?? null, horizonDays, { refresh, keyId: ctx.principal.keyId });
    }
    evaluationRun(ctx, id) {
        return ctx.services.evaluation.getRun((0, ids_1.parseId)(id));
    }
    cancelEvaluation(ctx, id) {
        return ctx.services.evaluation.cancelRun((0, ids_1.parseId)(id));
    }
    evaluationRunProgress(run, _id) {
        return run;
    }
};
exports.EvaluationRunResolver = EvaluationRunResolver;
__decorate([
    (0, type_graphql_1.Authorized)('analyst'),
    (0, query_limits_1.Expensive)(),
    (0, type_graphql_1.Mutation)(() => evaluation_run_type_1.EvaluationRunType, {
        description: 'Queues an evaluation of versions on one time split and returns it at once (QUEUED); the split defaults to the earliest asOf the versions were trained at. The same versions and split already queued or running answer that run. A key may have EVALUATION_QUEUE_LIMIT runs queued or running (RATE_LIMITED beyond).',
    }),
    __param(0, (0, type_graphql_1.Ctx)()),
    __param(1, (0, type_graphql_1.Arg)('versionIds', () => [type_graphql_1.ID])),
    __param(2, (0, type_graphql_1.Arg)('asOf', () => scalars_1.DateTimeScalar, { nullable: true })),
    __param(3, (0, type_graphql_1.Arg)('horizonDays', () => type_graphql_1.Int, { defaultValue: evaluation_service_1.DEFAULT_HORIZON_DAYS })),
    __param(4, (0, type_graphql_1.Arg)('refresh', { defaultValue: false, description: 'Recompute versions already evaluated on this split.' })),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [Object, Array, Object, Number, Boolean]),
    __metadata("design:returntype", Promise)
], EvaluationRunResolver.prototype, "startEvaluation", null);
__decorate([
    (0, type_graphql_1.Authorized)('analyst'),
    (0, type_graphql_1.Query)(() => evaluation_run_type_1.EvaluationRunType, { nullable: true }),
    __param(0, (0, type_graphql_1.Ctx)()),
    __param(1, (0, type_graphql_1.Arg)('id', () => type_graphql_1.ID)),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [Object, String]),
    __metadata("design:returntype", Promise)
], EvaluationRunResolver.prototype, "evaluationRun", null);
__decorate([
    (0, type_graphql_1.Authorized)('analyst'),
    (0, type_graphql_1.Mutation)(() => evaluation_run_type_1.EvaluationRunType, { description: 'Cancels a queued evaluation at once, or a running one at its next checkpoint (between bootstraps).' }),
    __param(0, (0, type_graphql_1.Ctx)()),
    __param(1, (0, type_graphql_1.Arg)('id', () => type_graphql_1.ID)),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [Object, String]),
    __metadata("design:returntype", Promise)
], EvaluationRunResolver.prototype, "cancelEvaluation", null);
__decorate([
    (0, type_graphql_1.Authorized)('analyst'),
    (0, type_graphql_1.Subscription)(() => evaluation_run_type_1.EvaluationRunType, {
        description: "An evaluation run's state: first its current state, then every status change and progress update; completes when the run ends.",
        subscribe: ({ args, context }) => evaluationRunUpdates(context.services, (0, ids_1.parseId)(String(args.id), 'id')),
    }),
    __param(0, (0, type_graphql_1.Root)()),
    __param(1, (0, type_graphql_1.Arg)('id', () => type_graphql_1.ID)),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [entities_1.EvaluationRun, String]),
    __metadata("design:returntype", entities_1.EvaluationRun)
], EvaluationRunResolver.prototype, "evaluationRunProgress", null);
exports.EvaluationRunResolver = EvaluationRunResolver = __decorate([
    (0, type_graphql_1.Resolver)(() => evaluation_run_type_1.EvaluationRunType)
], EvaluationRunResolver);
/** The subscription's stream: current state first (a late subscriber is not blind), then updates, never backwards. */
async function* evaluationRunUpdates(services, runId) {
    const updates = services.pubsub.subscribe(pubsub_1.Topic.EVALUATION_RUN, runId);
    try {
        let last = await services.evaluation.getRun(runId);
        yield last;
        if (entities_1.FINISHED_STATUSES.includes(last.status))
            return;
        for await (const run of updates) {
            if (run.status === last.status && run.progress < last.progress)
                continue;
            last = run;
            yield run;
            if (entities_1.FINISHED_STATUSES.includes(run.status))
                return;
        }
    }
    finally {
        await updates.return?.();
    }
}
//# sourceMappingURL=evaluation-run.resolver.js.map