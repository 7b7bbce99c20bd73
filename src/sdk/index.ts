/**
 * The segmentql plugin SDK: the one module a segmenter plugin imports (`segmentql/sdk` from outside the package,
 * `src/sdk` inside it). It holds the plugin interface and the toolkit plugins share with the core — clustering,
 * internal metrics, the seeded RNG, feature names and scaling, purchase-sequence encoding and the transformer building
 * blocks. Anything not exported here is internal and may change without notice.
 *
 * TensorFlow.js and text encoders are not imported by plugins: the host hands them over through the context
 * (`ctx.tensorflow()`, `ctx.textEncoder(id)`), on the backend and models folder it was configured with.
 */

// The plugin interface.
export type {
  Assignment,
  AssignContext,
  Capabilities,
  FitContext,
  ItemCatalogue,
  ParamSpec,
  ParamType,
  PluginServices,
  Prediction,
  PredictOptions,
  Progress,
  SegmentDescription,
  Segmenter,
  SequenceSet,
  TensorFlowHandle,
  TextEncoder,
  TrainingSet,
} from '../registry/segmenter';

// Numerical optimisation (Nelder-Mead), for plugins that fit a likelihood.
export { minimize, minimizeSmooth } from '../ml/optimize';
export type { MinimizeOptions, MinimizeResult, SmoothObjective } from '../ml/optimize';

// Seeded randomness: every random choice of a plugin comes from `new Random(ctx.seed)`.
export { Random } from '../ml/random';

// Features: the catalogue's names, the default RFM set, and standard scaling.
export { DEFAULT_FEATURES, FEATURE_NAMES, PROTECTED_FEATURES, standardise } from '../training/feature-catalogue';

// Clustering and its internal metrics.
export { clusterRows, kRangeProblems, reclusteringStability } from '../ml/clustering/cluster';
export { valueTierCuts } from '../ml/value-tiers';
export type { ClusterOptions, ClusterResult } from '../ml/clustering/cluster';
export { kmeans, nearest, inertiaOf } from '../ml/clustering/kmeans';
export type { KMeansOptions, KMeansResult } from '../ml/clustering/kmeans';
export { adjustedRandIndex, calinskiHarabasz, computeMetrics, daviesBouldin, silhouette } from '../ml/clustering/metrics';
export type { ClusterMetrics } from '../ml/clustering/metrics';

// Purchase sequences as tokens.
export { FIRST_ITEM, MASK, OOV, PAD, buildVocabulary, capPerOrder, encodeSequences, sliceSequences } from '../ml/sequences';
export type { EncodedSequences, Vocabulary } from '../ml/sequences';

// Transformer building blocks (TensorFlow.js; pass the `tf` that `ctx.tensorflow()` gives).
export { disposeBatch, forward, initWeights, itemLoss, itemStates, makeBatch, maskedTargets, nextItemTargets, pool } from '../ml/transformer';
export type { Batch, TransformerConfig, Weights } from '../ml/transformer';

// The purchase-sequence transformer segmenter that `gpt` and `bert` configure: a third party can configure its own.
export { checkSequenceParams, createSequenceSegmenter } from '../ml/sequence-segmenter';
export type { Pooling, SequenceArtifact, SequenceSegmenterSpec } from '../ml/sequence-segmenter';
export { DEFAULT_TEXT_ENCODER, validateTextEncoderId } from '../ml/text-encoder';
