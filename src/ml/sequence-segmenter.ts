import type * as tfType from '@tensorflow/tfjs';
import { Random } from './random';
import { AssignContext, Assignment, ParamSpec, PluginServices, PredictOptions, Prediction, Segmenter, SegmentDescription, SequenceSet, TrainingSet } from '../registry/segmenter';
import { DEFAULT_FEATURES, FEATURE_NAMES, standardise } from '../training/feature-catalogue';
import { valueTierCuts } from './value-tiers';
import { clusterRows, kRangeProblems, reclusteringStability } from './clustering/cluster';
import { nearest } from './clustering/kmeans';
import { registerFastKernels } from './kernels';
import { EncodedSequences, FIRST_ITEM, Vocabulary, buildVocabulary, capPerOrder, encodeSequences, historyBefore, historyBetween } from './sequences';
import { DEFAULT_TEXT_ENCODER, validateTextEncoderId } from './text-encoder';
import { segmentHitRate, tasteVectors, tokenIdf } from './taste';
import { FinetuneInput, PredictorState, finetunePredictor, predictFrom, predictorWeights } from './sequence-predictor';
import { TransformerConfig, Weights, disposeBatch, forward, initWeights, itemLoss, itemStates, makeBatch, maskedTargets, nextItemTargets, pool } from './transformer';

/**
 * The shared machinery of the transformer segmenters (`plugins/gpt`, `plugins/bert`): purchase histories become
 * token sequences, a small transformer is pretrained on them self-supervised (next-item or masked-item prediction,
 * item embeddings initialised from a pretrained text encoder's vectors of each product's title and description),
 * each customer is embedded by pooling its hidden states, and k-means (the baseline's code) clusters the embedding
 * joined with standardised RFM features (and, for `bert`, the customer's text vector).
 */
export interface SequenceSegmenterSpec {
  code: string;
  version: string;
  description: string;
  objective: 'causal' | 'masked';
  /** Join the pretrained text encoder's vector of what the customer bought and wrote. */
  textBlock: boolean;
  /** This segmenter's own defaults for shared params (e.g. `{ transitionWeight: 1 }`). */
  defaults?: Readonly<Record<string, unknown>>;
}

const ARTIFACT_FORMAT = 1;

interface BlockStats {
  means: number[];
  /** Divides the centred block so that its total variance is 1 (then times the block's weight). */
  scale: number;
  weight: number;
}

/**
 * How a customer's hidden states become an embedding: their mean, the last position's state, or the mean plus
 * "transitions" — the antisymmetric part of the mean outer product of consecutive events' (PCA-projected) learned item
 * states. A mean of per-position states is nearly blind to order (A→B→C and C→B→A visit the same states); the
 * antisymmetric part of consecutive pairs is exactly the direction of travel, and that is what tells two customers
 * who buy the same things in a different order apart.
 */
export type Pooling = 'mean' | 'last' | 'mean+transitions';

/** A fitted transformer segmenter; weights are plain arrays, so the value is immutable and serialisable. */
export interface SequenceArtifact {
  readonly format: number;
  readonly code: string;
  readonly objective: 'causal' | 'masked';
  readonly config: TransformerConfig;
  readonly vocab: Vocabulary;
  readonly itemsPerOrder: number;
  readonly pooling: Pooling;
  readonly textEncoder: string;
  readonly weights: Readonly<Record<string, { shape: number[]; values: Float32Array }>>;
  readonly featureNames: readonly string[];
  readonly rfm: { means: number[]; stds: number[]; weight: number };
  readonly sequenceBlock: BlockStats;
  /** Transition pooling: the projection (dModel x rank) of centred hidden states, and the block's stats. */
  readonly transitions: (BlockStats & { center: number[]; projection: number[]; rank: number }) | null;
  readonly textBlock: (BlockStats & { productIds: number[]; vectors: Float32Array; dimension: number }) | null;
  /** The taste block: idf-weighted mean of the learned item embeddings over the whole history (absent: none). */
  readonly taste?: (BlockStats & { idf: number[] }) | null;
  /** How the blocks' weights and k were chosen on the inner validation window (absent: as given). */
  readonly selection?: { on: string; cutDay: number; tried: SelectionCandidate[]; chosen: SelectionCandidate } | null;
  /**
   * Value x taste: segments are cells of (value tier by the fine-tuned predictor, taste cluster); `taste` -1 is the
   * tier's cell for tastes too small to stand alone. Absent: the segments are the clusters.
   */
  readonly cross?: CrossCells | null;
  readonly k: number;
  readonly centroids: readonly number[];
  /** Loss per epoch (no timings: the same seed must give the same bytes). */
  readonly history: ReadonlyArray<{ epoch: number; loss: number; validationLoss: number }>;
  readonly bestEpoch: number;
  readonly backend: string;
  readonly kSearch: ReadonlyArray<{ k: number; daviesBouldin: number; silhouette: number }>;
  /** The fine-tuned predictor (its weights are `ft.*` in `weights`); absent in artifacts written before it existed. */
  readonly predictor?: PredictorState;
}

