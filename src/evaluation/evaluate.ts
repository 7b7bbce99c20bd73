import { adjustedRandIndex, computeMetrics } from '../ml/clustering/metrics';
import { reclusteringStability } from '../ml/clustering/cluster';
import { quietFitContext, withScratchDir } from '../ml/plugin-services';
import { Random } from '../ml/random';
import { sliceSequences } from '../ml/sequences';
import { segmentHitRate } from '../ml/taste';
import { AssignContext, Prediction, Segmenter, TrainingSet } from '../registry/segmenter';
import { validateParams } from '../registry/params';
import { standardise } from '../training/feature-catalogue';
import { shareBelow, tierOfPercentile } from '../ml/value-tiers';
import { balance, bestJaccard, betweenGroupR2, normalizedMutualInfo, rocAuc } from './metrics';

/**
 * The computing half of an evaluation: everything after the data is loaded, with no database, so that it runs in an
 * evaluation worker thread (src/evaluation/evaluation-worker.ts) and never on the API's event loop. The loading half
 * (training set, outcomes, ground truth, artifact bytes) is the runner's, on the main thread.
 */

export const DEFAULT_BOOTSTRAPS = 10;
/** Refits of the whole pipeline for a plugin that trains a network (`accelerator` not `none`): each takes minutes. */
export const DEFAULT_SLOW_REFITS = 2;
/**
 * The version of the metric definitions. Stored evaluations of an older definition are not compared with newer ones:
 * a comparison lists them as missing and the next evaluation recomputes them. 2: HitRate@10 over buyers,
 * cross-fitted segment rates, refit stability for every plugin, internal metrics in the segmentation's own space.
 */
export const METRIC_DEFINITIONS = 2;

/** Whether stored metrics follow today's definitions (comparable with new ones). */
export function currentDefinitions(metrics: Record<string, unknown> | null | undefined): boolean {
  return !!metrics && metrics.definitions === METRIC_DEFINITIONS;
}

/** Every metric of a version on one time split; higher is better unless listed in LOWER_IS_BETTER. */
export interface EvaluationMetrics {
  /** METRIC_DEFINITIONS when computed (absent: 1). */
  definitions: number;
  asOf: string;
  horizonDays: number;
  customers: number;
  segments: number;
  /**
   * Share of the variance of net spend in the horizon explained by segment membership, cross-fitted: each segment's
   * mean is estimated on one half of the customers (seeded) and scores the other half, both ways. Can be negative.
   */
  futureSpendR2: number | null;
  /** The same for log(1 + net spend): less ruled by a few wholesale buyers. */
  futureLogSpendR2: number | null;
  /** In-sample between-segment R² of net spend, adjusted for the number of segments (1 − (1 − R²)(n − 1)/(n − k)). */
  futureSpendR2Adjusted: number | null;
  futureLogSpendR2Adjusted: number | null;
  /** AUC of each customer's segment churn rate (estimated on the other half) as a score for "did not buy in the horizon". */
  churnAuc: number | null;
  /** Mean future spend of the best segment (chosen on the other half) over the mean of all, cross-fitted. */
  spendLift: number | null;
  /**
   * Among customers who buy a product in the horizon, the share who buy one of their segment's 10 most bought products
   * (most buyers before asOf, leaving out what the customer bought before) in the horizon.
   */
  hitRateAt10: number | null;
  /** The same over every customer (non-buyers count as misses). */
  hitRateAt10All: number | null;
  /** The reference: everyone recommended the same 10 most bought products (minus their own): HitRate@10 over buyers. */
  popularityHitRateAt10: number | null;
  popularityHitRateAt10All: number | null;
  /** Mean ARI against the full fit of the whole pipeline refitted on `bootstraps` bootstrap resamples. */
  stabilityAri: number;
  /** Per segment; null for a segment with no customer at the split. */
  stabilityJaccard: Array<number | null>;
  /** Refits behind stabilityAri (fewer for plugins that train a network). */
  bootstraps: number;
  /** Embedding plugins: mean ARI of re-clustering their fixed segmentation space on `reclusterings` resamples. */
  reclusteringAri: number | null;
  reclusterings: number;
  smallestShare: number;
  largestShare: number;
  sizeEntropy: number;
  sizeEntropyNormalised: number;
  /** Where the internal metrics are computed: the plugin's own segmentation space (`embedding`) or the standardised features. */
  metricSpace: 'embedding' | 'features';
  silhouette: number | null;
  daviesBouldin: number | null;
  calinskiHarabasz: number | null;
  inertia: number;
  /** The internal metrics on the standardised features, whatever the plugin (comparable across plugins' spaces). */
  rfmSilhouette: number | null;
  rfmDaviesBouldin: number | null;
  rfmCalinskiHarabasz: number | null;
  groundTruthAri: number | null;
  groundTruthNmi: number | null;
  /** The version was trained on data after `asOf`: its predictive numbers are optimistic. */
  leakage: boolean;
  /** Per-customer prediction metrics of a predicting version (null otherwise). */
  predictions: PredictionMetrics | null;
}

