"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.EvaluationRunner = void 0;
const node_worker_threads_1 = require("node:worker_threads");
const node_path_1 = __importDefault(require("node:path"));
const typeorm_1 = require("typeorm");
const dialect_1 = require("../db/dialect");
const entities_1 = require("../entities");
const errors_1 = require("../errors");
const pubsub_1 = require("../pubsub/pubsub");
const evaluate_1 = require("./evaluate");
/** Days of the horizon read per statement when outcomes are collected. */
const OUTCOME_WINDOW_DAYS = 7;
const DAY = 86_400_000;
function cancelledError() {
    return Object.assign(new Error('cancelled'), { cancelled: true });
}
/**
 * The evaluation queue, as the training runner: the main thread loads what needs the database (the training set at
 * the split, the outcomes in the horizon, ground truth, the artifact's bytes) and a worker thread does the rest
 * (assign, embed, bootstrap refits, metrics; src/evaluation/evaluate.ts). Progress is throttled, stored on the run
 * and published; cancellation reaches the worker by message and by a shared flag. Each version's metrics are stored
 * in version_evaluations as soon as they are computed.
 */
class EvaluationRunner {
    dataSource;
    registry;
    trainingSets;
    artifacts;
    pubsub;
    options;
    queue = [];
    active = new Map();
    executing = new Set();
    waiters = [];
    writes = new Map();
    closed = false;
    constructor(dataSource, registry, trainingSets, artifacts, pubsub, options) {
        this.dataSource = dataSource;
        this.registry = registry;
        this.trainingSets = trainingSets;
        this.artifacts = artifacts;
        this.pubsub = pubsub;
        this.options = options;
    }
    get runs() {
        return this.dataSource.getRepository(entities_1.EvaluationRun);
    }
    /** After a crash or restart: runs left QUEUED or RUNNING can never finish, so they fail with "interrupted". */
    async recover() {
        const stale = await this.runs.find({ where: { status: (0, typeorm_1.In)(['QUEUED', 'RUNNING']) } });
        for (const run of stale)
            await this.finish(run, { status: 'FAILED', error: 'interrupted: the server stopped before the evaluation finished', message: 'interrupted' });
        return stale.length;
    }
    enqueue(runId) {
        if (this.closed)
            return;
        this.queue.push(runId);
        this.pump();
    }
    /** Whether the run is waiting in this process's queue. */
    isQueued(runId) {
        return this.queue.includes(runId);
    }
    /** Cancels a queued run at once, or asks a running one to stop at its next checkpoint (between bootstraps). */
    async cancel(runId) {
        const queued = this.queue.indexOf(runId);
        if (queued >= 0) {
            this.queue.splice(queued, 1);
            const run = await this.runs.findOneByOrFail({ id: runId });
            await this.finish(run, { status: 'CANCELLED', message: 'cancelled before it started' });
            this.settleIfIdle();
            return;
        }
        const active = this.active.get(runId);
        if (active) {
            active.cancelled = true;
            Atomics.store(active.cancelFlag, 0, 1);
            active.worker?.postMessage({ type: 'cancel' });
        }
    }
    /** Resolves when nothing is queued or running (tests, the CLI, shutdown). */
    idle() {
        if (this.queue.length === 0 && this.active.size === 0)
            return Promise.resolve();
        return new Promise((resolve) => this.waiters.push(resolve));
    }
    /** Stops taking work and stops what runs; those runs end FAILED "interrupted" (now, or on the next start). */
    async close() {
        this.closed = true;
        this.queue.length = 0;
        for (const active of this.active.values()) {
            active.cancelled = true;
            Atomics.store(active.cancelFlag, 0, 1);
            await active.worker?.terminate();
        }
        await Promise.allSettled([...this.executing]);
    }
    settleIfIdle() {
        if (this.queue.length === 0 && this.active.size === 0)
            for (const resolve of this.waiters.splice(0))
                resolve();
    }
    pump() {
        while (!this.closed && this.active.size < this.options.concurrency && this.queue.length > 0) {
            const runId = this.queue.shift();
            const slot = { worker: null, cancelled: false, cancelFlag: new Int32Array(new SharedArrayBuffer(4)) };
            this.active.set(runId, slot);
            const done = this.execute(runId, slot)
                .catch((err) => this.options.log?.(`evaluation run ${runId} crashed the runner: ${err.stack}`))
                .finally(() => {
                this.executing.delete(done);
                this.active.delete(runId);
                this.pump();
                this.settleIfIdle();
            });
            this.executing.add(done);
        }
    }
    async execute(runId, slot) {
        // Start on a later turn of the event loop: on SQLite every statement resolves at once, so without it the job's
        // first steps would run before the response of the request that queued it is written.
        await new Promise((resolve) => setImmediate(resolve));
        const run = await this.runs.findOneByOrFail({ id: runId });
        if (run.status !== 'QUEUED')
            return;
        Object.assign(run, { status: 'RUNNING', startedAt: new Date(), progress: 0, message: 'loading data' });
        await this.save(run);
        try {
            const count = run.versionIds.length;
            let evaluated = 0;
            for (let i = 0; i < count; i++) {
                if (slot.cancelled)
                    throw cancelledError();
                const version = await this.dataSource.getRepository(entities_1.ModelVersion).findOneBy({ id: run.versionIds[i] });
                if (!version)
                    throw new Error(`model version ${run.versionIds[i]} does not exist`);
                // Stored metrics of older definitions are recomputed.
                const previous = run.refresh ? null : await this.dataSource.getRepository(entities_1.VersionEvaluation).findOneBy({ versionId: version.id, asOf: run.asOf, horizonDays: run.horizonDays });
                const stored = previous !== null && (0, evaluate_1.currentDefinitions)(previous.metrics);
                if (!stored) {
                    const metrics = await this.evaluateOne(run, version, slot, (fraction, message) => this.progress(run, (i + fraction) / count, `version ${version.id} (${i + 1} of ${count}): ${message}`));
                    await this.store(version.id, run, metrics);
                    evaluated++;
                }
                this.progress(run, (i + 1) / count, `version ${version.id} (${i + 1} of ${count}) ${stored ? 'already evaluated' : 'evaluated'}`);
            }
            await this.finish(run, { status: 'SUCCEEDED', progress: 1, message: `evaluated ${evaluated} of ${count} version(s)${evaluated < count ? ` (${count - evaluated} stored already)` : ''}` });
        }
        catch (err) {
            if (this.closed) {
                await this.finish(run, { status: 'FAILED', error: 'interrupted: the server stopped before the evaluation finished', message: 'interrupted' }).catch(() => undefined);
                return;
            }
            const cancelled = slot.cancelled || err.cancelled === true;
            if (!cancelled)
                this.options.log?.(`evaluation run ${run.id} failed: ${err.stack ?? String(err)}`);
            // Clients see the message without the server's file paths; the log has it whole.
            await this.finish(run, cancelled ? { status: 'CANCELLED', message: 'cancelled' } : { status: 'FAILED', error: (0, errors_1.clientSafeMessage)(err), message: 'failed' });
        }
    }
    /** Loads what needs the database on this thread, then evaluates in a worker thread. */
    async evaluateOne(run, version, slot, progress) {
        const segmenter = this.registry.get(version.segmenter);
        progress(0, 'computing features');
        // Sequences always: HitRate@10 needs what each customer bought before asOf, whatever the plugin reads.
        const { data } = await this.trainingSets.build(segmenter, version.featureNames, run.asOf, { extraInputs: ['sequence'], cancelled: () => slot.cancelled });
        if (slot.cancelled)
            throw cancelledError();
        if (data.customerIds.length === 0)
            throw new Error(`no customer bought anything before ${run.asOf.toISOString()}`);
        progress(0.005, 'reading the horizon\'s outcomes');
        const outcome = await this.outcomes(data, run.asOf, run.horizonDays);
        progress(0.008, 'reading ground-truth labels');
        const truth = await this.groundTruth(data.customerIds);
        const bytes = this.artifacts.read(version.artifactPath, { sha256: version.artifactSha256, code: segmenter.code, artifactFormat: segmenter.artifactFormat });
        if (slot.cancelled)
            throw cancelledError();
        const job = {
            module: this.registry.moduleOf(segmenter.code),
            code: segmenter.code,
            // A copy of its own: a small Buffer may share its memory with Node's pool, which must not be transferred.
            artifact: new Uint8Array(bytes),
            backend: this.options.backend ?? 'auto',
            modelsDir: this.options.modelsDir,
            allowRemoteTextEncoders: this.options.allowRemoteTextEncoders ?? false,
            nice: this.options.nice ?? 0,
            versionId: version.id,
            params: version.params,
            versionAsOf: version.asOf.getTime(),
            asOf: run.asOf.getTime(),
            horizonDays: run.horizonDays,
            bootstraps: run.bootstraps,
            data,
            outcome,
            truth,
            cancelFlag: slot.cancelFlag,
        };
        progress(0.01, `evaluating ${data.customerIds.length} customers`);
        return this.runWorker(job, slot, progress);
    }
    runWorker(job, slot, progress) {
        return new Promise((resolve, reject) => {
            const worker = new node_worker_threads_1.Worker(node_path_1.default.join(__dirname, 'evaluation-worker.js'), { workerData: job, transferList: transferList(job) });
            slot.worker = worker;
            if (slot.cancelled)
                worker.postMessage({ type: 'cancel' });
            let settled = false;
            worker.on('message', (reply) => {
                if (reply.type === 'progress')
                    progress(Math.min(1, Math.max(0, reply.fraction)), reply.message);
                else if (reply.type === 'log')
                    this.options.log?.(`evaluation of version ${job.versionId}: ${reply.message}`);
                else if (reply.type === 'done') {
                    settled = true;
                    resolve(reply.metrics);
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
                slot.worker = null;
                if (!settled)
                    reject(Object.assign(new Error(slot.cancelled ? 'cancelled' : `the evaluation worker exited with code ${code}`), { cancelled: slot.cancelled }));
            });
        });
    }
    /** Net spend, whether they bought again, and which products they bought, in [asOf, asOf + horizon). */
    async outcomes(data, asOf, horizonDays) {
        const d = dialect_1.Dialect.of(this.dataSource);
        const n = data.customerIds.length;
        const end = new Date(asOf.getTime() + horizonDays * DAY);
        const index = new Map(data.customerIds.map((id, i) => [id, i]));
        const spend = new Float64Array(n);
        const boughtAgain = new Uint8Array(n);
        const products = new Map();
        const days = new Map();
        for (let from = asOf.getTime(); from < end.getTime(); from += OUTCOME_WINDOW_DAYS * DAY) {
            const to = new Date(Math.min(end.getTime(), from + OUTCOME_WINDOW_DAYS * DAY));
            const part = await this.dataSource.query(`SELECT o.customer_id AS cid, o.status AS status, i.product_id AS pid, i.amount_e4 AS amount, o.placed_at AS at
         FROM orders o JOIN order_items i ON i.order_id = o.id
         WHERE o.placed_at >= ${d.param(1)} AND o.placed_at < ${d.param(2)} AND o.status IN ('placed', 'returned')`, [d.timestamp(new Date(from)), d.timestamp(to)]);
            // Each window's rows are counted as they arrive, before the next turn of the event loop.
            for (const r of part) {
                const i = index.get(Number(r.cid));
                if (i === undefined)
                    continue;
                const amount = Number(r.amount) / 10_000;
                if (r.status === 'placed') {
                    spend[i] += amount;
                    boughtAgain[i] = 1;
                    const day = Math.floor(d.readTimestamp(r.at).getTime() / DAY);
                    const seen = days.get(i) ?? new Set();
                    seen.add(day);
                    days.set(i, seen);
                    if (r.pid !== null) {
                        const set = products.get(i) ?? new Set();
                        set.add(Number(r.pid));
                        products.set(i, set);
                    }
                }
                else
                    spend[i] -= Math.abs(amount);
            }
            await new Promise((resolve) => setImmediate(resolve));
        }
        const futureOffsets = new Int32Array(n + 1);
        for (let i = 0; i < n; i++)
            futureOffsets[i + 1] = futureOffsets[i] + (products.get(i)?.size ?? 0);
        const futureProducts = new Int32Array(futureOffsets[n]);
        for (const [i, set] of products) {
            let at = futureOffsets[i];
            for (const p of set)
                futureProducts[at++] = p;
        }
        const purchaseDays = new Int32Array(n);
        for (const [i, set] of days)
            purchaseDays[i] = set.size;
        return { spend, boughtAgain, purchaseDays, futureOffsets, futureProducts };
    }
    /** Customers' ground-truth labels as integer codes (-1: none), in the order of `customerIds`. */
    async groundTruth(customerIds) {
        const label = new Map();
        for (let start = 0; start < customerIds.length; start += 500) {
            const rows = await this.dataSource.getRepository(entities_1.Customer).find({ select: { id: true, groundTruthLabel: true }, where: { id: (0, typeorm_1.In)(customerIds.slice(start, start + 500)) } });
            for (const r of rows)
                if (r.groundTruthLabel !== null && r.groundTruthLabel !== undefined)
                    label.set(r.id, r.groundTruthLabel);
            await new Promise((resolve) => setImmediate(resolve));
        }
        const codes = new Map();
        return Int32Array.from(customerIds, (id) => {
            const l = label.get(id);
            if (l === undefined)
                return -1;
            if (!codes.has(l))
                codes.set(l, codes.size);
            return codes.get(l);
        });
    }
    async store(versionId, run, metrics) {
        await this.dataSource.transaction(async (manager) => {
            const repo = manager.getRepository(entities_1.VersionEvaluation);
            await repo.delete({ versionId, asOf: run.asOf, horizonDays: run.horizonDays });
            await repo.save(repo.create({ versionId, asOf: run.asOf, horizonDays: run.horizonDays, metrics: metrics, createdAt: new Date() }));
        });
    }
    /**
     * Progress never goes backwards. Stored and published when `progressIntervalMs` has passed or it moved by 5 % since
     * the last write: a few writes a second at most, and at most 20 more over a whole run however fast its steps are.
     */
    lastSaved = new Map();
    progress(run, fraction, message) {
        run.progress = Math.max(run.progress, Math.min(1, fraction));
        run.message = message;
        const now = Date.now();
        const last = this.lastSaved.get(run.id) ?? { at: 0, fraction: -1 };
        if (now - last.at < (this.options.progressIntervalMs ?? 250) && run.progress - last.fraction < 0.05)
            return;
        this.lastSaved.set(run.id, { at: now, fraction: run.progress });
        void this.save(run).catch(() => undefined);
    }
    async finish(run, changes) {
        Object.assign(run, changes, { finishedAt: new Date() });
        await this.save(run);
        this.writes.delete(run.id);
        this.lastSaved.delete(run.id);
    }
    /** Stores the run's state and publishes it; writes of one run are chained, so a late progress write never undoes the final status. */
    async save(run) {
        const snapshot = { ...run };
        // versionIds never change after the run is created (and simple-json columns do not fit update()'s types).
        const { id, versionIds: _versionIds, ...columns } = snapshot;
        const previous = this.writes.get(id) ?? Promise.resolve();
        const write = previous.then(() => this.runs.update(id, columns)).then(() => this.pubsub.publish(pubsub_1.Topic.EVALUATION_RUN, id, snapshot));
        this.writes.set(id, write.catch(() => undefined));
        await write;
    }
}
exports.EvaluationRunner = EvaluationRunner;
/** The buffers of a job, transferred rather than copied (the main thread needs none of them afterwards). */
function transferList(job) {
    const views = [job.artifact, job.data.features, job.outcome.spend, job.outcome.boughtAgain, job.outcome.purchaseDays, job.outcome.futureOffsets, job.outcome.futureProducts, job.truth];
    if (job.data.sequences)
        for (const view of Object.values(job.data.sequences))
            views.push(view);
    return Array.from(new Set(views.map((v) => v.buffer)));
}
//# sourceMappingURL=evaluation-runner.js.map