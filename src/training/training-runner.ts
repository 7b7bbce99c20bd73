import { clientSafeMessage } from '../errors';
import { Worker } from 'node:worker_threads';
import path from 'node:path';
import { DataSource, In } from 'typeorm';
import { ModelVersion, SegmentationModel, TrainingRun } from '../entities';
import type { JobExecutor } from '../jobs/job-queue';
import { endJobRow, heldByLiveWorker, isSecondVersionOfRun, requestCancelJobRow, writeJobRow } from '../jobs/job-rows';
import { AppPubSub, Topic } from '../pubsub/pubsub';
import { SegmenterRegistry } from '../registry/segmenter-registry';
import { CustomerFeatures, FeatureService } from '../services/feature.service';
import { ModelVersionStore } from '../services/model-version-store.service';
import { BackendPreference } from '../ml/backend';
import { TrainingSetService } from '../services/training-set.service';
import { TrainingJob, WorkerReply } from './training-worker';

export interface RunnerOptions {
  concurrency: number;
  /** TensorFlow.js backend preference for plugins that use an accelerator. */
  backend?: BackendPreference;
  modelsDir?: string;
  /** TEXT_ENCODER_ALLOW_REMOTE, for the plugins' text encoders. */
  allowRemoteTextEncoders?: boolean;
  /** Scheduling niceness of training threads (0..19): serving requests comes first. */
  nice?: number;
  /** How often progress is stored and published, at most. */
  progressIntervalMs?: number;
  log?: (line: string) => void;
}

/** A run being executed: its worker, and the shared flag that cancels it. */
interface Slot {
  worker: Worker | null;
  cancelled: boolean;
  /** Cancelled because this worker stops: the run goes back to QUEUED for another worker, not CANCELLED. */
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

/**
 * The training queue. Runs execute `fit` in a worker thread (never on the event loop), `concurrency` at a time.
 * Progress is throttled, stored on the run and published; cancellation reaches the plugin through its AbortSignal.
 * A finished run hands its result to the ModelVersionStore, which reserves the version number, writes the artifact and
 * commits the version, segments and assignments (the runner itself writes only its runs).
 */
export class TrainingRunner implements JobExecutor {
  readonly kind = 'training' as const;
  readonly entity = TrainingRun;
  private readonly queue: number[] = [];
  private readonly active = new Map<number, Slot>();
  private readonly waiters: Array<() => void> = [];
  private closed = false;
  private readonly writes = new Map<number, Promise<unknown>>();

  constructor(
    private readonly dataSource: DataSource,
    private readonly registry: SegmenterRegistry,
    private readonly features: FeatureService,
    private readonly trainingSets: TrainingSetService,
    private readonly versions: ModelVersionStore,
    private readonly pubsub: AppPubSub,
    private readonly options: RunnerOptions,
  ) {}

  private get runs() {
    return this.dataSource.getRepository(TrainingRun);
  }

  /** After a crash or restart: runs left QUEUED or RUNNING can never finish, so they fail with "interrupted". */
  async recover(): Promise<number> {
    // Runs a live worker of a cluster holds on this database are not ours to end.
    const stale = (await this.runs.find({ where: { status: In(['QUEUED', 'RUNNING']) } })).filter((run) => !heldByLiveWorker(run));
    for (const run of stale) {
      await this.finish(run, { status: 'FAILED', error: 'interrupted: the server stopped before the run finished', message: 'interrupted' });
    }
    return stale.length;
  }

  enqueue(id: number | string): void {
    this.queue.push(Number(id));
    this.pump();
  }

  /** Runs a run now, outside this process's queue (a BullMQ worker); a RUNNING run is taken over (its worker died). */
  async runNow(id: number | string, owner?: string): Promise<void> {
    const runId = Number(id);
    const slot = newSlot();
    slot.owner = owner;
    this.active.set(runId, slot);
    try {
      await this.execute(runId, slot, true);
    } finally {
      if (this.active.get(runId) === slot) this.active.delete(runId);
      if (this.queue.length === 0 && this.active.size === 0) for (const resolve of this.waiters.splice(0)) resolve();
    }
  }

  async abandon(id: number | string, status: 'CANCELLED' | 'FAILED', message: string, unheldForMs?: number): Promise<boolean> {
    const changes = status === 'CANCELLED' ? { status, message } : { status, error: message, message: 'failed' };
    if (!(await endJobRow(this.dataSource, TrainingRun, String(id), changes, unheldForMs))) return false;
    const run = await this.runs.findOneBy({ id: Number(id) });
    if (run) await this.pubsub.publish(Topic.TRAINING_RUN, run.id, run);
    return true;
  }

