import { Random } from '../../src/demo/random';

/** Inputs of one k-means fit on a dense row-major matrix. */
export interface KMeansOptions {
  k: number;
  nInit: number;
  maxIter: number;
  /** Relative tolerance, as scikit-learn: converged when the centres move less than tol x mean feature variance. */
  tol: number;
  seed: number;
  /** Checked between iterations; throw to stop. */
  checkpoint?: (iteration: number, restart: number, inertia: number) => void;
}

export interface KMeansResult {
  centroids: Float64Array;
  labels: Int32Array;
  inertia: number;
  iterations: number;
}

/** Squared Euclidean distance between row i of a and row j of b. */
function sqDist(a: Float64Array, i: number, b: Float64Array, j: number, d: number): number {
  let s = 0;
  const ai = i * d;
  const bj = j * d;
  for (let f = 0; f < d; f++) {
    const diff = a[ai + f] - b[bj + f];
    s += diff * diff;
  }
  return s;
}

/** Squared norm of every row. */
export function rowNorms(x: Float64Array, n: number, d: number): Float64Array {
  const norms = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let f = 0, row = i * d; f < d; f++) s += x[row + f] * x[row + f];
    norms[i] = s;
  }
  return norms;
}

/**
 * Up to four centres packed for `fourDistances`: value f of centre j at [f * 4 + j], plus their squared norms.
 * Scoring four centres per pass over a row keeps four independent sums in registers: about twice as fast as one
 * centre at a time in V8.
 */
class PackedFour {
  readonly values: Float64Array;
  readonly norms = new Float64Array(4);
  count = 0;

  constructor(readonly d: number) {
    this.values = new Float64Array(d * 4);
  }

  load(source: Float64Array, rows: ArrayLike<number>): this {
    const d = this.d;
    this.count = rows.length;
    this.values.fill(0);
    this.norms.fill(0);
    for (let j = 0; j < rows.length; j++) {
      let s = 0;
      for (let f = 0; f < d; f++) {
        const v = source[rows[j] * d + f];
        this.values[f * 4 + j] = v;
        s += v * v;
      }
      this.norms[j] = s;
    }
    return this;
  }
}

/** Squared distances from row `i` to the packed centres, into `out[0..count)` (|x|^2 + |c|^2 - 2 x.c, as scikit-learn). */
function fourDistances(x: Float64Array, i: number, xNorm: number, p: PackedFour, out: Float64Array): void {
  const d = p.d;
  const c = p.values;
  let a0 = 0;
  let a1 = 0;
  let a2 = 0;
  let a3 = 0;
  for (let f = 0, row = i * d; f < d; f++) {
    const v = x[row + f];
    const base = f * 4;
    a0 += v * c[base];
    a1 += v * c[base + 1];
    a2 += v * c[base + 2];
    a3 += v * c[base + 3];
  }
  const n = p.norms;
  out[0] = Math.max(0, xNorm + n[0] - 2 * a0);
  out[1] = Math.max(0, xNorm + n[1] - 2 * a1);
  out[2] = Math.max(0, xNorm + n[2] - 2 * a2);
  out[3] = Math.max(0, xNorm + n[3] - 2 * a3);
}

/** Groups of up to four centres of a row-major centre matrix, packed. */
function packCentres(centers: Float64Array, k: number, d: number): PackedFour[] {
  const groups: PackedFour[] = [];
  for (let start = 0; start < k; start += 4) {
    groups.push(new PackedFour(d).load(centers, Array.from({ length: Math.min(4, k - start) }, (_, j) => start + j)));
  }
  return groups;
}

/**
 * Greedy k-means++ (as scikit-learn): each new centre is the best of 2 + ln k candidates drawn by D². The candidates
 * are scored four at a time in one pass over the rows.
 */
