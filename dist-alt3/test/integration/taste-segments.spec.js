"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
const gpt_1 = require("../../plugins/gpt");
const bert_1 = require("../../plugins/bert");
const params_1 = require("../../src/registry/params");
const feature_catalogue_1 = require("../../src/training/feature-catalogue");
const demo_training_set_1 = require("../helpers/demo-training-set");
const plugin_context_1 = require("../helpers/plugin-context");
const database_1 = require("../helpers/database");
const future_purchases_1 = require("../helpers/future-purchases");
/**
 * Taste segmentations of the transformer segmenters on the demo shop: k and block weights chosen on the inner window
 * before asOf, no segment under the floor, and value x taste cells crossing the predictor's tiers with taste clusters.
 */
const SMALL = { epochs: 2, dModel: 16, heads: 2, layers: 1, maxLen: 16, nInit: 1, batchSize: 64, finetuneEpochs: 1, horizonDays: 30, rfmWeight: 0 };
// The database only builds the training set: the PostgreSQL pass would repeat the same computation.
const suite = database_1.TEST_KIND === 'postgres' ? describe.skip : describe;
suite('taste and value x taste segmentations', () => {
    let demo;
    beforeAll(async () => {
        demo = await (0, demo_training_set_1.demoTrainingSet)({ customers: 500, seed: 9, featureNames: feature_catalogue_1.DEFAULT_FEATURES });
    }, 120_000);
    it('chooses k and the block weights on the inner window, never leaving a segment under minShare', async () => {
        const params = (0, params_1.validateParams)('gpt', gpt_1.gptSegmenter.params, { ...SMALL, select: 'validation', kMin: 2, kMax: 5, minShare: 0.05 });
        const artifact = (await gpt_1.gptSegmenter.fit(demo.data, params, (0, plugin_context_1.testFitContext)({ seed: 3 })));
        const selection = artifact.selection;
        // Every (weights, k) candidate was scored; the chosen one is among them, stable where any was, and within the
        // tolerance of the best, with the fewest segments.
        expect(selection.tried.length).toBe(5 * 4);
        expect(selection.tried).toContainEqual(selection.chosen);
        expect(selection.cutDay).toBe(demo.data.asOfDay - 30);
        const stable = selection.tried.filter((t) => t.stability >= 0.8);
        const pool = stable.length ? stable : selection.tried;
        const best = Math.max(...pool.map((t) => t.hitRate));
        expect(selection.chosen.hitRate).toBeGreaterThanOrEqual(best - 0.005);
        for (const t of pool)
            if (t.hitRate >= best - 0.005)
                expect(selection.chosen.k).toBeLessThanOrEqual(t.k);
        expect(artifact.k).toBeLessThanOrEqual(selection.chosen.k);
        expect(artifact.sequenceBlock.weight).toBe(selection.chosen.sequenceWeight);
        const labels = (await gpt_1.gptSegmenter.assign(artifact, demo.data, plugin_context_1.testServices)).map((a) => a.segment);
        const sizes = new Array(artifact.k).fill(0);
        for (const l of labels)
            sizes[l]++;
        expect(Math.min(...sizes)).toBeGreaterThanOrEqual(0.05 * labels.length);
        // Segments without the RFM block are taste segments (named from what they buy).
        expect(gpt_1.gptSegmenter.describe(artifact).every((d) => d.basis === 'taste')).toBe(true);
        expect(artifact.taste?.idf.length).toBe(artifact.vocab.productIds.length);
        // A refit (bootstrap stability) fixes what the selection chose.
        expect(gpt_1.gptSegmenter.refitParams(artifact, params)).toMatchObject({ k: selection.chosen.k, select: 'daviesBouldin', sequenceWeight: selection.chosen.sequenceWeight, transitionWeight: selection.chosen.transitionWeight });
        // Purchases on and after asOf change no byte: the selection, the taste block and the clusters read none of them.
        const later = await gpt_1.gptSegmenter.fit((0, future_purchases_1.withFuture)(demo.data), params, (0, plugin_context_1.testFitContext)({ seed: 3 }));
        expect(Buffer.compare(gpt_1.gptSegmenter.serialize(artifact), gpt_1.gptSegmenter.serialize(later))).toBe(0);
    }, 300_000);
    it('refuses select: validation with an RFM or text block before a run is queued', () => {
        const problems = (code, p) => {
            try {
                (0, params_1.validateSegmenterParams)(code === 'gpt' ? gpt_1.gptSegmenter : bert_1.bertSegmenter, p);
                return '';
            }
            catch (err) {
                return err.message;
            }
        };
        expect(problems('gpt', { select: 'validation' })).toMatch(/select: validation needs rfmWeight 0/);
        expect(problems('bert', { select: 'validation', rfmWeight: 0 })).toMatch(/needs rfmWeight 0 and textWeight 0/);
        expect(problems('bert', { select: 'validation', rfmWeight: 0, textWeight: 0 })).toBe('');
    });
    it('crosses value tiers with taste clusters: one segment per kept cell, every customer in its tier', async () => {
        const params = (0, params_1.validateParams)('gpt', gpt_1.gptSegmenter.params, { ...SMALL, k: 3, valueTiers: true, minCellShare: 0.03 });
        const artifact = (await gpt_1.gptSegmenter.fit(demo.data, params, (0, plugin_context_1.testFitContext)({ seed: 4 })));
        const cross = artifact.cross;
        expect(cross.tasteK).toBe(3);
        expect(artifact.k).toBe(cross.cells.length);
        expect(artifact.k).toBeLessThanOrEqual(12);
        const described = gpt_1.gptSegmenter.describe(artifact);
        expect(described.map((d) => d.valueTier)).toEqual(cross.cells.map((c) => c.tier));
        const labels = (await gpt_1.gptSegmenter.assign(artifact, demo.data, plugin_context_1.testServices)).map((a) => a.segment);
        const tiers = (await gpt_1.gptSegmenter.predict(artifact, demo.data, plugin_context_1.testServices)).map((p) => p.valueTier);
        // Each customer's segment is the cell of their own value tier and taste cluster (the cell it folded into, if small).
        const tastes = (await gpt_1.gptSegmenter.assign({ ...artifact, cross: null, k: cross.tasteK }, demo.data, plugin_context_1.testServices)).map((a) => a.segment);
        labels.forEach((l, i) => {
            expect(cross.cells[l].tier).toBe(tiers[i]);
            expect(l).toBe(cross.cellOf[tiers[i]][tastes[i]]);
        });
        expect(new Set(labels).size).toBe(artifact.k);
        // A refit asks for the taste clusters, not the cells; value x taste ignores purchases on and after asOf too.
        expect(gpt_1.gptSegmenter.refitParams(artifact, params).k).toBe(3);
        const later = await gpt_1.gptSegmenter.fit((0, future_purchases_1.withFuture)(demo.data), params, (0, plugin_context_1.testFitContext)({ seed: 4 }));
        expect(Buffer.compare(gpt_1.gptSegmenter.serialize(artifact), gpt_1.gptSegmenter.serialize(later))).toBe(0);
        // Serialised and loaded again: the same segments.
        const again = gpt_1.gptSegmenter.deserialize(gpt_1.gptSegmenter.serialize(artifact));
        expect((await gpt_1.gptSegmenter.assign(again, demo.data, plugin_context_1.testServices)).map((a) => a.segment)).toEqual(labels);
    }, 300_000);
});
//# sourceMappingURL=taste-segments.spec.js.map