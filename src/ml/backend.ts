import { execFile } from 'node:child_process';
import path from 'node:path';
import type * as tfType from '@tensorflow/tfjs';
import { registerFastKernels } from './kernels';

/**
 * The compute backends for TensorFlow.js, best first. `auto` takes the first that loads: the native GPU build (when
 * `@tensorflow/tfjs-node-gpu` is installed and CUDA loads), the native CPU build, WebAssembly with SIMD, then pure JS.
 * The native packages are optional dependencies: their install downloads libtensorflow, which may fail (offline), and
 * must never fail `npm install`.
 */
export const BACKENDS = ['tensorflow-gpu', 'tensorflow', 'wasm', 'cpu'] as const;
export type BackendName = (typeof BACKENDS)[number];
export type BackendPreference = BackendName | 'auto';
/**
 * What a thread may select: a preference for training threads, or `portable` (wasm, then cpu) for the API thread,
 * which never loads a native build it does not use.
 */
export type BackendChoice = BackendPreference | 'portable';

export interface BackendAvailability {
  name: BackendName;
  available: boolean;
  /** Why it is not available (or which package provides it). */
  detail: string;
}

/** tfjs's own name for each backend (both native builds register `tensorflow`). */
const TF_NAME: Record<BackendName, string> = { 'tensorflow-gpu': 'tensorflow', tensorflow: 'tensorflow', wasm: 'wasm', cpu: 'cpu' };
const NATIVE_PACKAGE: Partial<Record<BackendName, string>> = { 'tensorflow-gpu': '@tensorflow/tfjs-node-gpu', tensorflow: '@tensorflow/tfjs-node' };

let selected: { name: BackendName; tf: typeof tfType } | null = null;
let selecting: Promise<{ name: BackendName; tf: typeof tfType }> | null = null;

export function parseBackendPreference(value: string | undefined): BackendPreference {
  const v = (value ?? 'auto').trim() || 'auto';
  if (v === 'auto' || (BACKENDS as readonly string[]).includes(v)) return v as BackendPreference;
  throw new Error(`TRAINING_BACKEND must be auto or one of ${BACKENDS.join(', ')}; got ${JSON.stringify(value)}`);
}

/** Loads a native build's binding (which registers its backend); false when it is missing or does not load. */
function loadNative(name: BackendName): { ok: boolean; detail: string } {
  const pkg = NATIVE_PACKAGE[name]!;
  try {
    require.resolve(pkg);
  } catch {
    return { ok: false, detail: `${pkg} is not installed (optional dependency)` };
  }
  try {
    // Optional native builds: loaded by name, only in the thread (or probe) that uses them.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    require(pkg);
    return { ok: true, detail: pkg };
  } catch (err) {
    return { ok: false, detail: `${pkg} is installed but does not load: ${(err as Error).message.split('\n')[0]}` };
  }
}

let probed: Promise<BackendAvailability[]> | null = null;

/**
 * Which backends can run here, found by trying them: a native build counts only if its binding loads, and the GPU
 * build only if it reports a GPU device. The trying happens in a short-lived child process
 * (`backend-probe.js`), so the calling process — the API server — never loads a native binding or initialises CUDA.
 * The answer is computed once per process.
 */
export function probeBackends(): Promise<BackendAvailability[]> {
  probed ??= runBackendProbe();
  return probed;
}

/** Runs the probe's child process once (with this environment: module paths and CUDA settings come from it). */
export function runBackendProbe(env: NodeJS.ProcessEnv = process.env): Promise<BackendAvailability[]> {
  return new Promise<BackendAvailability[]>((resolve) => {
    execFile(process.execPath, [path.join(__dirname, 'backend-probe.js')], { env, timeout: 60_000, maxBuffer: 1 << 20 }, (err, stdout) => {
      const line = stdout?.trim().split('\n').pop() ?? '';
      try {
        if (err && !line) throw err;
        resolve(JSON.parse(line) as BackendAvailability[]);
      } catch (e) {
        const why = `the backend probe failed: ${(e as Error).message.split('\n')[0]}`;
        resolve(BACKENDS.map((name) => (name === 'cpu' ? { name, available: true, detail: 'pure JavaScript (@tensorflow/tfjs)' } : { name, available: false, detail: why })));
      }
    });
  });
}

