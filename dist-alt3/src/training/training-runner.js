"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.TrainingRunner = void 0;
const errors_1 = require("../errors");
const node_worker_threads_1 = require("node:worker_threads");
const node_path_1 = __importDefault(require("node:path"));
const typeorm_1 = require("typeorm");
const entities_1 = require("../entities");
const pubsub_1 = require("../pubsub/pubsub");
/**
 * The training queue. Runs execute `fit` in a worker thread (never on the event loop), `concurrency` at a time.
 * Progress is throttled, stored on the run and published; cancellation reaches the plugin through its AbortSignal.
 * A finished run hands its result to the ModelVersionStore, which reserves the version number, writes the artifact and
 * commits the version, segments and assignments (the runner itself writes only its runs).
 */
class TrainingRunner {
    dataSource;
    registry;
    features;
    trainingSets;
    versions;
    pubsub;
    options;
    queue = [];
    active = new Map();
    waiters = [];
    closed = false;
    writes = new Map();
    constructor(dataSource, registry, features, trainingSets, versions, pubsub, options) {
        this.dataSource = dataSource;
        this.registry = registry;
        this.features = features;
        this.trainingSets = trainingSets;
        this.versions = versions;
        this.pubsub = pubsub;
        this.options = options;
    }
    get runs() {
        return this.dataSource.getRepository(entities_1.TrainingRun);
    }
    /** After a crash or restart: runs left QUEUED or RUNNING can never finish, so they fail with "interrupted". */
    async recover() {
        const stale = await this.runs.find({ where: { status: (0, typeorm_1.In)(['QUEUED', 'RUNNING']) } });
        for (const run of stale) {
            await this.finish(run, { status: 'FAILED', error: 'interrupted: the server stopped before the run finished', message: 'interrupted' });
        }
        return stale.length;
    }
    enqueue(runId) {
        this.queue.push(runId);
        this.pump();
    }
    /** Cancels a queued run at once, or asks a running one to stop at its next checkpoint. */
    async cancel(runId) {
        const queued = this.queue.indexOf(runId);
        if (queued >= 0) {
            this.queue.splice(queued, 1);
            const run = await this.runs.findOneByOrFail({ id: runId });
            await this.finish(run, { status: 'CANCELLED', message: 'cancelled before it started' });
            return;
        }
        const active = this.active.get(runId);
        if (active) {
            active.cancelled = true;
            Atomics.store(active.cancelFlag, 0, 1);
            active.worker?.postMessage({ type: 'cancel' });
        }
    }
    /** Resolves when nothing is queued or running (tests, shutdown). */
    idle() {
        if (this.queue.length === 0 && this.active.size === 0)
            return Promise.resolve();
        return new Promise((resolve) => this.waiters.push(resolve));
    }
    /** Stops taking work and cancels what runs; those runs end FAILED "interrupted" on the next start if not before. */
    async close() {
        this.closed = true;
        this.queue.length = 0;
        for (const active of this.active.values()) {
            active.cancelled = true;
            await active.worker?.terminate();
        }
    }
    pump() {
        while (!this.closed && this.active.size < this.options.concurrency && this.queue.length > 0) {
            const runId = this.queue.shift();
            const slot = { worker: null, cancelled: false, cancelFlag: new Int32Array(new SharedArrayBuffer(4)) };
            this.active.set(runId, slot);
            this.execute(runId, slot)
                .catch((err) => this.options.log?.(`training run ${runId} crashed the runner: ${err.stack}`))
                .finally(() => {
                this.active.delete(runId);
                this.pump();
                if (this.queue.length === 0 && this.active.size === 0)
                    for (const resolve of this.waiters.splice(0))
                        resolve();
            });
        }
    }
    async execute(runId, slot) {
        const run = await this.runs.findOneByOrFail({ id: runId });
        if (run.status !== 'QUEUED')
            return;
        const model = await this.dataSource.getRepository(entities_1.SegmentationModel).findOneByOrFail({ id: run.modelId });
        const started = Date.now();
        Object.assign(run, { status: 'RUNNING', startedAt: new Date(), backend: null, progress: 0, message: 'computing features' });
        await this.save(run);
        try {
            const segmenter = this.registry.get(model.segmenter);
            const asOf = run.asOf ?? (await this.features.defaultAsOf());
            const { data, features: all } = await this.trainingSets.build(segmenter, segmenter.featureNames(run.params), asOf, { cancelled: () => slot.cancelled });
            if (data.customerIds.length === 0)
                throw new Error('no customer has bought anything before asOf: nothing to segment');
            if (slot.cancelled)
                throw Object.assign(new Error('cancelled'), { cancelled: true });
            run.message = `training on ${data.customerIds.length} customers`;
            await this.save(run);
            const job = {
                module: this.registry.moduleOf(segmenter.code),
                code: segmenter.code,
                params: run.params,
                seed: run.seed,
                backend: segmenter.capabilities.accelerator === 'none' ? 'js' : (this.options.backend ?? 'auto'),
                modelsDir: this.options.modelsDir ?? node_path_1.default.resolve('models'),
                allowRemoteTextEncoders: this.options.allowRemoteTextEncoders ?? false,
                nice: this.options.nice ?? 0,
                cancelFlag: slot.cancelFlag,
                ...data,
            };
            const result = await this.runWorker(job, slot, run, started);
            const version = await this.storeVersion(run, model, segmenter, asOf, data.customerIds, all, result);
            await this.finish(run, { status: 'SUCCEEDED', progress: 1, modelVersionId: version.id, message: `version ${version.number}`, etaSeconds: 0 });
        }
        catch (err) {
            const cancelled = slot.cancelled || err.cancelled === true;
            if (!cancelled)
                this.options.log?.(`run ${run.id} failed: ${err.stack ?? String(err)}`);
            await this.finish(run, cancelled ? { status: 'CANCELLED', message: 'cancelled' } : { status: 'FAILED', error: (0, errors_1.clientSafeMessage)(err), message: 'failed' });
        }
    }
    runWorker(job, slot, run, started) {
        return new Promise((resolve, reject) => {
            const transfer = [job.features.buffer, ...(job.sequences ? Object.values(job.sequences).map((a) => a.buffer) : [])];
            const worker = new node_worker_threads_1.Worker(node_path_1.default.join(__dirname, 'training-worker.js'), { workerData: job, transferList: transfer });
            slot.worker = worker;
            if (slot.cancelled)
                worker.postMessage({ type: 'cancel' });
            let lastSaved = 0;
            let settled = false;
            worker.on('message', (reply) => {
                if (reply.type === 'progress') {
                    const p = reply.progress;
                    // Progress never goes backwards, whatever a plugin reports.
                    run.progress = Math.max(run.progress, Math.min(1, Math.max(0, p.fraction)));
                    Object.assign(run, {
                        step: p.step ?? run.step,
                        totalSteps: p.totalSteps ?? run.totalSteps,
                        epoch: p.epoch ?? run.epoch,
                        loss: p.loss ?? run.loss,
                        validationLoss: p.validationLoss ?? run.validationLoss,
                        sequencesPerSecond: p.sequencesPerSecond ?? run.sequencesPerSecond,
                        message: p.message ?? run.message,
                    });
                    const elapsed = (Date.now() - started) / 1000;
                    run.etaSeconds = run.progress > 0 ? (elapsed * (1 - run.progress)) / run.progress : null;
                    if (Date.now() - lastSaved >= (this.options.progressIntervalMs ?? 250)) {
                        lastSaved = Date.now();
                        void this.save(run);
                    }
                }
                else if (reply.type === 'backend') {
                    run.backend = reply.name;
                    void this.save(run);
                }
                else if (reply.type === 'log') {
                    this.options.log?.(`run ${run.id}: ${reply.message}`);
                }
                else if (reply.type === 'done') {
                    settled = true;
                    resolve(reply);
                    void worker.terminate();
                }
                else {
                    settled = true;
                    reject(Object.assign(new Error(reply.message), { cancelled: reply.cancelled }));
                    void worker.terminate();
                }
            });
            worker.on('error', (err) => {
                settled = true;
                reject(err);
            });
            worker.on('exit', (code) => {
                if (!settled)
                    reject(Object.assign(new Error(slot.cancelled ? 'cancelled' : `the training worker exited with code ${code}`), { cancelled: slot.cancelled }));
            });
        });
    }
    storeVersion(run, model, segmenter, asOf, customerIds, features, result) {
        return this.versions.store({
            modelId: model.id,
            runId: run.id,
            segmenter: { code: segmenter.code, version: segmenter.version, artifactFormat: segmenter.artifactFormat },
            params: run.params,
            featureNames: segmenter.featureNames(run.params),
            asOf,
            customerIds,
            features,
            labels: result.labels,
            distances: result.distances,
            descriptions: result.descriptions,
            metrics: result.metrics,
            artifact: result.artifact,
            predictions: result.predictions,
        });
    }
    async finish(run, changes) {
        Object.assign(run, changes, { finishedAt: new Date() });
        await this.save(run);
        this.writes.delete(run.id);
    }
    /**
     * Stores the run's state and publishes it. Writes of one run are chained, so a throttled progress write can never
     * land after (and undo) the final status.
     */
    async save(run) {
        const snapshot = { ...run };
        // params never change after the run is created (and simple-json columns do not fit update()'s types).
        const { id, params: _params, ...columns } = snapshot;
        const previous = this.writes.get(id) ?? Promise.resolve();
        const write = previous.then(() => this.runs.update(id, columns)).then(() => this.pubsub.publish(pubsub_1.Topic.TRAINING_RUN, id, snapshot));
        this.writes.set(id, write.catch(() => undefined));
        await write;
    }
}
exports.TrainingRunner = TrainingRunner;
//# sourceMappingURL=training-runner.js.map