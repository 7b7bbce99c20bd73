"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
const node_fs_1 = __importDefault(require("node:fs"));
const node_os_1 = __importDefault(require("node:os"));
const node_path_1 = __importDefault(require("node:path"));
const text_encoder_1 = require("../../src/ml/text-encoder");
const tiny_bert_1 = require("../helpers/tiny-bert");
const dot = (a, b) => a.reduce((s, x, i) => s + x * b[i], 0);
describe('text encoders', () => {
    it('use-lite: real Universal Sentence Encoder weights from the package, related texts closer than unrelated', async () => {
        const encoder = await (0, text_encoder_1.loadTextEncoder)('use-lite', { modelsDir: 'models', allowRemote: false });
        expect(encoder.dimension).toBe(512);
        const [headphones, speaker, cookbook, candle] = await encoder.encode([
            'Wireless headphones with long battery life',
            'Bluetooth speaker with deep bass',
            'Vegetarian cookbook with one hundred recipes',
            'Scented candle in a glass jar',
        ]);
        expect(headphones).toHaveLength(512);
        expect(Math.sqrt(dot(headphones, headphones))).toBeCloseTo(1, 3);
        expect(dot(headphones, speaker)).toBeGreaterThan(dot(headphones, cookbook) + 0.1);
        expect(dot(headphones, speaker)).toBeGreaterThan(dot(headphones, candle) + 0.1);
        // Cached and deterministic.
        const [again] = await encoder.encode(['Wireless headphones with long battery life']);
        expect(Array.from(again)).toEqual(Array.from(headphones));
    });
    it('transformers:<id>: a BERT-format model from MODELS_DIR/pretrained gives the mean-pooled, normalised vectors', async () => {
        const modelsDir = node_fs_1.default.mkdtempSync(node_path_1.default.join(node_os_1.default.tmpdir(), 'segmentql-models-'));
        const model = (0, tiny_bert_1.buildTinyBert)(modelsDir, 'test/tiny-bert', ['red', 'blue', 'wireless', 'speaker', 'book', 'cake', 'recipes']);
        const encoder = await (0, text_encoder_1.loadTextEncoder)('transformers:test/tiny-bert', { modelsDir, allowRemote: false });
        expect(encoder.id).toBe('transformers:test/tiny-bert');
        expect(encoder.dimension).toBe(model.hidden);
        const texts = ['Red wireless speaker', 'a blue book of cake recipes', 'zebra'];
        const vectors = await encoder.encode(texts);
        texts.forEach((t, i) => {
            const expected = (0, tiny_bert_1.expectedVector)(model, t);
            Array.from(vectors[i]).forEach((v, j) => expect(v).toBeCloseTo(expected[j], 5));
        });
    });
    it('refuses unknown ids and missing local models without reaching for the network', async () => {
        expect(() => (0, text_encoder_1.validateTextEncoderId)('bert-base')).toThrow(/unknown text encoder/);
        expect(() => (0, text_encoder_1.validateTextEncoderId)('transformers:../../etc')).toThrow(/unknown text encoder/);
        const empty = node_fs_1.default.mkdtempSync(node_path_1.default.join(node_os_1.default.tmpdir(), 'segmentql-models-'));
        await expect((0, text_encoder_1.loadTextEncoder)('transformers:Xenova/all-MiniLM-L6-v2', { modelsDir: empty, allowRemote: false })).rejects.toThrow(/no model at .*Xenova\/all-MiniLM-L6-v2/);
    });
});
//# sourceMappingURL=text-encoder.spec.js.map