function params(spec: SequenceSegmenterSpec): ParamSpec[] {
  const list: ParamSpec[] = [
    { name: 'k', type: 'int', default: 0, min: 0, max: 50, description: 'Number of segments; 0 chooses k in [kMin, kMax] by the lowest Davies-Bouldin index.' },
    { name: 'kMin', type: 'int', default: 3, min: 2, max: 50, description: 'Smallest k tried when k = 0.' },
    { name: 'kMax', type: 'int', default: 8, min: 2, max: 50, description: 'Largest k tried when k = 0.' },
    { name: 'nInit', type: 'int', default: 4, min: 1, max: 100, description: 'k-means++ restarts on the embeddings.' },
    { name: 'maxLen', type: 'int', default: 32, min: 4, max: 256, description: 'Events kept per customer (the most recent).' },
    { name: 'itemsPerOrder', type: 'int', default: 8, min: 1, max: 1000, description: 'Lines kept per order (the largest by amount).' },
    { name: 'vocabSize', type: 'int', default: 2000, min: 10, max: 100_000, description: 'Products with their own token (the most bought); the rest share one.' },
    { name: 'layers', type: 'int', default: 2, min: 1, max: 12, description: 'Transformer blocks.' },
    { name: 'dModel', type: 'int', default: 64, min: 8, max: 1024, description: 'Hidden size (a multiple of heads).' },
    { name: 'heads', type: 'int', default: 4, min: 1, max: 16, description: 'Attention heads.' },
    { name: 'dropout', type: 'float', default: 0.1, min: 0, max: 0.9, description: 'Dropout on embeddings, attention and residual branches while training.' },
    { name: 'epochs', type: 'int', default: 10, min: 1, max: 1000, description: 'Most passes over the training customers.' },
    { name: 'patience', type: 'int', default: 2, min: 1, max: 100, description: 'Stop after this many epochs without a better validation loss (the best weights are kept).' },
    { name: 'batchSize', type: 'int', default: 64, min: 1, max: 4096, description: 'Sequences per step.' },
    { name: 'learningRate', type: 'float', default: 0.002, min: 1e-6, max: 1, description: 'Adam learning rate.' },
    { name: 'validationShare', type: 'float', default: 0.1, min: 0.01, max: 0.5, description: 'Share of customers held out for early stopping.' },
    { name: 'textInit', type: 'boolean', default: true, description: "Initialise item embeddings from the text encoder's vectors of each product's title and description." },
    {
      name: 'textEncoder',
      type: 'string',
      default: DEFAULT_TEXT_ENCODER,
      description: 'Pretrained text encoder: use-lite, or transformers:<model-id> read from MODELS_DIR/pretrained/<model-id>.',
      validate: (v) => {
        try {
          validateTextEncoderId(v);
          return null;
        } catch (err) {
          return (err as Error).message;
        }
      },
    },
    { name: 'rfmWeight', type: 'float', default: 1, min: 0, max: 10, description: 'Weight of the standardised RFM features joined to the embedding (0 leaves them out).' },
    { name: 'features', type: 'string[]', default: DEFAULT_FEATURES, choices: FEATURE_NAMES, description: 'RFM features joined to the embedding.' },
  ];
  list.push({
    name: 'pooling',
    type: 'string',
    default: 'mean+transitions',
    choices: ['mean', 'last', 'mean+transitions'],
    description: "Customer embedding from the final layer's states: their mean, the last position's, or the mean plus the mean outer product of consecutive states (order-aware).",
  });
  list.push({ name: 'transitionRank', type: 'int', default: 8, min: 2, max: 32, description: 'Dimensions the states are projected to (by PCA) before their outer products.' });
  list.push({ name: 'transitionWeight', type: 'float', default: 2, min: 0, max: 10, description: 'Weight of the transition block joined to the embedding.' });
  list.push({ name: 'sequenceWeight', type: 'float', default: 1, min: 0, max: 10, description: "Weight of the pooled hidden states' block (mean or last state)." });
  list.push({ name: 'tasteWeight', type: 'float', default: 1, min: 0, max: 10, description: 'Weight of the taste block: the idf-weighted mean of the learned item embeddings of everything the customer bought (whole history), unit length. 0 leaves it out.' });
  list.push({
    name: 'select',
    type: 'string',
    default: 'daviesBouldin',
    choices: ['daviesBouldin', 'validation'],
    description: 'How k is chosen when k = 0: the lowest Davies-Bouldin index, or `validation`: k and the sequence and transition blocks\' weights (x 0, 0.5, 1) chosen by HitRate@10 on an inner window (the last horizonDays before asOf; segments from the history before it). Needs rfmWeight 0 (and textWeight 0): features as of the inner cut are not known.',
  });
  list.push({ name: 'minShare', type: 'float', default: 0.01, min: 0, max: 0.2, description: 'Segments under this share of the customers are folded into their neighbours.' });
  list.push({ name: 'valueTiers', type: 'boolean', default: false, description: "Value x taste: segments cross the fine-tuned predictor's value tiers (high, mid, low) with the clusters; small cells fold into their tier." });
  list.push({ name: 'maxSegments', type: 'int', default: 12, min: 3, max: 60, description: 'Value x taste: most segments; the smallest cells beyond fold into their tier.' });
  list.push({ name: 'minCellShare', type: 'float', default: 0.02, min: 0, max: 0.5, description: 'Value x taste: a (tier, taste) cell under this share of the customers folds into its tier.' });
  list.push({ name: 'horizonDays', type: 'int', default: 90, min: 7, max: 365, description: "Days the fine-tuned predictor forecasts after asOf; it learns from the last horizonDays before asOf (labels) and the history before them (input)." });
  list.push({ name: 'finetuneEpochs', type: 'int', default: 3, min: 1, max: 100, description: 'Most passes of fine-tuning the pretrained transformer with the prediction heads (early stopping with `patience`).' });
  list.push({ name: 'finetuneCuts', type: 'int', default: 3, min: 1, max: 24, description: 'Label windows the fine-tuning learns from, the last ending at asOf and each earlier one finetuneStrideDays before it (more windows: more examples, more seasons seen).' });
  list.push({ name: 'finetuneStrideDays', type: 'int', default: 30, min: 1, max: 365, description: 'Days between the starts of consecutive label windows.' });
  list.push({ name: 'finetuneLearningRate', type: 'float', default: 0.001, min: 1e-6, max: 1, description: 'Adam learning rate of the prediction heads while fine-tuning.' });
  list.push({ name: 'finetuneBackboneRate', type: 'float', default: 0.1, min: 0, max: 10, description: "The pretrained transformer's learning rate while fine-tuning, as a multiple of finetuneLearningRate (0 freezes it)." });
  list.push({ name: 'highShare', type: 'float', default: 0.2, min: 0.01, max: 0.98, description: 'Share of the training customers with the highest predicted value that form the `high` value tier.' });
  list.push({ name: 'midShare', type: 'float', default: 0.3, min: 0.01, max: 0.98, description: 'Share of the training customers, after `high`, that form the `mid` value tier; the rest are `low`.' });
  if (spec.objective === 'masked') {
    list.push({ name: 'maskRate', type: 'float', default: 0.2, min: 0.01, max: 0.9, description: 'Share of events masked per sequence in masked-item training.' });
  }
  if (spec.textBlock) {
    list.push({ name: 'textWeight', type: 'float', default: 1, min: 0, max: 10, description: "Weight of the customer's text vector (products bought, reviews written) joined to the embedding." });
  }
  for (const [name, value] of Object.entries(spec.defaults ?? {})) {
    const at = list.findIndex((p) => p.name === name);
    if (at < 0) throw new Error(`${spec.code}: default for unknown param ${name}`);
    list[at] = { ...list[at], default: value };
  }
  return list;
}

/** Cross-parameter checks, run before a run is queued: the hidden size splits evenly across heads; kMin <= kMax. */
export function checkSequenceParams(p: Readonly<Record<string, unknown>>): string[] {
  const problems: string[] = [];
  if ((p.dModel as number) % (p.heads as number) !== 0) problems.push(`dModel (${p.dModel}) must be a multiple of heads (${p.heads})`);
  problems.push(...kRangeProblems(p));
  if (p.highShare !== undefined && (p.highShare as number) + (p.midShare as number) >= 1) problems.push(`highShare (${p.highShare}) + midShare (${p.midShare}) must be below 1: the rest is the low tier`);
  if (p.select === 'validation' && ((p.rfmWeight as number) > 0 || ((p.textWeight as number | undefined) ?? 0) > 0)) {
    problems.push(`select: validation needs rfmWeight 0${p.textWeight !== undefined ? ' and textWeight 0' : ''}: the features and texts as of the inner window's cut are not known`);
  }
  if (p.select === 'validation' && (p.sequenceWeight as number) === 0 && (p.tasteWeight as number) === 0) problems.push('select: validation needs sequenceWeight or tasteWeight above 0');
  return problems;
}

function requireSequences(data: TrainingSet): asserts data is TrainingSet & Required<Pick<TrainingSet, 'sequences' | 'items'>> {
  if (!data.sequences || !data.items) throw new Error('this segmenter reads purchase sequences; the training set has none');
}

function throwIfAborted(signal: AbortSignal): void {
  if (signal.aborted) throw signal.reason ?? new Error('cancelled');
}

/** The latest event's day (0 without events). */
function lastDayOf(sequences: SequenceSet): number {
  let last = 0;
  for (const d of sequences.days) if (d > last) last = d;
  return Math.floor(last);
}

/** Centres a block (n x d) and scales it to total variance `weight`²; returns the stats used. */
function blockStats(x: Float64Array, n: number, d: number, weight: number): BlockStats {
  const means = new Array<number>(d).fill(0);
  for (let i = 0; i < n; i++) for (let j = 0; j < d; j++) means[j] += x[i * d + j] / n;
  let total = 0;
  for (let i = 0; i < n; i++) for (let j = 0; j < d; j++) total += (x[i * d + j] - means[j]) ** 2 / n;
  return { means, scale: Math.sqrt(total) || 1, weight };
}

function applyBlock(x: Float64Array, n: number, d: number, s: BlockStats, out: Float64Array, width: number, offset: number): void {
  for (let i = 0; i < n; i++) for (let j = 0; j < d; j++) out[i * width + offset + j] = ((x[i * d + j] - s.means[j]) / s.scale) * s.weight;
}

/** Weight tensors of an artifact, built once per artifact (and never disposed: artifacts are cached per version). */
const weightTensors = new WeakMap<SequenceArtifact, Weights>();
function tensorsOf(tf: typeof tfType, artifact: SequenceArtifact): Weights {
  let w = weightTensors.get(artifact);
  if (!w) {
    w = Object.fromEntries(Object.entries(artifact.weights).map(([name, t]) => [name, tf.tensor(t.values, t.shape)]));
    weightTensors.set(artifact, w);
  }
  return w;
}

