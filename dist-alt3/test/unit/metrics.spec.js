"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
const node_fs_1 = __importDefault(require("node:fs"));
const kmeans_1 = require("../../src/ml/clustering/kmeans");
const metrics_1 = require("../../src/ml/clustering/metrics");
const metrics_2 = require("../../src/evaluation/metrics");
const evaluate_1 = require("../../src/evaluation/evaluate");
const paths_1 = require("../helpers/paths");
// Reference numbers from scikit-learn (test/fixtures/sklearn/make_metrics_fixture.py, run with Debian's python3-sklearn).
const ref = JSON.parse(node_fs_1.default.readFileSync((0, paths_1.fixture)('sklearn/metrics-fixture.json'), 'utf8'));
const n = ref.X.length;
const d = ref.X[0].length;
const x = Float64Array.from(ref.X.flat());
describe('clustering metrics against scikit-learn', () => {
    it('agree on inertia, silhouette, Davies-Bouldin and Calinski-Harabasz', () => {
        const m = (0, metrics_1.computeMetrics)(x, n, d, Int32Array.from(ref.labels), ref.k);
        expect(m.inertia).toBeCloseTo(ref.inertia_of_labels, 6);
        expect(m.silhouette).toBeCloseTo(ref.silhouette, 10);
        expect(m.daviesBouldin).toBeCloseTo(ref.davies_bouldin, 10);
        expect(m.calinskiHarabasz).toBeCloseTo(ref.calinski_harabasz, 6);
        expect(m.sizes.reduce((a, b) => a + b, 0)).toBe(n);
        expect(m.silhouetteSampled).toBe(false);
    });
    it('agree on the adjusted Rand index', () => {
        expect((0, metrics_1.adjustedRandIndex)(ref.y_true, ref.labels)).toBeCloseTo(ref.ari_vs_truth, 12);
        expect((0, metrics_1.adjustedRandIndex)(ref.labels, ref.labels)).toBe(1);
    });
    it('k-means reaches scikit-learn KMeans inertia (10 restarts) within 0.1%', () => {
        const result = (0, kmeans_1.kmeans)(x, n, d, { k: ref.k, nInit: 10, maxIter: 300, tol: 1e-4, seed: 0 });
        expect(result.inertia).toBeLessThanOrEqual(ref.kmeans_inertia * 1.001);
        expect((0, metrics_1.adjustedRandIndex)(Array.from(result.labels), ref.labels)).toBeGreaterThan(0.99);
    });
});
describe('evaluation metrics against scikit-learn', () => {
    const refs = ref;
    it('normalised mutual information equals normalized_mutual_info_score', () => {
        expect((0, metrics_2.normalizedMutualInfo)(refs.y_true, refs.labels)).toBeCloseTo(refs.nmi_vs_truth, 10);
        expect((0, metrics_2.normalizedMutualInfo)(refs.labels, refs.labels)).toBeCloseTo(1, 12);
        expect((0, metrics_2.normalizedMutualInfo)(['a', 'a', 'b', 'b'], [0, 1, 0, 1])).toBeCloseTo(0, 12);
    });
    it('ROC AUC with tied scores equals roc_auc_score', () => {
        expect((0, metrics_2.rocAuc)(refs.auc_scores, refs.auc_positives)).toBeCloseTo(refs.auc, 12);
        expect((0, metrics_2.rocAuc)([0.1, 0.9], [false, true])).toBe(1);
        expect((0, metrics_2.rocAuc)([0.5, 0.5], [false, true])).toBe(0.5);
    });
    it('between-group R², balance and clusterboot Jaccard follow their definitions', () => {
        expect((0, metrics_2.betweenGroupR2)([1, 1, 5, 5], [0, 0, 1, 1])).toBeCloseTo(1, 12);
        expect((0, metrics_2.betweenGroupR2)([1, 5, 1, 5], [0, 0, 1, 1])).toBeCloseTo(0, 12);
        // Mean 3.5, total SS 21; group means 1.5 and 5.5: between SS 2·2² + 2·2² = 16.
        expect((0, metrics_2.betweenGroupR2)([1, 2, 4, 7], [0, 0, 1, 1])).toBeCloseTo(16 / 21, 12);
        const b = (0, metrics_2.balance)([10, 30, 60]);
        expect(b.smallestShare).toBeCloseTo(0.1, 12);
        expect(b.largestShare).toBeCloseTo(0.6, 12);
        expect(b.sizeEntropy).toBeCloseTo(-(0.1 * Math.log(0.1) + 0.3 * Math.log(0.3) + 0.6 * Math.log(0.6)), 12);
        expect((0, metrics_2.balance)([5, 5]).sizeEntropyNormalised).toBeCloseTo(1, 12);
        // Reference {0,1}, {2,3}; the other labelling merges 2 with the first: Jaccard 2/3 and 1/2.
        expect((0, metrics_2.bestJaccard)([0, 0, 1, 1], [5, 5, 5, 6], [0, 1, 2, 3], 2)).toEqual([2 / 3, 1 / 2]);
    });
});
describe('Spearman rank correlation (prediction metrics)', () => {
    it('uses average ranks for ties and is null when either side is constant', () => {
        expect((0, evaluate_1.spearman)([1, 2, 3, 4], [10, 20, 30, 40])).toBeCloseTo(1, 12);
        expect((0, evaluate_1.spearman)([1, 2, 3, 4], [4, 3, 2, 1])).toBeCloseTo(-1, 12);
        // scipy.stats.spearmanr([1, 2, 2, 3], [1, 3, 2, 4]) = 0.9486832980505138
        expect((0, evaluate_1.spearman)([1, 2, 2, 3], [1, 3, 2, 4])).toBeCloseTo(0.9486832980505138, 12);
        // Nobody bought in the horizon: there is nothing to rank against (a sum of rounding errors must not pass for a correlation).
        expect((0, evaluate_1.spearman)(Array.from({ length: 3317 }, (_, i) => i / 7), new Array(3317).fill(0))).toBeNull();
        expect((0, evaluate_1.spearman)([5], [1])).toBeNull();
    });
});
//# sourceMappingURL=metrics.spec.js.map