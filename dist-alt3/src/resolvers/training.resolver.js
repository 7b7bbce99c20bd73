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
exports.CustomerSegmentResolver = exports.SegmentAssignmentResolver = exports.SegmentResolver = exports.ModelVersionResolver = exports.TrainingRunResolver = exports.SegmentationModelResolver = exports.SegmenterResolver = void 0;
exports.trainingRunUpdates = trainingRunUpdates;
const prediction_type_1 = require("./types/prediction.type");
const type_graphql_1 = require("type-graphql");
const entities_1 = require("../entities");
const errors_1 = require("../errors");
const pubsub_1 = require("../pubsub/pubsub");
const training_service_1 = require("../services/training.service");
const connection_type_1 = require("./types/connection.type");
const ids_1 = require("./ids");
const customer_type_1 = require("./types/customer.type");
const scalars_1 = require("./types/scalars");
const query_limits_1 = require("../auth/query-limits");
const training_type_1 = require("./types/training.type");
let SegmenterResolver = class SegmenterResolver {
    segmenters(ctx) {
        return ctx.services.training.registry.list().map((s) => ({ ...s, capabilities: { ...s.capabilities, predicts: s.capabilities.predicts === true } }));
    }
    computeBackends(ctx) {
        return ctx.services.training.computeBackends();
    }
};
exports.SegmenterResolver = SegmenterResolver;
__decorate([
    (0, type_graphql_1.Query)(() => [training_type_1.SegmenterType], { description: 'The segmenter plugins this server offers.' }),
    __param(0, (0, type_graphql_1.Ctx)()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [Object]),
    __metadata("design:returntype", Array)
], SegmenterResolver.prototype, "segmenters", null);
__decorate([
    (0, type_graphql_1.Query)(() => [training_type_1.ComputeBackendType], { description: 'The compute backends this server can train on, best first.' }),
    __param(0, (0, type_graphql_1.Ctx)()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [Object]),
    __metadata("design:returntype", Promise)
], SegmenterResolver.prototype, "computeBackends", null);
exports.SegmenterResolver = SegmenterResolver = __decorate([
    (0, type_graphql_1.Resolver)(() => training_type_1.SegmenterType)
], SegmenterResolver);
let SegmentationModelResolver = class SegmentationModelResolver {
    models(ctx, page) {
        return ctx.services.training.listModels(page);
    }
    model(ctx, id) {
        return ctx.services.training.getModel((0, ids_1.parseId)(id));
    }
    registerModel(ctx, input) {
        return ctx.services.training.registerModel(input);
    }
    startTrainingRun(ctx, modelId, params, seed, asOf) {
        return ctx.services.training.startRun((0, ids_1.parseId)(modelId, 'modelId'), params, { seed, asOf, keyId: ctx.principal.keyId });
    }
    cancelTrainingRun(ctx, id) {
        return ctx.services.training.cancelRun((0, ids_1.parseId)(id));
    }
    setModelAlias(ctx, versionId, alias) {
        return ctx.services.training.setAlias((0, ids_1.parseId)(versionId, 'versionId'), alias, ctx.actor);
    }
    assignCustomers(ctx, ids, alias) {
        return ctx.services.training.assignCustomers(ids.map((id) => (0, ids_1.parseId)(id, 'ids')), alias);
    }
    segmenter(model, ctx) {
        return ctx.services.training.registry.get(model.segmenter);
    }
    versions(model, ctx, page) {
        return ctx.loaders.modelVersions.load({ parentId: model.id, ...page });
    }
    runs(model, ctx, page) {
        return ctx.loaders.modelRuns.load({ parentId: model.id, ...page });
    }
};
exports.SegmentationModelResolver = SegmentationModelResolver;
__decorate([
    (0, type_graphql_1.Query)(() => training_type_1.SegmentationModelConnection, { complexity: connection_type_1.connectionComplexity }),
    __param(0, (0, type_graphql_1.Ctx)()),
    __param(1, (0, type_graphql_1.Args)()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [Object, connection_type_1.ConnectionArgs]),
    __metadata("design:returntype", void 0)
], SegmentationModelResolver.prototype, "models", null);
__decorate([
    (0, type_graphql_1.Query)(() => training_type_1.SegmentationModelType, { nullable: true }),
    __param(0, (0, type_graphql_1.Ctx)()),
    __param(1, (0, type_graphql_1.Arg)('id', () => type_graphql_1.ID)),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [Object, String]),
    __metadata("design:returntype", Promise)
], SegmentationModelResolver.prototype, "model", null);
__decorate([
    (0, type_graphql_1.Authorized)('analyst'),
    (0, type_graphql_1.Mutation)(() => training_type_1.SegmentationModelType, { description: "Registers a model; params are checked against the segmenter's schema." }),
    __param(0, (0, type_graphql_1.Ctx)()),
    __param(1, (0, type_graphql_1.Arg)('input', () => training_type_1.RegisterModelInput)),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [Object, training_type_1.RegisterModelInput]),
    __metadata("design:returntype", Promise)
], SegmentationModelResolver.prototype, "registerModel", null);
__decorate([
    (0, type_graphql_1.Authorized)('analyst'),
    (0, query_limits_1.Expensive)(),
    (0, type_graphql_1.Mutation)(() => training_type_1.TrainingRunType, { description: 'Queues a training run and returns it at once (status QUEUED).' }),
    __param(0, (0, type_graphql_1.Ctx)()),
    __param(1, (0, type_graphql_1.Arg)('modelId', () => type_graphql_1.ID)),
    __param(2, (0, type_graphql_1.Arg)('params', () => scalars_1.JSONScalar, { nullable: true, description: "Overrides of the model's params for this run." })),
    __param(3, (0, type_graphql_1.Arg)('seed', () => type_graphql_1.Int, { nullable: true, description: 'Default 42: same data, params and seed, same result.' })),
    __param(4, (0, type_graphql_1.Arg)('asOf', () => scalars_1.DateTimeScalar, { nullable: true, description: 'Features as of this date (default: the latest order).' })),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [Object, String, Object, Object, Object]),
    __metadata("design:returntype", Promise)
], SegmentationModelResolver.prototype, "startTrainingRun", null);
__decorate([
    (0, type_graphql_1.Authorized)('analyst'),
    (0, type_graphql_1.Mutation)(() => training_type_1.TrainingRunType),
    __param(0, (0, type_graphql_1.Ctx)()),
    __param(1, (0, type_graphql_1.Arg)('id', () => type_graphql_1.ID)),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [Object, String]),
    __metadata("design:returntype", Promise)
], SegmentationModelResolver.prototype, "cancelTrainingRun", null);
__decorate([
    (0, type_graphql_1.Authorized)('admin'),
    (0, type_graphql_1.Mutation)(() => training_type_1.ModelVersionType, { description: 'Points an alias (e.g. production) at a version.' }),
    __param(0, (0, type_graphql_1.Ctx)()),
    __param(1, (0, type_graphql_1.Arg)('versionId', () => type_graphql_1.ID)),
    __param(2, (0, type_graphql_1.Arg)('alias')),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [Object, String, String]),
    __metadata("design:returntype", Promise)
], SegmentationModelResolver.prototype, "setModelAlias", null);
__decorate([
    (0, type_graphql_1.Authorized)('analyst'),
    (0, query_limits_1.Expensive)(),
    (0, type_graphql_1.Mutation)(() => [training_type_1.SegmentAssignmentType], { description: "Assigns customers now, with the alias's version (features as of the latest order); nothing is stored." }),
    __param(0, (0, type_graphql_1.Ctx)()),
    __param(1, (0, type_graphql_1.Arg)('ids', () => [type_graphql_1.ID])),
    __param(2, (0, type_graphql_1.Arg)('alias', { defaultValue: training_service_1.DEFAULT_ALIAS })),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [Object, Array, String]),
    __metadata("design:returntype", Promise)
], SegmentationModelResolver.prototype, "assignCustomers", null);
__decorate([
    (0, type_graphql_1.FieldResolver)(() => training_type_1.SegmenterType),
    __param(0, (0, type_graphql_1.Root)()),
    __param(1, (0, type_graphql_1.Ctx)()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [entities_1.SegmentationModel, Object]),
    __metadata("design:returntype", Object)
], SegmentationModelResolver.prototype, "segmenter", null);
__decorate([
    (0, type_graphql_1.FieldResolver)(() => training_type_1.ModelVersionConnection, { complexity: connection_type_1.connectionComplexity, description: 'Newest first.' }),
    __param(0, (0, type_graphql_1.Root)()),
    __param(1, (0, type_graphql_1.Ctx)()),
    __param(2, (0, type_graphql_1.Args)()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [entities_1.SegmentationModel, Object, connection_type_1.ConnectionArgs]),
    __metadata("design:returntype", void 0)
], SegmentationModelResolver.prototype, "versions", null);
__decorate([
    (0, type_graphql_1.FieldResolver)(() => training_type_1.TrainingRunConnection, { complexity: connection_type_1.connectionComplexity, description: 'Newest first.' }),
    __param(0, (0, type_graphql_1.Root)()),
    __param(1, (0, type_graphql_1.Ctx)()),
    __param(2, (0, type_graphql_1.Args)()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [entities_1.SegmentationModel, Object, connection_type_1.ConnectionArgs]),
    __metadata("design:returntype", void 0)
], SegmentationModelResolver.prototype, "runs", null);
exports.SegmentationModelResolver = SegmentationModelResolver = __decorate([
    (0, type_graphql_1.Resolver)(() => training_type_1.SegmentationModelType)
], SegmentationModelResolver);
let TrainingRunResolver = class TrainingRunResolver {
    trainingRun(ctx, id) {
        return ctx.services.training.getRun((0, ids_1.parseId)(id));
    }
    trainingRuns(ctx, page, filter) {
        return ctx.services.training.listRuns({ modelId: filter?.modelId ? (0, ids_1.parseId)(filter.modelId, 'modelId') : null, status: filter?.status ?? null }, page);
    }
    async model(run, ctx) {
        return (await ctx.loaders.model.load(run.modelId));
    }
    modelVersion(run, ctx) {
        return run.modelVersionId === null ? null : ctx.loaders.version.load(run.modelVersionId);
    }
    trainingRunProgress(run, _runId) {
        return run;
    }
};
exports.TrainingRunResolver = TrainingRunResolver;
__decorate([
    (0, type_graphql_1.Query)(() => training_type_1.TrainingRunType, { nullable: true }),
    __param(0, (0, type_graphql_1.Ctx)()),
    __param(1, (0, type_graphql_1.Arg)('id', () => type_graphql_1.ID)),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [Object, String]),
    __metadata("design:returntype", Promise)
], TrainingRunResolver.prototype, "trainingRun", null);
__decorate([
    (0, type_graphql_1.Query)(() => training_type_1.TrainingRunConnection, { complexity: connection_type_1.connectionComplexity, description: 'Newest first.' }),
    __param(0, (0, type_graphql_1.Ctx)()),
    __param(1, (0, type_graphql_1.Args)()),
    __param(2, (0, type_graphql_1.Arg)('filter', () => training_type_1.TrainingRunFilter, { nullable: true })),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [Object, connection_type_1.ConnectionArgs, Object]),
    __metadata("design:returntype", Promise)
], TrainingRunResolver.prototype, "trainingRuns", null);
__decorate([
    (0, type_graphql_1.FieldResolver)(() => training_type_1.SegmentationModelType),
    __param(0, (0, type_graphql_1.Root)()),
    __param(1, (0, type_graphql_1.Ctx)()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [entities_1.TrainingRun, Object]),
    __metadata("design:returntype", Promise)
], TrainingRunResolver.prototype, "model", null);
__decorate([
    (0, type_graphql_1.FieldResolver)(() => training_type_1.ModelVersionType, { nullable: true, description: 'The version a successful run created.' }),
    __param(0, (0, type_graphql_1.Root)()),
    __param(1, (0, type_graphql_1.Ctx)()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [entities_1.TrainingRun, Object]),
    __metadata("design:returntype", Object)
], TrainingRunResolver.prototype, "modelVersion", null);
__decorate([
    (0, type_graphql_1.Authorized)('analyst'),
    (0, type_graphql_1.Subscription)(() => training_type_1.TrainingRunType, {
        description: "A run's state: first its current state, then every status change and progress update; completes when the run ends.",
        subscribe: ({ args, context }) => trainingRunUpdates(context.services, (0, ids_1.parseId)(String(args.runId), 'runId')),
    }),
    __param(0, (0, type_graphql_1.Root)()),
    __param(1, (0, type_graphql_1.Arg)('runId', () => type_graphql_1.ID)),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [entities_1.TrainingRun, String]),
    __metadata("design:returntype", entities_1.TrainingRun)
], TrainingRunResolver.prototype, "trainingRunProgress", null);
exports.TrainingRunResolver = TrainingRunResolver = __decorate([
    (0, type_graphql_1.Resolver)(() => training_type_1.TrainingRunType)
], TrainingRunResolver);
/** The subscription's stream: current state first (a late subscriber is not blind), then updates, never backwards. */
async function* trainingRunUpdates(services, runId) {
    const updates = services.pubsub.subscribe(pubsub_1.Topic.TRAINING_RUN, runId);
    try {
        let last = await services.training.getRun(runId);
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
let ModelVersionResolver = class ModelVersionResolver {
    async model(version, ctx) {
        return (await ctx.loaders.model.load(version.modelId));
    }
    segments(version, ctx) {
        return ctx.loaders.segmentsOfVersion.load(version.id);
    }
    aliases(version, ctx) {
        return ctx.loaders.aliasesOfVersion.load(version.id);
    }
    async run(version, ctx) {
        return (await ctx.loaders.run.load(version.runId));
    }
};
exports.ModelVersionResolver = ModelVersionResolver;
__decorate([
    (0, type_graphql_1.FieldResolver)(() => training_type_1.SegmentationModelType),
    __param(0, (0, type_graphql_1.Root)()),
    __param(1, (0, type_graphql_1.Ctx)()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [entities_1.ModelVersion, Object]),
    __metadata("design:returntype", Promise)
], ModelVersionResolver.prototype, "model", null);
__decorate([
    (0, type_graphql_1.FieldResolver)(() => [training_type_1.SegmentType]),
    __param(0, (0, type_graphql_1.Root)()),
    __param(1, (0, type_graphql_1.Ctx)()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [entities_1.ModelVersion, Object]),
    __metadata("design:returntype", Promise)
], ModelVersionResolver.prototype, "segments", null);
__decorate([
    (0, type_graphql_1.FieldResolver)(() => [String]),
    __param(0, (0, type_graphql_1.Root)()),
    __param(1, (0, type_graphql_1.Ctx)()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [entities_1.ModelVersion, Object]),
    __metadata("design:returntype", Promise)
], ModelVersionResolver.prototype, "aliases", null);
__decorate([
    (0, type_graphql_1.FieldResolver)(() => training_type_1.TrainingRunType),
    __param(0, (0, type_graphql_1.Root)()),
    __param(1, (0, type_graphql_1.Ctx)()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [entities_1.ModelVersion, Object]),
    __metadata("design:returntype", Promise)
], ModelVersionResolver.prototype, "run", null);
exports.ModelVersionResolver = ModelVersionResolver = __decorate([
    (0, type_graphql_1.Resolver)(() => training_type_1.ModelVersionType)
], ModelVersionResolver);
let SegmentResolver = class SegmentResolver {
    segments(ctx, modelVersionId, alias) {
        return ctx.services.training.segmentsFor(modelVersionId ? (0, ids_1.parseId)(modelVersionId, 'modelVersionId') : null, alias ?? null);
    }
    segment(ctx, id) {
        return ctx.services.training.getSegment((0, ids_1.parseId)(id));
    }
    async version(segment, ctx) {
        return (await ctx.loaders.version.load(segment.versionId));
    }
    async share(segment, ctx) {
        const all = await ctx.loaders.segmentsOfVersion.load(segment.versionId);
        const total = all.reduce((sum, s) => sum + s.size, 0);
        return total > 0 ? segment.size / total : 0;
    }
    centroid(segment) {
        return training_type_1.FeatureValueType.list(segment.centroid);
    }
    customers(segment, ctx, page) {
        return ctx.services.training.segmentCustomers(segment.id, page);
    }
};
exports.SegmentResolver = SegmentResolver;
__decorate([
    (0, type_graphql_1.Query)(() => [training_type_1.SegmentType], { description: 'Segments of a version, by id or by alias (default production).' }),
    __param(0, (0, type_graphql_1.Ctx)()),
    __param(1, (0, type_graphql_1.Arg)('modelVersionId', () => type_graphql_1.ID, { nullable: true })),
    __param(2, (0, type_graphql_1.Arg)('alias', () => String, { nullable: true, defaultValue: training_service_1.DEFAULT_ALIAS })),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [Object, Object, Object]),
    __metadata("design:returntype", Promise)
], SegmentResolver.prototype, "segments", null);
__decorate([
    (0, type_graphql_1.Query)(() => training_type_1.SegmentType, { nullable: true }),
    __param(0, (0, type_graphql_1.Ctx)()),
    __param(1, (0, type_graphql_1.Arg)('id', () => type_graphql_1.ID)),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [Object, String]),
    __metadata("design:returntype", Promise)
], SegmentResolver.prototype, "segment", null);
__decorate([
    (0, type_graphql_1.FieldResolver)(() => training_type_1.ModelVersionType),
    __param(0, (0, type_graphql_1.Root)()),
    __param(1, (0, type_graphql_1.Ctx)()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [entities_1.Segment, Object]),
    __metadata("design:returntype", Promise)
], SegmentResolver.prototype, "version", null);
__decorate([
    (0, type_graphql_1.FieldResolver)(() => type_graphql_1.Float, { description: 'Size / customers in the version.' }),
    __param(0, (0, type_graphql_1.Root)()),
    __param(1, (0, type_graphql_1.Ctx)()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [entities_1.Segment, Object]),
    __metadata("design:returntype", Promise)
], SegmentResolver.prototype, "share", null);
__decorate([
    (0, type_graphql_1.FieldResolver)(() => [training_type_1.FeatureValueType], { nullable: true, description: "The centre in feature units, one per feature in the version's featureNames order; null where the segmenter has no centres." }),
    __param(0, (0, type_graphql_1.Root)()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [entities_1.Segment]),
    __metadata("design:returntype", Object)
], SegmentResolver.prototype, "centroid", null);
__decorate([
    (0, type_graphql_1.FieldResolver)(() => training_type_1.SegmentCustomerConnection, { complexity: connection_type_1.connectionComplexity, description: 'Its customers, nearest to the centre first.' }),
    __param(0, (0, type_graphql_1.Root)()),
    __param(1, (0, type_graphql_1.Ctx)()),
    __param(2, (0, type_graphql_1.Args)()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [entities_1.Segment, Object, connection_type_1.ConnectionArgs]),
    __metadata("design:returntype", void 0)
], SegmentResolver.prototype, "customers", null);
exports.SegmentResolver = SegmentResolver = __decorate([
    (0, type_graphql_1.Resolver)(() => training_type_1.SegmentType)
], SegmentResolver);
let SegmentAssignmentResolver = class SegmentAssignmentResolver {
    predictions(a, ctx) {
        if (a.predictions !== undefined)
            return a.predictions;
        return ctx.loaders.versionPrediction.load({ customerId: a.customerId, versionId: a.versionId });
    }
    async segment(a, ctx) {
        return (await ctx.loaders.segment.load(a.segmentId));
    }
    async version(a, ctx) {
        return (await ctx.loaders.version.load(a.versionId));
    }
    async customer(a, ctx) {
        return (await ctx.loaders.customer.load(a.customerId)) ?? Promise.reject((0, errors_1.notFound)('customer', a.customerId));
    }
};
exports.SegmentAssignmentResolver = SegmentAssignmentResolver;
__decorate([
    (0, type_graphql_1.FieldResolver)(() => prediction_type_1.CustomerPredictionType, {
        nullable: true,
        description: "The version's predictions for the customer (null when it does not predict): from `assignCustomers`, computed now with the same data; elsewhere, the stored ones.",
    }),
    __param(0, (0, type_graphql_1.Root)()),
    __param(1, (0, type_graphql_1.Ctx)()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [Object, Object]),
    __metadata("design:returntype", Object)
], SegmentAssignmentResolver.prototype, "predictions", null);
__decorate([
    (0, type_graphql_1.FieldResolver)(() => training_type_1.SegmentType),
    __param(0, (0, type_graphql_1.Root)()),
    __param(1, (0, type_graphql_1.Ctx)()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [Object, Object]),
    __metadata("design:returntype", Promise)
], SegmentAssignmentResolver.prototype, "segment", null);
__decorate([
    (0, type_graphql_1.FieldResolver)(() => training_type_1.ModelVersionType),
    __param(0, (0, type_graphql_1.Root)()),
    __param(1, (0, type_graphql_1.Ctx)()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [Object, Object]),
    __metadata("design:returntype", Promise)
], SegmentAssignmentResolver.prototype, "version", null);
__decorate([
    (0, type_graphql_1.FieldResolver)(() => customer_type_1.CustomerType),
    __param(0, (0, type_graphql_1.Root)()),
    __param(1, (0, type_graphql_1.Ctx)()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [Object, Object]),
    __metadata("design:returntype", Promise)
], SegmentAssignmentResolver.prototype, "customer", null);
exports.SegmentAssignmentResolver = SegmentAssignmentResolver = __decorate([
    (0, type_graphql_1.Resolver)(() => training_type_1.SegmentAssignmentType)
], SegmentAssignmentResolver);
let CustomerSegmentResolver = class CustomerSegmentResolver {
    segment(customer, ctx, alias) {
        return ctx.loaders.customerSegment.load({ customerId: customer.id, alias });
    }
    predictions(customer, ctx, alias) {
        return ctx.loaders.customerPrediction.load({ customerId: customer.id, alias });
    }
};
exports.CustomerSegmentResolver = CustomerSegmentResolver;
__decorate([
    (0, type_graphql_1.FieldResolver)(() => training_type_1.SegmentAssignmentType, {
        nullable: true,
        description: "The customer's segment in the version an alias points at (default production); null when the version has no assignment for the customer (a customer new since). An alias that points at no version is a NOT_FOUND error naming it.",
    }),
    __param(0, (0, type_graphql_1.Root)()),
    __param(1, (0, type_graphql_1.Ctx)()),
    __param(2, (0, type_graphql_1.Arg)('alias', { defaultValue: training_service_1.DEFAULT_ALIAS })),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [Object, Object, String]),
    __metadata("design:returntype", Promise)
], CustomerSegmentResolver.prototype, "segment", null);
__decorate([
    (0, type_graphql_1.FieldResolver)(() => prediction_type_1.CustomerPredictionType, {
        nullable: true,
        description: "The customer's predictions by the version an alias points at (default `value`; null until the alias is set, or when its version does not predict).",
    }),
    __param(0, (0, type_graphql_1.Root)()),
    __param(1, (0, type_graphql_1.Ctx)()),
    __param(2, (0, type_graphql_1.Arg)('alias', { defaultValue: 'value' })),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [Object, Object, String]),
    __metadata("design:returntype", Promise)
], CustomerSegmentResolver.prototype, "predictions", null);
exports.CustomerSegmentResolver = CustomerSegmentResolver = __decorate([
    (0, type_graphql_1.Resolver)(() => customer_type_1.CustomerType)
], CustomerSegmentResolver);
//# sourceMappingURL=training.resolver.js.map