interface Embeddings {
  pooled: Float64Array;
  /** n x rank² when transition pooling is on. */
  transitions: Float64Array | null;
  /** n x dModel with a taste block. */
  taste?: Float64Array | null;
}

/**
 * Pooled hidden states of every encoded sequence ([n, dModel]) and, given a projection, the mean outer product of
 * consecutive projected states ([n, rank²]).
 */
function embedAll(
  tf: typeof tfType,
  w: Weights,
  config: TransformerConfig,
  enc: EncodedSequences,
  pooling: Pooling,
  projection: { center: number[]; projection: number[]; rank: number } | null,
  onBatch?: (done: number) => void,
): Embeddings {
  const d = config.dModel;
  const pooled = new Float64Array(enc.n * d);
  const r = projection?.rank ?? 0;
  const transitions = projection ? new Float64Array(enc.n * r * r) : null;
  const P = projection ? tf.tensor2d(projection.projection, [d, r]) : null;
  const C = projection ? tf.tensor1d(projection.center) : null;
  const step = 256;
  for (let start = 0; start < enc.n; start += step) {
    const rows = Array.from({ length: Math.min(step, enc.n - start) }, (_, i) => start + i);
    const batch = makeBatch(tf, enc, rows);
    const [p, t] = tf.tidy((): tfType.Tensor[] => {
      const hidden = forward(tf, w, config, batch, false);
      const out = pool(tf, hidden, batch.valid, pooling === 'last' ? 'last' : 'mean');
      if (!P || !C) return [out];
      const [b, L] = batch.items.shape;
      const u = tf.reshape(tf.matMul(tf.reshape(tf.sub(itemStates(tf, w, batch), C), [b * L, d]), P), [b, L, r]);
      const m = tf.reshape(tf.mul(tf.slice(batch.valid, [0, 0], [b, L - 1]), tf.slice(batch.valid, [0, 1], [b, L - 1])), [b, L - 1, 1]);
      const prev = tf.mul(tf.slice(u, [0, 0, 0], [b, L - 1, r]), m);
      const next = tf.slice(u, [0, 1, 0], [b, L - 1, r]);
      // Only the antisymmetric part: A→B minus B→A. The symmetric part says which items go together, which the mean
      // already carries; the antisymmetric part is the direction of travel, whatever is bought.
      const forwardPairs = tf.matMul(prev, next, true, false); // [b, r, r]
      const outer = tf.sub(forwardPairs, tf.transpose(forwardPairs, [0, 2, 1]));
      const pairs = tf.maximum(tf.sum(m, [1, 2]), 1);
      return [out, tf.reshape(tf.div(outer, tf.reshape(pairs, [b, 1, 1])), [b, r * r])];
    });
    disposeBatch(batch);
    pooled.set(p.dataSync() as Float32Array, start * d);
    p.dispose();
    if (t && transitions) {
      transitions.set(t.dataSync() as Float32Array, start * r * r);
      t.dispose();
    }
    onBatch?.(start + rows.length);
  }
  P?.dispose();
  C?.dispose();
  return { pooled, transitions };
}

/** The top `rank` principal directions of the hidden states of (up to 512) customers: [dModel x rank], and the mean. */
function hiddenPca(tf: typeof tfType, w: Weights, config: TransformerConfig, enc: EncodedSequences, rank: number): { center: number[]; projection: number[]; rank: number } {
  const d = config.dModel;
  const rows = Array.from({ length: Math.min(enc.n, 512) }, (_, i) => Math.floor((i * enc.n) / Math.min(enc.n, 512)));
  const batch = makeBatch(tf, enc, rows);
  const hidden = tf.tidy(() => itemStates(tf, w, batch));
  const h = hidden.dataSync() as Float32Array;
  const valid = batch.valid.dataSync() as Float32Array;
  hidden.dispose();
  disposeBatch(batch);
  const center = new Array<number>(d).fill(0);
  let count = 0;
  for (let i = 0; i < valid.length; i++) if (valid[i]) { count++; for (let j = 0; j < d; j++) center[j] += h[i * d + j]; }
  for (let j = 0; j < d; j++) center[j] /= Math.max(count, 1);
  const cov = new Float64Array(d * d);
  for (let i = 0; i < valid.length; i++) {
    if (!valid[i]) continue;
    for (let a = 0; a < d; a++) {
      const xa = h[i * d + a] - center[a];
      for (let b = 0; b < d; b++) cov[a * d + b] += xa * (h[i * d + b] - center[b]);
    }
  }
  rank = Math.min(rank, d);
  // Orthogonal iteration from a fixed start: deterministic.
  let q = Float64Array.from({ length: d * rank }, (_, i) => (Math.floor(i / rank) === i % rank ? 1 : 0) + 1e-3 * Math.sin(i + 1));
  for (let iter = 0; iter < 200; iter++) {
    const z = new Float64Array(d * rank);
    for (let a = 0; a < d; a++) for (let b = 0; b < d; b++) { const c = cov[a * d + b]; if (c !== 0) for (let k = 0; k < rank; k++) z[a * rank + k] += c * q[b * rank + k]; }
    for (let k = 0; k < rank; k++) {
      for (let prev = 0; prev < k; prev++) {
        let dot = 0;
        for (let a = 0; a < d; a++) dot += z[a * rank + k] * z[a * rank + prev];
        for (let a = 0; a < d; a++) z[a * rank + k] -= dot * z[a * rank + prev];
      }
      let norm = 0;
      for (let a = 0; a < d; a++) norm += z[a * rank + k] ** 2;
      norm = Math.sqrt(norm) || 1;
      for (let a = 0; a < d; a++) z[a * rank + k] /= norm;
    }
    q = z;
  }
  return { center, projection: Array.from(q), rank };
}

/** The customer's text vector: normalised mean of the products bought (per event) plus that of the reviews written. */
function customerTextVectors(data: TrainingSet, vectorOf: (productId: number) => Float32Array | undefined, reviewVectors: Float32Array[][], dim: number): Float64Array {
  const n = data.customerIds.length;
  const out = new Float64Array(n * dim);
  const seq = data.sequences!;
  const part = new Float64Array(dim);
  const addNormalised = (i: number) => {
    const norm = Math.hypot(...part) || 1;
    for (let j = 0; j < dim; j++) out[i * dim + j] += part[j] / norm;
  };
  for (let i = 0; i < n; i++) {
    part.fill(0);
    for (let e = seq.offsets[i]; e < seq.offsets[i + 1]; e++) {
      const v = vectorOf(seq.productIds[e]);
      if (v) for (let j = 0; j < dim; j++) part[j] += v[j];
    }
    addNormalised(i);
    part.fill(0);
    for (const v of reviewVectors[i] ?? []) for (let j = 0; j < dim; j++) part[j] += v[j];
    if (reviewVectors[i]?.length) addNormalised(i);
  }
  return out;
}

async function reviewVectorsOf(services: PluginServices, encoderId: string, reviews: string[][] | undefined, n: number, onProgress?: (done: number, total: number) => void): Promise<Float32Array[][]> {
  if (!reviews || reviews.every((r) => r.length === 0)) return Array.from({ length: n }, () => []);
  const encoder = await services.textEncoder(encoderId);
  const flat = reviews.flat();
  // In chunks, so that progress moves through a phase that takes tens of seconds on a few thousand reviews.
  const vectors: Float32Array[] = [];
  for (let start = 0; start < flat.length; start += 256) {
    vectors.push(...(await encoder.encode(flat.slice(start, start + 256))));
    onProgress?.(Math.min(flat.length, start + 256), flat.length);
  }
  let at = 0;
  return reviews.map((r) => vectors.slice(at, (at += r.length)));
}

