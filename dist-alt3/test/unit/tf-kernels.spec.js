"use strict";
var __createBinding = (this && this.__createBinding) || (Object.create ? (function(o, m, k, k2) {
    if (k2 === undefined) k2 = k;
    var desc = Object.getOwnPropertyDescriptor(m, k);
    if (!desc || ("get" in desc ? !m.__esModule : desc.writable || desc.configurable)) {
      desc = { enumerable: true, get: function() { return m[k]; } };
    }
    Object.defineProperty(o, k2, desc);
}) : (function(o, m, k, k2) {
    if (k2 === undefined) k2 = k;
    o[k2] = m[k];
}));
var __setModuleDefault = (this && this.__setModuleDefault) || (Object.create ? (function(o, v) {
    Object.defineProperty(o, "default", { enumerable: true, value: v });
}) : function(o, v) {
    o["default"] = v;
});
var __importStar = (this && this.__importStar) || (function () {
    var ownKeys = function(o) {
        ownKeys = Object.getOwnPropertyNames || function (o) {
            var ar = [];
            for (var k in o) if (Object.prototype.hasOwnProperty.call(o, k)) ar[ar.length] = k;
            return ar;
        };
        return ownKeys(o);
    };
    return function (mod) {
        if (mod && mod.__esModule) return mod;
        var result = {};
        if (mod != null) for (var k = ownKeys(mod), i = 0; i < k.length; i++) if (k[i] !== "default") __createBinding(result, mod, k[i]);
        __setModuleDefault(result, mod);
        return result;
    };
})();
Object.defineProperty(exports, "__esModule", { value: true });
const tf = __importStar(require("@tensorflow/tfjs"));
require("@tensorflow/tfjs-backend-wasm");
const kernels_1 = require("../../src/ml/kernels");
/**
 * The kernels registered for training speed must give the cpu backend's own results: the wasm UnsortedSegmentSum
 * (missing in the stock wasm backend) and the transposing BatchMatMul wrapper, checked on the gradients they exist for.
 */
async function on(backend, fn) {
    await tf.setBackend(backend);
    await tf.ready();
    return fn();
}
function gradients() {
    const table = tf.variable(tf.randomNormal([50, 8], 0, 1, 'float32', 1));
    const w = tf.variable(tf.randomNormal([8, 8], 0, 1, 'float32', 2));
    const ids = tf.tensor1d([3, 7, 3, 49, 0, 7, 7, 12], 'int32');
    const { grads, value } = tf.variableGrads(() => tf.matMul(tf.gather(table, ids), w, false, true).square().mean(), [table, w]);
    const out = [Array.from(value.dataSync()), ...Object.values(grads).map((g) => Array.from(g.dataSync()))];
    tf.dispose([table, w, ids, value, ...Object.values(grads)]);
    return out;
}
describe('TensorFlow.js kernels for training', () => {
    let stock;
    beforeAll(async () => {
        stock = { ...tf.getKernel('UnsortedSegmentSum', 'cpu') };
        tf.env().set('PROD', true);
        await tf.setBackend('wasm');
        (0, kernels_1.registerFastKernels)(tf);
    });
    it('registers UnsortedSegmentSum on wasm and replaces the slow one on cpu', () => {
        expect(tf.getKernel('UnsortedSegmentSum', 'wasm')).toBeDefined();
        expect(tf.getKernel('UnsortedSegmentSum', 'cpu')).toBeDefined();
    });
    it('sums rows per segment, dropping ids out of range', () => {
        const out = new Float32Array(6);
        (0, kernels_1.segmentSum)(Float32Array.from([1, 2, 3, 4, 5, 6, 7, 8]), Int32Array.from([2, 0, 2, 9]), 4, 2, out, 3);
        expect(Array.from(out)).toEqual([3, 4, 0, 0, 6, 8]);
    });
    it('gives the gradient of an embedding lookup and a transposed matMul equal to the stock cpu kernels', async () => {
        const wasm = await on('wasm', gradients);
        // The stock cpu kernel, not ours, as the reference.
        const ours = tf.getKernel('UnsortedSegmentSum', 'cpu');
        tf.unregisterKernel('UnsortedSegmentSum', 'cpu');
        expect(ours.kernelFunc).not.toBe(stock.kernelFunc);
        tf.registerKernel(stock);
        let reference;
        try {
            reference = await on('cpu', gradients);
        }
        finally {
            tf.unregisterKernel('UnsortedSegmentSum', 'cpu');
            tf.registerKernel(ours);
        }
        const cpuOurs = await on('cpu', gradients);
        expect(wasm.length).toBe(3);
        for (const [i, values] of reference.entries()) {
            values.forEach((v, j) => {
                expect(wasm[i][j]).toBeCloseTo(v, 4);
                expect(cpuOurs[i][j]).toBeCloseTo(v, 5);
            });
        }
    });
    it('matMul with transposeA and transposeB on wasm equals the cpu result', async () => {
        const run = () => {
            const a = tf.randomNormal([3, 5, 4], 0, 1, 'float32', 5);
            const b = tf.randomNormal([3, 6, 5], 0, 1, 'float32', 6);
            const out = Array.from(tf.matMul(a, b, true, true).dataSync());
            tf.dispose([a, b]);
            return out;
        };
        const wasm = await on('wasm', run);
        const cpu = await on('cpu', run);
        expect(wasm).toHaveLength(3 * 4 * 6);
        wasm.forEach((v, i) => expect(v).toBeCloseTo(cpu[i], 4));
    });
});
//# sourceMappingURL=tf-kernels.spec.js.map