export function kmeansPlusPlus(x: Float64Array, n: number, d: number, k: number, rng: Random, norms = rowNorms(x, n, d)): Float64Array {
  const centers = new Float64Array(k * d);
  const first = Math.floor(rng.next() * n);
  centers.set(x.subarray(first * d, first * d + d), 0);
  const closest = new Float64Array(n);
  let potential = 0;
  for (let i = 0; i < n; i++) potential += closest[i] = sqDist(x, i, centers, 0, d);
  const trials = 2 + Math.floor(Math.log(k));
  const candidates = new Int32Array(trials);
  const potentials = new Float64Array(trials);
  const out = new Float64Array(4);
  for (let c = 1; c < k; c++) {
    // Draw the candidates: points with probability proportional to their squared distance to the nearest centre.
    const draws = Array.from({ length: trials }, (_, t) => [rng.next() * potential, t]).sort((a, b) => a[0] - b[0]);
    let cumulative = 0;
    let i = 0;
    for (const [r, t] of draws) {
      while (i < n - 1 && cumulative + closest[i] < r) cumulative += closest[i++];
      candidates[t] = i;
    }
    potentials.fill(0);
    for (let start = 0; start < trials; start += 4) {
      const group = new PackedFour(d).load(x, candidates.subarray(start, Math.min(trials, start + 4)));
      for (let row = 0; row < n; row++) {
        fourDistances(x, row, norms[row], group, out);
        const own = closest[row];
        for (let j = 0; j < group.count; j++) potentials[start + j] += out[j] < own ? out[j] : own;
      }
    }
    let best = 0;
    for (let t = 1; t < trials; t++) if (potentials[t] < potentials[best]) best = t;
    const chosen = candidates[best];
    centers.set(x.subarray(chosen * d, chosen * d + d), c * d);
    potential = 0;
    for (let row = 0; row < n; row++) {
      const dist = sqDist(x, row, x, chosen, d);
      if (dist < closest[row]) closest[row] = dist;
      potential += closest[row];
    }
  }
  return centers;
}

/** Nearest and second-nearest centre of row i (squared distances), scoring the centres four at a time. */
function nearestTwo(x: Float64Array, i: number, xNorm: number, groups: PackedFour[], out: Float64Array): { label: number; best: number; second: number } {
  let best = Infinity;
  let second = Infinity;
  let label = 0;
  for (let g = 0; g < groups.length; g++) {
    const group = groups[g];
    fourDistances(x, i, xNorm, group, out);
    for (let j = 0; j < group.count; j++) {
      const dist = out[j];
      if (dist < best) {
        second = best;
        best = dist;
        label = g * 4 + j;
      } else if (dist < second) second = dist;
    }
  }
  return { label, best, second };
}

/**
 * Lloyd's algorithm with Hamerly's bounds: each point keeps an upper bound on the distance to its centre and a lower
 * bound on the distance to any other; when the bounds say the assignment cannot change, the k distances are skipped.
 * After the first iterations almost every point is skipped, which is what makes large fits fast. Results equal plain
 * Lloyd's (same assignments at every step).
 */