function productTexts(data: TrainingSet): Map<number, string> {
  const items = data.items!;
  return new Map(items.productIds.map((id, i) => [id, items.texts[i]]));
}

/** Joins the blocks of an assignment or a fit into one matrix [n, width]. */
function joinBlocks(
  artifact: Pick<SequenceArtifact, 'sequenceBlock' | 'transitions' | 'rfm' | 'textBlock' | 'config' | 'featureNames' | 'taste'>,
  n: number,
  embeddings: Embeddings,
  features: Float64Array,
  text: Float64Array | null,
): { z: Float64Array; width: number } {
  const d = artifact.config.dModel;
  const f = artifact.featureNames.length;
  const useRfm = artifact.rfm.weight > 0 && f > 0;
  const r2 = artifact.transitions ? artifact.transitions.rank ** 2 : 0;
  const t = artifact.textBlock?.dimension ?? 0;
  const tasteAt = d + r2 + (useRfm ? f : 0) + t;
  const width = tasteAt + (artifact.taste && embeddings.taste ? d : 0);
  const z = new Float64Array(n * width);
  applyBlock(embeddings.pooled, n, d, artifact.sequenceBlock, z, width, 0);
  if (artifact.transitions && embeddings.transitions) applyBlock(embeddings.transitions, n, r2, artifact.transitions, z, width, d);
  if (useRfm) {
    const { z: rz } = standardise(features, n, f, { means: artifact.rfm.means, stds: artifact.rfm.stds });
    const s = artifact.rfm.weight / Math.sqrt(f);
    for (let i = 0; i < n; i++) for (let j = 0; j < f; j++) z[i * width + d + r2 + j] = rz[i * f + j] * s;
  }
  if (artifact.textBlock && text) applyBlock(text, n, t, artifact.textBlock, z, width, d + r2 + (useRfm ? f : 0));
  if (artifact.taste && embeddings.taste) applyBlock(embeddings.taste, n, d, artifact.taste, z, width, tasteAt);
  return { z, width };
}

function embeddingsOf(tf: typeof tfType, artifact: SequenceArtifact, data: TrainingSet): Embeddings {
  const sequences = capPerOrder(data.sequences!, artifact.itemsPerOrder);
  const enc = encodeSequences(sequences, data.items!, artifact.vocab, artifact.config.maxLen);
  const out = embedAll(tf, tensorsOf(tf, artifact), artifact.config, enc, artifact.pooling, artifact.transitions);
  if (artifact.taste) {
    // Every line of the whole history before the cut-off (not capped per order or to maxLen).
    const n = data.customerIds.length;
    const history = data.asOfDay === undefined ? data.sequences! : historyBefore(data.sequences!, Array.from({ length: n }, (_, i) => i), data.asOfDay);
    out.taste = tasteVectors(history, artifact.vocab, artifact.taste.idf, artifact.weights.item.values, artifact.config.dModel);
  }
  return out;
}

/** Embeds the customers' histories with the saved weights and joins the blocks as at fit time. */
async function segmentationSpace(artifact: SequenceArtifact, data: TrainingSet, ctx: AssignContext): Promise<{ z: Float64Array; width: number }> {
  requireSequences(data);
  const n = data.customerIds.length;
  if (data.featureNames.join() !== artifact.featureNames.join()) {
    throw new Error(`this model was fitted on features ${artifact.featureNames.join(', ')}, got ${data.featureNames.join(', ')}`);
  }
  const { tf } = await ctx.tensorflow();
  const embeddings = embeddingsOf(tf, artifact, data);
  let text: Float64Array | null = null;
  if (artifact.textBlock) {
    const tb = artifact.textBlock;
    const stored = new Map(tb.productIds.map((id, i) => [id, tb.vectors.subarray(i * tb.dimension, (i + 1) * tb.dimension)]));
    const texts = productTexts(data);
    const missing = [...new Set(data.sequences.productIds)].filter((id) => !stored.has(id) && texts.has(id));
    if (missing.length > 0) {
      const vectors = await (await ctx.textEncoder(artifact.textEncoder)).encode(missing.map((id) => texts.get(id)!));
      missing.forEach((id, i) => stored.set(id, vectors[i]));
    }
    text = customerTextVectors(data, (id) => stored.get(id), await reviewVectorsOf(ctx, artifact.textEncoder, data.reviews, n), tb.dimension);
  }
  return joinBlocks(artifact, n, embeddings, data.features, text);
}

/** One (weights, k) candidate of the inner-window selection and how it did there. */
export interface SelectionCandidate {
  sequenceWeight: number;
  transitionWeight: number;
  /** The k asked for. */
  k: number;
  /** The segments k-means left after folding those under minShare. */
  segments: number;
  hitRate: number;
  /** Mean ARI of re-clustering the inner window's customers on 3 bootstrap resamples against the candidate's clusters. */
  stability: number;
}

/** The stability a chosen segmentation must show on the inner window (when any candidate does). */
export const MIN_SELECTION_STABILITY = 0.8;
/** HitRate@10 differences below this are noise between k-means runs: the fewer segments win. */
export const SELECTION_HIT_RATE_TOLERANCE = 0.005;

/** A value tier of the fine-tuned predictor (the top `highShare` of predicted value, the next `midShare`, the rest). */
type Tier = 'high' | 'mid' | 'low';
const TIERS: readonly Tier[] = ['high', 'mid', 'low'];

/** Value x taste: the segments as (tier, taste) cells, and each (tier, taste) pair's segment. */
export interface CrossCells {
  /** Taste clusters (the artifact's centroids). */
  tasteK: number;
  /** Segment i is `cells[i]`: a value tier and a taste cluster; `taste` -1 is the tier's other (small) tastes. */
  cells: Array<{ tier: Tier; taste: number }>;
  /** `cellOf[tier][taste]`: the segment of every pair. */
  cellOf: Record<Tier, number[]>;
}

/**
 * Crosses value tiers with taste clusters. Cells under `minCellShare` fold into their tier's remainder cell; beyond
 * `maxSegments`, the smallest cells fold too; a remainder under `minShare` joins its tier's largest cell.
 */
export function crossCells(tiers: readonly Tier[], tastes: ArrayLike<number>, tasteK: number, o: { minCellShare: number; minShare: number; maxSegments: number }): CrossCells {
  const n = tiers.length;
  const size = (t: Tier, c: number) => counts.get(`${t}:${c}`) ?? 0;
  const counts = new Map<string, number>();
  for (let i = 0; i < n; i++) counts.set(`${tiers[i]}:${tastes[i]}`, (counts.get(`${tiers[i]}:${tastes[i]}`) ?? 0) + 1);
  let kept = TIERS.flatMap((tier) => Array.from({ length: tasteK }, (_, taste) => ({ tier, taste }))).filter((c) => size(c.tier, c.taste) >= Math.max(1, o.minCellShare * n));
  const remainders = (list: typeof kept) => TIERS.filter((t) => Array.from({ length: tasteK }, (_, c) => c).some((c) => size(t, c) > 0 && !list.some((k) => k.tier === t && k.taste === c)));
  kept.sort((a, b) => size(b.tier, b.taste) - size(a.tier, a.taste) || TIERS.indexOf(a.tier) - TIERS.indexOf(b.tier) || a.taste - b.taste);
  while (kept.length > 1 && kept.length + remainders(kept).length > o.maxSegments) kept = kept.slice(0, -1);
  const cells: CrossCells['cells'] = [];
  const cellOf = { high: [], mid: [], low: [] } as Record<Tier, number[]>;
  const pending: Tier[] = [];
  const cellSize = (c: { tier: Tier; taste: number }) => (c.taste >= 0 ? size(c.tier, c.taste) : 0);
  for (const tier of TIERS) {
    const mine = kept.filter((c) => c.tier === tier).sort((a, b) => a.taste - b.taste);
    for (const c of mine) {
      cellOf[tier][c.taste] = cells.length;
      cells.push(c);
    }
    const folded = Array.from({ length: tasteK }, (_, c) => c).filter((c) => cellOf[tier][c] === undefined);
    const rest = folded.reduce((a, c) => a + size(tier, c), 0);
    if (folded.length === 0) continue;
    if ((rest < o.minShare * n || rest === 0) && mine.length > 0) {
      // Too small to stand alone: the tier's other tastes join its largest cell.
      const largest = mine.reduce((a, b) => (size(b.tier, b.taste) > size(a.tier, a.taste) ? b : a));
      for (const c of folded) cellOf[tier][c] = cellOf[tier][largest.taste];
    } else if (rest > 0) {
      for (const c of folded) cellOf[tier][c] = cells.length;
      cells.push({ tier, taste: -1 });
    } else {
      // A tier nobody is in has no segment; should a new customer land there, they join the largest segment.
      pending.push(tier);
    }
  }
  for (const tier of pending) {
    const largest = cells.reduce((a, c, i) => (cellSize(c) > cellSize(cells[a]) ? i : a), 0);
    cellOf[tier] = Array.from({ length: tasteK }, () => largest);
  }
  return { tasteK, cells, cellOf };
}

