import { CustomerPredictionType } from './types/prediction.type';
import { StoredPrediction } from '../services/prediction.service';
import { Arg, Authorized, Args, Ctx, FieldResolver, Float, ID, Int, Mutation, Query, Resolver, Root, Subscription } from 'type-graphql';
import { ModelVersion, Segment, SegmentationModel, TrainingRun } from '../entities';
import { notFound } from '../errors';
import { Topic } from '../pubsub/pubsub';
import { followState } from '../pubsub/follow-state';
import { Segmenter } from '../registry/segmenter';
import { Services } from '../services';
import { ConnectionShape } from '../services/pagination';
import { CustomerAssignment, DEFAULT_ALIAS, SegmentMap } from '../services/training.service';
import { Context } from './context';
import { ConnectionArgs, connectionComplexity } from './types/connection.type';
import { parseId } from './ids';
import { CustomerType } from './types/customer.type';
import { DateTimeScalar, JSONScalar } from './types/scalars';
import { Expensive } from '../auth/query-limits';
import {
  AcceleratorEnum,
  ComputeBackendType,
  ComputeWorkerType,
  FeatureValueType,
  ModelVersionConnection,
  ModelVersionType,
  RegisterModelInput,
  SegmentAssignmentType,
  SegmentCustomerConnection,
  SegmentType,
  SegmentationModelConnection,
  SegmentationModelType,
  SegmenterType,
  TrainingRunConnection,
  TrainingRunFilter,
  TrainingRunType,
  SegmentMapType,
} from './types/training.type';

@Resolver(() => SegmenterType)
export class SegmenterResolver {
  @Query(() => [SegmenterType], { description: 'The segmenter plugins this server offers.' })
  segmenters(@Ctx() ctx: Context): Segmenter[] {
    return ctx.services.training.registry.list().map((s) => ({ ...s, capabilities: { ...s.capabilities, predicts: s.capabilities.predicts === true } }));
  }

  @Query(() => [ComputeBackendType], { description: "The compute backends this server can train on, best first, and (several machines) the live workers that have each." })
  computeBackends(@Ctx() ctx: Context): Promise<ComputeBackendType[]> {
    return ctx.services.training.computeBackends();
  }

  @Authorized('analyst')
  @Query(() => [ComputeWorkerType], { description: 'The live worker processes of the cluster (several machines, REDIS_URL); empty in one process.' })
  async computeWorkers(@Ctx() ctx: Context): Promise<ComputeWorkerType[]> {
    return (await ctx.services.training.computeWorkers()).map((w) => ({ ...w, startedAt: new Date(w.startedAt), lastSeenAt: new Date(w.lastSeenAt) }));
  }
}

@Resolver(() => SegmentationModelType)
export class SegmentationModelResolver {
  @Query(() => SegmentationModelConnection, { complexity: connectionComplexity })
  models(@Ctx() ctx: Context, @Args() page: ConnectionArgs) {
    return ctx.services.training.listModels(page);
  }

  @Query(() => SegmentationModelType, { nullable: true })
  model(@Ctx() ctx: Context, @Arg('id', () => ID) id: string): Promise<SegmentationModel> {
    return ctx.services.training.getModel(parseId(id));
  }

  @Authorized('analyst')
  @Mutation(() => SegmentationModelType, { description: "Registers a model; params are checked against the segmenter's schema." })
  registerModel(@Ctx() ctx: Context, @Arg('input', () => RegisterModelInput) input: RegisterModelInput): Promise<SegmentationModel> {
    return ctx.services.training.registerModel(input);
  }

  @Authorized('analyst')
  @Expensive()
  @Mutation(() => TrainingRunType, { description: 'Queues a training run and returns it at once (status QUEUED).' })
  startTrainingRun(
    @Ctx() ctx: Context,
    @Arg('modelId', () => ID) modelId: string,
    @Arg('params', () => JSONScalar, { nullable: true, description: "Overrides of the model's params for this run." }) params?: Record<string, unknown> | null,
    @Arg('seed', () => Int, { nullable: true, description: 'Default 42: same data, params and seed, same result.' }) seed?: number | null,
    @Arg('asOf', () => DateTimeScalar, { nullable: true, description: 'Features as of this date (default: the latest order).' }) asOf?: Date | null,
    @Arg('accelerator', () => AcceleratorEnum, { nullable: true, description: 'GPU: only a worker with a GPU backend takes the run (default ANY).' }) accelerator?: AcceleratorEnum | null,
  ): Promise<TrainingRun> {
    return ctx.services.training.startRun(parseId(modelId, 'modelId'), params, { seed, asOf, keyId: ctx.principal.keyId, accelerator, requestId: ctx.requestId });
  }

  @Authorized('analyst')
  @Mutation(() => TrainingRunType)
  cancelTrainingRun(@Ctx() ctx: Context, @Arg('id', () => ID) id: string): Promise<TrainingRun> {
    return ctx.services.training.cancelRun(parseId(id));
  }