/** A predicting version's predictions over the split's horizon, against the outcomes. */
export interface PredictionMetrics {
  churnAuc: number | null;
  spendSpearman: number | null;
  expectedPurchases: number;
  actualPurchases: number;
  purchasesForecastError: number | null;
  expectedSpend: number;
  actualSpend: number;
  spendForecastError: number | null;
  calibration: Array<{ customers: number; predicted: number; observed: number }>;
  /**
   * The value tiers (the model's own, else the host's: top 20% of predicted value high, next 30% mid) scored as
   * segments are: the churn AUC of each tier's churn rate, and the between-tier R² of log(1 + horizon spend).
   */
  tierChurnAuc: number | null;
  tierLogSpendR2: number | null;
}

/** What each customer did in [asOf, asOf + horizon), as flat typed arrays (cheap to hand to a worker thread). */
export interface Outcomes {
  /** Net spend in the horizon (returns subtract). */
  spend: Float64Array;
  /** 1 when the customer placed an order in the horizon. */
  boughtAgain: Uint8Array;
  /** Distinct days (UTC) with a placed order in the horizon. */
  purchaseDays: Int32Array;
  /** Customer `i`'s products bought in the horizon are `futureProducts[futureOffsets[i] .. futureOffsets[i + 1])`. */
  futureOffsets: Int32Array;
  futureProducts: Int32Array;
}

export interface EvaluationInput {
  versionId: number;
  /** The version's params (bootstrap refits use them). */
  params: Record<string, unknown>;
  /** The version's own training cut-off, ms since the epoch. */
  versionAsOf: number;
  /** The split, ms since the epoch. */
  asOf: number;
  horizonDays: number;
  bootstraps: number;
  /** Refits for plugins that train a network (default DEFAULT_SLOW_REFITS, at most `bootstraps`). */
  slowRefits?: number;
  /** The customers who bought before `asOf`, with sequences (HitRate@10 reads what they bought before). */
  data: TrainingSet;
  outcome: Outcomes;
  /** Per customer, an integer code of its ground-truth label; -1 where it has none. */
  truth: Int32Array;
}

export interface EvaluationHooks {
  /** `fraction` 0..1 of this version's evaluation. */
  progress?(fraction: number, message: string): void;
  /** Read between steps and between bootstraps. */
  cancelled?(): boolean;
  /** Handed to the bootstrap refits. */
  signal?: AbortSignal;
  /** Where the refits' scratch folders go. */
  scratchRoot: string;
}

function cancelledError(): Error {
  return Object.assign(new Error('cancelled'), { cancelled: true });
}

