"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
const kmeans_1 = require("../../src/ml/clustering/kmeans");
const kmeans_segmenter_1 = require("../../plugins/kmeans/kmeans.segmenter");
const plugin_context_1 = require("../helpers/plugin-context");
const params_1 = require("../../src/registry/params");
const random_1 = require("../../src/ml/random");
const metrics_1 = require("../../src/ml/clustering/metrics");
function blobs(n, d, k, seed) {
    const rng = new random_1.Random(seed);
    const centres = Array.from({ length: k }, () => Array.from({ length: d }, () => rng.next() * 20 - 10));
    const x = new Float64Array(n * d);
    const truth = [];
    for (let i = 0; i < n; i++) {
        const c = Math.floor(rng.next() * k);
        truth.push(c);
        for (let f = 0; f < d; f++)
            x[i * d + f] = centres[c][f] + rng.normal(0, 1.5);
    }
    return { x, truth };
}
describe('k-means', () => {
    const n = 30_000;
    const d = 8;
    const { x, truth } = blobs(n, d, 6, 3);
    it('recovers separated blobs, and two threads give the result of one', () => {
        const one = (0, kmeans_1.kmeans)(x, n, d, { k: 6, nInit: 2, maxIter: 300, tol: 1e-4, seed: 1, threads: 1 });
        const two = (0, kmeans_1.kmeans)(x, n, d, { k: 6, nInit: 2, maxIter: 300, tol: 1e-4, seed: 1, threads: 2 });
        expect((0, metrics_1.adjustedRandIndex)(Array.from(one.labels), truth)).toBeGreaterThan(0.99);
        expect(Array.from(two.labels)).toEqual(Array.from(one.labels));
        expect(Math.abs(two.inertia - one.inertia) / one.inertia).toBeLessThan(1e-12);
        // Labels are each row's nearest final centre.
        expect(Array.from((0, kmeans_1.nearest)(x, n, d, one.centroids, 6).labels)).toEqual(Array.from(one.labels));
    });
    it('as a plugin: chooses k by Davies-Bouldin, reports the search, and supports cosine distance', async () => {
        const data = { customerIds: Array.from({ length: 3000 }, (_, i) => i + 1), featureNames: ['log_recency', 'log_frequency'], features: x.slice(0, 3000 * 2) };
        const ctx = (0, plugin_context_1.testFitContext)({ seed: 1 });
        const auto = await kmeans_segmenter_1.kmeansSegmenter.fit(data, (0, params_1.validateParams)('kmeans', kmeans_segmenter_1.kmeansSegmenter.params, { k: 0, kMin: 2, kMax: 6, features: data.featureNames }), ctx);
        const search = kmeans_segmenter_1.kmeansSegmenter.summary(auto).kSearch;
        expect(search.map((s) => s.k)).toEqual([2, 3, 4, 5, 6]);
        expect(auto.k).toBe(search.reduce((best, s) => (s.daviesBouldin < best.daviesBouldin ? s : best)).k);
        const cosine = await kmeans_segmenter_1.kmeansSegmenter.fit(data, (0, params_1.validateParams)('kmeans', kmeans_segmenter_1.kmeansSegmenter.params, { k: 3, distance: 'cosine', features: data.featureNames }), ctx);
        const assigned = await kmeans_segmenter_1.kmeansSegmenter.assign(cosine, data, plugin_context_1.testServices);
        expect(new Set(assigned.map((a) => a.segment)).size).toBe(3);
        // On unit-length rows a distance is at most 2.
        expect(Math.max(...assigned.map((a) => a.distance))).toBeLessThanOrEqual(2 + 1e-9);
    });
    it('uses the scikit-learn tolerance: tol x mean feature variance', () => {
        const tiny = Float64Array.from([0, 0, 2, 4]);
        // Columns (0, 2) and (0, 4): variances 1 and 4, mean 2.5.
        expect((0, kmeans_1.absoluteTolerance)(tiny, 2, 2, 1e-4)).toBeCloseTo(2.5e-4, 15);
    });
    it('is the same for the same seed and stops when its checkpoint throws', () => {
        const a = (0, kmeans_1.kmeans)(x, n, d, { k: 4, nInit: 1, maxIter: 50, tol: 0, seed: 9 });
        const b = (0, kmeans_1.kmeans)(x, n, d, { k: 4, nInit: 1, maxIter: 50, tol: 0, seed: 9 });
        expect(Array.from(a.centroids)).toEqual(Array.from(b.centroids));
        expect(() => (0, kmeans_1.kmeans)(x, n, d, {
            k: 4,
            nInit: 1,
            maxIter: 50,
            tol: 0,
            seed: 9,
            threads: 2,
            checkpoint: () => {
                throw new Error('cancelled');
            },
        })).toThrow('cancelled');
    });
});
//# sourceMappingURL=kmeans.spec.js.map