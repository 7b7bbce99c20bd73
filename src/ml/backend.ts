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

/** Whether a native build is installed and its binding loads (loading it registers its backend). */
function loadNative(name: BackendName): { ok: boolean; detail: string } {
  const pkg = NATIVE_PACKAGE[name]!;
  try {
    require.resolve(pkg);
  } catch {
    return { ok: false, detail: `${pkg} is not installed (optional dependency)` };
  }
  try {
    require(pkg);
    return { ok: true, detail: pkg };
  } catch (err) {
    return { ok: false, detail: `${pkg} is installed but does not load: ${(err as Error).message.split('\n')[0]}` };
  }
}

/**
 * Which backends this process can use, without switching to any. The native builds are only resolved here, not
 * loaded: loading one initialises CUDA, which belongs in the process that trains.
 */
export function probeBackends(): BackendAvailability[] {
  return BACKENDS.map((name) => {
    const pkg = NATIVE_PACKAGE[name];
    if (pkg) {
      try {
        require.resolve(pkg);
        return { name, available: true, detail: `${pkg} installed` };
      } catch {
        return { name, available: false, detail: `${pkg} is not installed (optional dependency)` };
      }
    }
    if (name === 'wasm') {
      try {
        require.resolve('@tensorflow/tfjs-backend-wasm');
        return { name, available: true, detail: '@tensorflow/tfjs-backend-wasm (SIMD, one thread in Node)' };
      } catch {
        return { name, available: false, detail: '@tensorflow/tfjs-backend-wasm is not installed' };
      }
    }
    return { name, available: true, detail: 'pure JavaScript (@tensorflow/tfjs)' };
  });
}

async function trySet(tf: typeof tfType, name: BackendName): Promise<boolean> {
  if (NATIVE_PACKAGE[name]) {
    if (!loadNative(name).ok) return false;
    if (name === 'tensorflow-gpu' && !gpuVisible(tf)) return false;
  }
  if (name === 'wasm') {
    try {
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

/** The GPU build falls back to the CPU silently when CUDA does not load; only a GPU device in its list counts. */
function gpuVisible(tf: typeof tfType): boolean {
  try {
    const backend = tf.findBackend('tensorflow') as unknown as { binding?: { isUsingGpuDevice?: () => boolean } } | null;
    return backend?.binding?.isUsingGpuDevice?.() ?? true;
  } catch {
    return false;
  }
}

/**
 * Selects the backend for this process (once; later calls return the first choice) and returns it with the tf
 * module. An explicit preference that cannot load is an error, not a silent fallback.
 */
export function useBackend(preference: BackendPreference = parseBackendPreference(process.env.TRAINING_BACKEND)): Promise<{ name: BackendName; tf: typeof tfType }> {
  if (selected) return Promise.resolve(selected);
  selecting ??= (async () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const tf = require('@tensorflow/tfjs') as typeof tfType;
    // Production mode: no per-op debug checks, and no console advert for tfjs-node on every start.
    tf.env().set('PROD', true);
    const order = preference === 'auto' ? [...BACKENDS] : [preference];
    for (const name of order) {
      if (await trySet(tf, name)) {
        await tf.ready();
        selected = { name, tf };
        return selected;
      }
    }
    throw new Error(`TensorFlow.js backend ${preference} is not available here (${probeBackends().map((b) => `${b.name}: ${b.detail}`).join('; ')})`);
  })();
  return selecting;
}

/** The backend chosen so far in this process, if any. */
export function currentBackend(): BackendName | null {
  return selected?.name ?? null;
}