/** Assigns every customer with the version, embeds them (plugins that embed), refits on bootstrap resamples, and computes every metric. */
export async function evaluateVersion(segmenter: Segmenter, artifact: unknown, context: AssignContext, input: EvaluationInput, hooks: EvaluationHooks): Promise<EvaluationMetrics> {
  const { data, outcome } = input;
  const n = data.customerIds.length;
  if (n === 0) throw new Error(`no customer bought anything before ${new Date(input.asOf).toISOString()}`);
  const check = () => {
    if (hooks.cancelled?.() || hooks.signal?.aborted) throw cancelledError();
  };
  hooks.progress?.(0.01, `assigning ${n} customers`);
  const labels = Int32Array.from(await segmenter.assign(artifact, data, context), (a) => a.segment);
  check();
  let k = 0;
  for (let i = 0; i < n; i++) if (labels[i] + 1 > k) k = labels[i] + 1;

  // Predictive value, cross-fitted: a segment's rates come from the other half of the customers.
  const fitted = crossFitted(labels, k, outcome, 20_251_202);
  const inSample = { spend: betweenGroupR2(outcome.spend, labels), logSpend: betweenGroupR2(logSpend(outcome.spend), labels) };
  const sizes = new Array<number>(k).fill(0);
  for (let i = 0; i < n; i++) sizes[labels[i]]++;
  const hits = hitRate(data, labels, k, outcome);
  const popularity = hitRate(data, new Int32Array(n), 1, outcome);
  // A version predicts when its plugin does and the version has a horizon (0: fitted without a predictor).
  const predicts = segmenter.capabilities.predicts && segmenter.predict && (segmenter.horizonDays?.(artifact) ?? 1) > 0;
  const predictions = predicts ? predictionMetrics(await segmenter.predict!(artifact, data, context, { horizonDays: input.horizonDays }), outcome) : null;
  check();
  hooks.progress?.(0.05, 'internal metrics');

  // Internal metrics in the version's own space (what it clustered) and on the standardised features; balance,
  // stability, ground truth.
  const d = data.featureNames.length;
  const rfmInternal = computeMetrics(standardise(data.features, n, d).z, n, d, labels, k, 42);
  let space: { z: Float64Array; width: number } | null = null;
  if (segmenter.embed) {
    hooks.progress?.(0.06, `embedding ${n} customers`);
    const rows = await segmenter.embed(artifact, data, context);
    const width = rows[0]?.length ?? 0;
    const z = new Float64Array(n * width);
    for (let i = 0; i < n; i++) z.set(rows[i], i * width);
    space = { z, width };
    check();
  }
  const internal = space ? computeMetrics(space.z, n, space.width, labels, k, 42) : rfmInternal;
  check();
  const stability = await stabilityOf(segmenter, artifact, context, input, labels, k, space, hooks, check);
  const labelled: number[] = [];
  for (let i = 0; i < n; i++) if (input.truth[i] >= 0) labelled.push(i);
  const ground =
    labelled.length >= Math.max(2, 0.5 * n)
      ? {
          ari: adjustedRandIndex(Int32Array.from(labelled, (i) => input.truth[i]), Int32Array.from(labelled, (i) => labels[i])),
          nmi: normalizedMutualInfo(Int32Array.from(labelled, (i) => input.truth[i]), Int32Array.from(labelled, (i) => labels[i])),
        }
      : null;
  const finite = (x: number | null) => (x !== null && Number.isFinite(x) ? x : null);
  const adjusted = (r2: number) => (n > k ? 1 - ((1 - r2) * (n - 1)) / (n - k) : NaN);
  hooks.progress?.(1, 'done');
  return {
    definitions: METRIC_DEFINITIONS,
    asOf: new Date(input.asOf).toISOString(),
    horizonDays: input.horizonDays,
    customers: n,
    segments: k,
    futureSpendR2: finite(fitted.spendR2),
    futureLogSpendR2: finite(fitted.logSpendR2),
    futureSpendR2Adjusted: finite(adjusted(inSample.spend)),
    futureLogSpendR2Adjusted: finite(adjusted(inSample.logSpend)),
    churnAuc: finite(fitted.churnAuc),
    spendLift: finite(fitted.spendLift),
    hitRateAt10: hits?.buyers ?? null,
    hitRateAt10All: hits?.all ?? null,
    popularityHitRateAt10: popularity?.buyers ?? null,
    popularityHitRateAt10All: popularity?.all ?? null,
    stabilityAri: stability.ari,
    stabilityJaccard: stability.jaccard,
    bootstraps: stability.refits,
    reclusteringAri: stability.reclusteringAri,
    reclusterings: stability.reclusterings,
    ...balance(sizes),
    metricSpace: space ? 'embedding' : 'features',
    silhouette: internal.silhouette,
    daviesBouldin: internal.daviesBouldin,
    calinskiHarabasz: internal.calinskiHarabasz,
    inertia: internal.inertia,
    rfmSilhouette: rfmInternal.silhouette,
    rfmDaviesBouldin: rfmInternal.daviesBouldin,
    rfmCalinskiHarabasz: rfmInternal.calinskiHarabasz,
    groundTruthAri: ground?.ari ?? null,
    groundTruthNmi: ground?.nmi ?? null,
    leakage: input.versionAsOf > input.asOf,
    predictions,
  };
}