export function lloyd(
  x: Float64Array,
  n: number,
  d: number,
  init: Float64Array,
  k: number,
  maxIter: number,
  tolAbs: number,
  onIteration?: (iteration: number, inertia: number) => void,
  norms = rowNorms(x, n, d),
): KMeansResult {
  const centers = Float64Array.from(init);
  const out = new Float64Array(4);
  let groups = packCentres(centers, k, d);
  const labels = new Int32Array(n);
  const upper = new Float64Array(n);
  const lower = new Float64Array(n);
  const sums = new Float64Array(k * d);
  const counts = new Float64Array(k);
  const shift = new Float64Array(k);
  const half = new Float64Array(k); // half the distance from each centre to its nearest other centre
  const previous = new Float64Array(k * d);

  // First assignment: exact distances.
  for (let i = 0; i < n; i++) {
    const { label, best, second } = nearestTwo(x, i, norms[i], groups, out);
    labels[i] = label;
    upper[i] = Math.sqrt(best);
    lower[i] = Math.sqrt(second);
  }

  let iterations = 0;
  for (let iter = 0; iter < maxIter; iter++) {
    iterations = iter + 1;
    // Update step.
    sums.fill(0);
    counts.fill(0);
    for (let i = 0; i < n; i++) {
      const c = labels[i];
      counts[c]++;
      const base = c * d;
      const xi = i * d;
      for (let f = 0; f < d; f++) sums[base + f] += x[xi + f];
    }
    previous.set(centers);
    let totalShift = 0;
    let maxShift = 0;
    let maxShiftIndex = 0;
    let secondShift = 0;
    for (let c = 0; c < k; c++) {
      if (counts[c] > 0) for (let f = 0; f < d; f++) centers[c * d + f] = sums[c * d + f] / counts[c];
      const moved = sqDist(centers, c, previous, c, d);
      totalShift += moved;
      shift[c] = Math.sqrt(moved);
      if (shift[c] > maxShift) {
        secondShift = maxShift;
        maxShift = shift[c];
        maxShiftIndex = c;
      } else if (shift[c] > secondShift) secondShift = shift[c];
    }
    // Bounds follow the centres' moves.
    for (let i = 0; i < n; i++) {
      upper[i] += shift[labels[i]];
      lower[i] -= labels[i] === maxShiftIndex ? secondShift : maxShift;
    }
    const converged = totalShift <= tolAbs;
    for (let c = 0; c < k; c++) {
      let nearest = Infinity;
      for (let o = 0; o < k; o++) if (o !== c) nearest = Math.min(nearest, sqDist(centers, c, centers, o, d));
      half[c] = Math.sqrt(nearest) / 2;
    }
    groups = packCentres(centers, k, d);
    // Assignment step, skipping points whose bounds prove the label stays.
    for (let i = 0; i < n; i++) {
      const label = labels[i];
      const bound = Math.max(half[label], lower[i]);
      if (upper[i] <= bound) continue;
      upper[i] = Math.sqrt(sqDist(x, i, centers, label, d));
      if (upper[i] <= bound) continue;
      const { label: newLabel, best, second } = nearestTwo(x, i, norms[i], groups, out);
      labels[i] = newLabel;
      upper[i] = Math.sqrt(best);
      lower[i] = Math.sqrt(second);
    }
    onIteration?.(iterations, NaN);
    // On convergence the assignment just made is the last one, so labels match the final centres (as scikit-learn).
    if (converged) break;
  }
  return { centroids: centers, labels, inertia: inertiaOf(x, n, d, centers, labels), iterations };
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

/** `nInit` seeded restarts of k-means++ then Lloyd; the lowest inertia wins. */
export function kmeans(x: Float64Array, n: number, d: number, options: KMeansOptions): KMeansResult {
  const rng = new Random(options.seed);
  const tolAbs = absoluteTolerance(x, n, d, options.tol);
  const norms = rowNorms(x, n, d);
  let best: KMeansResult | null = null;
  for (let restart = 0; restart < options.nInit; restart++) {
    const init = kmeansPlusPlus(x, n, d, options.k, rng, norms);
    const result = lloyd(x, n, d, init, options.k, options.maxIter, tolAbs, (iteration, inertia) => options.checkpoint?.(iteration, restart, inertia), norms);
    if (!best || result.inertia < best.inertia) best = result;
  }
  return best!;
}

/** Nearest centre and its Euclidean distance for each row. */
export function nearest(x: Float64Array, n: number, d: number, centers: Float64Array, k: number): { labels: Int32Array; distances: Float64Array } {
  const labels = new Int32Array(n);
  const distances = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let best = Infinity;
    let label = 0;
    for (let c = 0; c < k; c++) {
      const dist = sqDist(x, i, centers, c, d);
      if (dist < best) {
        best = dist;
        label = c;
      }
    }
    labels[i] = label;
    distances[i] = Math.sqrt(best);
  }
  return { labels, distances };
}
