import os from 'node:os';
import { Random } from '../random';
import { KMeansState, Kernel, MAX_TRIALS, layout, nearestTwo, packCentres, rowNorms, sqDist } from './kernels';
import { RowPool } from './row-pool';

/** Inputs of one k-means fit on a dense row-major matrix. */
export interface KMeansOptions {
  k: number;
  nInit: number;
  maxIter: number;
  /** Relative tolerance, as scikit-learn: converged when the centres move less than tol x mean feature variance. */
  tol: number;
  seed: number;
  /** Threads for the passes over the rows; 0 = automatic (every core for 200,000 rows or more, else one). */
  threads?: number;
  /** Checked between iterations; throw to stop. */
  checkpoint?: (iteration: number, restart: number, inertia: number) => void;
}

export interface KMeansResult {
  centroids: Float64Array;
  labels: Int32Array;
  inertia: number;
  iterations: number;
}

/** Rows from which the automatic thread count uses every core: below it, starting threads costs more than it saves. */
export const PARALLEL_MIN_ROWS = 200_000;

export function threadCount(n: number, requested = 0): number {
  if (requested > 0) return requested;
  return n >= PARALLEL_MIN_ROWS ? Math.max(1, Math.min(os.cpus().length, 8)) : 1;
}

/** Sums a field over the threads' slots, in thread order. */
function combine(s: KMeansState, threads: number, offset: number, length: number): Float64Array {
  const L = layout(s.k, s.d);
  const total = new Float64Array(length);
  for (let t = 0; t < threads; t++) for (let j = 0; j < length; j++) total[j] += s.partials[t * L.slot + offset + j];
  return total;
}

function createState(x: Float64Array, n: number, d: number, k: number, shared: boolean): KMeansState {
  const L = layout(k, d);
  const alloc = (bytes: number) => (shared ? new SharedArrayBuffer(bytes) : new ArrayBuffer(bytes));
  let data = x;
  if (shared && !(x.buffer instanceof SharedArrayBuffer)) {
    data = new Float64Array(alloc(n * d * 8));
    data.set(x.subarray(0, n * d));
  }
  const state: KMeansState = {
    n,
    d,
    k,
    x: data,
    norms: new Float64Array(alloc(n * 8)),
    closest: new Float64Array(alloc(n * 8)),
    labels: new Int32Array(alloc(n * 4)),
    upper: new Float64Array(alloc(n * 8)),
    lower: new Float64Array(alloc(n * 8)),
    params: new Float64Array(alloc(L.paramsLength * 8)),
    partials: new Float64Array(alloc(L.slot * 8 * 8)),
  };
  rowNorms(data, n, d, state.norms);
  return state;
}

/** Greedy k-means++ (as scikit-learn): each new centre is the best of 2 + ln k candidates drawn by D². */
function kmeansPlusPlus(s: KMeansState, pool: RowPool, rng: Random): Float64Array {
  const { n, d, k, x, closest, params } = s;
  const L = layout(k, d);
  const centers = new Float64Array(k * d);
  const first = Math.floor(rng.next() * n);
  centers.set(x.subarray(first * d, first * d + d), 0);
  params[L.candidates] = first;
  pool.run(Kernel.CLOSEST_INIT);
  let potential = combine(s, pool.threads, L.potentials, 1)[0];
  const trials = Math.min(MAX_TRIALS, 2 + Math.floor(Math.log(k)));
  for (let c = 1; c < k; c++) {
    // Candidates: points drawn with probability proportional to their squared distance to the nearest centre.
    const draws = Array.from({ length: trials }, (_, t) => [rng.next() * potential, t]).sort((a, b) => a[0] - b[0]);
    let cumulative = 0;
    let i = 0;
    for (const [r, t] of draws) {
      while (i < n - 1 && cumulative + closest[i] < r) cumulative += closest[i++];
      params[L.candidates + t] = i;
    }
    params[L.scalars] = trials;
    pool.run(Kernel.SCORE);
    const potentials = combine(s, pool.threads, L.potentials, trials);
    let best = 0;
    for (let t = 1; t < trials; t++) if (potentials[t] < potentials[best]) best = t;
    const chosen = params[L.candidates + best];
    centers.set(x.subarray(chosen * d, chosen * d + d), c * d);
    params[L.candidates] = chosen;
    pool.run(Kernel.UPDATE_CLOSEST);
    potential = combine(s, pool.threads, L.potentials, 1)[0];
  }
  return centers;
}

/**
 * Lloyd's algorithm with Hamerly's bounds: each point keeps an upper bound on the distance to its centre and a lower
 * bound on the distance to any other; when the bounds say the assignment cannot change, the k distances are skipped.
 * After the first iterations almost every point is skipped. Results equal plain Lloyd's (same assignments each step).
 */
