import fs from 'node:fs';
import { kmeans } from '../../plugins/kmeans/kmeans';
import { adjustedRandIndex, computeMetrics } from '../../src/training/metrics';
import { fixture } from '../helpers/paths';

// Reference numbers from scikit-learn (test/fixtures/sklearn/make_metrics_fixture.py, run with Debian's python3-sklearn).
const ref = JSON.parse(fs.readFileSync(fixture('sklearn/metrics-fixture.json'), 'utf8')) as {
  X: number[][];
  y_true: number[];
  labels: number[];
  k: number;
  kmeans_inertia: number;
  inertia_of_labels: number;
  silhouette: number;
  davies_bouldin: number;
  calinski_harabasz: number;
  ari_vs_truth: number;
};
const n = ref.X.length;
const d = ref.X[0].length;
const x = Float64Array.from(ref.X.flat());

describe('clustering metrics against scikit-learn', () => {
  it('agree on inertia, silhouette, Davies-Bouldin and Calinski-Harabasz', () => {
    const m = computeMetrics(x, n, d, Int32Array.from(ref.labels), ref.k);
    expect(m.inertia).toBeCloseTo(ref.inertia_of_labels, 6);
    expect(m.silhouette).toBeCloseTo(ref.silhouette, 10);
    expect(m.daviesBouldin).toBeCloseTo(ref.davies_bouldin, 10);
    expect(m.calinskiHarabasz).toBeCloseTo(ref.calinski_harabasz, 6);
    expect(m.sizes.reduce((a, b) => a + b, 0)).toBe(n);
    expect(m.silhouetteSampled).toBe(false);
  });

  it('agree on the adjusted Rand index', () => {
    expect(adjustedRandIndex(ref.y_true, ref.labels)).toBeCloseTo(ref.ari_vs_truth, 12);
    expect(adjustedRandIndex(ref.labels, ref.labels)).toBe(1);
  });

  it('k-means reaches scikit-learn KMeans inertia (10 restarts) within 0.1%', () => {
    const result = kmeans(x, n, d, { k: ref.k, nInit: 10, maxIter: 300, tol: 1e-4, seed: 0 });
    expect(result.inertia).toBeLessThanOrEqual(ref.kmeans_inertia * 1.001);
    expect(adjustedRandIndex(Array.from(result.labels), ref.labels)).toBeGreaterThan(0.99);
  });
});