/**
 * Chooses k and the weights of the sequence and transition blocks by HitRate@10 on the inner window: the customers'
 * history before `asOf - horizonDays` is embedded with the same network and clustered with each candidate, and each
 * segmentation's top products are scored on what those customers bought in the window. The evaluation's horizon
 * (after asOf) is never read. Null when too few customers have history before the window.
 */
function selectOnInnerWindow(
  tf: typeof tfType,
  w: Weights,
  partial: Pick<SequenceArtifact, 'sequenceBlock' | 'transitions' | 'rfm' | 'textBlock' | 'config' | 'featureNames' | 'taste'>,
  o: {
    before: SequenceSet;
    vocab: Vocabulary;
    items: NonNullable<TrainingSet['items']>;
    itemsPerOrder: number;
    pooling: Pooling;
    projection: { center: number[]; projection: number[]; rank: number } | null;
    asOfDay: number;
    horizonDays: number;
    p: Record<string, unknown>;
    seed: number;
    log: (message: string) => void;
  },
): NonNullable<SequenceArtifact['selection']> | null {
  const cut = o.asOfDay - o.horizonDays;
  const n = o.before.offsets.length - 1;
  const rows: number[] = [];
  for (let i = 0; i < n; i++) if (o.before.offsets[i + 1] > o.before.offsets[i] && o.before.days[o.before.offsets[i]] < cut) rows.push(i);
  const kMax = (o.p.k as number) > 0 ? (o.p.k as number) : (o.p.kMax as number);
  if (rows.length < Math.max(50, 10 * kMax)) {
    o.log(`inner window: only ${rows.length} customers bought before it; k chosen by Davies-Bouldin`);
    return null;
  }
  const past = historyBefore(o.before, rows, cut);
  const future = historyBetween(o.before, rows, cut, o.asOfDay);
  const enc = encodeSequences(capPerOrder(past, o.itemsPerOrder), o.items, o.vocab, partial.config.maxLen);
  const embeddings = embedAll(tf, w, partial.config, enc, o.pooling, o.projection);
  if (partial.taste) embeddings.taste = tasteVectors(past, o.vocab, partial.taste.idf, (w.item.dataSync() as Float32Array), partial.config.dModel);
  const m = rows.length;
  const sw = partial.sequenceBlock.weight;
  const tw = partial.transitions?.weight ?? 0;
  const configs = [
    { sequenceWeight: 0, transitionWeight: 0 },
    { sequenceWeight: sw / 2, transitionWeight: 0 },
    { sequenceWeight: sw, transitionWeight: 0 },
    ...(partial.transitions ? [{ sequenceWeight: sw / 2, transitionWeight: tw / 2 }, { sequenceWeight: sw, transitionWeight: tw }] : []),
  ].filter((c) => partial.taste || c.sequenceWeight > 0);
  const ks = (o.p.k as number) > 0 ? [o.p.k as number] : Array.from({ length: (o.p.kMax as number) - (o.p.kMin as number) + 1 }, (_, i) => (o.p.kMin as number) + i);
  const tried: SelectionCandidate[] = [];
  const rng = new Random(o.seed + 31);
  for (const c of configs) {
    const { z, width } = joinBlocks({ ...partial, sequenceBlock: { ...partial.sequenceBlock, weight: c.sequenceWeight }, transitions: partial.transitions && { ...partial.transitions, weight: c.transitionWeight } }, m, embeddings, new Float64Array(m * partial.featureNames.length), null);
    for (const k of ks) {
      const options = { nInit: 2, maxIter: 100, tol: 1e-4, threads: 1, minShare: o.p.minShare as number };
      const fit = clusterRows(z, m, width, { ...options, k, kMin: k, kMax: k, seed: o.seed });
      // Re-clustered on resamples: a segmentation that changes with the sample is no segmentation to act on.
      const stability = reclusteringStability(z, m, width, fit.labels, k, 3, () => rng.next(), options, (b) => o.seed + b + 1);
      const { hits, buyers } = segmentHitRate(past, future, fit.labels, fit.k);
      tried.push({ ...c, k, segments: fit.k, hitRate: buyers > 0 ? hits / buyers : 0, stability });
    }
  }
  // The best HitRate@10 among the stable candidates (all when none is); within the tolerance, fewer segments.
  const stable = tried.filter((t) => t.stability >= MIN_SELECTION_STABILITY);
  const pool = stable.length > 0 ? stable : tried;
  const best = pool.reduce((a, b) => Math.max(a, b.hitRate), 0);
  const chosen = pool.filter((t) => t.hitRate >= best - SELECTION_HIT_RATE_TOLERANCE).reduce((a, b) => (b.segments < a.segments || (b.segments === a.segments && b.hitRate > a.hitRate) ? b : a));
  o.log(
    `inner window (${m} customers, the ${o.horizonDays} days before asOf): HitRate@10 ${chosen.hitRate.toFixed(4)} (best ${best.toFixed(4)}), stability ${chosen.stability.toFixed(3)} with k = ${chosen.k}, sequence weight ${chosen.sequenceWeight}, transition weight ${chosen.transitionWeight}${stable.length === 0 ? ' (no candidate reached stability ' + MIN_SELECTION_STABILITY + ')' : ''}`,
  );
  return { on: 'hitRateAt10', cutDay: cut, tried, chosen };
}