/**
 * Segment rates estimated out of sample: the customers are split in two halves (seeded, the same for every version
 * of the same customers); each half is scored with the other half's per-segment churn rate and mean spend (a segment
 * empty in the other half gets that half's overall rate), then the roles swap. More segments can then only help as
 * far as they generalise: in-sample, a segment of one customer "predicts" that customer perfectly.
 */
export function crossFitted(labels: Int32Array, k: number, outcome: Outcomes, seed: number): { churnAuc: number; spendR2: number; logSpendR2: number; spendLift: number | null } {
  const n = labels.length;
  const half = new Uint8Array(n);
  new Random(seed).shuffled(Array.from({ length: n }, (_, i) => i)).forEach((i, rank) => (half[i] = rank < n / 2 ? 0 : 1));
  const log = logSpend(outcome.spend);
  // Per half: per segment [customers, churned, spend, log spend], then the half's totals at index k.
  const stats = [0, 1].map(() => Array.from({ length: k + 1 }, () => new Float64Array(4)));
  for (let i = 0; i < n; i++) {
    for (const c of [labels[i], k]) {
      const s = stats[half[i]][c];
      s[0]++;
      if (outcome.boughtAgain[i] === 0) s[1]++;
      s[2] += outcome.spend[i];
      s[3] += log[i];
    }
  }
  const rate = (h: number, c: number, j: number) => (stats[h][c][0] > 0 ? stats[h][c][j] / stats[h][c][0] : stats[h][k][0] > 0 ? stats[h][k][j] / stats[h][k][0] : 0);
  const churnScore = new Float64Array(n);
  const churned = new Array<boolean>(n);
  let sse = 0;
  let sseLog = 0;
  let mean = 0;
  let meanLog = 0;
  for (let i = 0; i < n; i++) {
    mean += outcome.spend[i] / n;
    meanLog += log[i] / n;
  }
  let sst = 0;
  let sstLog = 0;
  for (let i = 0; i < n; i++) {
    const other = 1 - half[i];
    churnScore[i] = rate(other, labels[i], 1);
    churned[i] = outcome.boughtAgain[i] === 0;
    sse += (outcome.spend[i] - rate(other, labels[i], 2)) ** 2;
    sseLog += (log[i] - rate(other, labels[i], 3)) ** 2;
    sst += (outcome.spend[i] - mean) ** 2;
    sstLog += (log[i] - meanLog) ** 2;
  }
  // Lift: the best segment by the estimating half's mean spend, measured on the scoring half.
  const lifts: number[] = [];
  for (const h of [0, 1]) {
    let best = -1;
    for (let c = 0; c < k; c++) if (stats[h][c][0] > 0 && (best < 0 || stats[h][c][2] / stats[h][c][0] > stats[h][best][2] / stats[h][best][0])) best = c;
    const other = stats[1 - h];
    if (best >= 0 && other[best][0] > 0 && other[k][2] > 0) lifts.push(other[best][2] / other[best][0] / (other[k][2] / other[k][0]));
  }
  return {
    churnAuc: rocAuc(churnScore, churned),
    spendR2: sst > 0 ? 1 - sse / sst : NaN,
    logSpendR2: sstLog > 0 ? 1 - sseLog / sstLog : NaN,
    spendLift: lifts.length ? lifts.reduce((a, b) => a + b, 0) / lifts.length : null,
  };
}

