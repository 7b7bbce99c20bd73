"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
const node_fs_1 = __importDefault(require("node:fs"));
const node_os_1 = __importDefault(require("node:os"));
const node_path_1 = __importDefault(require("node:path"));
const node_worker_threads_1 = require("node:worker_threads");
const backend_1 = require("../ml/backend");
const plugin_services_1 = require("../ml/plugin-services");
const segmenter_registry_1 = require("../registry/segmenter-registry");
const evaluate_1 = require("./evaluate");
/** Lowers this thread's scheduling priority (Linux; as training threads do): serving requests comes first. */
function lowerPriority(nice) {
    if (nice <= 0 || process.platform !== 'linux')
        return;
    try {
        const tid = Number(node_fs_1.default.readlinkSync('/proc/thread-self').split('/').pop());
        if (Number.isInteger(tid) && tid > 0)
            node_os_1.default.setPriority(tid, Math.min(19, nice));
    }
    catch {
        // No /proc or not permitted: run at normal priority.
    }
}
async function run() {
    const job = node_worker_threads_1.workerData;
    lowerPriority(job.nice ?? 0);
    const port = node_worker_threads_1.parentPort;
    const controller = new AbortController();
    port.on('message', (message) => {
        if (message.type === 'cancel')
            controller.abort(new Error('cancelled'));
    });
    const post = (reply) => port.postMessage(reply);
    const cancelled = () => {
        if (Atomics.load(job.cancelFlag, 0) === 1 && !controller.signal.aborted)
            controller.abort(new Error('cancelled'));
        return controller.signal.aborted;
    };
    try {
        const segmenter = (0, segmenter_registry_1.loadSegmenterModule)(job.module);
        const services = (0, plugin_services_1.createPluginServices)({
            backend: segmenter.capabilities.accelerator === 'none' ? 'portable' : (0, backend_1.parseBackendPreference)(job.backend),
            modelsDir: job.modelsDir,
            allowRemoteTextEncoders: job.allowRemoteTextEncoders,
            log: (message) => post({ type: 'log', message }),
        });
        const artifact = segmenter.deserialize(Buffer.from(job.artifact.buffer, job.artifact.byteOffset, job.artifact.byteLength));
        const input = {
            versionId: job.versionId,
            params: job.params,
            versionAsOf: job.versionAsOf,
            asOf: job.asOf,
            horizonDays: job.horizonDays,
            bootstraps: job.bootstraps,
            data: job.data,
            outcome: job.outcome,
            truth: job.truth,
        };
        let lastPost = 0;
        const metrics = await (0, evaluate_1.evaluateVersion)(segmenter, artifact, services, input, {
            scratchRoot: node_path_1.default.join(job.modelsDir, '.scratch'),
            signal: controller.signal,
            cancelled,
            progress: (fraction, message) => {
                // Steps are few (a handful plus one per bootstrap), but a fast plugin could still report in a burst.
                const now = Date.now();
                if (now - lastPost < 20 && fraction < 1)
                    return;
                lastPost = now;
                post({ type: 'progress', fraction, message });
            },
        });
        post({ type: 'done', metrics });
    }
    catch (err) {
        post({ type: 'error', message: err instanceof Error ? err.message : String(err), cancelled: controller.signal.aborted || err?.cancelled === true });
    }
}
// Only as a worker thread (the runner imports nothing but this module's types).
if (node_worker_threads_1.parentPort)
    void run();
//# sourceMappingURL=evaluation-worker.js.map