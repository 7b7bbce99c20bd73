"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
const node_os_1 = __importDefault(require("node:os"));
const node_path_1 = __importDefault(require("node:path"));
const kmeans_segmenter_1 = require("../../plugins/kmeans/kmeans.segmenter");
const evaluate_1 = require("../../src/evaluation/evaluate");
const random_1 = require("../../src/ml/random");
const params_1 = require("../../src/registry/params");
const plugin_context_1 = require("../helpers/plugin-context");
const FEATURES = ['log_recency', 'log_frequency', 'log_monetary', 'log_tenure'];
/** A synthetic split: `n` customers in 5 blobs, 1-4 past purchases each from 200 products, a random future. */
function syntheticSplit(n, seed) {
    const rng = new random_1.Random(seed);
    const d = FEATURES.length;
    const centres = Array.from({ length: 5 }, () => Array.from({ length: d }, () => rng.next() * 10));
    const features = new Float64Array(n * d);
    const truth = new Int32Array(n);
    const offsets = new Int32Array(n + 1);
    const products = [];
    const futureOffsets = new Int32Array(n + 1);
    const future = [];
    const spend = new Float64Array(n);
    const boughtAgain = new Uint8Array(n);
    for (let i = 0; i < n; i++) {
        const c = Math.floor(rng.next() * 5);
        truth[i] = i % 3 === 0 ? -1 : c;
        for (let f = 0; f < d; f++)
            features[i * d + f] = centres[c][f] + rng.normal(0, 1);
        const bought = 1 + Math.floor(rng.next() * 4);
        for (let j = 0; j < bought; j++)
            products.push(c * 40 + Math.floor(rng.next() * 40));
        offsets[i + 1] = products.length;
        if (rng.next() < 0.4) {
            boughtAgain[i] = 1;
            spend[i] = 10 * (c + 1) * rng.next();
            future.push(c * 40 + Math.floor(rng.next() * 40));
        }
        futureOffsets[i + 1] = future.length;
    }
    const events = products.length;
    const data = {
        customerIds: Array.from({ length: n }, (_, i) => i + 1),
        featureNames: FEATURES,
        features,
        sequences: { offsets, productIds: Int32Array.from(products), days: new Float64Array(events), quantities: new Float32Array(events).fill(1), amounts: new Float32Array(events).fill(1) },
    };
    return {
        data,
        input: {
            versionId: 1,
            versionAsOf: Date.UTC(2026, 0, 1),
            asOf: Date.UTC(2026, 0, 1),
            horizonDays: 90,
            data,
            outcome: { spend, boughtAgain, purchaseDays: Int32Array.from(boughtAgain), futureOffsets, futureProducts: Int32Array.from(future) },
            truth,
        },
    };
}
describe('evaluation off the database (what the evaluation worker computes)', () => {
    const scratchRoot = node_path_1.default.join(node_os_1.default.tmpdir(), 'segmentql-eval-scale');
    it('evaluates 200,000 customers with a k-means artifact, bootstraps included, without a RangeError', async () => {
        const n = 200_000;
        const { data, input } = syntheticSplit(n, 11);
        const params = (0, params_1.validateParams)('kmeans', kmeans_segmenter_1.kmeansSegmenter.params, { k: 5, nInit: 1, threads: 1, features: FEATURES });
        // Through the bytes, as the worker gets the artifact.
        const artifact = kmeans_segmenter_1.kmeansSegmenter.deserialize(kmeans_segmenter_1.kmeansSegmenter.serialize(await kmeans_segmenter_1.kmeansSegmenter.fit(data, params, (0, plugin_context_1.testFitContext)())));
        const progress = [];
        const metrics = await (0, evaluate_1.evaluateVersion)(kmeans_segmenter_1.kmeansSegmenter, artifact, plugin_context_1.testServices, { ...input, params, bootstraps: 2 }, { scratchRoot, progress: (f, m) => progress.push([f, m]) });
        expect(metrics.customers).toBe(n);
        expect(metrics.segments).toBe(5);
        expect(metrics.bootstraps).toBe(2);
        expect(metrics.stabilityJaccard).toHaveLength(5);
        for (const key of ['futureSpendR2', 'churnAuc', 'spendLift', 'hitRateAt10', 'stabilityAri', 'silhouette', 'groundTruthAri', 'groundTruthNmi']) {
            expect([key, Number.isFinite(metrics[key])]).toEqual([key, true]);
        }
        // Well separated blobs: the segments are the personas, and refits mostly agree with the full fit.
        expect(metrics.groundTruthAri).toBeGreaterThan(0.9);
        expect(metrics.stabilityAri).toBeGreaterThan(0.5);
        expect(metrics.smallestShare).toBeGreaterThan(0.15);
        expect(metrics.largestShare).toBeLessThan(0.25);
        expect(metrics.leakage).toBe(false);
        // Progress: never backwards, one report per refit, ends at 1.
        const fractions = progress.map(([f]) => f);
        expect(fractions).toEqual([...fractions].sort((a, b) => a - b));
        expect(progress.filter(([, m]) => /^refit \d of 2$/.test(m))).toHaveLength(2);
        expect(fractions[fractions.length - 1]).toBe(1);
    }, 180_000);
    it('gives a segment with no customer at the split a null Jaccard figure, not NaN', async () => {
        const { data, input } = syntheticSplit(2_000, 13);
        const params = (0, params_1.validateParams)('kmeans', kmeans_segmenter_1.kmeansSegmenter.params, { k: 3, nInit: 1, threads: 1, features: FEATURES });
        const fitted = await kmeans_segmenter_1.kmeansSegmenter.fit(data, params, (0, plugin_context_1.testFitContext)());
        // A first centre far from every customer: segment 0 is empty at the split.
        const d = FEATURES.length;
        const artifact = { ...fitted, k: 4, centroids: [...new Array(d).fill(1e6), ...fitted.centroids] };
        const metrics = await (0, evaluate_1.evaluateVersion)(kmeans_segmenter_1.kmeansSegmenter, artifact, plugin_context_1.testServices, { ...input, params: { ...params, k: 4 }, bootstraps: 2 }, { scratchRoot });
        expect(metrics.segments).toBe(4);
        expect(metrics.smallestShare).toBe(0);
        expect(metrics.stabilityJaccard[0]).toBeNull();
        expect(metrics.stabilityJaccard.slice(1).every((j) => j !== null && j > 0)).toBe(true);
        expect(JSON.parse(JSON.stringify(metrics)).stabilityJaccard).toEqual(metrics.stabilityJaccard);
    });
    it('stops between refits when cancelled', async () => {
        const { data, input } = syntheticSplit(2_000, 12);
        const params = (0, params_1.validateParams)('kmeans', kmeans_segmenter_1.kmeansSegmenter.params, { k: 3, nInit: 1, threads: 1, features: FEATURES });
        const artifact = await kmeans_segmenter_1.kmeansSegmenter.fit(data, params, (0, plugin_context_1.testFitContext)());
        let bootstrapsStarted = 0;
        const run = (0, evaluate_1.evaluateVersion)(kmeans_segmenter_1.kmeansSegmenter, artifact, plugin_context_1.testServices, { ...input, params, bootstraps: 10 }, {
            scratchRoot,
            progress: (_f, m) => void (m.startsWith('refit') && bootstrapsStarted++),
            cancelled: () => bootstrapsStarted >= 2,
        });
        await expect(run).rejects.toMatchObject({ message: 'cancelled', cancelled: true });
        expect(bootstrapsStarted).toBe(2);
    });
});
//# sourceMappingURL=evaluation-scale.spec.js.map