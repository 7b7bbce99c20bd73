"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
const node_fs_1 = __importDefault(require("node:fs"));
const node_os_1 = __importDefault(require("node:os"));
const node_worker_threads_1 = require("node:worker_threads");
const segmenter_registry_1 = require("../registry/segmenter-registry");
const node_path_1 = __importDefault(require("node:path"));
const backend_1 = require("../ml/backend");
const plugin_services_1 = require("../ml/plugin-services");
const feature_catalogue_1 = require("./feature-catalogue");
const metrics_1 = require("../ml/clustering/metrics");
const kmeans_1 = require("../ml/clustering/kmeans");
/**
 * Lowers this thread's scheduling priority. On Linux a thread is a task with its own id and niceness
 * (setpriority(PRIO_PROCESS, tid)); threads it starts later (TensorFlow's) inherit it. Elsewhere it does nothing.
 */
function lowerPriority(nice) {
    if (nice <= 0 || process.platform !== 'linux')
        return;
    try {
        const tid = Number(node_fs_1.default.readlinkSync('/proc/thread-self').split('/').pop());
        if (Number.isInteger(tid) && tid > 0)
            node_os_1.default.setPriority(tid, Math.min(19, nice));
    }
    catch {
        // No /proc or not permitted: train at normal priority.
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
    const post = (reply, transfer = []) => port.postMessage(reply, transfer);
    try {
        const segmenter = (0, segmenter_registry_1.loadSegmenterModule)(job.module);
        const data = {
            customerIds: job.customerIds,
            featureNames: job.featureNames,
            features: job.features,
            sequences: job.sequences,
            items: job.items,
            reviews: job.reviews,
            asOfDay: job.asOfDay,
        };
        const services = (0, plugin_services_1.createPluginServices)({
            backend: segmenter.capabilities.accelerator === 'none' ? 'portable' : (0, backend_1.parseBackendPreference)(job.backend),
            modelsDir: job.modelsDir,
            allowRemoteTextEncoders: job.allowRemoteTextEncoders,
            log: (message) => post({ type: 'log', message }),
        });
        // A TensorFlow.js plugin trains on the backend chosen here, reported before it starts; the others run plain
        // JavaScript (`js`) and never load TensorFlow.js.
        const threads = typeof job.params.threads === 'number' ? (0, kmeans_1.threadCount)(job.customerIds.length, job.params.threads) : 1;
        const backend = segmenter.capabilities.accelerator === 'none' ? `js (${threads} thread${threads === 1 ? '' : 's'})` : (await services.tensorflow()).backend;
        post({ type: 'backend', name: backend });
        let lastPost = 0;
        let lastFraction = -1;
        const artifact = await (0, plugin_services_1.withScratchDir)(node_path_1.default.join(job.modelsDir, '.scratch'), (scratchDir) => segmenter.fit(data, job.params, {
            ...services,
            seed: job.seed,
            scratchDir,
            signal: controller.signal,
            progress: (progress) => {
                // A synchronous fit never lets the 'cancel' message through, so the shared flag is read here too.
                if (Atomics.load(job.cancelFlag, 0) === 1 && !controller.signal.aborted)
                    controller.abort(new Error('cancelled'));
                // The runner stores a few updates a second; sending every one of thousands would only cost copies.
                const now = Date.now();
                // Epoch summaries (validation loss) always go through.
                if (now - lastPost < 50 && progress.fraction - lastFraction < 0.05 && progress.validationLoss === undefined)
                    return;
                lastPost = now;
                lastFraction = progress.fraction;
                post({ type: 'progress', progress });
            },
        }));
        if (controller.signal.aborted)
            throw controller.signal.reason;
        const bytes = segmenter.serialize(artifact);
        const assignments = await segmenter.assign(artifact, data, services);
        const n = job.customerIds.length;
        const d = job.featureNames.length;
        const labels = Int32Array.from(assignments, (a) => a.segment);
        const distances = Float64Array.from(assignments, (a) => a.distance);
        const descriptions = segmenter.describe(artifact);
        const k = Math.max(descriptions.length, labels.reduce((m, l) => Math.max(m, l + 1), 0));
        // Internal metrics in the space the plugin segmented (an embedding plugin's own; else the standardised features),
        // and on the standardised features under their own names, whatever the plugin (comparable across plugins).
        const rfm = (0, metrics_1.computeMetrics)((0, feature_catalogue_1.standardise)(job.features, n, d).z, n, d, labels, k, job.seed);
        let own = rfm;
        if (segmenter.embed) {
            // Another pass of the plugin over every customer (a network's forward pass): said, so that progress never
            // stands still without a word.
            post({ type: 'progress', progress: { fraction: Math.max(lastFraction, 0), message: `metrics in the segmentation space of ${n} customers` } });
            const rows = await segmenter.embed(artifact, data, services);
            const width = rows[0]?.length ?? 0;
            const z = new Float64Array(n * width);
            for (let i = 0; i < n; i++)
                z.set(rows[i], i * width);
            own = (0, metrics_1.computeMetrics)(z, n, width, labels, k, job.seed);
        }
        const metrics = {
            ...own,
            metricSpace: segmenter.embed ? 'embedding' : 'features',
            rfmSilhouette: rfm.silhouette,
            rfmDaviesBouldin: rfm.daviesBouldin,
            rfmCalinskiHarabasz: rfm.calinskiHarabasz,
        };
        if (segmenter.summary)
            metrics.extra = segmenter.summary(artifact);
        let predictions;
        if (segmenter.capabilities.predicts && segmenter.predict && segmenter.horizonDays && segmenter.horizonDays(artifact) > 0) {
            predictions = { horizonDays: segmenter.horizonDays(artifact), rows: await segmenter.predict(artifact, data, services) };
        }
        const artifactBytes = new Uint8Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
        post({ type: 'done', artifact: artifactBytes, labels, distances, descriptions, metrics, predictions }, [artifactBytes.buffer, labels.buffer, distances.buffer]);
    }
    catch (err) {
        post({ type: 'error', message: err instanceof Error ? err.message : String(err), cancelled: controller.signal.aborted });
    }
}
void run();
//# sourceMappingURL=training-worker.js.map