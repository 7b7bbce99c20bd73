import { Field, Float, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { ConnectionType, PageInfo } from './connection.type';
import { CategoryShareType, CustomerType } from './customer.type';
import type { ProfileFeature } from '../../evaluation/segment-profiles';
import { BestByMetricType } from './evaluation.type';
import { DateTimeScalar, JSONScalar } from './scalars';

export enum RunStatusEnum {
  QUEUED = 'QUEUED',
  RUNNING = 'RUNNING',
  SUCCEEDED = 'SUCCEEDED',
  FAILED = 'FAILED',
  CANCELLED = 'CANCELLED',
}
registerEnumType(RunStatusEnum, { name: 'RunStatus' });

@ObjectType('ParamSpec', { description: "One parameter a segmenter accepts; params are checked against these before a run is queued." })
export class ParamSpecType {
  @Field()
  name: string;

  @Field({ description: 'int, float, string, boolean or string[].' })
  type: string;

  @Field(() => JSONScalar, { nullable: true, description: 'The default value, of the type in `type` (JSON because that type differs from param to param).' })
  default: unknown;

  @Field(() => Float, { nullable: true })
  min?: number;

  @Field(() => Float, { nullable: true })
  max?: number;

  @Field(() => [String], { nullable: true })
  choices?: string[];

  @Field()
  description: string;
}

@ObjectType('Capabilities')
export class CapabilitiesType {
  @Field(() => [String], { description: 'Inputs it reads: numeric, text, sequence.' })
  inputs: string[];

  @Field()
  embeds: boolean;

  @Field()
  deterministicWithSeed: boolean;

  @Field({ description: 'none, optional or required.' })
  accelerator: string;

  @Field(() => Boolean, { description: 'Whether its versions store per-customer predictions (`Customer.predictions`).' })
  predicts: boolean;
}

@ObjectType('ComputeBackend', { description: 'A TensorFlow.js backend the transformer segmenters can train on.' })
export class ComputeBackendType {
  @Field({ description: 'tensorflow-gpu, tensorflow, wasm or cpu.' })
  name: string;

  @Field({ description: 'Installed (native builds are loaded, and CUDA checked, only by a training run).' })
  available: boolean;

  @Field({ description: 'The package behind it, or why it is not available.' })
  detail: string;

  @Field({ description: 'What `TRAINING_BACKEND=auto` takes first among the available ones, or the configured one.' })
  preferred: boolean;

  @Field(() => [String], { description: 'Several machines: the live workers where it is available (computeWorkers says more); empty in one process.' })
  workers: string[];
}

@ObjectType('Segmenter')
export class SegmenterType {
  @Field(() => ID)
  code: string;

  @Field()
  version: string;

  @Field()
  description: string;

  @Field(() => Int)
  artifactFormat: number;

  @Field(() => [ParamSpecType])
  params: ParamSpecType[];

  @Field(() => CapabilitiesType)
  capabilities: CapabilitiesType;
}

@ObjectType('SegmentationModel')
export class SegmentationModelType {
  @Field(() => ID)
  id: number;

  @Field()
  name: string;

  @Field(() => JSONScalar, { description: "Validated params, defaults filled in. JSON because params are the segmenter's own (see `Segmenter.params`)." })
  params: Record<string, unknown>;

  @Field({ description: 'Opted in to features derived from protected attributes.' })
  allowProtectedAttributes: boolean;

  @Field(() => DateTimeScalar)
  createdAt: Date;
}

export const SegmentationModelConnection = ConnectionType('SegmentationModel', SegmentationModelType);

@ObjectType('Metrics', { description: "A version's internal clustering metrics on its training customers: in the space it segmented (`space`), and on the standardised features (`rfm*`, comparable across segmenters)." })
export class MetricsType {
  @Field(() => String, { nullable: true, description: "Where inertia, silhouette, daviesBouldin and calinskiHarabasz are computed: `embedding` (the segmenter's own segmentation space) or `features` (the standardised features). Null for versions trained before it was recorded (then features)." })
  metricSpace: string | null;

  @Field(() => Float, { nullable: true, description: 'Silhouette on the standardised features, whatever the segmenter.' })
  rfmSilhouette: number | null;

  @Field(() => Float, { nullable: true })
  rfmDaviesBouldin: number | null;

  @Field(() => Float, { nullable: true })
  rfmCalinskiHarabasz: number | null;

  @Field(() => Float, { nullable: true })
  inertia: number | null;

  @Field(() => Float, { nullable: true, description: 'Exact up to 10,000 customers, on a seeded sample of 10,000 above.' })
  silhouette: number | null;

  @Field({ nullable: true })
  silhouetteSampled: boolean;

  @Field(() => Float, { nullable: true })
  daviesBouldin: number | null;

  @Field(() => Float, { nullable: true })
  calinskiHarabasz: number | null;

  @Field(() => [Int])
  sizes: number[];

  @Field(() => Int, { nullable: true })
  customers: number | null;

  @Field(() => JSONScalar, {
    nullable: true,
    description: "The segmenter's own facts about the model, as its `summary()` returns them (k-means: how k was chosen, with Davies-Bouldin and silhouette per k). JSON because each segmenter plugin has its own.",
  })
  extra: Record<string, unknown> | null;

  @Field(() => [String], { nullable: true, description: 'Features derived from protected attributes this version used (empty unless its model opted in).' })
  protectedAttributes: string[] | null;
}

@ObjectType('ModelVersion', { description: "One successful run's result: immutable." })
export class ModelVersionType {
  @Field(() => ID)
  id: number;

  @Field(() => Int)
  number: number;

  @Field()
  segmenterVersion: string;

  @Field(() => JSONScalar, { description: "The run's params. JSON because params are the segmenter's own (see `Segmenter.params`)." })
  params: Record<string, unknown>;

  @Field(() => [String])
  featureNames: string[];

  @Field(() => MetricsType)
  metrics: MetricsType;

  @Field(() => DateTimeScalar, { description: 'Features were computed as of this date.' })
  asOf: Date;

  @Field(() => DateTimeScalar)
  createdAt: Date;
}

export const ModelVersionConnection = ConnectionType('ModelVersion', ModelVersionType);

@ObjectType('SegmentMap', {
  description:
    "A 2-D picture of a version's segments: a projection (PCA) of a seeded sample of at most 5,000 of its training customers in the space it segmented (an embedding plugin's own, else the standardised features), computed when the version was written. In columns: the i-th entries of `customerIds`, `segmentIds`, `x` and `y` are one point.",
})
export class SegmentMapType {
  @Field(() => String, { description: '`PCA`, or `NONE` for versions written before maps (then the lists are empty).' })
  method: string;

  @Field(() => [Float], { description: "Share of the sample's variance along x and along y." })
  explainedVariance: number[];

  @Field(() => Int, { description: 'Customers in the version (the map shows a sample of them when there are more than 5,000).' })
  customers: number;

  @Field(() => [ID])
  customerIds: number[];

  @Field(() => [ID])
  segmentIds: number[];

  @Field(() => [Float])
  x: number[];

  @Field(() => [Float])
  y: number[];
}

export enum AcceleratorEnum {
  ANY = 'ANY',
  GPU = 'GPU',
}
registerEnumType(AcceleratorEnum, { name: 'Accelerator', description: 'What a training run needs. ANY: whatever worker takes it. GPU: a worker with the tensorflow-gpu backend.' });

@ObjectType('ComputeWorkerPlugin')
export class ComputeWorkerPluginType {
  @Field()
  code: string;

  @Field()
  version: string;
}

@ObjectType('ComputeWorkerBackend')
export class ComputeWorkerBackendType {
  @Field()
  name: string;

  @Field()
  available: boolean;
}

@ObjectType('ComputeWorker', { description: 'A live worker process (several machines: `segmentql worker`, or an API instance with WORKERS=embedded).' })
export class ComputeWorkerType {
  @Field(() => ID, { description: '`host:pid:id`.' })
  id: string;

  @Field()
  host: string;

  @Field(() => Int)
  pid: number;

  @Field(() => [String], { description: 'Queues it takes jobs from: training, training-gpu, evaluation, export.' })
  queues: string[];

  @Field(() => Int, { description: 'Jobs it takes at once, per queue.' })
  concurrency: number;

  @Field(() => [ComputeWorkerBackendType], { description: 'TensorFlow.js backends installed there.' })
  backends: ComputeWorkerBackendType[];

  @Field()
  gpu: boolean;

  @Field(() => [ComputeWorkerPluginType], { description: 'Segmenter plugins it can run, with their versions.' })
  plugins: ComputeWorkerPluginType[];

  @Field(() => [String], { description: 'Jobs it holds now, as `kind:id` (training:12, evaluation:3, export:exp_...).' })
  running: string[];

  @Field(() => DateTimeScalar)
  startedAt: Date;

  @Field(() => DateTimeScalar, { description: 'Workers say they are alive every few seconds; one silent for JOB_LOCK_MS is gone from this list.' })
  lastSeenAt: Date;

  @Field({ description: 'It got SIGTERM: it takes nothing new and finishes or hands back what it holds.' })
  stopping: boolean;
}

@ObjectType('TrainingRun')
export class TrainingRunType {
  @Field(() => ID)
  id: number;

  @Field(() => RunStatusEnum)
  status: RunStatusEnum;

  @Field(() => Float, { description: '0..1, never decreasing within an attempt (a run taken over by another worker, `attempts` 2, starts again from 0).' })
  progress: number;

  @Field(() => Int, { nullable: true })
  step: number | null;

  @Field(() => Int, { nullable: true })
  totalSteps: number | null;

  @Field(() => Int, { nullable: true })
  epoch: number | null;

  @Field(() => Float, { nullable: true })
  loss: number | null;

  @Field(() => Float, { nullable: true, description: 'Held-out loss after the last finished epoch (models with early stopping).' })
  validationLoss: number | null;

  @Field(() => Float, { nullable: true, description: 'Training throughput (sequence models).' })
  sequencesPerSecond: number | null;

  @Field(() => Float, { nullable: true })
  etaSeconds: number | null;

  @Field(() => String, { nullable: true })
  message: string | null;

  @Field(() => String, { nullable: true, description: 'The compute backend the run used.' })
  backend: string | null;

  @Field(() => String, { nullable: true })
  error: string | null;

  @Field(() => JSONScalar, { description: "Validated params, defaults filled in. JSON because params are the segmenter's own (see `Segmenter.params`)." })
  params: Record<string, unknown>;

  @Field(() => Int)
  seed: number;

  @Field(() => DateTimeScalar)
  queuedAt: Date;

  @Field(() => DateTimeScalar, { nullable: true })
  startedAt: Date | null;

  @Field(() => DateTimeScalar, { nullable: true })
  finishedAt: Date | null;

  @Field(() => AcceleratorEnum, { description: 'ANY, or GPU: only a worker with a GPU backend takes it (it waits QUEUED, saying so in `message`, while none is up).' })
  accelerator: AcceleratorEnum;

  @Field(() => Int, { description: 'How many times a worker started it: more than 1 when it was taken over from a worker that died or stopped.' })
  attempts: number;

  @Field(() => String, { nullable: true, description: 'The worker holding it while it runs on several machines (`host:pid:id`); null otherwise.' })
  workerId: string | null;
}

export const TrainingRunConnection = ConnectionType('TrainingRun', TrainingRunType);

@ObjectType('FeatureValue', { description: 'A number for one feature, by feature name.' })
export class FeatureValueType {
  @Field()
  feature: string;

  @Field(() => Float)
  value: number;

  /** A map keyed by feature name as a list, in the map's order. */
  static list(values: Record<string, number> | null | undefined): FeatureValueType[] | null {
    return values ? Object.entries(values).map(([feature, value]) => ({ feature, value: Number(value) })) : null;
  }
}

@ObjectType('CountryShare')
export class CountryShareType {
  @Field()
  country: string;

  @Field(() => Float, { description: "Share of the segment's customers." })
  share: number;
}

@ObjectType('SegmentTopProduct')
export class SegmentTopProductType {
  @Field(() => ID)
  productId: number;

  @Field()
  title: string;

  @Field(() => Int, { description: "The segment's customers who bought it." })
  buyers: number;
}

@ObjectType('ProfileFeatures', { description: 'One number per profile feature, in original units.' })
export class ProfileFeaturesType implements Record<ProfileFeature, number> {
  @Field(() => Float, { description: 'Days since the last order (0 without one).' })
  recencyDays: number;

  @Field(() => Float, { description: 'Orders.' })
  frequency: number;

  @Field(() => Float, { description: 'Net spend.' })
  monetary: number;

  @Field(() => Float, { description: 'Days since the first order or signup (0 without one).' })
  tenureDays: number;

  @Field(() => Float)
  averageOrderValue: number;

  @Field(() => Float, { description: 'Returned value / purchased value.' })
  returnRate: number;

  @Field(() => Float)
  distinctProducts: number;
}

@ObjectType('SegmentProfile', {
  description: "A segment in numbers, from its customers' features when the version was trained. Its words and distinguishing features are fields of Segment.",
})
export class SegmentProfileType {
  @Field(() => Int)
  index: number;

  @Field(() => Int)
  size: number;

  @Field(() => Float, { description: 'Size / customers in the version.' })
  share: number;

  @Field(() => ProfileFeaturesType)
  mean: ProfileFeaturesType;

  @Field(() => ProfileFeaturesType)
  median: ProfileFeaturesType;

  @Field(() => ProfileFeaturesType, { description: 'The means over all customers of the version.' })
  populationMean: ProfileFeaturesType;

  @Field(() => [CategoryShareType], { description: "Mean over the segment's customers of each category's share of their spend, largest first (at most 5)." })
  topCategories: CategoryShareType[];

  @Field(() => [CountryShareType], { description: 'Largest first (at most 5).' })
  topCountries: CountryShareType[];

  @Field(() => [SegmentTopProductType], { description: 'Most bought by the segment, by buyers.' })
  topProducts: SegmentTopProductType[];
}

@ObjectType('Segment')
export class SegmentType {
  @Field(() => ID)
  id: number;

  @Field(() => Int)
  index: number;

  @Field()
  name: string;

  @Field(() => Int)
  size: number;

  @Field(() => [FeatureValueType], { nullable: true, description: "The centre in feature units, one per feature in the version's featureNames order; null where the segmenter has no centres." })
  centroid: FeatureValueType[] | null;

  @Field(() => SegmentProfileType, {
    description:
      'Size, share; mean and median recency, frequency, net spend, tenure, order value, return rate, distinct products (and the population means); top categories, countries and products.',
  })
  profile: SegmentProfileType;
}

@ObjectType('FeatureDelta', { description: 'How far a segment is from all customers on one feature.' })
export class FeatureDeltaType {
  @Field()
  feature: string;

  @Field(() => Float, { description: '(segment mean - population mean) / population standard deviation.' })
  zScore: number;

  @Field(() => Float)
  segmentMean: number;

  @Field(() => Float)
  populationMean: number;
}

@ObjectType('DistinguishingCategory', { description: "A category over-represented in a segment's spend." })
export class DistinguishingCategoryType {
  @Field()
  category: string;

  @Field(() => Float, { description: "Mean share of the segment's customers' spend." })
  share: number;

  @Field(() => Float, { description: 'The same over all customers.' })
  populationShare: number;

  @Field(() => Float, { description: 'share / populationShare.' })
  lift: number;
}

@ObjectType('DistinguishingProduct', { description: 'A product bought by a larger share of a segment than of all customers.' })
export class DistinguishingProductType {
  @Field(() => ID)
  productId: number;

  @Field()
  title: string;

  @Field(() => Float, { description: "Share of the segment's customers who bought it before the version's asOf." })
  share: number;

  @Field(() => Float, { description: 'The same over all customers.' })
  populationShare: number;

  @Field(() => Float, { description: 'share / populationShare.' })
  lift: number;
}

@ObjectType('CalibrationBin', { description: 'Customers of one decile of predicted churn probability: the mean prediction against the observed share who did not buy.' })
export class CalibrationBinType {
  @Field(() => Int)
  customers: number;

  @Field(() => Float)
  predicted: number;

  @Field(() => Float)
  observed: number;
}

@ObjectType('PredictionMetrics', { description: "A predicting version's per-customer predictions over the split's horizon, against what happened." })
export class PredictionMetricsType {
  @Field(() => Float, { nullable: true, description: "AUC of each customer's predicted churn probability as a score for not buying in the horizon." })
  churnAuc: number | null;

  @Field(() => Float, { nullable: true, description: 'Spearman correlation of predicted value (clv) with actual net spend in the horizon.' })
  spendSpearman: number | null;

  @Field(() => Float, { description: 'Sum of expected purchases (purchase days) over everyone.' })
  expectedPurchases: number;

  @Field(() => Int, { description: 'Purchase days that happened in the horizon, summed over everyone.' })
  actualPurchases: number;

  @Field(() => Float, { nullable: true, description: '(expected − actual) / actual purchases: the aggregate forecast error.' })
  purchasesForecastError: number | null;

  @Field(() => Float)
  expectedSpend: number;

  @Field(() => Float)
  actualSpend: number;

  @Field(() => Float, { nullable: true, description: '(expected − actual) / actual net spend.' })
  spendForecastError: number | null;

  @Field(() => [CalibrationBinType], { description: 'Ten bins of equal size by predicted churn probability, lowest first.' })
  calibration: CalibrationBinType[];

  @Field(() => Float, { nullable: true, description: "The value tiers scored as segments: AUC of each tier's churn rate as a score for not buying in the horizon." })
  tierChurnAuc: number | null;

  @Field(() => Float, { nullable: true, description: 'The value tiers scored as segments: share of the variance of log(1 + net spend in the horizon) explained by tier.' })
  tierLogSpendR2: number | null;
}

@ObjectType('EvaluationMetrics', { description: 'A version on one time split: data before asOf, outcomes in the following horizon.' })
export class EvaluationMetricsType {
  @Field(() => PredictionMetricsType, { nullable: true, description: 'Per-customer prediction metrics, for versions whose segmenter predicts (null otherwise).' })
  predictions: PredictionMetricsType | null;

  @Field(() => DateTimeScalar)
  asOf: Date;

  @Field(() => Int)
  horizonDays: number;

  @Field(() => Int)
  customers: number;

  @Field(() => Int)
  segments: number;

  @Field(() => Int, { description: 'The version of the metric definitions (2: HitRate@10 over buyers, cross-fitted segment rates, refit stability, internal metrics in the own space). Comparisons use only the current one.' })
  definitions: number;

  @Field(() => Float, { nullable: true, description: "Share of the variance of net spend in the horizon explained by segment membership, cross-fitted (each half of the customers scored with the other half's segment means; can be negative)." })
  futureSpendR2: number | null;

  @Field(() => Float, { nullable: true, description: 'The same for log(1 + net spend in the horizon): less ruled by a few large buyers.' })
  futureLogSpendR2: number | null;

  @Field(() => Float, { nullable: true, description: 'In-sample between-segment R² of net spend, adjusted for the number of segments.' })
  futureSpendR2Adjusted: number | null;

  @Field(() => Float, { nullable: true, description: 'In-sample between-segment R² of log(1 + net spend), adjusted for the number of segments.' })
  futureLogSpendR2Adjusted: number | null;

  @Field(() => Float, { nullable: true, description: "AUC of the segment's churn rate, estimated on the other half of the customers (cross-fitted), as a score for not buying in the horizon." })
  churnAuc: number | null;

  @Field(() => Float, { nullable: true, description: 'Mean future spend of the best segment (chosen on the other half) over the mean of all, cross-fitted.' })
  spendLift: number | null;

  @Field(() => Float, { nullable: true, description: "Among customers who buy in the horizon, the share who buy one of their segment's 10 most bought products (new to them)." })
  hitRateAt10: number | null;

  @Field(() => Float, { nullable: true, description: 'HitRate@10 over every customer (non-buyers count as misses).' })
  hitRateAt10All: number | null;

  @Field(() => Float, { nullable: true, description: 'The global-popularity reference on the same customers: the same 10 most bought products for everyone (minus their own), over buyers.' })
  popularityHitRateAt10: number | null;

  @Field(() => Float, { nullable: true, description: 'The global-popularity reference over every customer.' })
  popularityHitRateAt10All: number | null;

  @Field(() => Float, { description: 'Mean adjusted Rand index against the full fit of the whole pipeline refitted on bootstrap resamples (`bootstraps` of them).' })
  stabilityAri: number;

  @Field(() => Float, { nullable: true, description: 'Embedding segmenters: mean ARI of re-clustering their fixed segmentation space on resamples (the representation is not refitted).' })
  reclusteringAri: number | null;

  @Field(() => Int, { nullable: true, description: 'Resamples behind reclusteringAri.' })
  reclusterings: number | null;

  @Field(() => [Float], { nullable: 'items', description: "Per segment, mean best Jaccard similarity to a bootstrap refit's segments (fpc::clusterboot); null for a segment with no customer at the split." })
  stabilityJaccard: Array<number | null>;

  @Field(() => Int, { description: 'Refits behind stabilityAri (fewer for segmenters that train a network).' })
  bootstraps: number;

  @Field(() => Float)
  smallestShare: number;

  @Field(() => Float)
  largestShare: number;

  @Field(() => Float, { description: 'Entropy of the segment sizes in nats.' })
  sizeEntropy: number;

  @Field(() => Float, { description: 'Entropy / ln k: 1 is perfectly even.' })
  sizeEntropyNormalised: number;

  @Field(() => String, { nullable: true, description: "Where silhouette, daviesBouldin, calinskiHarabasz and inertia are computed: `embedding` (the segmenter's own segmentation space) or `features` (the standardised features)." })
  metricSpace: string;

  @Field(() => Float, { nullable: true })
  silhouette: number | null;

  @Field(() => Float, { nullable: true })
  daviesBouldin: number | null;

  @Field(() => Float, { nullable: true })
  calinskiHarabasz: number | null;

  @Field(() => Float)
  inertia: number;

  @Field(() => Float, { nullable: true, description: 'Silhouette on the standardised features, whatever the segmenter.' })
  rfmSilhouette: number | null;

  @Field(() => Float, { nullable: true, description: 'Davies-Bouldin on the standardised features.' })
  rfmDaviesBouldin: number | null;

  @Field(() => Float, { nullable: true, description: 'Calinski-Harabasz on the standardised features.' })
  rfmCalinskiHarabasz: number | null;

  @Field(() => Float, { nullable: true, description: 'Against customers\' ground-truth labels, where the data has them.' })
  groundTruthAri: number | null;

  @Field(() => Float, { nullable: true })
  groundTruthNmi: number | null;

  @Field({ description: 'The version was trained on data after asOf: its predictive numbers are optimistic.' })
  leakage: boolean;
}

@ObjectType('ComparisonRow')
export class ComparisonRowType {
  @Field(() => ID)
  versionId: number;

  @Field()
  modelName: string;

  @Field()
  segmenter: string;

  @Field(() => Int)
  versionNumber: number;

  @Field(() => EvaluationMetricsType, { nullable: true, description: 'Null until the version is evaluated on this split (see `Comparison.missing` and `startEvaluation`).' })
  metrics: EvaluationMetricsType | null;
}

@ObjectType('ComparisonReference', { description: 'A baseline on the same customers and split that is not a version (global popularity): segments that do not beat it on HitRate@10 carry no taste.' })
export class ComparisonReferenceType {
  @Field()
  name: string;

  @Field()
  description: string;

  @Field(() => Int)
  segments: number;

  @Field(() => Float, { nullable: true })
  hitRateAt10: number | null;

  @Field(() => Float, { nullable: true })
  hitRateAt10All: number | null;
}

@ObjectType('Comparison', { description: 'Versions on the same customers and the same split.' })
export class ComparisonType {
  @Field(() => DateTimeScalar)
  asOf: Date;

  @Field(() => Int)
  horizonDays: number;

  @Field(() => [ComparisonRowType])
  rows: ComparisonRowType[];

  @Field(() => [ComparisonReferenceType], { description: 'Reference rows (global popularity) on the same split; empty until a version is evaluated on it.' })
  references: ComparisonReferenceType[];

  @Field(() => BestByMetricType, { description: 'Per metric, the id of the best version (lower is better for daviesBouldin, higher otherwise).' })
  bestByMetric: BestByMetricType;

  @Field({ description: 'The rows as CSV, one column per metric.' })
  csv: string;

  @Field(() => [ID], { description: 'Versions with no stored evaluation on this split: their rows have null metrics. Comparisons never compute; `startEvaluation` does.' })
  missing: number[];

  @Field(() => ID, { nullable: true, description: 'A QUEUED or RUNNING evaluation run that will fill in every missing version, when there is one.' })
  evaluationRunId: number | null;
}

@ObjectType('AliasMove')
export class AliasMoveType {
  @Field()
  alias: string;

  @Field(() => ID)
  versionId: number;

  @Field(() => ID, { nullable: true })
  previousVersionId: number | null;

  @Field()
  movedBy: string;

  @Field(() => DateTimeScalar)
  movedAt: Date;
}

export const AliasMoveConnection = ConnectionType('AliasMove', AliasMoveType);

@ObjectType('SegmentCustomerEdge', { description: "A segment's customer and its distance to the segment's centre." })
export class SegmentCustomerEdge {
  @Field()
  cursor: string;

  @Field(() => Float)
  distance: number;

  @Field(() => CustomerType)
  node: CustomerType;
}

@ObjectType('SegmentCustomerConnection')
export class SegmentCustomerConnection {
  @Field(() => [SegmentCustomerEdge])
  edges: SegmentCustomerEdge[];

  @Field(() => PageInfo)
  pageInfo: PageInfo;

  @Field(() => Int)
  totalCount: number;
}

@ObjectType('SegmentAssignment')
export class SegmentAssignmentType {
  customerId: number;
  versionId: number;
  segmentId: number;

  @Field(() => Float)
  distance: number;
}

@InputType()
export class RegisterModelInput {
  @Field()
  name: string;

  @Field({ description: 'A segmenter code (see `segmenters`).' })
  segmenter: string;

  @Field(() => JSONScalar, { nullable: true, description: "Checked against the segmenter's params (see `Segmenter.params`); defaults fill the rest. JSON because params are the segmenter's own." })
  params?: Record<string, unknown> | null;

  @Field({ nullable: true, defaultValue: false, description: 'Opt in to features derived from protected attributes (age, gender_female, gender_male); refused without it. Versions record what they used.' })
  allowProtectedAttributes?: boolean;
}

@InputType()
export class TrainingRunFilter {
  @Field(() => ID, { nullable: true })
  modelId?: string | null;

  @Field(() => RunStatusEnum, { nullable: true })
  status?: RunStatusEnum | null;
}
