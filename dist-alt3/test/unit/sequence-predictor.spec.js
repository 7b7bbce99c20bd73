"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
const gpt_1 = require("../../plugins/gpt");
const sequence_predictor_1 = require("../../src/ml/sequence-predictor");
const sequences_1 = require("../../src/ml/sequences");
const future_purchases_1 = require("../helpers/future-purchases");
const demo_training_set_1 = require("../helpers/demo-training-set");
const plugin_context_1 = require("../helpers/plugin-context");
const AS_OF = 20_000; // a day number
const H = 90;
/** Two customers: one buys at asOf-200, -100 (two lines), -50 and -10; the other only at asOf-30. */
function tinySequences() {
    const days = [AS_OF - 200, AS_OF - 100, AS_OF - 100 + 0.25, AS_OF - 50, AS_OF - 10, AS_OF - 30];
    return {
        offsets: Int32Array.from([0, 5, 6]),
        productIds: Int32Array.from([1, 2, 3, 1, 2, 4]),
        days: Float64Array.from(days),
        quantities: Float32Array.from([1, 1, 1, 1, 1, 1]),
        amounts: Float32Array.from([10, 20, 5, 40, 80, 7]),
    };
}
describe('fine-tuned predictor: labels and inputs', () => {
    it('labels a window by distinct purchase days and spend, and the input is only the history before the cut', () => {
        const seq = tinySequences();
        const cut = AS_OF - H;
        const labels = (0, sequence_predictor_1.windowLabels)(seq, cut, AS_OF);
        expect(Array.from(labels.purchases)).toEqual([2, 1]);
        expect(Array.from(labels.spend)).toEqual([120, 7]);
        expect(Array.from(labels.bought)).toEqual([1, 1]);
        const before = (0, sequences_1.historyBefore)(seq, [0, 1], cut);
        // Customer 0 keeps its purchases at -200 and -100 (both lines); customer 1 has nothing before the cut.
        expect(Array.from(before.offsets)).toEqual([0, 3, 3]);
        expect(Array.from(before.days)).toEqual([AS_OF - 200, AS_OF - 100, AS_OF - 100 + 0.25]);
    });
    it('places every label window before asOf, the last one ending exactly there', () => {
        const starts = (0, sequence_predictor_1.labelWindowStarts)(AS_OF, H, 4, 30);
        expect(starts).toEqual([AS_OF - 90, AS_OF - 120, AS_OF - 150, AS_OF - 180]);
        for (const start of starts)
            expect(start + H).toBeLessThanOrEqual(AS_OF);
    });
    it('summarises a history in days and spend relative to its cut', () => {
        const seq = (0, sequences_1.historyBefore)(tinySequences(), [0], AS_OF - H);
        const s = (0, sequence_predictor_1.historySummaries)(seq, [AS_OF - H], H);
        const expected = [
            AS_OF - H - (AS_OF - 100 + 0.25), // recency: from the last line
            AS_OF - H - (AS_OF - 200), // tenure
            1, // repeat purchase days
            1, // purchase days in the 90 days before the cut (day -100)
            35 / 2, // spend per purchase day
            25, // spend in the 90 days before the cut
        ].map(Math.log1p);
        expect(s).toHaveLength(expected.length);
        expected.forEach((v, j) => expect(s[j]).toBeCloseTo(v, 9));
    });
});
describe('fine-tuned gpt predictor on the demo shop', () => {
    const params = { ...Object.fromEntries(gpt_1.gptSegmenter.params.map((p) => [p.name, p.default])), ...gpt_1.gptSegmenter.checkParams, epochs: 1, finetuneEpochs: 2, horizonDays: 60 };
    let data;
    beforeAll(async () => {
        ({ data } = await (0, demo_training_set_1.demoTrainingSet)({ customers: 240, seed: 11, featureNames: params.features }));
    }, 120_000);
    it('learns only from data before asOf: purchases on and after it change no byte of the artifact', async () => {
        const a = await gpt_1.gptSegmenter.fit(data, params, (0, plugin_context_1.testFitContext)());
        const b = await gpt_1.gptSegmenter.fit((0, future_purchases_1.withFuture)(data), params, (0, plugin_context_1.testFitContext)());
        expect(a.predictor).toBeDefined();
        expect(a.predictor.examples).toBeGreaterThan(50);
        // Bytes, not a loose comparison: the weights, the predictor's scales and its value cuts must all be the same.
        expect(Buffer.compare(gpt_1.gptSegmenter.serialize(a), gpt_1.gptSegmenter.serialize(b))).toBe(0);
        // Predictions: one per customer, finite, probabilities in [0, 1], value tiers near the declared shares.
        const rows = await gpt_1.gptSegmenter.predict(a, data, (0, plugin_context_1.testFitContext)());
        expect(rows).toHaveLength(data.customerIds.length);
        for (const r of rows) {
            expect(r.churnProbability).toBeGreaterThanOrEqual(0);
            expect(r.churnProbability).toBeLessThanOrEqual(1);
            expect(Number.isFinite(r.clv) && r.clv >= 0).toBe(true);
            expect(r.expectedPurchases).toBeGreaterThanOrEqual(1 - r.churnProbability - 1e-9);
        }
        const high = rows.filter((r) => r.valueTier === 'high').length / rows.length;
        const mid = rows.filter((r) => r.valueTier === 'mid').length / rows.length;
        expect(high).toBeGreaterThan(0.15);
        expect(high).toBeLessThan(0.25);
        expect(mid).toBeGreaterThan(0.25);
        expect(mid).toBeLessThan(0.35);
        // Another horizon: the same rate over a longer window, no tiers (they are cut on the model's own horizon).
        const longer = await gpt_1.gptSegmenter.predict(a, data, (0, plugin_context_1.testFitContext)(), { horizonDays: 120 });
        expect(longer[0].valueTier).toBeUndefined();
        expect(longer[0].clv).toBeCloseTo(rows[0].clv * 2, 6);
        // Predictions read nothing at or after the cut-off either.
        const withLater = await gpt_1.gptSegmenter.predict(a, (0, future_purchases_1.withFuture)(data), (0, plugin_context_1.testFitContext)());
        expect(withLater.map((r) => r.clv)).toEqual(rows.map((r) => r.clv));
        // An artifact from before predictors (no predictor, no fine-tuned weights) still loads and assigns as before, and
        // says it cannot predict: horizon 0, and a clear error if asked anyway.
        const weights = Object.fromEntries(Object.entries(a.weights).filter(([name]) => !name.startsWith('ft.')));
        const old = gpt_1.gptSegmenter.deserialize(gpt_1.gptSegmenter.serialize({ ...a, predictor: undefined, weights }));
        expect(gpt_1.gptSegmenter.horizonDays(old)).toBe(0);
        expect(await gpt_1.gptSegmenter.assign(old, data, (0, plugin_context_1.testFitContext)())).toEqual(await gpt_1.gptSegmenter.assign(a, data, (0, plugin_context_1.testFitContext)()));
        await expect(gpt_1.gptSegmenter.predict(old, data, (0, plugin_context_1.testFitContext)())).rejects.toThrow(/no fine-tuned predictor/);
        // Round trip: the deserialised artifact predicts the same.
        const again = await gpt_1.gptSegmenter.predict(gpt_1.gptSegmenter.deserialize(gpt_1.gptSegmenter.serialize(a)), data, (0, plugin_context_1.testFitContext)());
        expect(again.map((r) => r.clv)).toEqual(rows.map((r) => r.clv));
    }, 300_000);
});
//# sourceMappingURL=sequence-predictor.spec.js.map