"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
const metrics_1 = require("../../src/ml/clustering/metrics");
const params_1 = require("../../src/registry/params");
const kmeans_1 = require("../../plugins/kmeans");
const gpt_1 = require("../../plugins/gpt");
const bert_1 = require("../../plugins/bert");
const feature_catalogue_1 = require("../../src/training/feature-catalogue");
const demo_training_set_1 = require("../helpers/demo-training-set");
const plugin_context_1 = require("../helpers/plugin-context");
const database_1 = require("../helpers/database");
/**
 * The quality the transformer segmenters exist for: on the synthetic shop, `early_adopter` and `nester` share spend,
 * frequency and category shares and differ only in the order they move through categories. RFM k-means cannot tell
 * them apart; `gpt` and `bert` must (adjusted Rand index against the personas at least 0.8).
 */
/** The demo shop seeded into a database and built by the server's TrainingSetService, as a training run sees it. */
let demo;
const ctx = () => (0, plugin_context_1.testFitContext)({ seed: 42, progress: () => undefined });
async function scored(segmenter, overrides) {
    const params = (0, params_1.validateParams)(segmenter.code, segmenter.params, { k: 7, ...overrides });
    const artifact = await segmenter.fit(demo.data, params, ctx());
    const labels = (await segmenter.assign(artifact, demo.data, plugin_context_1.testServices)).map((a) => a.segment);
    // The two personas alone: does the segmentation split them?
    const rows = demo.personas.map((p, i) => (p === 'early_adopter' || p === 'nester' ? i : -1)).filter((i) => i >= 0);
    const pairAri = (0, metrics_1.adjustedRandIndex)(rows.map((i) => demo.personas[i]), rows.map((i) => labels[i]));
    return { ari: (0, metrics_1.adjustedRandIndex)(demo.personas, labels), pairAri };
}
// The database only builds the training set: the PostgreSQL pass of the suite would only repeat the same computation.
const suite = database_1.TEST_KIND === 'postgres' ? describe.skip : describe;
suite('transformer segmenters on personas told apart only by purchase order', () => {
    let kmeansAri = NaN;
    beforeAll(async () => {
        demo = await (0, demo_training_set_1.demoTrainingSet)({ customers: 1000, seed: 42, featureNames: feature_catalogue_1.DEFAULT_FEATURES });
    }, 120_000);
    it('RFM k-means cannot separate early adopters from nesters', async () => {
        const result = await scored(kmeans_1.kmeansSegmenter, {});
        kmeansAri = result.ari;
        console.log(`k-means ARI against the personas: ${result.ari.toFixed(3)}; early adopters vs nesters: ${result.pairAri.toFixed(3)}`);
        expect(result.ari).toBeLessThan(0.8);
        expect(result.pairAri).toBeLessThan(0.2);
    }, 120_000);
    it.each([
        ['gpt', gpt_1.gptSegmenter],
        ['bert', bert_1.bertSegmenter],
    ])('%s reaches ARI >= 0.8, on all personas and on early adopters vs nesters alone', async (code, segmenter) => {
        const result = await scored(segmenter, { epochs: 5 });
        console.log(`${code} ARI against the personas: ${result.ari.toFixed(3)}; early adopters vs nesters: ${result.pairAri.toFixed(3)} (k-means: ${kmeansAri.toFixed(3)})`);
        expect(result.ari).toBeGreaterThanOrEqual(0.8);
        expect(result.pairAri).toBeGreaterThanOrEqual(0.8);
    }, 300_000);
});
//# sourceMappingURL=transformer-quality.spec.js.map