/**
 * Segment-based recommendation HitRate@10: each customer is recommended the 10 products most bought (by customers)
 * in their segment before `asOf`, leaving out those they bought already (their whole history before asOf); a hit is
 * buying one in the horizon. Over the customers who buy a product in the horizon (the usual definition), and over all.
 */
export function hitRate(data: TrainingSet, labels: Int32Array, k: number, outcome: Outcomes): { buyers: number | null; all: number } | null {
  if (!data.sequences) return null;
  const n = data.customerIds.length;
  const { hits, buyers } = segmentHitRate(data.sequences, { offsets: outcome.futureOffsets, productIds: outcome.futureProducts }, labels, k);
  return { buyers: buyers > 0 ? hits / buyers : null, all: n > 0 ? hits / n : 0 };
}

/**
 * Bootstrap stability (as fpc::clusterboot): resamples of the customers (seeded); the whole pipeline is refitted on
 * each (every plugin: representation and segmentation), the refit assigns everyone, and its ARI against the full fit
 * is averaged, with per segment the best Jaccard similarity on the resampled customers. A plugin that trains a
 * network gets `slowRefits` refits instead of `bootstraps`. Embedding plugins also get the cheaper, older figure
 * under its own name: re-clustering their fixed space on each resample (the representation is not tested).
 * Progress per refit; cancellation read between them.
 */
