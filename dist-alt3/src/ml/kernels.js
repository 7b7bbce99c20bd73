"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.segmentSum = segmentSum;
exports.registerFastKernels = registerFastKernels;
/** Backends whose kernels were replaced already, per tf instance. */
const registered = new WeakMap();
/** Our kernel functions, to notice when they were replaced. */
const ours = new WeakSet();
function size(shape) {
    return shape.reduce((a, b) => a * b, 1);
}
/** out[segmentIds[r], :] += x[r, :] over the rows r of x (segment ids outside [0, numSegments) are dropped, as tf does). */
function segmentSum(x, ids, rows, inner, out, numSegments) {
    out.fill(0);
    for (let r = 0; r < rows; r++) {
        const s = ids[r];
        if (s < 0 || s >= numSegments)
            continue;
        const src = r * inner;
        const dst = s * inner;
        for (let j = 0; j < inner; j++)
            out[dst + j] += x[src + j];
    }
}
function segmentShape(x, ids, numSegments) {
    const rows = size(ids.shape);
    const inner = rows === 0 ? 0 : size(x.shape) / rows;
    return { rows, inner, shape: [numSegments, ...x.shape.slice(ids.shape.length)] };
}
function registerFastKernels(tf) {
    const done = registered.get(tf) ?? new Set();
    registered.set(tf, done);
    // Another copy of tfjs (the text encoder bundles one) may have re-registered the stock kernels since.
    for (const backend of [...done]) {
        const kernels = backend === 'wasm' ? ['UnsortedSegmentSum', 'BatchMatMul'] : ['UnsortedSegmentSum'];
        if (kernels.some((k) => !ours.has(tf.getKernel(k, backend)?.kernelFunc)))
            done.delete(backend);
    }
    const wasmSegmentSum = ({ inputs, backend, attrs }) => {
        const b = backend;
        const numSegments = attrs.numSegments;
        const { rows, inner, shape } = segmentShape(inputs.x, inputs.segmentIds, numSegments);
        const out = b.makeOutput(shape, 'float32');
        segmentSum(b.typedArrayFromHeap(inputs.x), b.typedArrayFromHeap(inputs.segmentIds), rows, inner, b.typedArrayFromHeap(out), numSegments);
        return out;
    };
    const cpuSegmentSum = ({ inputs, backend, attrs }) => {
        const b = backend;
        const numSegments = attrs.numSegments;
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
        const plain = matMul.kernelFunc;
        const transposeFn = transpose.kernelFunc;
        const swapLast = (t, backend) => {
            const perm = t.shape.map((_, i) => i);
            [perm[perm.length - 2], perm[perm.length - 1]] = [perm[perm.length - 1], perm[perm.length - 2]];
            return transposeFn({ inputs: { x: t }, backend, attrs: { perm } });
        };
        const wrapped = ({ inputs, backend, attrs }) => {
            const { transposeA, transposeB } = attrs;
            if (!transposeA && !transposeB)
                return plain({ inputs, backend, attrs });
            const a = transposeA ? swapLast(inputs.a, backend) : inputs.a;
            const b = transposeB ? swapLast(inputs.b, backend) : inputs.b;
            try {
                return plain({ inputs: { a, b }, backend, attrs: { ...attrs, transposeA: false, transposeB: false } });
            }
            finally {
                if (transposeA)
                    backend.disposeData(a.dataId);
                if (transposeB)
                    backend.disposeData(b.dataId);
            }
        };
        tf.unregisterKernel('BatchMatMul', 'wasm');
        tf.registerKernel({ ...matMul, kernelFunc: wrapped });
        ours.add(wrapped);
    }
}
function replaceKernel(tf, kernelName, backendName, kernelFunc) {
    if (tf.getKernel(kernelName, backendName))
        tf.unregisterKernel(kernelName, backendName);
    tf.registerKernel({ kernelName, backendName, kernelFunc: kernelFunc });
    ours.add(kernelFunc);
}
//# sourceMappingURL=kernels.js.map