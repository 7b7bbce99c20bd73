"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.ThreadedSource = void 0;
const node_path_1 = __importDefault(require("node:path"));
const node_worker_threads_1 = require("node:worker_threads");
const batch_transport_1 = require("./batch-transport");
/**
 * The same source, parsed in a worker thread: the CSV parsing and cleaning (about half of an import's time) run on
 * the second core while this thread writes to the database. Batches arrive in order; an error in the source is
 * raised here with its message.
 */
class ThreadedSource {
    spec;
    inFlight;
    format;
    constructor(spec, inFlight = 2) {
        this.spec = spec;
        this.inFlight = inFlight;
        this.format = spec.format;
    }
    async *batches(batchSize) {
        const worker = new node_worker_threads_1.Worker(node_path_1.default.join(__dirname, 'source-worker.js'), { workerData: { spec: this.spec, batchSize, inFlight: this.inFlight } });
        const queue = [];
        let notify = null;
        let failure = null;
        worker.on('message', (message) => {
            queue.push(message);
            notify?.();
        });
        worker.on('error', (err) => {
            failure = err;
            notify?.();
        });
        worker.on('exit', (code) => {
            if (code !== 0 && !failure)
                failure = new Error(`the import worker stopped with code ${code}`);
            notify?.();
        });
        try {
            for (;;) {
                while (queue.length === 0) {
                    if (failure)
                        throw failure;
                    await new Promise((resolve) => (notify = resolve));
                    notify = null;
                }
                const message = queue.shift();
                if (message.type === 'done')
                    return;
                if (message.type === 'error')
                    throw new Error(message.message);
                worker.postMessage({ type: 'ack' });
                yield (0, batch_transport_1.decodeBatch)(message.encoded);
            }
        }
        finally {
            await worker.terminate();
        }
    }
}
exports.ThreadedSource = ThreadedSource;
//# sourceMappingURL=threaded-source.js.map