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

/** Greedy k-means++ (as scikit-learn): each new centre is the best of 2 + ln k candidates drawn by D². */
export function kmeansPlusPlus(x: Float64Array, n: number, d: number, k: number, rng: Random): Float64Array {
  const centers = new Float64Array(k * d);
  const first = Math.floor(rng.next() * n);
  centers.set(x.subarray(first * d, first * d + d), 0);
  const closest = new Float64Array(n);
  let potential = 0;
  for (let i = 0; i < n; i++) potential += closest[i] = sqDist(x, i, centers, 0, d);
  const trials = 2 + Math.floor(Math.log(k));
  const candidateDist = new Float64Array(n);
  const bestDist = new Float64Array(n);
  for (let c = 1; c < k; c++) {
    let bestCandidate = -1;
    let bestPotential = Infinity;
    for (let t = 0; t < trials; t++) {
      // Draw a point with probability proportional to its squared distance to the nearest centre.
      let r = rng.next() * potential;
      let candidate = n - 1;
      for (let i = 0; i < n; i++) {
        r -= closest[i];
        if (r <= 0) {
          candidate = i;
          break;
        }
      }
      let p = 0;
      for (let i = 0; i < n; i++) {
        const dist = Math.min(closest[i], sqDist(x, i, x, candidate, d));
        candidateDist[i] = dist;
        p += dist;
      }
      if (p < bestPotential) {
        bestPotential = p;
        bestCandidate = candidate;
        bestDist.set(candidateDist);
      }
    }
    centers.set(x.subarray(bestCandidate * d, bestCandidate * d + d), c * d);
    closest.set(bestDist);
    potential = bestPotential;
  }
  return centers;
}

/**
 * Lloyd's algorithm with Hamerly's bounds: each point keeps an upper bound on the distance to its centre and a lower
 * bound on the distance to any other; when the bounds say the assignment cannot change, the k distances are skipped.
 * After the first iterations almost every point is skipped, which is what makes large fits fast. Results equal plain
 * Lloyd's (same assignments at every step).
 */
export function lloyd(x: Float64Array, n: number, d: number, init: Float64Array, k: number, maxIter: number, tolAbs: number, onIteration?: (iteration: number, inertia: number) => void): KMeansResult {
  const centers = Float64Array.from(init);
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
    let best = Infinity;
    let second = Infinity;
    let label = 0;
    for (let c = 0; c < k; c++) {
      const dist = sqDist(x, i, centers, c, d);
      if (dist < best) {
        second = best;
        best = dist;
        label = c;
      } else if (dist < second) second = dist;
    }
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
    if (totalShift <= tolAbs) {
      onIteration?.(iterations, NaN);
      break;
    }
    // Bounds follow the centres' moves.
    for (let i = 0; i < n; i++) {
      upper[i] += shift[labels[i]];
      lower[i] -= labels[i] === maxShiftIndex ? secondShift : maxShift;
    }
    for (let c = 0; c < k; c++) {
      let nearest = Infinity;
      for (let o = 0; o < k; o++) if (o !== c) nearest = Math.min(nearest, sqDist(centers, c, centers, o, d));
      half[c] = Math.sqrt(nearest) / 2;
    }
    // Assignment step, skipping points whose bounds prove the label stays.
    for (let i = 0; i < n; i++) {
      const label = labels[i];
      const bound = Math.max(half[label], lower[i]);
      if (upper[i] <= bound) continue;
      upper[i] = Math.sqrt(sqDist(x, i, centers, label, d));
      if (upper[i] <= bound) continue;
      let best = Infinity;
      let second = Infinity;
      let newLabel = label;
      for (let c = 0; c < k; c++) {
        const dist = sqDist(x, i, centers, c, d);
        if (dist < best) {
          second = best;
          best = dist;
          newLabel = c;
        } else if (dist < second) second = dist;
      }
      labels[i] = newLabel;
      upper[i] = Math.sqrt(best);
      lower[i] = Math.sqrt(second);
    }
    onIteration?.(iterations, NaN);
  }
  // A last assignment so that labels match the final centres (as scikit-learn does).
  const final = nearest(x, n, d, centers, k);
  return { centroids: centers, labels: final.labels, inertia: inertiaOf(x, n, d, centers, final.labels), iterations };
}

export function inertiaOf(x: Float64Array, n: number, d: number, centers: Float64Array, labels: Int32Array): number {
  let s = 0;
  for (let i = 0; i < n; i++) s += sqDist(x, i, centers, labels[i], d);
  return s;
}

/** The absolute tolerance scikit-learn derives from `tol`: tol x the mean of the per-feature variances. */
export function absoluteTolerance(x: Float64Array, n: number, d: number, tol: number): number {
  let total = 0;
  for (let f = 0; f < d; f++) {
    let mean = 0;
    for (let i = 0; i < n; i++) mean += x[i * d + f];
    mean /= n;
    let v = 0;
    for (let i = 0; i < n; i++) v += (x[i * d + f] - mean) ** 2;
    total += v / n;
  }
  return (total / d) * tol;
}

/** `nInit` seeded restarts of k-means++ then Lloyd; the lowest inertia wins. */
export function kmeans(x: Float64Array, n: number, d: number, options: KMeansOptions): KMeansResult {
  const rng = new Random(options.seed);
  const tolAbs = absoluteTolerance(x, n, d, options.tol);
  let best: KMeansResult | null = null;
  for (let restart = 0; restart < options.nInit; restart++) {
    const init = kmeansPlusPlus(x, n, d, options.k, rng);
    const result = lloyd(x, n, d, init, options.k, options.maxIter, tolAbs, (iteration, inertia) => options.checkpoint?.(iteration, restart, inertia));
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
