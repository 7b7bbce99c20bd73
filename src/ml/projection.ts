import { Random } from './random';

/** The most customers a version's segment map holds (a seeded sample of them when there are more). */
export const SEGMENT_MAP_SAMPLE = 5_000;

/** A 2-D projection of a sample of rows: which rows (indices into the input), and their coordinates. */
export interface Projection2d {
  /** Row indices of the sampled customers, ascending. */
  rows: Int32Array;
  x: Float64Array;
  y: Float64Array;
  /** Share of the sample's total variance along each of the two axes. */
  explainedVariance: [number, number];
}

/**
 * Principal component analysis to two dimensions of a seeded sample of at most `sample` rows of an n x d row-major
 * matrix (the space a version was segmented in). The covariance is d x d (d is at most a few hundred), its top two
 * eigenvectors found by power iteration with deflation; each axis's sign is fixed (largest loading positive) so the
 * same data always draws the same picture.
 */
export function pca2d(input: Float64Array, n: number, d: number, seed: number, sample = SEGMENT_MAP_SAMPLE): Projection2d {
  // A plugin's embedding with a NaN or an infinity must not cost the version: such a coordinate counts as 0.
  const x = input.every(Number.isFinite) ? input : input.map((v) => (Number.isFinite(v) ? v : 0));
  const rows = sampleRows(n, sample, seed);
  const m = rows.length;
  const mean = new Float64Array(d);
  for (const r of rows) for (let j = 0; j < d; j++) mean[j] += x[r * d + j];
  for (let j = 0; j < d; j++) mean[j] /= Math.max(1, m);
  const cov = new Float64Array(d * d);
  const centred = new Float64Array(d);
  for (const r of rows) {
    for (let j = 0; j < d; j++) centred[j] = x[r * d + j] - mean[j];
    for (let a = 0; a < d; a++) {
      const ca = centred[a];
      if (ca === 0) continue;
      for (let b = a; b < d; b++) cov[a * d + b] += ca * centred[b];
    }
  }
  let total = 0;
  for (let a = 0; a < d; a++) {
    for (let b = a; b < d; b++) {
      cov[a * d + b] /= Math.max(1, m - 1);
      cov[b * d + a] = cov[a * d + b];
    }
    total += cov[a * d + a];
  }
  const rng = new Random(seed ^ 0x5eed);
  const first = topEigenvector(cov, d, rng);
  deflate(cov, d, first.vector, first.value);
  const second = topEigenvector(cov, d, rng);
  const px = new Float64Array(m);
  const py = new Float64Array(m);
  for (let i = 0; i < m; i++) {
    const r = rows[i];
    let sx = 0;
    let sy = 0;
    for (let j = 0; j < d; j++) {
      const c = x[r * d + j] - mean[j];
      sx += c * first.vector[j];
      sy += c * second.vector[j];
    }
    px[i] = sx;
    py[i] = sy;
  }
  // Coordinates to 6 significant digits: a picture needs no more, and the answer is half the size.
  for (let i = 0; i < m; i++) {
    px[i] = Number(px[i].toPrecision(6));
    py[i] = Number(py[i].toPrecision(6));
  }
  const share = (v: number) => (total > 0 ? Math.max(0, v) / total : 0);
  return { rows, x: px, y: py, explainedVariance: [share(first.value), share(second.value)] };
}

/** `min(n, sample)` distinct row indices, seeded, ascending (a partial Fisher-Yates shuffle). */
function sampleRows(n: number, sample: number, seed: number): Int32Array {
  if (n <= sample) return Int32Array.from({ length: n }, (_, i) => i);
  const all = Int32Array.from({ length: n }, (_, i) => i);
  const rng = new Random(seed);
  for (let i = 0; i < sample; i++) {
    const j = i + Math.floor(rng.next() * (n - i));
    const t = all[i];
    all[i] = all[j];
    all[j] = t;
  }
  return all.slice(0, sample).sort();
}

function topEigenvector(cov: Float64Array, d: number, rng: Random): { vector: Float64Array; value: number } {
  let v = new Float64Array(d);
  for (let j = 0; j < d; j++) v[j] = rng.next() - 0.5;
  normalise(v);
  let value = 0;
  const next = new Float64Array(d);
  for (let iteration = 0; iteration < 500; iteration++) {
    for (let a = 0; a < d; a++) {
      let s = 0;
      for (let b = 0; b < d; b++) s += cov[a * d + b] * v[b];
      next[a] = s;
    }
    const norm = normalise(next);
    let change = 0;
    for (let j = 0; j < d; j++) change = Math.max(change, Math.abs(next[j] - v[j]));
    v = Float64Array.from(next);
    value = norm;
    if (norm === 0 || change < 1e-9) break;
  }
  // A deterministic sign: the largest loading is positive.
  let largest = 0;
  for (let j = 1; j < d; j++) if (Math.abs(v[j]) > Math.abs(v[largest])) largest = j;
  if (v[largest] < 0) for (let j = 0; j < d; j++) v[j] = -v[j];
  return { vector: v, value };
}

function deflate(cov: Float64Array, d: number, v: Float64Array, value: number): void {
  for (let a = 0; a < d; a++) for (let b = 0; b < d; b++) cov[a * d + b] -= value * v[a] * v[b];
}

function normalise(v: Float64Array): number {
  let s = 0;
  for (let j = 0; j < v.length; j++) s += v[j] * v[j];
  const norm = Math.sqrt(s);
  if (norm > 0) for (let j = 0; j < v.length; j++) v[j] /= norm;
  return norm;
}
