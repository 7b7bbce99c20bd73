"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.RowPool = exports.STOP = void 0;
const node_path_1 = __importDefault(require("node:path"));
const node_worker_threads_1 = require("node:worker_threads");
const kernels_1 = require("./kernels");
/** Control words shared with the helpers. */
const SEQ = 0;
const KERNEL = 1;
const DONE = 2;
exports.STOP = -1;
/**
 * Runs a kernel over all rows, split evenly between this thread and `threads - 1` helper worker threads that share
 * the state's SharedArrayBuffers. Dispatch is synchronous (Atomics.wait), so the algorithm code stays sequential.
 */
class RowPool {
    state;
    threads;
    workers = [];
    control = new Int32Array(new SharedArrayBuffer(16));
    constructor(state, threads) {
        this.state = state;
        this.threads = threads;
        for (let t = 1; t < threads; t++) {
            const worker = new node_worker_threads_1.Worker(node_path_1.default.join(__dirname, 'kmeans-helper.js'), { workerData: { state, control: this.control, thread: t, threads } });
            worker.unref();
            this.workers.push(worker);
        }
    }
    /** The rows of thread t. */
    static range(n, threads, t) {
        const size = Math.ceil(n / threads);
        return [Math.min(n, t * size), Math.min(n, (t + 1) * size)];
    }
    run(kernel) {
        const { n } = this.state;
        if (this.threads === 1) {
            (0, kernels_1.runKernel)(this.state, kernel, 0, n, 0);
            return;
        }
        Atomics.store(this.control, KERNEL, kernel);
        Atomics.store(this.control, DONE, 0);
        Atomics.add(this.control, SEQ, 1);
        Atomics.notify(this.control, SEQ);
        const [start, end] = RowPool.range(n, this.threads, 0);
        (0, kernels_1.runKernel)(this.state, kernel, start, end, 0);
        for (;;) {
            const done = Atomics.load(this.control, DONE);
            if (done >= this.threads - 1)
                break;
            Atomics.wait(this.control, DONE, done);
        }
    }
    close() {
        if (this.workers.length === 0)
            return;
        Atomics.store(this.control, KERNEL, exports.STOP);
        Atomics.add(this.control, SEQ, 1);
        Atomics.notify(this.control, SEQ);
        for (const worker of this.workers)
            void worker.terminate();
    }
}
exports.RowPool = RowPool;
//# sourceMappingURL=row-pool.js.map