import { pca2d } from '../../src/ml/projection';
import { Random } from '../../src/ml/random';

/** n points in 3-D with variances 9, 4 and 1 along a rotated orthonormal basis. */
function rotatedCloud(n: number, seed: number): { x: Float64Array; basis: number[][] } {
  const c = Math.SQRT1_2;
  const basis = [
    [c, c, 0],
    [-c, c, 0],
    [0, 0, 1],
  ];
  const sd = [3, 2, 1];
  const rng = new Random(seed);
  const x = new Float64Array(n * 3);
  for (let i = 0; i < n; i++) {
    const z = sd.map((s) => rng.normal(0, s));
    for (let j = 0; j < 3; j++) x[i * 3 + j] = 5 + z[0] * basis[0][j] + z[1] * basis[1][j] + z[2] * basis[2][j];
  }
  return { x, basis };
}

describe('pca2d (the segment map projection)', () => {
  test('finds the two largest axes and their share of the variance', () => {
    const { x, basis } = rotatedCloud(20_000, 7);
    const p = pca2d(x, 20_000, 3, 1, 20_000);
    expect(p.explainedVariance[0]).toBeCloseTo(9 / 14, 1);
    expect(p.explainedVariance[1]).toBeCloseTo(4 / 14, 1);
    // The first coordinate is the projection on the first axis (up to sign), centred.
    let dot = 0;
    let norm = 0;
    for (let i = 0; i < 20_000; i++) {
      const along = (x[i * 3] - 5) * basis[0][0] + (x[i * 3 + 1] - 5) * basis[0][1];
      dot += along * p.x[i];
      norm += along * along;
    }
    expect(Math.abs(dot / norm)).toBeCloseTo(1, 1);
  });

  test('samples at most `sample` distinct rows, ascending, the same for the same seed', () => {
    const { x } = rotatedCloud(1_000, 3);
    const a = pca2d(x, 1_000, 3, 42, 100);
    const b = pca2d(x, 1_000, 3, 42, 100);
    const c = pca2d(x, 1_000, 3, 43, 100);
    expect(a.rows.length).toBe(100);
    expect(new Set(a.rows).size).toBe(100);
    expect(Array.from(a.rows)).toEqual(Array.from(a.rows).sort((p, q) => p - q));
    expect(Array.from(a.rows)).toEqual(Array.from(b.rows));
    expect(Array.from(a.x)).toEqual(Array.from(b.x));
    expect(Array.from(a.rows)).not.toEqual(Array.from(c.rows));
  });

  test('a constant matrix projects to the origin without NaN', () => {
    const p = pca2d(new Float64Array(50 * 4).fill(2), 50, 4, 1);
    expect(Array.from(p.x).every((v) => v === 0)).toBe(true);
    expect(p.explainedVariance).toEqual([0, 0]);
  });
});
