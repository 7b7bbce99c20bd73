import type * as tfType from '@tensorflow/tfjs';

/**
 * Kernels that make training practical on the CPU backends, registered once per tf instance:
 *
 * - `UnsortedSegmentSum` (the gradient of `tf.gather`, i.e. of every embedding lookup): the wasm backend has none, and
 *   the cpu backend's loops over every segment for every row (51 s for one gradient at a vocabulary of 2,000). Ours
 *   is one pass over the rows.
 * - `BatchMatMul` with `transposeA`/`transposeB` on wasm (every matMul gradient uses them) runs at about a tenth of the
 *   speed of an explicit transpose followed by a plain matMul, so the wrapper does exactly that.
 *
 * `test/unit/tf-kernels.spec.ts` compares both against the cpu backend's own kernels.
 */
type KernelArgs = { inputs: Record<string, TensorInfo>; backend: unknown; attrs?: Record<string, unknown> };
interface TensorInfo {
  dataId: object;
  shape: number[];
  dtype: string;
}
interface WasmBackend {
  makeOutput(shape: number[], dtype: string): TensorInfo;
  typedArrayFromHeap(t: TensorInfo): Float32Array | Int32Array;
  disposeData(dataId: object): void;
}
interface CpuBackend {
  data: { get(dataId: object): { values: Float32Array | Int32Array } };
  makeTensorInfo(shape: number[], dtype: string, values: Float32Array): TensorInfo;
}

/** Backends whose kernels were replaced already, per tf instance. */
const registered = new WeakMap<object, Set<string>>();
/** Our kernel functions, to notice when they were replaced. */
const ours = new WeakSet<object>();

function size(shape: number[]): number {
  return shape.reduce((a, b) => a * b, 1);
}

/** out[segmentIds[r], :] += x[r, :] over the rows r of x (segment ids outside [0, numSegments) are dropped, as tf does). */
export function segmentSum(x: Float32Array | Int32Array, ids: Float32Array | Int32Array, rows: number, inner: number, out: Float32Array, numSegments: number): void {
  out.fill(0);
  for (let r = 0; r < rows; r++) {
    const s = ids[r];
    if (s < 0 || s >= numSegments) continue;
    const src = r * inner;
    const dst = s * inner;
    for (let j = 0; j < inner; j++) out[dst + j] += x[src + j];
  }
}

function segmentShape(x: TensorInfo, ids: TensorInfo, numSegments: number): { rows: number; inner: number; shape: number[] } {
  const rows = size(ids.shape);
  const inner = rows === 0 ? 0 : size(x.shape) / rows;
  return { rows, inner, shape: [numSegments, ...x.shape.slice(ids.shape.length)] };
}

export function registerFastKernels(tf: typeof tfType): void {
  const done = registered.get(tf) ?? new Set<string>();
  registered.set(tf, done);
  // Another copy of tfjs (the text encoder bundles one) may have re-registered the stock kernels since.
  for (const backend of [...done]) {
    const kernels = backend === 'wasm' ? ['UnsortedSegmentSum', 'BatchMatMul'] : ['UnsortedSegmentSum'];
    if (kernels.some((k) => !ours.has(tf.getKernel(k, backend)?.kernelFunc as object))) done.delete(backend);
  }

  const wasmSegmentSum = ({ inputs, backend, attrs }: KernelArgs): TensorInfo => {
    const b = backend as WasmBackend;
    const numSegments = attrs!.numSegments as number;
    const { rows, inner, shape } = segmentShape(inputs.x, inputs.segmentIds, numSegments);
    const out = b.makeOutput(shape, 'float32');
    segmentSum(b.typedArrayFromHeap(inputs.x), b.typedArrayFromHeap(inputs.segmentIds), rows, inner, b.typedArrayFromHeap(out) as Float32Array, numSegments);
    return out;
  };
  const cpuSegmentSum = ({ inputs, backend, attrs }: KernelArgs): TensorInfo => {
    const b = backend as CpuBackend;
    const numSegments = attrs!.numSegments as number;
    const { rows, inner, shape } = segmentShape(inputs.x, inputs.segmentIds, numSegments);
    const out = new Float32Array(size(shape));
    segmentSum(b.data.get(inputs.x.dataId).values, b.data.get(inputs.segmentIds.dataId).values, rows, inner, out, numSegments);
    return b.makeTensorInfo(shape, 'float32', out);
  };
  if (!done.has('cpu')) {
    done.add('cpu');
    replaceKernel(tf, 'UnsortedSegmentSum', 'cpu', cpuSegmentSum);
  }
  const matMul = tf.getKernel('BatchMatMul', 'wasm');
  const transpose = tf.getKernel('Transpose', 'wasm');
  // Only once the wasm backend's kernels are registered (it is loaded on demand).
  if (matMul && transpose && !done.has('wasm')) {
    done.add('wasm');
    replaceKernel(tf, 'UnsortedSegmentSum', 'wasm', wasmSegmentSum);
    const plain = matMul.kernelFunc as unknown as (args: KernelArgs) => TensorInfo;
    const transposeFn = transpose.kernelFunc as unknown as (args: KernelArgs) => TensorInfo;
    const swapLast = (t: TensorInfo, backend: unknown) => {
      const perm = t.shape.map((_, i) => i);
      [perm[perm.length - 2], perm[perm.length - 1]] = [perm[perm.length - 1], perm[perm.length - 2]];
      return transposeFn({ inputs: { x: t }, backend, attrs: { perm } });
    };
    const wrapped = ({ inputs, backend, attrs }: KernelArgs): TensorInfo => {
      const { transposeA, transposeB } = attrs as { transposeA: boolean; transposeB: boolean };
      if (!transposeA && !transposeB) return plain({ inputs, backend, attrs });
      const a = transposeA ? swapLast(inputs.a, backend) : inputs.a;
      const b = transposeB ? swapLast(inputs.b, backend) : inputs.b;
      try {
        return plain({ inputs: { a, b }, backend, attrs: { ...attrs, transposeA: false, transposeB: false } });
      } finally {
        if (transposeA) (backend as WasmBackend).disposeData(a.dataId);
        if (transposeB) (backend as WasmBackend).disposeData(b.dataId);
      }
    };
    tf.unregisterKernel('BatchMatMul', 'wasm');
    tf.registerKernel({ ...matMul, kernelFunc: wrapped as unknown as tfType.KernelFunc });
    ours.add(wrapped);
  }
}

function replaceKernel(tf: typeof tfType, kernelName: string, backendName: string, kernelFunc: (args: KernelArgs) => TensorInfo): void {
  if (tf.getKernel(kernelName, backendName)) tf.unregisterKernel(kernelName, backendName);
  tf.registerKernel({ kernelName, backendName, kernelFunc: kernelFunc as unknown as tfType.KernelFunc });
  ours.add(kernelFunc);
}
