import { Worker } from 'node:worker_threads';
import path from 'node:path';
import { DataSource, In } from 'typeorm';
import { ArtifactStore } from '../artifacts/artifact-store';
import { queryCounter, sharedDatabaseOf } from '../db/database';
import { EvaluationRun, ModelVersion, VersionEvaluation } from '../entities';
import { clientSafeMessage } from '../errors';
import type { JobExecutor } from '../jobs/job-queue';
import { endJobRow, heldByLiveWorker, requestCancelJobRow, writeJobRow } from '../jobs/job-rows';
import { BackendPreference } from '../ml/backend';
import { AppPubSub, Topic } from '../pubsub/pubsub';
import { SegmenterRegistry } from '../registry/segmenter-registry';
import { TrainingSetService } from '../services/training-set.service';
import { EvaluationMetrics, currentDefinitions } from './evaluate';
import { loadEvaluationData } from './evaluation-data';
import type { EvaluationJob, EvaluationWorkerReply } from './evaluation-worker';
import { inTransaction } from '../db/sqlite-turns';

export interface EvaluationRunnerOptions {
  /** Evaluations executed at once (each in its own worker thread). */
  concurrency: number;
  /** TensorFlow.js backend preference for plugins that use an accelerator (TRAINING_BACKEND). */
  backend?: BackendPreference;
  modelsDir: string;
  allowRemoteTextEncoders?: boolean;
  /** Scheduling niceness of evaluation threads (TRAINING_NICE): serving requests comes first. */
  nice?: number;
  /** How often progress is stored and published, at most. */
  progressIntervalMs?: number;
  log?: (line: string) => void;
}

interface Slot {
  worker: Worker | null;
  cancelled: boolean;
  /** Cancelled because this worker stops: the run goes back to QUEUED for another worker. */
  handBack?: boolean;
  /** Several machines: the worker whose lease every write needs. */
  owner?: string;
  /** The lease is gone (another worker took the run over): nothing more is written. */
  lost?: boolean;
  cancelFlag: Int32Array;
}

function newSlot(): Slot {
  return { worker: null, cancelled: false, cancelFlag: new Int32Array(new SharedArrayBuffer(4)) };
}

function cancelledError(): Error {
  return Object.assign(new Error('cancelled'), { cancelled: true });
}

/**
 * The evaluation queue: a worker thread reads the data on a connection of its own (the training set at the split, the
 * outcomes in the horizon, ground truth; src/evaluation/evaluation-data.ts) and does the rest (assign, embed,
 * bootstrap refits, metrics; src/evaluation/evaluate.ts), so that the server's requests never wait behind it. Progress is throttled, stored on the run
 * and published; cancellation reaches the worker by message and by a shared flag. Each version's metrics are stored
 * in version_evaluations as soon as they are computed.
 */
export class EvaluationRunner implements JobExecutor {
  readonly kind = 'evaluation' as const;
  readonly entity = EvaluationRun;
  private readonly queue: number[] = [];
  private readonly active = new Map<number, Slot>();
  private readonly executing = new Set<Promise<void>>();
  private readonly waiters: Array<() => void> = [];
  private readonly writes = new Map<number, Promise<unknown>>();
  private closed = false;

  constructor(
    private readonly dataSource: DataSource,
    private readonly registry: SegmenterRegistry,
    private readonly trainingSets: TrainingSetService,
    private readonly artifacts: ArtifactStore,
    private readonly pubsub: AppPubSub,
    private readonly options: EvaluationRunnerOptions,
  ) {}

  private get runs() {
    return this.dataSource.getRepository(EvaluationRun);
  }

  /** After a crash or restart: runs left QUEUED or RUNNING can never finish, so they fail with "interrupted". */
  async recover(): Promise<number> {
    const stale = (await this.runs.find({ where: { status: In(['QUEUED', 'RUNNING']) } })).filter((run) => !heldByLiveWorker(run));
    for (const run of stale) await this.finish(run, { status: 'FAILED', error: 'interrupted: the server stopped before the evaluation finished', message: 'interrupted' });
    return stale.length;
  }

