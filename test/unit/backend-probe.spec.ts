import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runBackendProbe } from '../../src/ml/backend';

/**
 * `computeBackends` reports what can really run: a native build counts only if its binding loads, the GPU build only
 * if it reports a GPU device; and the API thread's plugin services never load a native build. Fake native packages
 * (put on NODE_PATH in a child process) play the parts that this machine, without libtensorflow or a GPU, lacks.
 */
const ROOT = path.resolve(__dirname, '../../..');

function fakeNative(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fake-tfjs-node-'));
  for (const [pkg, code] of Object.entries(files)) {
    fs.mkdirSync(path.join(dir, pkg), { recursive: true });
    fs.writeFileSync(path.join(dir, pkg, 'package.json'), JSON.stringify({ name: pkg, main: 'index.js' }));
    fs.writeFileSync(path.join(dir, pkg, 'index.js'), code);
  }
  return dir;
}

/** A package that registers a `tensorflow` backend whose binding answers `isUsingGpuDevice` as given (or lacks it). */
const registering = (gpu: 'yes' | 'no' | 'missing') => `
  const tf = require('@tensorflow/tfjs');
  const binding = ${gpu === 'missing' ? '{}' : `{ isUsingGpuDevice: () => ${gpu === 'yes'} }`};
  tf.registerBackend('tensorflow', () => ({ binding, dispose() {} }));
  globalThis.__fakeNativeLoaded = true;`;

const env = (dir: string) => ({ ...process.env, NODE_PATH: [dir, path.join(ROOT, 'node_modules')].join(path.delimiter) });
const byName = (list: Awaited<ReturnType<typeof runBackendProbe>>) => Object.fromEntries(list.map((b) => [b.name, b]));

describe('compute backends', () => {
  it('here: no native build installed, wasm and cpu available', async () => {
    const b = byName(await runBackendProbe());
    expect(b.tensorflow).toMatchObject({ available: false, detail: '@tensorflow/tfjs-node is not installed (optional dependency)' });
    expect(b['tensorflow-gpu']).toMatchObject({ available: false, detail: '@tensorflow/tfjs-node-gpu is not installed (optional dependency)' });
    expect(b.wasm.available).toBe(true);
    expect(b.cpu.available).toBe(true);
  });

  it('a GPU build counts only when its binding reports a GPU device', async () => {
    const none = byName(await runBackendProbe(env(fakeNative({ '@tensorflow/tfjs-node-gpu': registering('no') }))));
    expect(none['tensorflow-gpu']).toMatchObject({ available: false, detail: '@tensorflow/tfjs-node-gpu loads but sees no GPU device' });
    const unknown = byName(await runBackendProbe(env(fakeNative({ '@tensorflow/tfjs-node-gpu': registering('missing') }))));
    expect(unknown['tensorflow-gpu'].available).toBe(false);
    const gpu = byName(await runBackendProbe(env(fakeNative({ '@tensorflow/tfjs-node-gpu': registering('yes') }))));
    expect(gpu['tensorflow-gpu']).toMatchObject({ available: true, detail: '@tensorflow/tfjs-node-gpu (binding loads, GPU device visible)' });
  });

  it('a native build counts only when its binding loads', async () => {
    const broken = byName(await runBackendProbe(env(fakeNative({ '@tensorflow/tfjs-node': "throw new Error('libtensorflow.so.2: cannot open shared object file');" }))));
    expect(broken.tensorflow).toMatchObject({ available: false, detail: '@tensorflow/tfjs-node is installed but does not load: libtensorflow.so.2: cannot open shared object file' });
    const loads = byName(await runBackendProbe(env(fakeNative({ '@tensorflow/tfjs-node': registering('missing') }))));
    expect(loads.tensorflow).toMatchObject({ available: true });
  });

  it("the API thread's plugin services never load a native build; a training thread's (auto) does", () => {
    const dir = fakeNative({ '@tensorflow/tfjs-node': registering('missing') });
    const script = (backend: string) => `
      const { createPluginServices } = require(${JSON.stringify(path.join(ROOT, 'dist/src/ml/plugin-services.js'))});
      createPluginServices({ backend: '${backend}', modelsDir: 'models', allowRemoteTextEncoders: false }).tensorflow()
        .then((h) => console.log(JSON.stringify({ backend: h.backend, nativeLoaded: globalThis.__fakeNativeLoaded === true })));`;
    const run = (backend: string) => JSON.parse(execFileSync(process.execPath, ['-e', script(backend)], { env: env(dir), encoding: 'utf8' }).trim().split('\n').pop()!);
    expect(run('portable')).toEqual({ backend: 'wasm', nativeLoaded: false });
    expect(run('auto')).toEqual({ backend: 'tensorflow', nativeLoaded: true });
  });
});