async function stabilityOf(
  segmenter: Segmenter,
  artifact: unknown,
  context: AssignContext,
  input: EvaluationInput,
  labels: Int32Array,
  k: number,
  space: { z: Float64Array; width: number } | null,
  hooks: EvaluationHooks,
  check: () => void,
): Promise<{ ari: number; jaccard: Array<number | null>; refits: number; reclusteringAri: number | null; reclusterings: number }> {
  const { data, bootstraps } = input;
  const n = data.customerIds.length;
  const slow = segmenter.capabilities.accelerator !== 'none';
  const refits = slow ? Math.min(bootstraps, input.slowRefits ?? DEFAULT_SLOW_REFITS) : bootstraps;
  const mean = (xs: number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : NaN);
  const resampleOf = (rng: Random) => Int32Array.from({ length: n }, () => Math.floor(rng.next() * n));

  let reclusteringAri: number | null = null;
  if (space) {
    const rng = new Random(20_251_129 + input.versionId);
    reclusteringAri = reclusteringStability(space.z, n, space.width, labels, k, bootstraps, () => rng.next(), { nInit: 2, maxIter: 300, tol: 1e-4, threads: 1 }, (b) => b + 1, check);
  }

  // The version's params with today's defaults for any it predates, then the choices its fit made fixed (k, weights
  // chosen on a validation window): a refit that chose its own k would be compared at another granularity.
  const filled = validateParams(segmenter.code, segmenter.params, Object.fromEntries(Object.entries(input.params).filter(([key]) => segmenter.params.some((p) => p.name === key))));
  const refitParams = segmenter.refitParams ? segmenter.refitParams(artifact, filled) : { ...filled, ...(filled.k === 0 ? { k } : {}) };
  const rng = new Random(20_251_128 + input.versionId);
  const aris: number[] = [];
  const jaccards = Array.from({ length: k }, () => [] as number[]);
  // Refits take 0.1 .. 1 of the progress.
  const at = (b: number) => 0.1 + (0.9 * b) / Math.max(1, refits);
  const d = data.featureNames.length;
  for (let b = 0; b < refits; b++) {
    check();
    hooks.progress?.(at(b), `refit ${b + 1} of ${refits}`);
    // A turn of this thread's event loop: the runner's cancel message gets through between refits.
    await new Promise((resolve) => setImmediate(resolve));
    check();
    const rows = resampleOf(rng);
    // Every input the plugin reads, resampled together (sequence plugins refit on the resampled histories).
    const resample: TrainingSet = {
      customerIds: Array.from(rows, (r) => data.customerIds[r]),
      featureNames: data.featureNames,
      features: new Float64Array(n * d),
      sequences: data.sequences ? sliceSequences(data.sequences, Array.from(rows)) : undefined,
      items: data.items,
      reviews: data.reviews ? Array.from(rows, (r) => data.reviews![r]) : undefined,
      asOfDay: data.asOfDay,
    };
    for (let i = 0; i < n; i++) resample.features.set(data.features.subarray(rows[i] * d, (rows[i] + 1) * d), i * d);
    const params = refitParams;
    const signal = hooks.signal ?? new AbortController().signal;
    const refit = await withScratchDir(hooks.scratchRoot, (dir) => segmenter.fit(resample, params, quietFitContext(context, b + 1, dir, signal, 'stability')));
    check();
    const other = Int32Array.from(await segmenter.assign(refit, data, context), (a) => a.segment);
    aris.push(adjustedRandIndex(labels, other));
    const members = Array.from(new Set(rows));
    bestJaccard(labels, other, members, k).forEach((j, c) => Number.isFinite(j) && jaccards[c].push(j));
  }
  hooks.progress?.(1, 'metrics');
  // A segment with no customer at the split has no Jaccard figure: null, not NaN (which JSON would store as null anyway).
  return { ari: mean(aris), jaccard: jaccards.map((xs) => (xs.length ? mean(xs) : null)), refits, reclusteringAri, reclusterings: space ? bootstraps : 0 };
}

/** Per-customer churn AUC, Spearman of value against spend, aggregate forecast errors and a churn calibration table. */
export function predictionMetrics(predictions: readonly Prediction[], outcome: Outcomes): PredictionMetrics {
  const n = predictions.length;
  if (n !== outcome.spend.length) throw new Error(`the plugin returned ${n} predictions for ${outcome.spend.length} customers`);
  const churned = Array.from(outcome.boughtAgain, (b) => b === 0);
  const churn = Float64Array.from(predictions, (p) => p.churnProbability);
  const clv = Float64Array.from(predictions, (p) => p.clv);
  let expectedPurchases = 0;
  let actualPurchases = 0;
  let expectedSpend = 0;
  let actualSpend = 0;
  for (let i = 0; i < n; i++) {
    expectedPurchases += predictions[i].expectedPurchases;
    actualPurchases += outcome.purchaseDays[i];
    expectedSpend += clv[i];
    actualSpend += outcome.spend[i];
  }
  const positives = churned.filter(Boolean).length;
  // Ten bins of (nearly) equal size by predicted churn, lowest first.
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => churn[a] - churn[b]);
  const calibration: PredictionMetrics['calibration'] = [];
  const bins = Math.min(10, n);
  for (let b = 0; b < bins; b++) {
    const from = Math.floor((b * n) / bins);
    const to = Math.floor(((b + 1) * n) / bins);
    if (to <= from) continue;
    let predicted = 0;
    let observed = 0;
    for (let k = from; k < to; k++) {
      predicted += churn[order[k]];
      observed += churned[order[k]] ? 1 : 0;
    }
    calibration.push({ customers: to - from, predicted: predicted / (to - from), observed: observed / (to - from) });
  }
  const tiers = valueTiers(predictions);
  const tierChurn = new Map<number, { churned: number; n: number }>();
  for (let i = 0; i < n; i++) {
    const t = tierChurn.get(tiers[i]) ?? { churned: 0, n: 0 };
    t.n++;
    if (churned[i]) t.churned++;
    tierChurn.set(tiers[i], t);
  }
  const tierRate = Float64Array.from(tiers, (t) => tierChurn.get(t)!.churned / tierChurn.get(t)!.n);
  const tierLogSpendR2 = betweenGroupR2(logSpend(outcome.spend), tiers);
  return {
    tierChurnAuc: positives > 0 && positives < n ? rocAuc(tierRate, churned) : null,
    tierLogSpendR2: Number.isFinite(tierLogSpendR2) ? tierLogSpendR2 : null,
    churnAuc: positives > 0 && positives < n ? rocAuc(churn, churned) : null,
    spendSpearman: spearman(clv, outcome.spend),
    expectedPurchases,
    actualPurchases,
    purchasesForecastError: actualPurchases > 0 ? (expectedPurchases - actualPurchases) / actualPurchases : null,
    expectedSpend,
    actualSpend,
    spendForecastError: actualSpend !== 0 ? (expectedSpend - actualSpend) / Math.abs(actualSpend) : null,
    calibration,
  };
}