  enqueue(id: number | string): void {
    if (this.closed) return;
    this.queue.push(Number(id));
    this.pump();
  }

  /** Runs an evaluation now, outside this process's queue (a BullMQ worker); a RUNNING one is taken over. */
  async runNow(id: number | string, owner?: string): Promise<void> {
    const runId = Number(id);
    const slot = newSlot();
    slot.owner = owner;
    this.active.set(runId, slot);
    try {
      await this.execute(runId, slot, true);
    } finally {
      if (this.active.get(runId) === slot) this.active.delete(runId);
      this.settleIfIdle();
    }
  }

  async abandon(id: number | string, status: 'CANCELLED' | 'FAILED', message: string, unheldForMs?: number): Promise<boolean> {
    const changes = status === 'CANCELLED' ? { status, message } : { status, error: message, message: 'failed' };
    if (!(await endJobRow(this.dataSource, EvaluationRun, String(id), changes, unheldForMs))) return false;
    const run = await this.runs.findOneBy({ id: Number(id) });
    if (run) await this.pubsub.publish(Topic.EVALUATION_RUN, run.id, run);
    return true;
  }

  requestCancel(id: number | string): Promise<void> {
    return requestCancelJobRow(this.dataSource, EvaluationRun, String(id));
  }

  /** Whether the run is waiting in this process's queue. */
  isQueued(runId: number): boolean {
    return this.queue.includes(runId);
  }