export function createSequenceSegmenter(spec: SequenceSegmenterSpec): Segmenter<SequenceArtifact> {
  const segmenter: Segmenter<SequenceArtifact> = {
    code: spec.code,
    version: spec.version,
    description: spec.description,
    artifactFormat: ARTIFACT_FORMAT,
    params: params(spec),
    capabilities: { inputs: spec.textBlock ? ['numeric', 'sequence', 'text'] : ['numeric', 'sequence'], embeds: true, deterministicWithSeed: true, accelerator: 'optional', predicts: true },
    checkParams: { epochs: 2, dModel: 16, heads: 2, layers: 1, maxLen: 12, k: 3, nInit: 1, batchSize: 32, finetuneEpochs: 1 },

    featureNames: (p) => p.features as string[],
    validate: checkSequenceParams,

    async fit(data, p, ctx): Promise<SequenceArtifact> {
      requireSequences(data);
      const problems = checkSequenceParams(p);
      if (problems.length > 0) throw new Error(problems.join('; '));
      throwIfAborted(ctx.signal);
      const { tf, backend } = await ctx.tensorflow();
      ctx.log(`TensorFlow.js backend: ${backend}`);
      const n = data.customerIds.length;
      const f = data.featureNames.length;
      // Nothing at or after asOf may reach training, whatever the host handed over.
      const asOfDay = data.asOfDay ?? lastDayOf(data.sequences) + 1;
      const before = historyBefore(data.sequences, Array.from({ length: n }, (_, i) => i), asOfDay);
      const sequences = capPerOrder(before, p.itemsPerOrder as number);
      const vocab = buildVocabulary(sequences, data.items, p.vocabSize as number);
      const config: TransformerConfig = {
        vocabSize: FIRST_ITEM + vocab.productIds.length,
        categories: 2 + vocab.categories.length,
        maxLen: p.maxLen as number,
        dModel: p.dModel as number,
        heads: p.heads as number,
        layers: p.layers as number,
        ffDim: 4 * (p.dModel as number),
        dropout: p.dropout as number,
        causal: spec.objective === 'causal',
      };
      const enc = encodeSequences(sequences, data.items, vocab, config.maxLen);
      const encoderId = p.textEncoder as string;
      const texts = productTexts(data);

      // Item embeddings from the text encoder: a seeded random projection of each product's text vector.
      let itemInit: Float32Array | undefined;
      const needText = (p.textInit as boolean) || spec.textBlock;
      const encoder = needText ? await ctx.textEncoder(encoderId) : null;
      ctx.progress({ fraction: 0, message: needText ? `encoding ${data.items.productIds.length} product texts with ${encoderId}` : 'preparing sequences' });
      const productVectors = new Map<number, Float32Array>();
      if (encoder) {
        const ids = spec.textBlock ? data.items.productIds : vocab.productIds;
        const vectors = await encoder.encode(ids.map((id) => texts.get(id) ?? ''));
        ids.forEach((id, i) => productVectors.set(id, vectors[i]));
        throwIfAborted(ctx.signal);
      }
      // The text encoder bundles its own TensorFlow.js, which re-registers the stock wasm kernels over ours.
      if (encoder) registerFastKernels(tf);
      const rng = new Random(ctx.seed);
      if (encoder && (p.textInit as boolean)) {
        const dim = encoder.dimension;
        const projection = Float64Array.from({ length: dim * config.dModel }, () => rng.normal(0, 1 / Math.sqrt(dim)));
        itemInit = new Float32Array(config.vocabSize * config.dModel);
        for (let t = 0; t < config.vocabSize; t++) for (let j = 0; j < config.dModel; j++) itemInit[t * config.dModel + j] = rng.normal(0, 0.02);
        vocab.productIds.forEach((id, i) => {
          const v = productVectors.get(id)!;
          for (let j = 0; j < config.dModel; j++) {
            let s = 0;
            for (let k = 0; k < dim; k++) s += v[k] * projection[k * config.dModel + j];
            itemInit![(FIRST_ITEM + i) * config.dModel + j] = s * 0.5;
          }
        });
      }

      // Held-out customers for early stopping (those with something to predict).
      const usable = Array.from({ length: n }, (_, i) => i).filter((i) => enc.lengths[i] >= (spec.objective === 'causal' ? 2 : 1));
      if (usable.length < 2) throw new Error('too few customers with a purchase history to train on');
      const order = rng.shuffled(usable);
      const valCount = Math.max(1, Math.round(order.length * (p.validationShare as number)));
      const validation = order.slice(0, valCount);
      const train = order.slice(valCount);
      const batchSize = p.batchSize as number;
      const batches = Math.ceil(train.length / batchSize);
      const epochs = p.epochs as number;
      const maskRate = (p.maskRate as number) ?? 0.2;

      const variables = initWeights(tf, config, ctx.seed, itemInit);
      const optimizer = tf.train.adam(p.learningRate as number);
      const lossOf = (w: Weights, rows: number[], training: boolean, random: () => number, dropoutSeed: number) => {
        const batch =
          spec.objective === 'causal'
            ? { ...makeBatch(tf, enc, rows), ...nextItemTargets(enc, rows) }
            : (() => {
                const m = maskedTargets(enc, rows, maskRate, random);
                return { ...makeBatch(tf, enc, rows, m.masked), positions: m.positions, targets: m.targets };
              })();
        return { batch, loss: () => itemLoss(tf, w, forward(tf, w, config, batch, training, dropoutSeed), batch.positions, batch.targets, config.vocabSize) };
      };
      const validationLoss = (): number => {
        const valRandom = new Random(ctx.seed + 99_991);
        let total = 0;
        let count = 0;
        for (let start = 0; start < validation.length; start += 256) {
          const rows = validation.slice(start, start + 256);
          const { batch, loss } = lossOf(variables, rows, false, () => valRandom.next(), 0);
          if (batch.positions.length > 0) {
            total += tf.tidy(loss).dataSync()[0] * batch.positions.length;
            count += batch.positions.length;
          }
          disposeBatch(batch);
        }
        return count > 0 ? total / count : NaN;
      };

      const history: Array<{ epoch: number; loss: number; validationLoss: number }> = [];
      let best = { loss: Infinity, epoch: 0, values: null as Record<string, Float32Array> | null };
      const started = Date.now();
      let sequencesSeen = 0;
      let step = 0;
      // Progress: pretraining to 0.75, fine-tuning to 0.9, then embedding and clustering.
      const trainShare = 0.75;
      for (let epoch = 1; epoch <= epochs; epoch++) {
        const shuffled = rng.shuffled(train);
        let epochLoss = 0;
        let epochTargets = 0;
        const epochStart = Date.now();
        for (let b = 0; b < batches; b++) {
          throwIfAborted(ctx.signal);
          const rows = shuffled.slice(b * batchSize, (b + 1) * batchSize);
          const { batch, loss } = lossOf(variables, rows, true, () => rng.next(), ctx.seed * 1_000_003 + step * 97);
          step++;
          if (batch.positions.length > 0) {
            const cost = tf.tidy(() => optimizer.minimize(loss, true)!);
            const value = cost.dataSync()[0];
            cost.dispose();
            epochLoss += value * batch.positions.length;
            epochTargets += batch.positions.length;
          }
          disposeBatch(batch);
          sequencesSeen += rows.length;
          const elapsed = (Date.now() - started) / 1000;
          const fraction = (trainShare * ((epoch - 1) * batches + b + 1)) / (epochs * batches);
          const rate = sequencesSeen / Math.max(elapsed, 1e-3);
          ctx.progress({
            fraction,
            epoch,
            step,
            totalSteps: epochs * batches,
            loss: epochTargets > 0 ? epochLoss / epochTargets : undefined,
            sequencesPerSecond: rate,
            message: `epoch ${epoch}/${epochs}, batch ${b + 1}/${batches}: loss ${(epochTargets > 0 ? epochLoss / epochTargets : NaN).toFixed(4)}, ${rate.toFixed(0)} sequences/s, ETA ${Math.round((elapsed * (trainShare - fraction)) / Math.max(fraction, 1e-6))} s`,
          });
        }
        const val = validationLoss();
        const seconds = (Date.now() - epochStart) / 1000;
        history.push({ epoch, loss: epochTargets > 0 ? epochLoss / epochTargets : NaN, validationLoss: val });
        ctx.progress({ fraction: (trainShare * epoch) / epochs, epoch, loss: history[history.length - 1].loss, validationLoss: Number.isFinite(val) ? val : undefined, message: `epoch ${epoch}/${epochs}: loss ${history[history.length - 1].loss.toFixed(4)}, validation loss ${val.toFixed(4)}, ${seconds.toFixed(1)} s` });
        ctx.log(`epoch ${epoch}: loss ${history[history.length - 1].loss.toFixed(4)}, validation ${val.toFixed(4)}, ${(train.length / Math.max(seconds, 1e-3)).toFixed(0)} sequences/s, ${seconds.toFixed(1)} s`);
        if (!(val >= best.loss)) {
          best = { loss: val, epoch, values: Object.fromEntries(Object.entries(variables).map(([k, v]) => [k, v.dataSync() as Float32Array])) };
        } else if (epoch - best.epoch >= (p.patience as number)) {
          ctx.log(`early stop: no better validation loss since epoch ${best.epoch}`);
          break;
        }
      }
      optimizer.dispose();
      const weights = Object.fromEntries(Object.keys(variables).map((k) => [k, { shape: variables[k].shape as number[], values: Float32Array.from(best.values![k]) }]));
      for (const v of Object.values(variables)) v.dispose();

      const draft = { format: ARTIFACT_FORMAT, config, weights } as unknown as SequenceArtifact;

      // Fine-tuning: a copy of the pretrained backbone with the prediction heads, on labels from before asOf.
      const finetune: FinetuneInput = {
        tf,
        config,
        backbone: tensorsOf(tf, draft),
        sequences: before,
        itemsPerOrder: p.itemsPerOrder as number,
        items: data.items,
        vocab,
        asOfDay,
        horizonDays: p.horizonDays as number,
        cuts: p.finetuneCuts as number,
        strideDays: p.finetuneStrideDays as number,
        backboneRate: p.finetuneBackboneRate as number,
        epochs: p.finetuneEpochs as number,
        patience: p.patience as number,
        batchSize,
        learningRate: p.finetuneLearningRate as number,
        validationShare: p.validationShare as number,
        seed: ctx.seed,
        signal: ctx.signal,
        // The run's loss curves stay the pretraining's; the fine-tuning's losses are in the message and the summary.
        progress: (fraction, message) => ctx.progress({ fraction: trainShare + 0.15 * fraction, message }),
        log: (m) => ctx.log(m),
      };
      // A stability refit only assigns: its predictor is needed only when the segments cross value tiers.
      const tuned = ctx.purpose !== 'stability' || (p.valueTiers as boolean) ? finetunePredictor(finetune) : null;
      let predictor: PredictorState | undefined;
      let tiersAtAsOf: Array<'high' | 'mid' | 'low'> | null = null;
      if (tuned) {
        const tunedTensors: Weights = Object.fromEntries(Object.entries(tuned.weights).map(([name, t]) => [name, tf.tensor(t.values, t.shape)]));
        const draftState = { ...tuned.state, highFrom: 0, midFrom: 0 };
        const atAsOf = predictFrom(tf, predictorWeights(tunedTensors), config, draftState, before, p.itemsPerOrder as number, data.items, vocab, asOfDay);
        for (const t of Object.values(tunedTensors)) t.dispose();
        const ranked = Float64Array.from(atAsOf.map((x) => x.clv)).sort();
        predictor = { ...tuned.state, ...valueTierCuts(ranked, p.highShare as number, p.midShare as number) };
        const cuts = predictor;
        tiersAtAsOf = atAsOf.map((x) => (x.clv >= cuts.highFrom ? 'high' : x.clv >= cuts.midFrom ? 'mid' : 'low'));
        ctx.log(`fine-tuned predictor: ${tuned.state.examples} examples, best epoch ${tuned.state.bestEpoch}, fine-tuned in ${tuned.seconds.toFixed(1)} s`);
        Object.assign(weights, tuned.weights);
      }

      // Embeddings of every customer with the best pretrained weights, then the blocks and k-means.
      const pooling = p.pooling as Pooling;
      const projection = pooling === 'mean+transitions' ? hiddenPca(tf, tensorsOf(tf, draft), config, enc, p.transitionRank as number) : null;
      const embeddings = embedAll(tf, tensorsOf(tf, draft), config, enc, pooling, projection, (done) => ctx.progress({ fraction: 0.9 + (0.03 * done) / n, message: `embedding customers ${done}/${n}` }));
      const tasteWeight = p.tasteWeight as number;
      const idf = tasteWeight > 0 ? tokenIdf(before, vocab) : null;
      if (idf) embeddings.taste = tasteVectors(before, vocab, idf, weights.item.values, config.dModel);
      const sequenceBlock = blockStats(embeddings.pooled, n, config.dModel, p.sequenceWeight as number);
      const transitions = projection ? { ...projection, ...blockStats(embeddings.transitions!, n, projection.rank ** 2, p.transitionWeight as number) } : null;
      const taste = idf ? { ...blockStats(embeddings.taste!, n, config.dModel, tasteWeight), idf } : null;
      const rfm = standardise(data.features, n, f);
      let textBlock: SequenceArtifact['textBlock'] = null;
      let text: Float64Array | null = null;
      // A text block of weight 0 would change nothing: it is left out (and no review is encoded).
      if (spec.textBlock && encoder && (p.textWeight as number) > 0) {
        const reviewVectors = await reviewVectorsOf(ctx, encoderId, data.reviews, n, (done, total) => ctx.progress({ fraction: 0.93 + (0.01 * done) / total, message: `encoding reviews ${done}/${total}` }));
        text = customerTextVectors(data, (id) => productVectors.get(id), reviewVectors, encoder.dimension);
        const stats = blockStats(text, n, encoder.dimension, p.textWeight as number);
        // Every product seen in training keeps its vector: assignment then encodes only products new since.
        const stored = [...productVectors.keys()].sort((a, b) => a - b);
        const vectors = new Float32Array(stored.length * encoder.dimension);
        stored.forEach((id, i) => vectors.set(productVectors.get(id)!, i * encoder.dimension));
        textBlock = { ...stats, productIds: stored, vectors, dimension: encoder.dimension };
      }
      let partial = { sequenceBlock, transitions, rfm: { means: rfm.means, stds: rfm.stds, weight: p.rfmWeight as number }, textBlock, taste, config, featureNames: [...data.featureNames] };
      let k = p.k as number;
      let selection: SequenceArtifact['selection'] = null;
      if (p.select === 'validation') {
        ctx.progress({ fraction: 0.94, message: 'choosing k and block weights on the inner window' });
        selection = selectOnInnerWindow(tf, tensorsOf(tf, draft), partial, { before, vocab, items: data.items, itemsPerOrder: p.itemsPerOrder as number, pooling, projection, asOfDay, horizonDays: p.horizonDays as number, p, seed: ctx.seed, log: (m) => ctx.log(m) });
        if (selection) {
          partial = { ...partial, sequenceBlock: { ...sequenceBlock, weight: selection.chosen.sequenceWeight }, transitions: transitions && { ...transitions, weight: selection.chosen.transitionWeight } };
          k = selection.chosen.k;
        }
      }
      for (const t of Object.values(tensorsOf(tf, draft))) t.dispose();
      const { z, width } = joinBlocks(partial, n, embeddings, data.features, text);
      const clusters = clusterRows(z, n, width, {
        k,
        kMin: p.kMin as number,
        kMax: p.kMax as number,
        nInit: p.nInit as number,
        maxIter: 300,
        tol: 1e-4,
        threads: 1,
        seed: ctx.seed,
        minShare: p.minShare as number,
        log: (m) => ctx.log(m),
        checkpoint: (fraction, message) => {
          throwIfAborted(ctx.signal);
          ctx.progress({ fraction: 0.95 + 0.05 * fraction, message });
        },
      });
      let cross: SequenceArtifact['cross'] = null;
      if (p.valueTiers as boolean) {
        if (!tiersAtAsOf) throw new Error('valueTiers needs the fine-tuned predictor, and the history before asOf is too short to fine-tune one');
        cross = crossCells(tiersAtAsOf, clusters.labels, clusters.k, { minCellShare: p.minCellShare as number, minShare: p.minShare as number, maxSegments: p.maxSegments as number });
        ctx.log(`value x taste: ${cross.cells.length} segments from 3 tiers x ${clusters.k} tastes`);
      }
      return Object.freeze({
        format: ARTIFACT_FORMAT,
        code: spec.code,
        objective: spec.objective,
        vocab,
        itemsPerOrder: p.itemsPerOrder as number,
        pooling,
        textEncoder: encoderId,
        weights,
        ...partial,
        k: cross ? cross.cells.length : clusters.k,
        centroids: Array.from(clusters.centroids),
        selection,
        cross,
        history,
        bestEpoch: best.epoch,
        backend,
        kSearch: clusters.kSearch,
        predictor,
      }) as SequenceArtifact;
    },

    /**
     * The space the segments live in: the joined, weighted blocks (what k-means clustered); for value x taste, the
     * value tier joined as a one-hot block three times the taste space's spread, so that tiers lie apart as cells do.
     */
    async embed(artifact, data, ctx) {
      const { z, width } = await segmentationSpace(artifact, data, ctx);
      const n = data.customerIds.length;
      if (!artifact.cross) return Array.from({ length: n }, (_, i) => z.slice(i * width, (i + 1) * width));
      const tiers = (await segmenter.predict!(artifact, data, ctx)).map((r) => (r.valueTier ?? 'low') as Tier);
      let spread = 0;
      for (let i = 0; i < z.length; i++) spread += z[i] ** 2 / Math.max(n, 1);
      const scale = 3 * Math.sqrt(spread);
      return Array.from({ length: n }, (_, i) => {
        const row = new Float64Array(width + TIERS.length);
        row.set(z.subarray(i * width, (i + 1) * width));
        row[width + TIERS.indexOf(tiers[i])] = scale;
        return row;
      });
    },

    /** A refit fixes what this fit chose: the taste k (not the number of value x taste cells) and the selected weights. */
    refitParams(artifact, params) {
      const chosen = artifact.selection?.chosen;
      const k = (params.k as number) > 0 ? (params.k as number) : chosen ? chosen.k : artifact.cross ? artifact.cross.tasteK : artifact.k;
      return { ...params, k, ...(chosen ? { select: 'daviesBouldin', sequenceWeight: chosen.sequenceWeight, transitionWeight: chosen.transitionWeight } : {}) };
    },

    async assign(artifact, data, ctx): Promise<Assignment[]> {
      const { z, width } = await segmentationSpace(artifact, data, ctx);
      const cross = artifact.cross;
      const { labels, distances } = nearest(z, data.customerIds.length, width, Float64Array.from(artifact.centroids), cross ? cross.tasteK : artifact.k);
      if (!cross) return Array.from(labels, (segment, i) => ({ segment, distance: distances[i] }));
      // Value x taste: the taste cluster crossed with the predictor's value tier on its own horizon.
      const tiers = (await segmenter.predict!(artifact, data, ctx)).map((r) => (r.valueTier ?? 'low') as Tier);
      return Array.from(labels, (taste, i) => ({ segment: cross.cellOf[tiers[i]][taste], distance: distances[i] }));
    },

    /**
     * The fine-tuned predictor's forecast from `data.asOfDay` over its horizon (or another one, at the same rate);
     * value tiers by the cuts learnt on the training customers, on its own horizon only.
     */
    async predict(artifact, data, ctx, options: PredictOptions = {}): Promise<Prediction[]> {
      requireSequences(data);
      const state = artifact.predictor;
      if (!state) throw new Error(`this ${artifact.code} version has no fine-tuned predictor (trained before they existed, or on too short a history): train a new version`);
      const { tf } = await ctx.tensorflow();
      const horizonDays = options.horizonDays ?? state.horizonDays;
      const rows = predictFrom(tf, predictorWeights(tensorsOf(tf, artifact)), artifact.config, state, data.sequences, artifact.itemsPerOrder, data.items, artifact.vocab, data.asOfDay ?? lastDayOf(data.sequences) + 1, horizonDays);
      if (horizonDays !== state.horizonDays) return rows;
      return rows.map((r) => ({ ...r, valueTier: r.clv >= state.highFrom ? 'high' : r.clv >= state.midFrom ? 'mid' : 'low' }));
    },

    /** 0 when the version has no predictor: the host then stores and evaluates no predictions for it. */
    horizonDays: (artifact) => artifact.predictor?.horizonDays ?? 0,

    describe(artifact): SegmentDescription[] {
      if (artifact.cross) return artifact.cross.cells.map((cell, index) => ({ index, basis: 'taste', valueTier: cell.tier, taste: cell.taste }));
      // Without the RFM block the segments group customers by what (and in which order) they buy: named by taste.
      return Array.from({ length: artifact.k }, (_, c) => ({ index: c, basis: artifact.rfm.weight > 0 ? 'rfm' : 'taste' }));
    },

    summary: (artifact) => ({
      k: artifact.k,
      backend: artifact.backend,
      bestEpoch: artifact.bestEpoch,
      history: artifact.history,
      vocabulary: artifact.vocab.productIds.length,
      textEncoder: artifact.textEncoder,
      kSearch: artifact.kSearch,
      selection: artifact.selection ? { on: artifact.selection.on, chosen: artifact.selection.chosen, tried: artifact.selection.tried } : null,
      valueByTaste: artifact.cross ? { tastes: artifact.cross.tasteK, cells: artifact.cross.cells } : null,
      predictor: artifact.predictor
        ? { horizonDays: artifact.predictor.horizonDays, examples: artifact.predictor.examples, labelWindows: artifact.predictor.cuts, bestEpoch: artifact.predictor.bestEpoch, history: artifact.predictor.history, highFrom: artifact.predictor.highFrom, midFrom: artifact.predictor.midFrom }
        : null,
    }),

    serialize: (artifact) => serializeArtifact(artifact),
    deserialize: (bytes) => deserializeArtifact(bytes),
  };
  return segmenter;
}

