import { adjustedRandIndex, computeMetrics } from '../ml/clustering/metrics';
import { clusterRows } from '../ml/clustering/cluster';
import { nearest } from '../ml/clustering/kmeans';
import { quietFitContext, withScratchDir } from '../ml/plugin-services';
import { Random } from '../ml/random';
import { sliceSequences } from '../ml/sequences';
import { AssignContext, Prediction, Segmenter, TrainingSet } from '../registry/segmenter';
import { standardise } from '../training/feature-catalogue';
import { shareBelow, tierOfPercentile } from '../ml/value-tiers';
import { balance, bestJaccard, betweenGroupR2, normalizedMutualInfo, rocAuc } from './metrics';

/**
 * The computing half of an evaluation: everything after the data is loaded, with no database, so that it runs in an
 * evaluation worker thread (src/evaluation/evaluation-worker.ts) and never on the API's event loop. The loading half
 * (training set, outcomes, ground truth, artifact bytes) is the runner's, on the main thread.
 */

export const DEFAULT_BOOTSTRAPS = 10;

/** Every metric of a version on one time split; higher is better unless listed in LOWER_IS_BETTER. */
export interface EvaluationMetrics {
  asOf: string;
  horizonDays: number;
  customers: number;
  segments: number;
  /** Share of the variance of net spend in the horizon explained by segment membership. */
  futureSpendR2: number | null;
  /** The same for log(1 + net spend): less ruled by a few wholesale buyers. */
  futureLogSpendR2: number | null;
  /** AUC of each customer's segment churn rate as a score for "did not buy in the horizon". */
  churnAuc: number | null;
  /** Mean future spend of the best segment over the mean of all. */
  spendLift: number | null;
  /** Share of customers who buy one of their segment's 10 most bought products (new to them) in the horizon. */
  hitRateAt10: number | null;
  stabilityAri: number;
  stabilityJaccard: number[];
  bootstraps: number;
  smallestShare: number;
  largestShare: number;
  sizeEntropy: number;
  sizeEntropyNormalised: number;
  silhouette: number | null;
  daviesBouldin: number | null;
  calinskiHarabasz: number | null;
  inertia: number;
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

  // Predictive value.
  const futureSpendR2 = betweenGroupR2(outcome.spend, labels);
  const futureLogSpendR2 = betweenGroupR2(logSpend(outcome.spend), labels);
  const churned = new Array<boolean>(n);
  const churnRate = new Float64Array(k);
  const sizes = new Array<number>(k).fill(0);
  const segmentSpend = new Float64Array(k);
  let totalSpend = 0;
  for (let i = 0; i < n; i++) {
    const l = labels[i];
    churned[i] = outcome.boughtAgain[i] === 0;
    sizes[l]++;
    if (churned[i]) churnRate[l]++;
    segmentSpend[l] += outcome.spend[i];
    totalSpend += outcome.spend[i];
  }
  for (let c = 0; c < k; c++) churnRate[c] = sizes[c] > 0 ? churnRate[c] / sizes[c] : 0;
  const churnAuc = rocAuc(Float64Array.from(labels, (l) => churnRate[l]), churned);
  const meanSpend = totalSpend / n;
  let bestSegmentSpend = -Infinity;
  for (let c = 0; c < k; c++) if (sizes[c] > 0 && segmentSpend[c] / sizes[c] > bestSegmentSpend) bestSegmentSpend = segmentSpend[c] / sizes[c];
  const spendLift = meanSpend > 0 ? bestSegmentSpend / meanSpend : null;
  const hitRateAt10 = hitRate(data, labels, k, outcome);
  // A version predicts when its plugin does and the version has a horizon (0: fitted without a predictor).
  const predicts = segmenter.capabilities.predicts && segmenter.predict && (segmenter.horizonDays?.(artifact) ?? 1) > 0;
  const predictions = predicts ? predictionMetrics(await segmenter.predict!(artifact, data, context, { horizonDays: input.horizonDays }), outcome) : null;
  check();
  hooks.progress?.(0.05, 'internal metrics');

  // Internal metrics on the standardised features (as stored at training), balance, stability, ground truth.
  const d = data.featureNames.length;
  const internal = computeMetrics(standardise(data.features, n, d).z, n, d, labels, k, 42);
  check();
  const stability = await stabilityOf(segmenter, artifact, context, input, labels, k, hooks, check);
  const labelled: number[] = [];
  for (let i = 0; i < n; i++) if (input.truth[i] >= 0) labelled.push(i);
  const ground =
    labelled.length >= Math.max(2, 0.5 * n)
      ? {
          ari: adjustedRandIndex(Int32Array.from(labelled, (i) => input.truth[i]), Int32Array.from(labelled, (i) => labels[i])),
          nmi: normalizedMutualInfo(Int32Array.from(labelled, (i) => input.truth[i]), Int32Array.from(labelled, (i) => labels[i])),
        }
      : null;
  const finite = (x: number) => (Number.isFinite(x) ? x : null);
  hooks.progress?.(1, 'done');
  return {
    asOf: new Date(input.asOf).toISOString(),
    horizonDays: input.horizonDays,
    customers: n,
    segments: k,
    futureSpendR2: finite(futureSpendR2),
    futureLogSpendR2: finite(futureLogSpendR2),
    churnAuc: finite(churnAuc),
    spendLift: spendLift === null ? null : finite(spendLift),
    hitRateAt10,
    stabilityAri: stability.ari,
    stabilityJaccard: stability.jaccard,
    bootstraps: input.bootstraps,
    ...balance(sizes),
    silhouette: internal.silhouette,
    daviesBouldin: internal.daviesBouldin,
    calinskiHarabasz: internal.calinskiHarabasz,
    inertia: internal.inertia,
    groundTruthAri: ground?.ari ?? null,
    groundTruthNmi: ground?.nmi ?? null,
    leakage: input.versionAsOf > input.asOf,
    predictions,
  };
}

