"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
/**
 * The contract every registered segmenter must keep (in the spirit of scikit-learn's check_estimator), run over the
 * built-in plugins and the example third-party plugin alike.
 */
const plugins_1 = require("../../src/config/plugins");
const params_1 = require("../../src/registry/params");
const segmenter_registry_1 = require("../../src/registry/segmenter-registry");
const feature_catalogue_1 = require("../../src/training/feature-catalogue");
const sequences_1 = require("../../src/ml/sequences");
const demo_training_set_1 = require("../helpers/demo-training-set");
const plugins_2 = require("../helpers/plugins");
const plugin_context_1 = require("../helpers/plugin-context");
const registry = segmenter_registry_1.SegmenterRegistry.load((0, plugins_1.pluginModules)({ SEGMENTQL_PLUGINS: `${plugins_2.EXAMPLE_PLUGIN},${plugins_2.README_QUANTILES_PLUGIN},${plugins_2.README_SEQUENCE_PLUGIN}` }));
/** The demo shop as a training set (features, sequences, catalogue, reviews), built by the server's TrainingSetService. */
let demo;
beforeAll(async () => {
    demo = await (0, demo_training_set_1.demoTrainingSet)({ customers: 400, seed: 2, featureNames: feature_catalogue_1.FEATURE_NAMES });
}, 120_000);
/** The error `fn` throws (failing the test when it throws none). */
function thrown(fn) {
    try {
        fn();
    }
    catch (err) {
        return err;
    }
    throw new Error('expected an error, got none');
}
const context = plugin_context_1.testFitContext;
/** The demo training set with the features the segmenter asks for (in its order). */
function trainingSet(segmenter, params) {
    const names = segmenter.featureNames(params);
    const all = demo.data;
    const n = all.customerIds.length;
    const d = feature_catalogue_1.FEATURE_NAMES.length;
    const features = new Float64Array(n * names.length);
    for (let i = 0; i < n; i++)
        names.forEach((name, j) => (features[i * names.length + j] = all.features[i * d + feature_catalogue_1.FEATURE_NAMES.indexOf(name)]));
    return { ...all, featureNames: [...names], features };
}
/** The same customers in reverse order (every input reversed with them). */
function reversedSet(data) {
    const n = data.customerIds.length;
    const d = data.featureNames.length;
    const rows = Array.from({ length: n }, (_, i) => n - 1 - i);
    return {
        ...data,
        customerIds: [...data.customerIds].reverse(),
        features: Float64Array.from({ length: n * d }, (_, idx) => data.features[(n - 1 - Math.floor(idx / d)) * d + (idx % d)]),
        sequences: data.sequences ? (0, sequences_1.sliceSequences)(data.sequences, rows) : undefined,
        reviews: data.reviews ? [...data.reviews].reverse() : undefined,
    };
}
describe.each(registry.list().map((s) => [s.code, s]))('segmenter %s', (_code, segmenter) => {
    // As scikit-learn's set_checking_parameters: a quick fit, the same contract.
    const params = (0, params_1.validateParams)(segmenter.code, segmenter.params, segmenter.checkParams ?? {});
    it('declares itself completely', () => {
        expect(segmenter.code).toMatch(/^[a-z][a-z0-9-]*$/);
        expect(segmenter.version).toMatch(/^\d+\.\d+\.\d+/);
        expect(Number.isInteger(segmenter.artifactFormat)).toBe(true);
        for (const spec of segmenter.params) {
            expect(spec.description.length).toBeGreaterThan(0);
            expect(() => (0, params_1.validateParams)(segmenter.code, [spec], {})).not.toThrow();
        }
        for (const name of segmenter.featureNames(params))
            expect(feature_catalogue_1.FEATURE_NAMES).toContain(name);
    });
    it('gives one assignment per customer, in input order, with monotone progress in [0, 1]', async () => {
        const data = trainingSet(segmenter, params);
        const progress = [];
        const artifact = await segmenter.fit(data, params, context({}, progress));
        const assignments = await segmenter.assign(artifact, data, plugin_context_1.testServices);
        expect(assignments).toHaveLength(data.customerIds.length);
        for (const a of assignments) {
            expect(Number.isInteger(a.segment) && a.segment >= 0).toBe(true);
            expect(Number.isFinite(a.distance)).toBe(true);
        }
        // Reversing the rows reverses the assignments.
        const reversed = await segmenter.assign(artifact, reversedSet(data), plugin_context_1.testServices);
        expect(reversed.map((a) => a.segment)).toEqual([...assignments].reverse().map((a) => a.segment));
        reversed.forEach((a, i) => expect(a.distance).toBeCloseTo(assignments[assignments.length - 1 - i].distance, 5));
        expect(progress.length).toBeGreaterThan(0);
        for (let i = 0; i < progress.length; i++) {
            expect(progress[i].fraction).toBeGreaterThanOrEqual(0);
            expect(progress[i].fraction).toBeLessThanOrEqual(1);
            if (i > 0)
                expect(progress[i].fraction).toBeGreaterThanOrEqual(progress[i - 1].fraction);
        }
        expect(segmenter.describe(artifact).length).toBeGreaterThan(0);
    });
    it('predicts exactly when it says it does: one prediction per customer, in input order, within range', async () => {
        expect(typeof segmenter.predict === 'function').toBe(segmenter.capabilities.predicts === true);
        if (!segmenter.capabilities.predicts)
            return;
        expect(typeof segmenter.horizonDays).toBe('function');
        const data = trainingSet(segmenter, params);
        const artifact = await segmenter.fit(data, params, context());
        expect(Number.isInteger(segmenter.horizonDays(artifact)) && segmenter.horizonDays(artifact) > 0).toBe(true);
        const predictions = await segmenter.predict(artifact, data, plugin_context_1.testServices);
        expect(predictions).toHaveLength(data.customerIds.length);
        const probability = (p) => p === null || (p >= 0 && p <= 1);
        for (const p of predictions) {
            expect(Number.isFinite(p.expectedPurchases) && p.expectedPurchases >= 0).toBe(true);
            expect(Number.isFinite(p.clv) && p.clv >= 0).toBe(true);
            expect(probability(p.churnProbability) && p.churnProbability !== null).toBe(true);
            expect(probability(p.pAlive)).toBe(true);
            expect(p.daysToNextPurchase === null || (Number.isFinite(p.daysToNextPurchase) && p.daysToNextPurchase >= 0)).toBe(true);
        }
        // Not one number for everyone: the model tells customers apart.
        expect(new Set(predictions.map((p) => p.clv.toPrecision(6))).size).toBeGreaterThan(10);
        const reversed = await segmenter.predict(artifact, reversedSet(data), plugin_context_1.testServices);
        reversed.forEach((p, i) => expect(p.clv).toBeCloseTo(predictions[predictions.length - 1 - i].clv, 6));
    });
    it('round-trips its artifact through serialize/deserialize with identical assignments, and assign mutates nothing', async () => {
        const data = trainingSet(segmenter, params);
        const artifact = await segmenter.fit(data, params, context());
        const bytes = segmenter.serialize(artifact);
        const restored = segmenter.deserialize(bytes);
        expect(await segmenter.assign(restored, data, plugin_context_1.testServices)).toEqual(await segmenter.assign(artifact, data, plugin_context_1.testServices));
        expect(segmenter.serialize(artifact).equals(bytes)).toBe(true);
    });
    it('gives the same result for the same seed', async () => {
        const data = trainingSet(segmenter, params);
        const a = segmenter.serialize(await segmenter.fit(data, params, context()));
        const b = segmenter.serialize(await segmenter.fit(data, params, context()));
        if (segmenter.capabilities.deterministicWithSeed)
            expect(a.equals(b)).toBe(true);
    });
    it('stops when its run is cancelled', async () => {
        const data = trainingSet(segmenter, params);
        const controller = new AbortController();
        controller.abort(new Error('cancelled'));
        await expect(segmenter.fit(data, params, context({ signal: controller.signal }))).rejects.toThrow('cancelled');
        // Cancelled after its first progress report.
        const later = new AbortController();
        await expect(segmenter.fit(data, params, context({ signal: later.signal, progress: () => later.abort(new Error('cancelled')) }))).rejects.toThrow('cancelled');
    });
    it('refuses bad params before anything runs', () => {
        expect(() => (0, params_1.validateParams)(segmenter.code, segmenter.params, { noSuchParam: 1 })).toThrow(/unknown parameter/);
        const numeric = segmenter.params.find((p) => p.type === 'int' || p.type === 'float');
        if (numeric) {
            expect(() => (0, params_1.validateParams)(segmenter.code, segmenter.params, { [numeric.name]: 'many' })).toThrow(/is not a number/);
            if (numeric.max !== undefined)
                expect(() => (0, params_1.validateParams)(segmenter.code, segmenter.params, { [numeric.name]: numeric.max + 1 })).toThrow(/above/);
        }
        expect(thrown(() => (0, params_1.validateParams)(segmenter.code, segmenter.params, { noSuchParam: 1 })).extensions.code).toBe('BAD_USER_INPUT');
        // Cross-parameter checks answer a list of problems, empty for the defaults and the quick-check params.
        if (segmenter.validate) {
            expect(segmenter.validate((0, params_1.validateParams)(segmenter.code, segmenter.params, {}))).toEqual([]);
            expect(segmenter.validate(params)).toEqual([]);
        }
    });
    it('refuses an artifact of another format', async () => {
        const data = trainingSet(segmenter, params);
        const bytes = segmenter.serialize(await segmenter.fit(data, params, context()));
        // A JSON artifact, or one that opens with a JSON header line (binary weights after it).
        const newline = bytes.indexOf(0x0a);
        const headerEnd = newline < 0 ? bytes.length : newline;
        const json = JSON.parse(bytes.subarray(0, headerEnd).toString('utf8'));
        expect(json).toHaveProperty('format');
        const tampered = Buffer.concat([Buffer.from(JSON.stringify({ ...json, format: 999 })), bytes.subarray(headerEnd)]);
        expect(() => segmenter.deserialize(tampered)).toThrow(/format/);
    });
});
describe('the registry', () => {
    it('loads the built-ins and plugins named in SEGMENTQL_PLUGINS', () => {
        expect(registry.list().map((s) => s.code)).toEqual(['kmeans', 'svd', 'gpt', 'bert', 'clv', 'quantiles', 'spend-quantiles', 'tiny-gpt']);
    });
    it('refuses two plugins with the same code', () => {
        expect(() => segmenter_registry_1.SegmenterRegistry.load((0, plugins_1.pluginModules)({ SEGMENTQL_PLUGINS: `${plugins_2.EXAMPLE_PLUGIN},${plugins_2.EXAMPLE_PLUGIN}` }))).toThrow(/two segmenter plugins use the code "quantiles"/);
    });
    it('answers an unknown code with BAD_USER_INPUT listing the known ones', () => {
        const err = thrown(() => registry.get('dbscan'));
        expect(err.message).toBe('unknown segmenter "dbscan"; known: kmeans, svd, gpt, bert, clv, quantiles, spend-quantiles, tiny-gpt');
        expect(err.extensions.code).toBe('BAD_USER_INPUT');
    });
    it("runs each plugin's cross-parameter checks before a run is queued", () => {
        const shape = thrown(() => (0, params_1.validateSegmenterParams)(registry.get('gpt'), { dModel: 30, heads: 4 }));
        expect(shape.extensions.code).toBe('BAD_USER_INPUT');
        expect(shape.message).toBe('invalid params for gpt: dModel (30) must be a multiple of heads (4)');
        expect(thrown(() => (0, params_1.validateSegmenterParams)(registry.get('bert'), { kMin: 8, kMax: 3 })).message).toMatch(/kMin \(8\) must not be above kMax \(3\)/);
        expect(thrown(() => (0, params_1.validateSegmenterParams)(registry.get('kmeans'), { kMin: 8, kMax: 3 })).message).toBe('invalid params for kmeans: kMin (8) must not be above kMax (3)');
        // A fixed k makes kMin/kMax irrelevant.
        expect(() => (0, params_1.validateSegmenterParams)(registry.get('kmeans'), { k: 4, kMin: 8, kMax: 3 })).not.toThrow();
        expect(thrown(() => (0, params_1.validateSegmenterParams)(registry.get('tiny-gpt'), { dModel: 10, heads: 4 })).message).toBe('invalid params for tiny-gpt: dModel must be a multiple of heads');
    });
    it('says what is wrong with a module that is not a plugin', () => {
        expect(() => segmenter_registry_1.SegmenterRegistry.load(['/nonexistent/plugin'])).toThrow(/cannot load segmenter plugin \/nonexistent\/plugin/);
    });
});
//# sourceMappingURL=segmenters.spec.js.map