/**
 * The artifact as one buffer: a JSON header line, then the weights in TensorFlow.js's weights-manifest layout (the
 * header's `weightSpecs` name, shape and dtype of each tensor; their float32 data follow back to back, as
 * `tf.io.decodeWeights` reads them), then the stored product text vectors.
 */
export function serializeArtifact(artifact: SequenceArtifact): Buffer {
  const names = Object.keys(artifact.weights).sort();
  const weightSpecs = names.map((name) => ({ name, shape: artifact.weights[name].shape, dtype: 'float32' }));
  const { weights: _w, textBlock, ...rest } = artifact;
  const header = { ...rest, weightSpecs, textBlock: textBlock ? { ...textBlock, vectors: textBlock.vectors.length } : null };
  const parts: Uint8Array[] = [Buffer.from(JSON.stringify(header) + '\n', 'utf8')];
  for (const name of names) {
    const v = artifact.weights[name].values;
    parts.push(new Uint8Array(v.buffer, v.byteOffset, v.byteLength));
  }
  if (textBlock) parts.push(new Uint8Array(textBlock.vectors.buffer, textBlock.vectors.byteOffset, textBlock.vectors.byteLength));
  return Buffer.concat(parts);
}

export function deserializeArtifact(bytes: Buffer): SequenceArtifact {
  const newline = bytes.indexOf(0x0a);
  if (newline < 0) throw new Error('not a transformer segmenter artifact');
  const header = JSON.parse(bytes.subarray(0, newline).toString('utf8'));
  if (header.format !== ARTIFACT_FORMAT) throw new Error(`transformer artifact format ${header.format} cannot be loaded by format ${ARTIFACT_FORMAT}`);
  // Copy into an aligned buffer so that Float32Array views are valid.
  const body = new Uint8Array(bytes.subarray(newline + 1));
  let at = 0;
  const floats = (count: number) => {
    const out = new Float32Array(body.buffer.slice(at, at + count * 4));
    at += count * 4;
    return out;
  };
  const weights: SequenceArtifact['weights'] = {};
  for (const spec of header.weightSpecs as Array<{ name: string; shape: number[] }>) {
    (weights as Record<string, { shape: number[]; values: Float32Array }>)[spec.name] = { shape: spec.shape, values: floats(spec.shape.reduce((a, b) => a * b, 1)) };
  }
  const { weightSpecs: _s, ...rest } = header;
  const textBlock = header.textBlock ? { ...header.textBlock, vectors: floats(header.textBlock.vectors) } : null;
  if (at !== body.length) throw new Error(`transformer artifact is ${body.length - at} bytes longer than its header says`);
  return Object.freeze({ ...rest, weights, textBlock }) as SequenceArtifact;
}
