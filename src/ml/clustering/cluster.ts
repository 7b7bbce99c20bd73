import { adjustedRandIndex, daviesBouldin, silhouette } from './metrics';
import { kmeans, nearest } from './kmeans';

/** How k-means is run on prepared rows; shared by the baseline and the segmenters that cluster embeddings. */
export interface ClusterOptions {
  /** Number of clusters; 0 chooses k in [kMin, kMax] by the lowest Davies-Bouldin index. */
  k: number;
  kMin: number;
  kMax: number;
  nInit: number;
  maxIter: number;
  tol: number;
  threads: number;
  seed: number;
  /** Called between iterations with the fraction done; throw to stop. */
  checkpoint?: (fraction: number, message: string) => void;
  log?: (message: string) => void;
  /**
   * No cluster may hold fewer than this share of the rows: the smallest is dissolved into its neighbours (its rows
   * go to their nearest other centre, then Lloyd steps) until every cluster reaches it or two remain. 0 keeps all.
   */
  minShare?: number;
}

export interface ClusterResult {
  k: number;
  centroids: Float64Array;
  labels: Int32Array;
  inertia: number;
  iterations: number;
  kSearch: Array<{ k: number; daviesBouldin: number; silhouette: number }>;
}

/** k-means++ with restarts on rows `z` (n x d), choosing k by Davies-Bouldin when `k` is 0. */
export function clusterRows(z: Float64Array, n: number, d: number, o: ClusterOptions): ClusterResult {
  if (o.k === 0 && o.kMin > o.kMax) throw new Error(`kMin (${o.kMin}) must not be above kMax (${o.kMax})`);
  const ks = o.k > 0 ? [o.k] : Array.from({ length: o.kMax - o.kMin + 1 }, (_, i) => o.kMin + i);
  const usable = ks.filter((k) => k <= n);
  if (usable.length === 0) throw new Error(`k-means needs at least ${ks[0]} customers, got ${n}`);
  const total = usable.length * o.nInit;
  let done = 0;
  let best: { k: number; result: ReturnType<typeof kmeans>; db: number } | null = null;
  const kSearch: ClusterResult['kSearch'] = [];
  for (const k of usable) {
    const result = kmeans(z, n, d, {
      k,
      nInit: o.nInit,
      maxIter: o.maxIter,
      tol: o.tol,
      seed: o.seed + k,
      threads: o.threads,
      checkpoint: (iteration, restart) => {
        const within = Math.min(iteration / o.maxIter, 0.99);
        o.checkpoint?.((done + restart + within) / total, `k=${k}, restart ${restart + 1}/${o.nInit}, iteration ${iteration}`);
      },
    });
    done += o.nInit;
    o.checkpoint?.(done / total, `k=${k}: inertia ${result.inertia.toFixed(2)}`);
    if (usable.length === 1) {
      best = { k, result, db: NaN };
      break;
    }
    const sizes = new Array<number>(k).fill(0);
    for (const l of result.labels) sizes[l]++;
    const db = daviesBouldin(z, n, d, result.labels, result.centroids, sizes);
    const sil = silhouette(z, n, d, result.labels, k, Math.min(n, 2000), o.seed);
    kSearch.push({ k, daviesBouldin: db, silhouette: sil });
    o.log?.(`k=${k}: Davies-Bouldin ${db.toFixed(4)}, silhouette ${sil.toFixed(4)}`);
    if (!best || db < best.db) best = { k, result, db };
  }
  const { result, k } = best!;
  const folded = foldSmallClusters(z, n, d, result.centroids, result.labels, k, o.minShare ?? 0, o.log);
  return { k: folded.k, centroids: folded.centroids, labels: folded.labels, inertia: folded.k === k ? result.inertia : folded.inertia, iterations: result.iterations, kSearch };
}

/**
 * Dissolves clusters under `minShare` of the rows, smallest first, keeping at least two: a segment of a handful of
 * customers is noise to a marketer and the first thing to change on a refit.
 */