  @Authorized('admin')
  @Mutation(() => ModelVersionType, { description: 'Points an alias (e.g. production) at a version.' })
  setModelAlias(@Ctx() ctx: Context, @Arg('versionId', () => ID) versionId: string, @Arg('alias') alias: string): Promise<ModelVersion> {
    return ctx.services.training.setAlias(parseId(versionId, 'versionId'), alias, ctx.actor);
  }

  @Authorized('analyst')
  @Expensive()
  @Mutation(() => [SegmentAssignmentType], { description: "Assigns customers now, with the alias's version (features as of the latest order); nothing is stored." })
  assignCustomers(
    @Ctx() ctx: Context,
    @Arg('ids', () => [ID]) ids: string[],
    @Arg('alias', { defaultValue: DEFAULT_ALIAS }) alias: string,
  ): Promise<CustomerAssignment[]> {
    return ctx.services.training.assignCustomers(
      ids.map((id) => parseId(id, 'ids')),
      alias,
    );
  }

  @FieldResolver(() => SegmenterType)
  segmenter(@Root() model: SegmentationModel, @Ctx() ctx: Context): Segmenter {
    const s = ctx.services.training.registry.get(model.segmenter);
    // As `segmenters` answers it: a plugin that does not say whether it predicts does not.
    return { ...s, capabilities: { ...s.capabilities, predicts: s.capabilities.predicts === true } };
  }

  @FieldResolver(() => ModelVersionConnection, { complexity: connectionComplexity, description: 'Newest first.' })
  versions(@Root() model: SegmentationModel, @Ctx() ctx: Context, @Args() page: ConnectionArgs) {
    return ctx.loaders.modelVersions.load({ parentId: model.id, ...page });
  }

  @FieldResolver(() => TrainingRunConnection, { complexity: connectionComplexity, description: 'Newest first.' })
  runs(@Root() model: SegmentationModel, @Ctx() ctx: Context, @Args() page: ConnectionArgs) {
    return ctx.loaders.modelRuns.load({ parentId: model.id, ...page });
  }
}

@Resolver(() => TrainingRunType)
export class TrainingRunResolver {
  @Query(() => TrainingRunType, { nullable: true })
  trainingRun(@Ctx() ctx: Context, @Arg('id', () => ID) id: string): Promise<TrainingRun> {
    return ctx.services.training.getRun(parseId(id));
  }

  @Query(() => TrainingRunConnection, { complexity: connectionComplexity, description: 'Newest first.' })
  trainingRuns(
    @Ctx() ctx: Context,
    @Args() page: ConnectionArgs,
    @Arg('filter', () => TrainingRunFilter, { nullable: true }) filter?: TrainingRunFilter | null,
  ): Promise<ConnectionShape<TrainingRun>> {
    return ctx.services.training.listRuns({ modelId: filter?.modelId ? parseId(filter.modelId, 'modelId') : null, status: filter?.status ?? null }, page);
  }

  @FieldResolver(() => SegmentationModelType)
  async model(@Root() run: TrainingRun, @Ctx() ctx: Context): Promise<SegmentationModel> {
    return (await ctx.loaders.model.load(run.modelId))!;
  }

  @FieldResolver(() => ModelVersionType, { nullable: true, description: 'The version a successful run created.' })
  modelVersion(@Root() run: TrainingRun, @Ctx() ctx: Context): Promise<ModelVersion | null> | null {
    return run.modelVersionId === null ? null : ctx.loaders.version.load(run.modelVersionId);
  }

  @Authorized('analyst')
  @Subscription(() => TrainingRunType, {
    description: "A run's state: first its current state, then every status change and progress update; completes when the run ends.",
    subscribe: ({ args, context }) => trainingRunUpdates((context as Context).services, parseId(String(args.runId), 'runId')),
  })
  trainingRunProgress(@Root() run: TrainingRun, @Arg('runId', () => ID) _runId: string): TrainingRun {
    return run;
  }
}

/** The subscription's stream: current state first (a late subscriber is not blind), then updates, never backwards. */
export async function* trainingRunUpdates(services: Services, runId: number): AsyncGenerator<TrainingRun> {
  const updates = services.pubsub.subscribe(Topic.TRAINING_RUN, runId);
  try {
    yield* followState(updates, () => services.training.getRun(runId));
  } finally {
    await updates.return?.();
  }
}

@Resolver(() => ModelVersionType)
export class ModelVersionResolver {
  @FieldResolver(() => SegmentationModelType)
  async model(@Root() version: ModelVersion, @Ctx() ctx: Context): Promise<SegmentationModel> {
    return (await ctx.loaders.model.load(version.modelId))!;
  }

  @FieldResolver(() => [SegmentType])
  segments(@Root() version: ModelVersion, @Ctx() ctx: Context): Promise<Segment[]> {
    return ctx.loaders.segmentsOfVersion.load(version.id);
  }

  @FieldResolver(() => [String])
  aliases(@Root() version: ModelVersion, @Ctx() ctx: Context): Promise<string[]> {
    return ctx.loaders.aliasesOfVersion.load(version.id);
  }

  @FieldResolver(() => TrainingRunType)
  async run(@Root() version: ModelVersion, @Ctx() ctx: Context): Promise<TrainingRun> {
    return (await ctx.loaders.run.load(version.runId))!;
  }

