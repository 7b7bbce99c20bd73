import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadTextEncoder, validateTextEncoderId } from '../../src/ml/text-encoder';
import { buildTinyBert, expectedVector } from '../helpers/tiny-bert';

const dot = (a: Float32Array, b: Float32Array) => a.reduce((s, x, i) => s + x * b[i], 0);

describe('text encoders', () => {
  it('use-lite: real Universal Sentence Encoder weights from the package, related texts closer than unrelated', async () => {
    const encoder = await loadTextEncoder('use-lite', { modelsDir: 'models', allowRemote: false });
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
    const modelsDir = fs.mkdtempSync(path.join(os.tmpdir(), 'segmentql-models-'));
    const model = buildTinyBert(modelsDir, 'test/tiny-bert', ['red', 'blue', 'wireless', 'speaker', 'book', 'cake', 'recipes']);
    const encoder = await loadTextEncoder('transformers:test/tiny-bert', { modelsDir, allowRemote: false });
    expect(encoder.id).toBe('transformers:test/tiny-bert');
    expect(encoder.dimension).toBe(model.hidden);
    const texts = ['Red wireless speaker', 'a blue book of cake recipes', 'zebra'];
    const vectors = await encoder.encode(texts);
    texts.forEach((t, i) => {
      const expected = expectedVector(model, t);
      Array.from(vectors[i]).forEach((v, j) => expect(v).toBeCloseTo(expected[j], 5));
    });
  });

  it('refuses unknown ids and missing local models without reaching for the network', async () => {
    expect(() => validateTextEncoderId('bert-base')).toThrow(/unknown text encoder/);
    expect(() => validateTextEncoderId('transformers:../../etc')).toThrow(/unknown text encoder/);
    const empty = fs.mkdtempSync(path.join(os.tmpdir(), 'segmentql-models-'));
    await expect(loadTextEncoder('transformers:Xenova/all-MiniLM-L6-v2', { modelsDir: empty, allowRemote: false })).rejects.toThrow(/no model at .*Xenova\/all-MiniLM-L6-v2/);
  });
});