  /** Cancels a queued run at once, or asks a running one to stop at its next checkpoint (between bootstraps). */
  async cancel(id: number | string, options: { handBack?: boolean } = {}): Promise<void> {
    const runId = Number(id);
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
      // A user's cancellation is never turned into a hand-back, whichever came first.
      active.handBack = options.handBack === true ? !active.cancelled || active.handBack === true : false;
      active.cancelled = true;
      Atomics.store(active.cancelFlag, 0, 1);
      active.worker?.postMessage({ type: 'cancel' });
    }
  }

  /** Resolves when nothing is queued or running (tests, the CLI, shutdown). */
  idle(): Promise<void> {
    if (this.queue.length === 0 && this.active.size === 0) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  /** Stops taking work and stops what runs; those runs end FAILED "interrupted" (now, or on the next start). */
  async close(): Promise<void> {
    this.closed = true;
    this.queue.length = 0;
    for (const active of this.active.values()) {
      active.cancelled = true;
      Atomics.store(active.cancelFlag, 0, 1);
      await active.worker?.terminate();
    }
    await Promise.allSettled([...this.executing]);
  }

  private settleIfIdle(): void {
    if (this.queue.length === 0 && this.active.size === 0) for (const resolve of this.waiters.splice(0)) resolve();
  }

  private pump(): void {
    while (!this.closed && this.active.size < this.options.concurrency && this.queue.length > 0) {
      const runId = this.queue.shift()!;
      const slot = newSlot();
      this.active.set(runId, slot);
      const done: Promise<void> = this.execute(runId, slot, false)
        .catch((err) => this.options.log?.(`evaluation run ${runId} crashed the runner: ${(err as Error).stack}`))
        .finally(() => {
          this.executing.delete(done);
          this.active.delete(runId);
          this.pump();
          this.settleIfIdle();
        });
      this.executing.add(done);
    }
  }

  /** `takeover`: a RUNNING run is started again (its worker died or handed it back); its lease says it is ours. */
  private async execute(runId: number, slot: Slot, takeover: boolean): Promise<void> {
    // Start on a later turn of the event loop: on SQLite every statement resolves at once, so without it the job's
    // first steps would run before the response of the request that queued it is written.
    await new Promise((resolve) => setImmediate(resolve));
    const run = await this.runs.findOneBy({ id: runId });
    if (!run || !(run.status === 'QUEUED' || (takeover && run.status === 'RUNNING'))) return;
    const attempt = (run.attempts ?? 0) + 1;
    Object.assign(run, { status: 'RUNNING', startedAt: new Date(), progress: 0, attempts: attempt, message: attempt > 1 ? `loading data (attempt ${attempt})` : 'loading data' });
    await this.save(run);
    try {
      const count = run.versionIds.length;
      let evaluated = 0;
      for (let i = 0; i < count; i++) {
        if (slot.cancelled) throw cancelledError();
        const version = await this.dataSource.getRepository(ModelVersion).findOneBy({ id: run.versionIds[i] });
        if (!version) throw new Error(`model version ${run.versionIds[i]} does not exist`);
        // Stored metrics of older definitions are recomputed.
        const previous = run.refresh ? null : await this.dataSource.getRepository(VersionEvaluation).findOneBy({ versionId: version.id, asOf: run.asOf, horizonDays: run.horizonDays });
        const stored = previous !== null && currentDefinitions(previous.metrics);
        if (!stored) {
          const metrics = await this.evaluateOne(run, version, slot, (fraction, message) => this.progress(run, (i + fraction) / count, `version ${version.id} (${i + 1} of ${count}): ${message}`));
          await this.store(version.id, run, metrics);
          evaluated++;
        }
        this.progress(run, (i + 1) / count, `version ${version.id} (${i + 1} of ${count}) ${stored ? 'already evaluated' : 'evaluated'}`);
      }
      await this.finish(run, { status: 'SUCCEEDED', progress: 1, message: `evaluated ${evaluated} of ${count} version(s)${evaluated < count ? ` (${count - evaluated} stored already)` : ''}` });
    } catch (err) {
      if (this.closed) {
        await this.finish(run, { status: 'FAILED', error: 'interrupted: the server stopped before the evaluation finished', message: 'interrupted' }).catch(() => undefined);
        return;
      }
      const cancelled = slot.cancelled || (err as { cancelled?: boolean }).cancelled === true;
      if (cancelled && slot.handBack) {
        // Versions evaluated so far are stored: the next worker finds them (unless the run recomputes: `refresh`).
        await this.finish(run, { status: 'QUEUED', progress: 0, finishedAt: null, message: 'handed back by a worker that stopped: waiting for another' });
        return;
      }
      if (!cancelled) this.options.log?.(`evaluation run ${run.id} failed: ${(err as Error).stack ?? String(err)}`);
      // Clients see the message without the server's file paths; the log has it whole.
      await this.finish(run, cancelled ? { status: 'CANCELLED', message: 'cancelled' } : { status: 'FAILED', error: clientSafeMessage(err), message: 'failed' });
    }
  }

  /**
   * Evaluates in a worker thread, which reads the data on a connection of its own; with an in-memory SQLite database
   * (that no other connection sees) the data is read here first, in short steps.
   */
  private async evaluateOne(run: EvaluationRun, version: ModelVersion, slot: Slot, progress: (fraction: number, message: string) => void): Promise<EvaluationMetrics> {
    const segmenter = this.registry.get(version.segmenter);
    const database = sharedDatabaseOf(this.dataSource);
    const loaded = database
      ? null
      : await loadEvaluationData(this.dataSource, this.trainingSets, { segmenter, featureNames: version.featureNames, asOf: run.asOf, horizonDays: run.horizonDays, cancelled: () => slot.cancelled, progress });
    const bytes = await this.artifacts.readShared(version.artifactPath, { sha256: version.artifactSha256, code: segmenter.code, artifactFormat: segmenter.artifactFormat });
    if (slot.cancelled) throw cancelledError();
    const job: EvaluationJob = {
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
      ...(loaded ?? { load: { database: database!, featureNames: version.featureNames } }),
      cancelFlag: slot.cancelFlag,
    };
    return this.runWorker(job, slot, progress);
  }

  private runWorker(job: EvaluationJob, slot: Slot, progress: (fraction: number, message: string) => void): Promise<EvaluationMetrics> {
    return new Promise<EvaluationMetrics>((resolve, reject) => {
      const worker = new Worker(path.join(__dirname, 'evaluation-worker.js'), { workerData: job, transferList: transferList(job) });
      slot.worker = worker;
      if (slot.cancelled) worker.postMessage({ type: 'cancel' });
      let settled = false;
      worker.on('message', (reply: EvaluationWorkerReply) => {
        if (reply.type === 'progress') progress(Math.min(1, Math.max(0, reply.fraction)), reply.message);
        else if (reply.type === 'log') this.options.log?.(`evaluation of version ${job.versionId}: ${reply.message}`);
        else if (reply.type === 'statements') queryCounter(this.dataSource).add(reply.count);
        else if (reply.type === 'done') {
          settled = true;
          resolve(reply.metrics);
          void worker.terminate();
        } else {
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
        if (!settled) reject(Object.assign(new Error(slot.cancelled ? 'cancelled' : `the evaluation worker exited with code ${code}`), { cancelled: slot.cancelled }));
      });
    });
  }

  private async store(versionId: number, run: EvaluationRun, metrics: EvaluationMetrics): Promise<void> {
    await inTransaction(this.dataSource, async (manager) => {
      const repo = manager.getRepository(VersionEvaluation);
      await repo.delete({ versionId, asOf: run.asOf, horizonDays: run.horizonDays });
      await repo.save(repo.create({ versionId, asOf: run.asOf, horizonDays: run.horizonDays, metrics: metrics as unknown as Record<string, unknown>, createdAt: new Date() }));
    });
  }

  /**
   * Progress never goes backwards. Stored and published when `progressIntervalMs` has passed or it moved by 5 % since
   * the last write: a few writes a second at most, and at most 20 more over a whole run however fast its steps are.
   */
  private readonly lastSaved = new Map<number, { at: number; fraction: number }>();
  private progress(run: EvaluationRun, fraction: number, message: string): void {
    run.progress = Math.max(run.progress, Math.min(1, fraction));
    run.message = message;
    const now = Date.now();
    const last = this.lastSaved.get(run.id) ?? { at: 0, fraction: -1 };
    if (now - last.at < (this.options.progressIntervalMs ?? 250) && run.progress - last.fraction < 0.05) return;
    this.lastSaved.set(run.id, { at: now, fraction: run.progress });
    void this.save(run).catch(() => undefined);
  }

  private async finish(run: EvaluationRun, changes: Partial<EvaluationRun>): Promise<void> {
    Object.assign(run, { finishedAt: new Date() }, changes);
    await this.save(run);
    this.writes.delete(run.id);
    this.lastSaved.delete(run.id);
  }

  /** Stores the run's state and publishes it; writes of one run are chained, so a late progress write never undoes the final status. */
  private async save(run: EvaluationRun): Promise<void> {
    const snapshot = { ...run };
    // versionIds never change after the run is created (and simple-json columns do not fit update()'s types).
    // The lease and the cancellation request belong to the worker host and the API (src/jobs), not to this snapshot.
    const { id, versionIds: _versionIds, workerId: _worker, heartbeatAt: _heartbeat, cancelRequestedAt: _cancel, ...columns } = snapshot;
    const previous = this.writes.get(id) ?? Promise.resolve();
    const slot = this.active.get(id);
    const write = previous.then(async () => {
      if (slot?.lost) return;
      if (!(await writeJobRow(this.dataSource, EvaluationRun, id, columns, slot?.owner))) {
        // Another worker holds the run now: stop here, and never write over its state.
        this.options.log?.(`evaluation run ${id}: this worker lost its lease; it stops and writes nothing more`);
        slot!.lost = true;
        void this.cancel(id);
        return;
      }
      await this.pubsub.publish(Topic.EVALUATION_RUN, id, snapshot);
    });
    this.writes.set(
      id,
      write.catch(() => undefined),
    );
    await write;
  }
}

/** The buffers of a job, transferred rather than copied (the main thread needs none of them afterwards). */
function transferList(job: EvaluationJob): ArrayBuffer[] {
  const views: ArrayBufferView[] = [job.artifact];
  if (job.outcome) views.push(job.outcome.spend, job.outcome.boughtAgain, job.outcome.purchaseDays, job.outcome.futureOffsets, job.outcome.futureProducts);
  if (job.truth) views.push(job.truth);
  if (job.data) views.push(job.data.features);
  if (job.data?.sequences) for (const view of Object.values(job.data.sequences) as ArrayBufferView[]) views.push(view);
  return Array.from(new Set(views.map((v) => v.buffer as ArrayBuffer)));
}
