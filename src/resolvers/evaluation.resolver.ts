import { Arg, Authorized, Args, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { Expensive } from '../auth/query-limits';
import { EvaluationRun, ModelVersion, Segment } from '../entities';
import { EvaluationMetrics, Comparison, DEFAULT_HORIZON_DAYS } from '../services/evaluation.service';
import { Context } from './context';
import { ConnectionArgs, connectionComplexity } from './types/connection.type';
import { parseId } from './ids';
import { DateTimeScalar } from './types/scalars';
import { BestByMetricType, FairnessReportType, SegmentMigrationType } from './types/evaluation.type';
import { EvaluationRunType } from './types/evaluation-run.type';
import { AliasMoveConnection, ComparisonType, DistinguishingCategoryType, DistinguishingProductType, EvaluationMetricsType, FeatureDeltaType, ModelVersionType, SegmentType } from './types/training.type';

const asType = (m: EvaluationMetrics): EvaluationMetricsType => ({ ...m, asOf: new Date(m.asOf) });
const comparisonType = (c: Comparison): ComparisonType => ({ ...c, bestByMetric: BestByMetricType.from(c.bestByMetric), rows: c.rows.map((r) => ({ ...r, metrics: r.metrics ? asType(r.metrics) : null })) });

/** Evaluation on a time split, comparison of versions, alias history and segment migration (data scientists). */
@Resolver()
export class EvaluationResolver {
  @Authorized('analyst')
  @Expensive()
  @Query(() => ComparisonType, { description: 'Versions on the same customers and time split (default: the earliest asOf they were trained at), best per metric, CSV.' })
  async compareModelVersions(
    @Ctx() ctx: Context,
    @Arg('ids', () => [ID]) ids: string[],
    @Arg('asOf', () => DateTimeScalar, { nullable: true }) asOf?: Date | null,
    @Arg('horizonDays', () => Int, { defaultValue: DEFAULT_HORIZON_DAYS }) horizonDays?: number,
  ): Promise<ComparisonType> {
    return comparisonType(await ctx.services.evaluation.compare(ids.map((id) => parseId(id, 'ids')), asOf ?? null, horizonDays));
  }

  @Authorized('analyst')
  @Expensive()
  @Query(() => ComparisonType, { description: 'The newest versions (up to `first`, at most 20) ranked on one metric, on one split.' })
  async leaderboard(
    @Ctx() ctx: Context,
    @Arg('metric') metric: string,
    @Arg('asOf', () => DateTimeScalar, { nullable: true }) asOf?: Date | null,
    @Arg('horizonDays', () => Int, { defaultValue: DEFAULT_HORIZON_DAYS }) horizonDays?: number,
    @Arg('first', () => Int, { defaultValue: 20 }) first?: number,
  ): Promise<ComparisonType> {
    return comparisonType(await ctx.services.evaluation.leaderboard(metric, asOf ?? null, horizonDays, first));
  }

  @Authorized('analyst')
  @Expensive()
  @Mutation(() => EvaluationRunType, {
    description: "Queues an evaluation of one version (as startEvaluation with one id) and returns the run at once; the split defaults to the version's own asOf. Its metrics land in `evaluations` and comparisons when the run SUCCEEDED.",
  })
  evaluateModelVersion(
    @Ctx() ctx: Context,
    @Arg('id', () => ID) id: string,
    @Arg('asOf', () => DateTimeScalar, { nullable: true }) asOf?: Date | null,
    @Arg('horizonDays', () => Int, { defaultValue: DEFAULT_HORIZON_DAYS }) horizonDays?: number,
    @Arg('refresh', { defaultValue: false }) refresh?: boolean,
  ): Promise<EvaluationRun> {
    return ctx.services.evaluation.start([parseId(id)], asOf ?? null, horizonDays, { refresh, keyId: ctx.principal.keyId, requestId: ctx.requestId });
  }

  @Authorized('analyst')
  @Expensive()
  @Query(() => SegmentMigrationType, { description: 'How many customers moved from each segment of one version to each segment of another.' })
  segmentMigration(@Ctx() ctx: Context, @Arg('fromVersionId', () => ID) from: string, @Arg('toVersionId', () => ID) to: string): Promise<SegmentMigrationType> {
    return ctx.services.evaluation.segmentMigration(parseId(from, 'fromVersionId'), parseId(to, 'toVersionId'));
  }

  @Query(() => AliasMoveConnection, { complexity: connectionComplexity, description: 'Who moved an alias (or any alias) to which version, and when; newest first.' })
  aliasHistory(@Ctx() ctx: Context, @Args() page: ConnectionArgs, @Arg('alias', () => String, { nullable: true }) alias?: string | null) {
    return ctx.services.training.aliasHistory(alias ?? null, page);
  }
}

@Resolver(() => ModelVersionType)
export class ModelVersionEvaluationResolver {
  @Query(() => ModelVersionType, { nullable: true })
  modelVersion(@Ctx() ctx: Context, @Arg('id', () => ID) id: string): Promise<ModelVersion> {
    return ctx.services.training.getVersion(parseId(id));
  }

  @FieldResolver(() => [EvaluationMetricsType], { description: 'Its stored evaluations, one per time split.' })
  async evaluations(@Root() version: ModelVersion, @Ctx() ctx: Context): Promise<EvaluationMetricsType[]> {
    return (await ctx.services.evaluation.storedEvaluations(version.id)).map(asType);
  }

  @Authorized('analyst')
  @FieldResolver(() => FairnessReportType, { description: "Each segment's composition by protected attributes (gender, age band) against the population, largest deviation flagged." })
  async fairness(@Root() version: ModelVersion, @Ctx() ctx: Context): Promise<FairnessReportType> {
    return FairnessReportType.from(await ctx.services.evaluation.fairness(version.id));
  }
}

type Profile = {
  description?: string;
  kind?: string;
  nameReason?: string;
  actions?: string[];
  distinguishing?: FeatureDeltaType[];
  distinguishingCategories?: DistinguishingCategoryType[];
  distinguishingProducts?: DistinguishingProductType[];
};

@Resolver(() => SegmentType)
export class SegmentWordsResolver {
  @FieldResolver(() => String, { description: 'One sentence, from the numbers in the profile.' })
  description(@Root() segment: Segment): string {
    return (segment.profile as Profile).description ?? '';
  }

  @FieldResolver(() => String, {
    description: 'How it was named: the RFM rule that matched (champions, loyal, big_spenders, new, bargain_hunters, at_risk, hibernating, occasional), `taste` (from what its customers buy), `small` (under 1% or 20 customers) or other.',
  })
  kind(@Root() segment: Segment): string {
    return (segment.profile as Profile).kind ?? 'other';
  }

  @FieldResolver(() => String, { description: "The rule's condition: why the segment has its name." })
  nameReason(@Root() segment: Segment): string {
    return (segment.profile as Profile).nameReason ?? '';
  }

  @FieldResolver(() => [String], { description: 'Suggested marketing actions for this kind of segment (templates in SEGMENT_ACTIONS_FILE).' })
  actions(@Root() segment: Segment): string[] {
    return (segment.profile as Profile).actions ?? [];
  }

  @FieldResolver(() => [FeatureDeltaType], { description: 'The features that set it apart, largest standardised difference first.' })
  distinguishingFeatures(@Root() segment: Segment): FeatureDeltaType[] {
    return (segment.profile as Profile).distinguishing ?? [];
  }

  @FieldResolver(() => [DistinguishingCategoryType], { description: "Categories over-represented in the segment's spend (share in the segment against all customers, as lift), highest lift first." })
  distinguishingCategories(@Root() segment: Segment): DistinguishingCategoryType[] {
    return (segment.profile as Profile).distinguishingCategories ?? [];
  }

  @FieldResolver(() => [DistinguishingProductType], { description: 'Products bought by a larger share of the segment than of all customers (as lift), highest lift first.' })
  distinguishingProducts(@Root() segment: Segment): DistinguishingProductType[] {
    return (segment.profile as Profile).distinguishingProducts ?? [];
  }
}