  requestCancel(id: number | string): Promise<void> {
    return requestCancelJobRow(this.dataSource, TrainingRun, String(id));
  }

  /** Cancels a queued run at once, or asks a running one to stop at its next checkpoint. */
  async cancel(id: number | string, options: { handBack?: boolean } = {}): Promise<void> {
    const runId = Number(id);
    const queued = this.queue.indexOf(runId);
    if (queued >= 0) {
      this.queue.splice(queued, 1);
      const run = await this.runs.findOneByOrFail({ id: runId });
      await this.finish(run, { status: 'CANCELLED', message: 'cancelled before it started' });
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

  /** Resolves when nothing is queued or running (tests, shutdown). */
  idle(): Promise<void> {
    if (this.queue.length === 0 && this.active.size === 0) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  /** Stops taking work and cancels what runs; those runs end FAILED "interrupted" on the next start if not before. */
  async close(): Promise<void> {
    this.closed = true;
    this.queue.length = 0;
    for (const active of this.active.values()) {
      active.cancelled = true;
      await active.worker?.terminate();
    }
  }

  private pump(): void {
    while (!this.closed && this.active.size < this.options.concurrency && this.queue.length > 0) {
      const runId = this.queue.shift()!;
      const slot = newSlot();
      this.active.set(runId, slot);
      this.execute(runId, slot, false)
        .catch((err) => this.options.log?.(`training run ${runId} crashed the runner: ${(err as Error).stack}`))
        .finally(() => {
          this.active.delete(runId);
          this.pump();
          if (this.queue.length === 0 && this.active.size === 0) for (const resolve of this.waiters.splice(0)) resolve();
        });
    }
  }

  /** `takeover`: a RUNNING run is started again (its worker died or handed it back); its lease says it is ours. */
  private async execute(runId: number, slot: Slot, takeover: boolean): Promise<void> {
    const run = await this.runs.findOneBy({ id: runId });
    if (!run) {
      this.options.log?.(`training run ${runId} does not exist: nothing to run`);
      return;
    }
    if (!(run.status === 'QUEUED' || (takeover && run.status === 'RUNNING'))) return;
    // A worker that died after committing the version but before recording it: the run has its version already.
    const stored = await this.dataSource.getRepository(ModelVersion).findOneBy({ runId });
    if (stored) {
      await this.finish(run, { status: 'SUCCEEDED', progress: 1, modelVersionId: stored.id, message: `version ${stored.number}`, etaSeconds: 0 });
      return;
    }
    const model = await this.dataSource.getRepository(SegmentationModel).findOneByOrFail({ id: run.modelId });
    const started = Date.now();
    const attempt = (run.attempts ?? 0) + 1;
    Object.assign(run, { status: 'RUNNING', startedAt: new Date(), backend: null, progress: 0, attempts: attempt, message: attempt > 1 ? `computing features (attempt ${attempt})` : 'computing features' });
    await this.save(run);
    try {
      const segmenter = this.registry.get(model.segmenter);
      const asOf = run.asOf ?? (await this.features.defaultAsOf());
      const { data, features: all } = await this.trainingSets.build(segmenter, segmenter.featureNames(run.params), asOf, { cancelled: () => slot.cancelled });
      if (data.customerIds.length === 0) throw new Error('no customer has bought anything before asOf: nothing to segment');
      if (slot.cancelled) throw Object.assign(new Error('cancelled'), { cancelled: true });
      run.message = `training on ${data.customerIds.length} customers`;
      await this.save(run);

      const job: TrainingJob = {
        module: this.registry.moduleOf(segmenter.code),
        code: segmenter.code,
        params: run.params,
        seed: run.seed,
        // A run that asked for a GPU gets the GPU build or fails; it never trains on a CPU by surprise.
        backend: segmenter.capabilities.accelerator === 'none' ? 'js' : run.accelerator === 'GPU' ? 'tensorflow-gpu' : (this.options.backend ?? 'auto'),
        modelsDir: this.options.modelsDir ?? path.resolve('models'),
        allowRemoteTextEncoders: this.options.allowRemoteTextEncoders ?? false,
        nice: this.options.nice ?? 0,
        cancelFlag: slot.cancelFlag,
        ...data,
      };
      const result = await this.runWorker(job, slot, run, started);
      const version = await this.storeVersion(run, model, segmenter, asOf, data.customerIds, all, result);
      await this.finish(run, { status: 'SUCCEEDED', progress: 1, modelVersionId: version.id, message: `version ${version.number}`, etaSeconds: 0 });
    } catch (err) {
      if (isSecondVersionOfRun(err)) {
        // Another worker (which this one was taken for dead) committed this run's version first: that one stands.
        const stored = await this.dataSource.getRepository(ModelVersion).findOneBy({ runId });
        if (stored) {
          await this.finish(run, { status: 'SUCCEEDED', progress: 1, modelVersionId: stored.id, message: `version ${stored.number}`, etaSeconds: 0 });
          return;
        }
      }
      const cancelled = slot.cancelled || (err as { cancelled?: boolean }).cancelled === true;
      if (cancelled && slot.handBack) {
        // Another worker takes it from the start; progress shown so far no longer holds.
        await this.finish(run, { status: 'QUEUED', progress: 0, etaSeconds: null, finishedAt: null, message: 'handed back by a worker that stopped: waiting for another' });
        return;
      }
      if (!cancelled) this.options.log?.(`run ${run.id} failed: ${(err as Error).stack ?? String(err)}`);
      await this.finish(run, cancelled ? { status: 'CANCELLED', message: 'cancelled' } : { status: 'FAILED', error: clientSafeMessage(err), message: 'failed' });
    }
  }

  private runWorker(job: TrainingJob, slot: Slot, run: TrainingRun, started: number) {
    return new Promise<Extract<WorkerReply, { type: 'done' }>>((resolve, reject) => {
      const transfer = [job.features.buffer, ...(job.sequences ? Object.values(job.sequences).map((a: ArrayBufferView) => a.buffer) : [])] as ArrayBuffer[];
      const worker = new Worker(path.join(__dirname, 'training-worker.js'), { workerData: job, transferList: transfer });
      slot.worker = worker;
      if (slot.cancelled) worker.postMessage({ type: 'cancel' });
      let lastSaved = 0;
      let settled = false;
      worker.on('message', (reply: WorkerReply) => {
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
        } else if (reply.type === 'backend') {
          run.backend = reply.name;
          void this.save(run);
        } else if (reply.type === 'log') {
          this.options.log?.(`run ${run.id}: ${reply.message}`);
        } else if (reply.type === 'done') {
          settled = true;
          resolve(reply);
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
        if (!settled) reject(Object.assign(new Error(slot.cancelled ? 'cancelled' : `the training worker exited with code ${code}`), { cancelled: slot.cancelled }));
      });
    });
  }

  private storeVersion(
    run: TrainingRun,
    model: SegmentationModel,
    segmenter: ReturnType<SegmenterRegistry['get']>,
    asOf: Date,
    customerIds: number[],
    features: CustomerFeatures[],
    result: Extract<WorkerReply, { type: 'done' }>,
  ): Promise<ModelVersion> {
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
      map: result.map,
    });
  }

  private async finish(run: TrainingRun, changes: Partial<TrainingRun>): Promise<void> {
    Object.assign(run, { finishedAt: new Date() }, changes);
    await this.save(run);
    this.writes.delete(run.id);
    if (!this.slotOf(run.id)?.lost) this.onFinished(run);
  }

  /** Told of every run that ended here (the wiring sends `training.finished` and `version.created`). */
  onFinished: (run: TrainingRun) => void = () => undefined;

  /** The running slot of a run in this process (its lease owner, whether the lease is lost). */
  private slotOf(id: number): Slot | undefined {
    return this.active.get(id);
  }

  /**
   * Stores the run's state and publishes it. Writes of one run are chained, so a throttled progress write can never
   * land after (and undo) the final status.
   */
  private async save(run: TrainingRun): Promise<void> {
    const snapshot = { ...run };
    // params never change after the run is created (and simple-json columns do not fit update()'s types).
    // The lease and the cancellation request belong to the worker host and the API (src/jobs), not to this snapshot.
    const { id, params: _params, workerId: _worker, heartbeatAt: _heartbeat, cancelRequestedAt: _cancel, ...columns } = snapshot;
    const previous = this.writes.get(id) ?? Promise.resolve();
    const slot = this.slotOf(id);
    const write = previous.then(async () => {
      if (slot?.lost) return;
      if (!(await writeJobRow(this.dataSource, TrainingRun, id, columns, slot?.owner))) {
        // Another worker holds the run now: stop here, and never write over its state.
        this.options.log?.(`run ${id}: this worker lost its lease; it stops and writes nothing more`);
        slot!.lost = true;
        void this.cancel(id);
        return;
      }
      await this.pubsub.publish(Topic.TRAINING_RUN, id, snapshot);
    });
    this.writes.set(
      id,
      write.catch(() => undefined),
    );
    await write;
  }
}