/** log(1 + spend), net returns counting as no spend. */
function logSpend(spend: Float64Array): Float64Array {
  return Float64Array.from(spend, (s) => Math.log1p(Math.max(0, s)));
}

const TIER_INDEX = { high: 0, mid: 1, low: 2, lapsed: 3 } as const;

/** Each customer's value tier as an index: the model's own where every row has one, else the host's rule on clv. */
function valueTiers(predictions: readonly Prediction[]): Int32Array {
  if (predictions.every((p) => p.valueTier !== undefined)) return Int32Array.from(predictions, (p) => TIER_INDEX[p.valueTier!]);
  const sorted = Float64Array.from(predictions, (p) => p.clv).sort();
  return Int32Array.from(predictions, (p) => TIER_INDEX[tierOfPercentile(shareBelow(sorted, p.clv))]);
}

/** Spearman's rank correlation (average ranks for ties); null when either side is constant. */
export function spearman(a: ArrayLike<number>, b: ArrayLike<number>): number | null {
  const constant = (x: ArrayLike<number>) => Array.prototype.every.call(x, (v: number) => v === x[0]);
  if (a.length < 2 || constant(a) || constant(b)) return null;
  const ra = ranks(a);
  const rb = ranks(b);
  const n = ra.length;
  let ma = 0;
  let mb = 0;
  for (let i = 0; i < n; i++) {
    ma += ra[i] / n;
    mb += rb[i] / n;
  }
  let sab = 0;
  let saa = 0;
  let sbb = 0;
  for (let i = 0; i < n; i++) {
    sab += (ra[i] - ma) * (rb[i] - mb);
    saa += (ra[i] - ma) ** 2;
    sbb += (rb[i] - mb) ** 2;
  }
  return saa > 0 && sbb > 0 ? sab / Math.sqrt(saa * sbb) : null;
}

function ranks(values: ArrayLike<number>): Float64Array {
  const n = values.length;
  const order = Array.from({ length: n }, (_, i) => i).sort((x, y) => values[x] - values[y]);
  const out = new Float64Array(n);
  for (let i = 0; i < n; ) {
    let j = i;
    while (j + 1 < n && values[order[j + 1]] === values[order[i]]) j++;
    const rank = (i + j) / 2 + 1;
    for (let k = i; k <= j; k++) out[order[k]] = rank;
    i = j + 1;
  }
  return out;
}
