import { daviesBouldin, silhouette } from './metrics';
import { kmeans } from './kmeans';

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
  return { k, centroids: result.centroids, labels: result.labels, inertia: result.inertia, iterations: result.iterations, kSearch };
}