export function foldSmallClusters(
  z: Float64Array,
  n: number,
  d: number,
  centroids: Float64Array,
  labels: Int32Array,
  k: number,
  minShare: number,
  log?: (message: string) => void,
): { k: number; centroids: Float64Array; labels: Int32Array; inertia: number } {
  const floor = Math.ceil(minShare * n);
  let centres = centroids;
  let current = labels;
  let kk = k;
  for (;;) {
    const sizes = new Array<number>(kk).fill(0);
    for (let i = 0; i < n; i++) sizes[current[i]]++;
    let smallest = 0;
    for (let c = 1; c < kk; c++) if (sizes[c] < sizes[smallest]) smallest = c;
    if (kk <= 2 || sizes[smallest] >= floor) break;
    log?.(`segment of ${sizes[smallest]} (under ${(minShare * 100).toFixed(1)}% of ${n}) folded into its neighbours`);
    const kept = Array.from({ length: kk }, (_, c) => c).filter((c) => c !== smallest);
    centres = Float64Array.from(kept.flatMap((c) => Array.from(centres.subarray(c * d, (c + 1) * d))));
    kk--;
    // A few Lloyd steps from the remaining centres.
    for (let step = 0; step < 20; step++) {
      const next = nearest(z, n, d, centres, kk).labels;
      const sums = new Float64Array(kk * d);
      const counts = new Array<number>(kk).fill(0);
      for (let i = 0; i < n; i++) {
        counts[next[i]]++;
        for (let j = 0; j < d; j++) sums[next[i] * d + j] += z[i * d + j];
      }
      for (let c = 0; c < kk; c++) if (counts[c] > 0) for (let j = 0; j < d; j++) centres[c * d + j] = sums[c * d + j] / counts[c];
      const same = next.every((l, i) => l === current[i]);
      current = next;
      if (same) break;
    }
  }
  if (kk === k) return { k, centroids, labels, inertia: NaN };
  const final = nearest(z, n, d, centres, kk);
  let inertia = 0;
  for (let i = 0; i < n; i++) inertia += final.distances[i] ** 2;
  return { k: kk, centroids: centres, labels: final.labels, inertia };
}


/** The cross-parameter check every segmenter with a k search shares: kMin <= kMax when k = 0 (choose). */
export function kRangeProblems(p: Readonly<Record<string, unknown>>): string[] {
  return (p.k as number) === 0 && (p.kMin as number) > (p.kMax as number) ? [`kMin (${p.kMin}) must not be above kMax (${p.kMax})`] : [];
}

/**
 * Re-clustering stability of a fixed space: `resamples` bootstrap samples of the rows (from `next`, uniform in
 * [0, 1)), each clustered with `options` at the labels' k (seed `seedOf(b)`), every row assigned to its nearest new
 * centre; the mean adjusted Rand index against `labels`. `between` runs before each resample (cancellation).
 */
export function reclusteringStability(
  z: Float64Array,
  n: number,
  d: number,
  labels: Int32Array,
  k: number,
  resamples: number,
  next: () => number,
  options: Omit<ClusterOptions, 'k' | 'kMin' | 'kMax' | 'seed'>,
  seedOf: (b: number) => number,
  between?: () => void,
): number {
  let total = 0;
  for (let b = 0; b < resamples; b++) {
    between?.();
    const rows = Int32Array.from({ length: n }, () => Math.floor(next() * n));
    const sample = new Float64Array(n * d);
    for (let i = 0; i < n; i++) sample.set(z.subarray(rows[i] * d, (rows[i] + 1) * d), i * d);
    const fit = clusterRows(sample, n, d, { ...options, k, kMin: k, kMax: k, seed: seedOf(b) });
    total += adjustedRandIndex(labels, nearest(z, n, d, fit.centroids, fit.k).labels);
  }
  return resamples > 0 ? total / resamples : NaN;
}
