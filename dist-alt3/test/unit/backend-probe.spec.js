"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
const node_child_process_1 = require("node:child_process");
const node_fs_1 = __importDefault(require("node:fs"));
const node_os_1 = __importDefault(require("node:os"));
const node_path_1 = __importDefault(require("node:path"));
const backend_1 = require("../../src/ml/backend");
/**
 * `computeBackends` reports what can really run: a native build counts only if its binding loads, the GPU build only
 * if it reports a GPU device; and the API thread's plugin services never load a native build. Fake native packages
 * (put on NODE_PATH in a child process) play the parts that this machine, without libtensorflow or a GPU, lacks.
 */
const ROOT = node_path_1.default.resolve(__dirname, '../../..');
function fakeNative(files) {
    const dir = node_fs_1.default.mkdtempSync(node_path_1.default.join(node_os_1.default.tmpdir(), 'fake-tfjs-node-'));
    for (const [pkg, code] of Object.entries(files)) {
        node_fs_1.default.mkdirSync(node_path_1.default.join(dir, pkg), { recursive: true });
        node_fs_1.default.writeFileSync(node_path_1.default.join(dir, pkg, 'package.json'), JSON.stringify({ name: pkg, main: 'index.js' }));
        node_fs_1.default.writeFileSync(node_path_1.default.join(dir, pkg, 'index.js'), code);
    }
    return dir;
}
/** A package that registers a `tensorflow` backend whose binding answers `isUsingGpuDevice` as given (or lacks it). */
const registering = (gpu) => `
  const tf = require('@tensorflow/tfjs');
  const binding = ${gpu === 'missing' ? '{}' : `{ isUsingGpuDevice: () => ${gpu === 'yes'} }`};
  tf.registerBackend('tensorflow', () => ({ binding, dispose() {} }));
  globalThis.__fakeNativeLoaded = true;`;
const env = (dir) => ({ ...process.env, NODE_PATH: [dir, node_path_1.default.join(ROOT, 'node_modules')].join(node_path_1.default.delimiter) });
const byName = (list) => Object.fromEntries(list.map((b) => [b.name, b]));
describe('compute backends', () => {
    it('here: no native build installed, wasm and cpu available', async () => {
        const b = byName(await (0, backend_1.runBackendProbe)());
        expect(b.tensorflow).toMatchObject({ available: false, detail: '@tensorflow/tfjs-node is not installed (optional dependency)' });
        expect(b['tensorflow-gpu']).toMatchObject({ available: false, detail: '@tensorflow/tfjs-node-gpu is not installed (optional dependency)' });
        expect(b.wasm.available).toBe(true);
        expect(b.cpu.available).toBe(true);
    });
    it('a GPU build counts only when its binding reports a GPU device', async () => {
        const none = byName(await (0, backend_1.runBackendProbe)(env(fakeNative({ '@tensorflow/tfjs-node-gpu': registering('no') }))));
        expect(none['tensorflow-gpu']).toMatchObject({ available: false, detail: '@tensorflow/tfjs-node-gpu loads but sees no GPU device' });
        const unknown = byName(await (0, backend_1.runBackendProbe)(env(fakeNative({ '@tensorflow/tfjs-node-gpu': registering('missing') }))));
        expect(unknown['tensorflow-gpu'].available).toBe(false);
        const gpu = byName(await (0, backend_1.runBackendProbe)(env(fakeNative({ '@tensorflow/tfjs-node-gpu': registering('yes') }))));
        expect(gpu['tensorflow-gpu']).toMatchObject({ available: true, detail: '@tensorflow/tfjs-node-gpu (binding loads, GPU device visible)' });
    });
    it('a native build counts only when its binding loads', async () => {
        const broken = byName(await (0, backend_1.runBackendProbe)(env(fakeNative({ '@tensorflow/tfjs-node': "throw new Error('libtensorflow.so.2: cannot open shared object file');" }))));
        expect(broken.tensorflow).toMatchObject({ available: false, detail: '@tensorflow/tfjs-node is installed but does not load: libtensorflow.so.2: cannot open shared object file' });
        const loads = byName(await (0, backend_1.runBackendProbe)(env(fakeNative({ '@tensorflow/tfjs-node': registering('missing') }))));
        expect(loads.tensorflow).toMatchObject({ available: true });
    });
    it("the API thread's plugin services never load a native build; a training thread's (auto) does", () => {
        const dir = fakeNative({ '@tensorflow/tfjs-node': registering('missing') });
        const script = (backend) => `
      const { createPluginServices } = require(${JSON.stringify(node_path_1.default.join(ROOT, 'dist/src/ml/plugin-services.js'))});
      createPluginServices({ backend: '${backend}', modelsDir: 'models', allowRemoteTextEncoders: false }).tensorflow()
        .then((h) => console.log(JSON.stringify({ backend: h.backend, nativeLoaded: globalThis.__fakeNativeLoaded === true })));`;
        const run = (backend) => JSON.parse((0, node_child_process_1.execFileSync)(process.execPath, ['-e', script(backend)], { env: env(dir), encoding: 'utf8' }).trim().split('\n').pop());
        expect(run('portable')).toEqual({ backend: 'wasm', nativeLoaded: false });
        expect(run('auto')).toEqual({ backend: 'tensorflow', nativeLoaded: true });
    });
});
//# sourceMappingURL=backend-probe.spec.js.map