"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
const node_worker_threads_1 = require("node:worker_threads");
const kernels_1 = require("./kernels");
const row_pool_1 = require("./row-pool");
/** A helper thread of RowPool: waits for a kernel, runs it on its rows, says it is done, until told to stop. */
const { state, control, thread, threads } = node_worker_threads_1.workerData;
const [start, end] = row_pool_1.RowPool.range(state.n, threads, thread);
let seen = 0;
for (;;) {
    Atomics.wait(control, 0, seen);
    seen = Atomics.load(control, 0);
    const kernel = Atomics.load(control, 1);
    if (kernel === row_pool_1.STOP)
        break;
    (0, kernels_1.runKernel)(state, kernel, start, end, thread);
    Atomics.add(control, 2, 1);
    Atomics.notify(control, 2);
}
//# sourceMappingURL=kmeans-helper.js.map