function lloyd(s: KMeansState, pool: RowPool, init: Float64Array, maxIter: number, tolAbs: number, onIteration?: (iteration: number) => void): KMeansResult {
  const { d, k, params } = s;
  const L = layout(k, d);
  const centers = Float64Array.from(init);
  const previous = new Float64Array(k * d);
  params.set(centers, L.centers);
  pool.run(Kernel.ASSIGN_ALL);
  let iterations = 0;
  for (let iter = 0; iter < maxIter; iter++) {
    iterations = iter + 1;
    // Update step, from the sums the assignment pass left.
    const sums = combine(s, pool.threads, L.sums, k * d);
    const counts = combine(s, pool.threads, L.counts, k);
    previous.set(centers);
    let totalShift = 0;
    let maxShift = 0;
    let maxIndex = 0;
    let secondShift = 0;
    for (let c = 0; c < k; c++) {
      if (counts[c] > 0) for (let f = 0; f < d; f++) centers[c * d + f] = sums[c * d + f] / counts[c];
      const moved = sqDist(centers, c, previous, c, d);
      totalShift += moved;
      const shift = Math.sqrt(moved);
      params[L.shift + c] = shift;
      if (shift > maxShift) {
        secondShift = maxShift;
        maxShift = shift;
        maxIndex = c;
      } else if (shift > secondShift) secondShift = shift;
    }
    const converged = totalShift <= tolAbs;
    for (let c = 0; c < k; c++) {
      let nearest = Infinity;
      for (let o = 0; o < k; o++) if (o !== c) nearest = Math.min(nearest, sqDist(centers, c, centers, o, d));
      params[L.half + c] = Math.sqrt(nearest) / 2;
    }
    params.set(centers, L.centers);
    params[L.scalars + 1] = maxIndex;
    params[L.scalars + 2] = maxShift;
    params[L.scalars + 3] = secondShift;
    // Assignment step (bounded); on convergence it is the last, so labels match the final centres (as scikit-learn).
    pool.run(Kernel.BOUNDS_ASSIGN);
    onIteration?.(iterations);
    if (converged) break;
  }
  pool.run(Kernel.INERTIA);
  const inertia = combine(s, pool.threads, L.inertia, 1)[0];
  return { centroids: centers, labels: Int32Array.from(s.labels), inertia, iterations };
}

export function inertiaOf(x: Float64Array, n: number, d: number, centers: Float64Array, labels: Int32Array): number {
  let s = 0;
  for (let i = 0; i < n; i++) s += sqDist(x, i, centers, labels[i], d);
  return s;
}

/** The absolute tolerance scikit-learn derives from `tol`: tol x the mean of the per-feature variances. */
export function absoluteTolerance(x: Float64Array, n: number, d: number, tol: number): number {
  // Row by row (the matrix is row-major): one pass for the means, one for the variances.
  const mean = new Float64Array(d);
  for (let i = 0; i < n; i++) for (let f = 0, row = i * d; f < d; f++) mean[f] += x[row + f];
  for (let f = 0; f < d; f++) mean[f] /= n;
  let total = 0;
  for (let i = 0; i < n; i++) {
    for (let f = 0, row = i * d; f < d; f++) {
      const diff = x[row + f] - mean[f];
      total += diff * diff;
    }
  }
  return (total / n / d) * tol;
}

/**
 * `nInit` seeded restarts of k-means++ then Lloyd; the lowest inertia wins. With several threads the passes over the
 * rows are split between helper threads (same result for the same seed and thread count).
 */
export function kmeans(x: Float64Array, n: number, d: number, options: KMeansOptions): KMeansResult {
  const rng = new Random(options.seed);
  const threads = Math.min(threadCount(n, options.threads ?? 0), Math.max(1, n));
  const state = createState(x, n, d, options.k, threads > 1);
  const pool = new RowPool(state, threads);
  try {
    const tolAbs = absoluteTolerance(state.x, n, d, options.tol);
    let best: KMeansResult | null = null;
    for (let restart = 0; restart < options.nInit; restart++) {
      const init = kmeansPlusPlus(state, pool, rng);
      const result = lloyd(state, pool, init, options.maxIter, tolAbs, (iteration) => options.checkpoint?.(iteration, restart, NaN));
      if (!best || result.inertia < best.inertia) best = result;
    }
    return best!;
  } finally {
    pool.close();
  }
}

/** Nearest centre and its Euclidean distance for each row. */
export function nearest(x: Float64Array, n: number, d: number, centers: Float64Array, k: number): { labels: Int32Array; distances: Float64Array } {
  const labels = new Int32Array(n);
  const distances = new Float64Array(n);
  const groups = packCentres(centers, 0, k, d);
  const norms = rowNorms(x, n, d);
  const out = new Float64Array(4);
  for (let i = 0; i < n; i++) {
    const r = nearestTwo(x, i, norms[i], groups, out);
    labels[i] = r.label;
    distances[i] = Math.sqrt(r.best);
  }
  return { labels, distances };
}
