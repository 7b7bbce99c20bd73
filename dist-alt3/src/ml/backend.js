"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.BACKENDS = void 0;
exports.parseBackendPreference = parseBackendPreference;
exports.probeBackends = probeBackends;
exports.runBackendProbe = runBackendProbe;
exports.probeHere = probeHere;
exports.useBackend = useBackend;
exports.currentBackend = currentBackend;
const node_child_process_1 = require("node:child_process");
const node_path_1 = __importDefault(require("node:path"));
const kernels_1 = require("./kernels");
/**
 * The compute backends for TensorFlow.js, best first. `auto` takes the first that loads: the native GPU build (when
 * `@tensorflow/tfjs-node-gpu` is installed and CUDA loads), the native CPU build, WebAssembly with SIMD, then pure JS.
 * The native packages are optional dependencies: their install downloads libtensorflow, which may fail (offline), and
 * must never fail `npm install`.
 */
exports.BACKENDS = ['tensorflow-gpu', 'tensorflow', 'wasm', 'cpu'];
/** tfjs's own name for each backend (both native builds register `tensorflow`). */
const TF_NAME = { 'tensorflow-gpu': 'tensorflow', tensorflow: 'tensorflow', wasm: 'wasm', cpu: 'cpu' };
const NATIVE_PACKAGE = { 'tensorflow-gpu': '@tensorflow/tfjs-node-gpu', tensorflow: '@tensorflow/tfjs-node' };
let selected = null;
let selecting = null;
function parseBackendPreference(value) {
    const v = (value ?? 'auto').trim() || 'auto';
    if (v === 'auto' || exports.BACKENDS.includes(v))
        return v;
    throw new Error(`TRAINING_BACKEND must be auto or one of ${exports.BACKENDS.join(', ')}; got ${JSON.stringify(value)}`);
}
/** Loads a native build's binding (which registers its backend); false when it is missing or does not load. */
function loadNative(name) {
    const pkg = NATIVE_PACKAGE[name];
    try {
        require.resolve(pkg);
    }
    catch {
        return { ok: false, detail: `${pkg} is not installed (optional dependency)` };
    }
    try {
        // Optional native builds: loaded by name, only in the thread (or probe) that uses them.
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        require(pkg);
        return { ok: true, detail: pkg };
    }
    catch (err) {
        return { ok: false, detail: `${pkg} is installed but does not load: ${err.message.split('\n')[0]}` };
    }
}
let probed = null;
/**
 * Which backends can run here, found by trying them: a native build counts only if its binding loads, and the GPU
 * build only if it reports a GPU device. The trying happens in a short-lived child process
 * (`backend-probe.js`), so the calling process — the API server — never loads a native binding or initialises CUDA.
 * The answer is computed once per process.
 */
function probeBackends() {
    probed ??= runBackendProbe();
    return probed;
}
/** Runs the probe's child process once (with this environment: module paths and CUDA settings come from it). */
function runBackendProbe(env = process.env) {
    return new Promise((resolve) => {
        (0, node_child_process_1.execFile)(process.execPath, [node_path_1.default.join(__dirname, 'backend-probe.js')], { env, timeout: 60_000, maxBuffer: 1 << 20 }, (err, stdout) => {
            const line = stdout?.trim().split('\n').pop() ?? '';
            try {
                if (err && !line)
                    throw err;
                resolve(JSON.parse(line));
            }
            catch (e) {
                const why = `the backend probe failed: ${e.message.split('\n')[0]}`;
                resolve(exports.BACKENDS.map((name) => (name === 'cpu' ? { name, available: true, detail: 'pure JavaScript (@tensorflow/tfjs)' } : { name, available: false, detail: why })));
            }
        });
    });
}
/** Tries every backend in this process (the probe's child process runs this); see `probeBackends`. */
async function probeHere() {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const tf = require('@tensorflow/tfjs');
    tf.env().set('PROD', true);
    const out = [];
    for (const name of exports.BACKENDS) {
        const pkg = NATIVE_PACKAGE[name];
        if (pkg) {
            const native = loadNative(name);
            if (!native.ok)
                out.push({ name, available: false, detail: native.detail });
            else if (name === 'tensorflow-gpu' && !gpuVisible(tf))
                out.push({ name, available: false, detail: `${pkg} loads but sees no GPU device` });
            else
                out.push({ name, available: true, detail: `${pkg} (binding loads${name === 'tensorflow-gpu' ? ', GPU device visible' : ''})` });
            continue;
        }
        if (name === 'wasm') {
            try {
                // eslint-disable-next-line @typescript-eslint/no-require-imports
                require('@tensorflow/tfjs-backend-wasm');
                const ok = (await tf.setBackend('wasm')) && tf.getBackend() === 'wasm';
                out.push({ name, available: ok, detail: ok ? '@tensorflow/tfjs-backend-wasm (SIMD, one thread in Node)' : '@tensorflow/tfjs-backend-wasm did not initialise' });
            }
            catch (err) {
                out.push({ name, available: false, detail: `@tensorflow/tfjs-backend-wasm does not load: ${err.message.split('\n')[0]}` });
            }
            continue;
        }
        out.push({ name, available: true, detail: 'pure JavaScript (@tensorflow/tfjs)' });
    }
    return out;
}
async function trySet(tf, name) {
    if (NATIVE_PACKAGE[name]) {
        if (!loadNative(name).ok)
            return false;
        if (name === 'tensorflow-gpu' && !gpuVisible(tf))
            return false;
    }
    if (name === 'wasm') {
        try {
            // Registers the wasm backend when first loaded.
            // eslint-disable-next-line @typescript-eslint/no-require-imports
            require('@tensorflow/tfjs-backend-wasm');
        }
        catch {
            return false;
        }
    }
    (0, kernels_1.registerFastKernels)(tf);
    try {
        return (await tf.setBackend(TF_NAME[name])) && tf.getBackend() === TF_NAME[name];
    }
    catch {
        return false;
    }
}
/**
 * The GPU build falls back to the CPU silently when CUDA does not load; only a binding that says it uses a GPU device
 * counts (a binding without the check does not).
 */
function gpuVisible(tf) {
    try {
        const backend = tf.findBackend('tensorflow');
        const check = backend?.binding?.isUsingGpuDevice;
        return typeof check === 'function' && check.call(backend.binding) === true;
    }
    catch {
        return false;
    }
}
/**
 * Selects the backend for this process (once; later calls return the first choice) and returns it with the tf
 * module. An explicit preference that cannot load is an error, not a silent fallback.
 */
function useBackend(preference) {
    if (selected)
        return Promise.resolve(selected);
    selecting ??= (async () => {
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        const tf = require('@tensorflow/tfjs');
        // Production mode: no per-op debug checks, and no console advert for tfjs-node on every start.
        tf.env().set('PROD', true);
        const order = preference === 'auto' ? [...exports.BACKENDS] : preference === 'portable' ? ['wasm', 'cpu'] : [preference];
        for (const name of order) {
            if (await trySet(tf, name)) {
                await tf.ready();
                selected = { name, tf };
                return selected;
            }
        }
        throw new Error(`TensorFlow.js backend ${preference} is not available here (${(await probeHere()).map((b) => `${b.name}: ${b.detail}`).join('; ')})`);
    })();
    return selecting;
}
/** The backend chosen so far in this process, if any. */
function currentBackend() {
    return selected?.name ?? null;
}
//# sourceMappingURL=backend.js.map