/** Tries every backend in this process (the probe's child process runs this); see `probeBackends`. */
export async function probeHere(): Promise<BackendAvailability[]> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const tf = require('@tensorflow/tfjs') as typeof tfType;
  tf.env().set('PROD', true);
  const out: BackendAvailability[] = [];
  for (const name of BACKENDS) {
    const pkg = NATIVE_PACKAGE[name];
    if (pkg) {
      const native = loadNative(name);
      if (!native.ok) out.push({ name, available: false, detail: native.detail });
      else if (name === 'tensorflow-gpu' && !gpuVisible(tf)) out.push({ name, available: false, detail: `${pkg} loads but sees no GPU device` });
      else out.push({ name, available: true, detail: `${pkg} (binding loads${name === 'tensorflow-gpu' ? ', GPU device visible' : ''})` });
      continue;
    }
    if (name === 'wasm') {
      try {
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        require('@tensorflow/tfjs-backend-wasm');
        const ok = (await tf.setBackend('wasm')) && tf.getBackend() === 'wasm';
        out.push({ name, available: ok, detail: ok ? '@tensorflow/tfjs-backend-wasm (SIMD, one thread in Node)' : '@tensorflow/tfjs-backend-wasm did not initialise' });
      } catch (err) {
        out.push({ name, available: false, detail: `@tensorflow/tfjs-backend-wasm does not load: ${(err as Error).message.split('\n')[0]}` });
      }
      continue;
    }
    out.push({ name, available: true, detail: 'pure JavaScript (@tensorflow/tfjs)' });
  }
  return out;
}

async function trySet(tf: typeof tfType, name: BackendName): Promise<boolean> {
  if (NATIVE_PACKAGE[name]) {
    if (!loadNative(name).ok) return false;
    if (name === 'tensorflow-gpu' && !gpuVisible(tf)) return false;
  }
  if (name === 'wasm') {
    try {
      // Registers the wasm backend when first loaded.
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      require('@tensorflow/tfjs-backend-wasm');
    } catch {
      return false;
    }
  }
  registerFastKernels(tf);
  try {
    return (await tf.setBackend(TF_NAME[name])) && tf.getBackend() === TF_NAME[name];
  } catch {
    return false;
  }
}

/**
 * The GPU build falls back to the CPU silently when CUDA does not load; only a binding that says it uses a GPU device
 * counts (a binding without the check does not).
 */
function gpuVisible(tf: typeof tfType): boolean {
  try {
    const backend = tf.findBackend('tensorflow') as unknown as { binding?: { isUsingGpuDevice?: () => boolean } } | null;
    const check = backend?.binding?.isUsingGpuDevice;
    return typeof check === 'function' && check.call(backend!.binding) === true;
  } catch {
    return false;
  }
}

/**
 * Selects the backend for this process (once; later calls return the first choice) and returns it with the tf
 * module. An explicit preference that cannot load is an error, not a silent fallback.
 */
export function useBackend(preference: BackendChoice): Promise<{ name: BackendName; tf: typeof tfType }> {
  if (selected) return Promise.resolve(selected);
  selecting ??= (async () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const tf = require('@tensorflow/tfjs') as typeof tfType;
    // Production mode: no per-op debug checks, and no console advert for tfjs-node on every start.
    tf.env().set('PROD', true);
    const order: BackendName[] = preference === 'auto' ? [...BACKENDS] : preference === 'portable' ? ['wasm', 'cpu'] : [preference];
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
export function currentBackend(): BackendName | null {
  return selected?.name ?? null;
}