  // Costed as what it is (up to 5,000 points in 4 columns): a few maps fit in one request, not hundreds.
  @FieldResolver(() => SegmentMapType, { complexity: 5000, description: 'Its segment map (up to 5,000 points; costed so that one request holds at most a few).' })
  segmentMap(@Root() version: ModelVersion, @Ctx() ctx: Context): Promise<SegmentMap> {
    return ctx.services.training.segmentMap(version);
  }
}

@Resolver(() => SegmentType)
export class SegmentResolver {
  @Query(() => [SegmentType], { description: 'Segments of a version, by id or by alias (default production).' })
  segments(
    @Ctx() ctx: Context,
    @Arg('modelVersionId', () => ID, { nullable: true }) modelVersionId?: string | null,
    @Arg('alias', () => String, { nullable: true, defaultValue: DEFAULT_ALIAS }) alias?: string | null,
  ): Promise<Segment[]> {
    return ctx.services.training.segmentsFor(modelVersionId ? parseId(modelVersionId, 'modelVersionId') : null, alias ?? null);
  }

  @Query(() => SegmentType, { nullable: true })
  segment(@Ctx() ctx: Context, @Arg('id', () => ID) id: string): Promise<Segment> {
    return ctx.services.training.getSegment(parseId(id));
  }

  @FieldResolver(() => ModelVersionType)
  async version(@Root() segment: Segment, @Ctx() ctx: Context): Promise<ModelVersion> {
    return (await ctx.loaders.version.load(segment.versionId))!;
  }

  @FieldResolver(() => Float, { description: 'Size / customers in the version.' })
  async share(@Root() segment: Segment, @Ctx() ctx: Context): Promise<number> {
    const all = await ctx.loaders.segmentsOfVersion.load(segment.versionId);
    const total = all.reduce((sum, s) => sum + s.size, 0);
    return total > 0 ? segment.size / total : 0;
  }

  @FieldResolver(() => [FeatureValueType], { nullable: true, description: "The centre in feature units, one per feature in the version's featureNames order; null where the segmenter has no centres." })
  centroid(@Root() segment: Segment): FeatureValueType[] | null {
    return FeatureValueType.list(segment.centroid);
  }

  @FieldResolver(() => SegmentCustomerConnection, { complexity: connectionComplexity, description: 'Its customers, nearest to the centre first.' })
  customers(@Root() segment: Segment, @Ctx() ctx: Context, @Args() page: ConnectionArgs) {
    return ctx.services.training.segmentCustomers(segment.id, page);
  }
}

@Resolver(() => SegmentAssignmentType)
export class SegmentAssignmentResolver {
  @FieldResolver(() => CustomerPredictionType, {
    nullable: true,
    description: "The version's predictions for the customer (null when it does not predict): from `assignCustomers`, computed now with the same data; elsewhere, the stored ones.",
  })
  predictions(@Root() a: CustomerAssignment, @Ctx() ctx: Context): Promise<StoredPrediction | null> | StoredPrediction | null {
    if (a.predictions !== undefined) return a.predictions;
    return ctx.loaders.versionPrediction.load({ customerId: a.customerId, versionId: a.versionId });
  }

  @FieldResolver(() => SegmentType)
  async segment(@Root() a: CustomerAssignment, @Ctx() ctx: Context): Promise<Segment> {
    return (await ctx.loaders.segment.load(a.segmentId))!;
  }

  @FieldResolver(() => ModelVersionType)
  async version(@Root() a: CustomerAssignment, @Ctx() ctx: Context): Promise<ModelVersion> {
    return (await ctx.loaders.version.load(a.versionId))!;
  }

  @FieldResolver(() => CustomerType)
  async customer(@Root() a: CustomerAssignment, @Ctx() ctx: Context) {
    return (await ctx.loaders.customer.load(a.customerId)) ?? Promise.reject(notFound('customer', a.customerId));
  }
}

@Resolver(() => CustomerType)
export class CustomerSegmentResolver {
  @FieldResolver(() => SegmentAssignmentType, {
    nullable: true,
    description: "The customer's segment in the version an alias points at (default production); null when the version has no assignment for the customer (a customer new since). An alias that points at no version is a NOT_FOUND error naming it.",
  })
  segment(@Root() customer: { id: number }, @Ctx() ctx: Context, @Arg('alias', { defaultValue: DEFAULT_ALIAS }) alias: string): Promise<CustomerAssignment | null> {
    return ctx.loaders.customerSegment.load({ customerId: customer.id, alias });
  }

  @FieldResolver(() => CustomerPredictionType, {
    nullable: true,
    description: "The customer's predictions by the version an alias points at (default `value`; null until the alias is set, or when its version does not predict).",
  })
  predictions(@Root() customer: { id: number }, @Ctx() ctx: Context, @Arg('alias', { defaultValue: 'value' }) alias: string): Promise<StoredPrediction | null> {
    return ctx.loaders.customerPrediction.load({ customerId: customer.id, alias });
  }
}
