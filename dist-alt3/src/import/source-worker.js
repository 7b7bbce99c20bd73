"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
const node_worker_threads_1 = require("node:worker_threads");
const batch_transport_1 = require("./batch-transport");
const source_spec_1 = require("./source-spec");
async function run() {
    const { spec, batchSize, inFlight } = node_worker_threads_1.workerData;
    const port = node_worker_threads_1.parentPort;
    let unacknowledged = 0;
    let wake = null;
    port.on('message', (message) => {
        if (message.type === 'ack') {
            unacknowledged--;
            wake?.();
        }
    });
    try {
        for await (const batch of (0, source_spec_1.createSource)(spec).batches(batchSize)) {
            while (unacknowledged >= inFlight)
                await new Promise((resolve) => (wake = resolve));
            wake = null;
            unacknowledged++;
            const { message, transfer } = (0, batch_transport_1.encodeBatch)(batch);
            port.postMessage({ type: 'batch', encoded: message }, transfer);
        }
        port.postMessage({ type: 'done' });
    }
    catch (err) {
        port.postMessage({ type: 'error', message: err instanceof Error ? err.message : String(err) });
    }
    port.close();
}
void run();
//# sourceMappingURL=source-worker.js.map