/**
 * Segment-based recommendation HitRate@10: each customer is recommended the 10 products most bought (by customers)
 * in their segment before `asOf`, leaving out those they bought already; a hit is buying one in the horizon.
 */
function hitRate(data: TrainingSet, labels: Int32Array, k: number, outcome: Outcomes): number | null {
  const seq = data.sequences;
  if (!seq) return null;
  const n = data.customerIds.length;
  const pastOf = (i: number) => new Set(seq.productIds.subarray(seq.offsets[i], seq.offsets[i + 1]));
  const counts = Array.from({ length: k }, () => new Map<number, number>());
  for (let i = 0; i < n; i++) {
    const m = counts[labels[i]];
    for (const p of pastOf(i)) m.set(p, (m.get(p) ?? 0) + 1);
  }
  const ranked = counts.map((m) => Array.from(m.entries()).sort((a, b) => b[1] - a[1] || a[0] - b[0]).map(([p]) => p));
  let hits = 0;
  for (let i = 0; i < n; i++) {
    const from = outcome.futureOffsets[i];
    const to = outcome.futureOffsets[i + 1];
    if (to === from) continue;
    const future = new Set(outcome.futureProducts.subarray(from, to));
    const past = pastOf(i);
    let shown = 0;
    for (const p of ranked[labels[i]]) {
      if (past.has(p)) continue;
      if (future.has(p)) {
        hits++;
        break;
      }
      if (++shown >= 10) break;
    }
  }
  return hits / n;
}

/**
 * Bootstrap stability (as fpc::clusterboot): B resamples of the customers (seeded). A plugin that embeds is
 * re-clustered in its own segmentation space (the representation stays; the segmentation is what is tested); any
 * other plugin is refitted on the resample. Each refit assigns everyone; ARI against the full fit, and per segment
 * the best Jaccard similarity on the resampled customers, averaged. Progress is reported per bootstrap, and
 * cancellation read between them.
 */
async function stabilityOf(
  segmenter: Segmenter,
  artifact: unknown,
  context: AssignContext,
  input: EvaluationInput,
  labels: Int32Array,
  k: number,
  hooks: EvaluationHooks,
  check: () => void,
): Promise<{ ari: number; jaccard: number[] }> {
  const { data, bootstraps } = input;
  const n = data.customerIds.length;
  const rng = new Random(20_251_128 + input.versionId);
  const aris: number[] = [];
  const jaccards = Array.from({ length: k }, () => [] as number[]);
  // Bootstraps take 0.1 .. 1 of the progress; embedding what is before.
  const at = (b: number) => 0.1 + (0.9 * b) / Math.max(1, bootstraps);
  let z: Float64Array | null = null;
  let width = 0;
  if (segmenter.embed) {
    hooks.progress?.(0.06, `embedding ${n} customers`);
    const space = await segmenter.embed(artifact, data, context);
    width = space[0]?.length ?? 0;
    z = new Float64Array(n * width);
    for (let i = 0; i < n; i++) z.set(space[i], i * width);
    check();
  }
  for (let b = 0; b < bootstraps; b++) {
    check();
    hooks.progress?.(at(b), `bootstrap ${b + 1} of ${bootstraps}`);
    // A turn of this thread's event loop: the runner's cancel message gets through between refits.
    await new Promise((resolve) => setImmediate(resolve));
    check();
    const rows = Int32Array.from({ length: n }, () => Math.floor(rng.next() * n));
    let other: Int32Array;
    if (z) {
      const sample = new Float64Array(n * width);
      for (let i = 0; i < n; i++) sample.set(z.subarray(rows[i] * width, (rows[i] + 1) * width), i * width);
      const fit = clusterRows(sample, n, width, { k, kMin: k, kMax: k, nInit: 2, maxIter: 300, tol: 1e-4, threads: 1, seed: b + 1 });
      other = nearest(z, n, width, fit.centroids, fit.k).labels;
    } else {
      const d = data.featureNames.length;
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
      const params = { ...input.params, ...(Number.isInteger(input.params.k) && (input.params.k as number) === 0 ? { k } : {}) };
      const signal = hooks.signal ?? new AbortController().signal;
      const refit = await withScratchDir(hooks.scratchRoot, (dir) => segmenter.fit(resample, params, quietFitContext(context, b + 1, dir, signal)));
      check();
      other = Int32Array.from(await segmenter.assign(refit, data, context), (a) => a.segment);
    }
    aris.push(adjustedRandIndex(labels, other));
    const members = Array.from(new Set(rows));
    bestJaccard(labels, other, members, k).forEach((j, c) => Number.isFinite(j) && jaccards[c].push(j));
  }
  hooks.progress?.(1, 'metrics');
  const mean = (xs: number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : NaN);
  return { ari: mean(aris), jaccard: jaccards.map(mean) };
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
