import { Worker } from 'node:worker_threads';
import path from 'node:path';
import { DataSource, EntityManager, In } from 'typeorm';
import { ArtifactStore, featureSchemaHash } from '../artifacts/artifact-store';
import { Dialect } from '../db/dialect';
import { ModelVersion, Segment, SegmentationModel, TrainingRun } from '../entities';
import { AppPubSub, Topic } from '../pubsub/pubsub';
import { SegmenterRegistry } from '../registry/segmenter-registry';
import { CustomerFeatures, FeatureService } from '../services/feature.service';
import { BackendPreference } from '../ml/backend';
import { TrainingSetService } from '../services/training-set.service';
import { PROTECTED_FEATURES } from './feature-catalogue';
import { loadActionTemplates, profileSegments } from '../evaluation/segment-profiles';
import { TrainingJob, WorkerReply } from './training-worker';

export interface RunnerOptions {
  concurrency: number;
  /** TensorFlow.js backend preference for plugins that use an accelerator. */
  backend?: BackendPreference;
  modelsDir?: string;
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
  cancelFlag: Int32Array;
}



/**
 * The training queue. Runs execute `fit` in a worker thread (never on the event loop), `concurrency` at a time.
 * Progress is throttled, stored on the run and published; cancellation reaches the plugin through its AbortSignal.
 * A finished run writes its artifact atomically, then its version, segments and assignments in one transaction.
 */
export class TrainingRunner {
  private readonly queue: number[] = [];
  private readonly active = new Map<number, Slot>();
  private readonly waiters: Array<() => void> = [];
  private closed = false;
  private readonly writes = new Map<number, Promise<unknown>>();
  /** Suggested-action templates, read on the first stored version (SEGMENT_ACTIONS_FILE). */
  private actionTemplates: Record<string, string[]> | null = null;

  constructor(
    private readonly dataSource: DataSource,
    private readonly registry: SegmenterRegistry,
    private readonly features: FeatureService,
    private readonly trainingSets: TrainingSetService,
    private readonly artifacts: ArtifactStore,
    private readonly pubsub: AppPubSub,
    private readonly options: RunnerOptions,
  ) {}

  private get runs() {
    return this.dataSource.getRepository(TrainingRun);
  }

  /** After a crash or restart: runs left QUEUED or RUNNING can never finish, so they fail with "interrupted". */
  async recover(): Promise<number> {
    const stale = await this.runs.find({ where: { status: In(['QUEUED', 'RUNNING']) } });
    for (const run of stale) {
      await this.finish(run, { status: 'FAILED', error: 'interrupted: the server stopped before the run finished', message: 'interrupted' });
    }
    return stale.length;
  }

  enqueue(runId: number): void {
    this.queue.push(runId);
    this.pump();
  }

  /** Cancels a queued run at once, or asks a running one to stop at its next checkpoint. */
  async cancel(runId: number): Promise<void> {
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
      const slot: Slot = { worker: null, cancelled: false, cancelFlag: new Int32Array(new SharedArrayBuffer(4)) };
      this.active.set(runId, slot);
      this.execute(runId, slot)
        .catch((err) => this.options.log?.(`training run ${runId} crashed the runner: ${(err as Error).stack}`))
        .finally(() => {
          this.active.delete(runId);
          this.pump();
          if (this.queue.length === 0 && this.active.size === 0) for (const resolve of this.waiters.splice(0)) resolve();
        });
    }
  }

  private async execute(runId: number, slot: Slot): Promise<void> {
    const run = await this.runs.findOneByOrFail({ id: runId });
    if (run.status !== 'QUEUED') return;
    const model = await this.dataSource.getRepository(SegmentationModel).findOneByOrFail({ id: run.modelId });
    const started = Date.now();
    Object.assign(run, { status: 'RUNNING', startedAt: new Date(), backend: 'cpu', progress: 0, message: 'computing features' });
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
        backend: segmenter.capabilities.accelerator === 'none' ? 'cpu' : (this.options.backend ?? 'auto'),
        modelsDir: this.options.modelsDir,
        nice: this.options.nice ?? 0,
        cancelFlag: slot.cancelFlag,
        ...data,
      };
      const result = await this.runWorker(job, slot, run, started);
      const version = await this.storeVersion(run, model, segmenter, asOf, data.customerIds, all, result);
      await this.finish(run, { status: 'SUCCEEDED', progress: 1, modelVersionId: version.id, message: `version ${version.number}`, etaSeconds: 0 });
    } catch (err) {
      const cancelled = slot.cancelled || (err as { cancelled?: boolean }).cancelled === true;
      await this.finish(run, cancelled ? { status: 'CANCELLED', message: 'cancelled' } : { status: 'FAILED', error: (err as Error).message, message: 'failed' });
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

  private async storeVersion(
    run: TrainingRun,
    model: SegmentationModel,
    segmenter: ReturnType<SegmenterRegistry['get']>,
    asOf: Date,
    customerIds: number[],
    features: CustomerFeatures[],
    result: Extract<WorkerReply, { type: 'done' }>,
  ): Promise<ModelVersion> {
    const featureNames = segmenter.featureNames(run.params);
    const descriptions = result.descriptions as Array<{ index: number; centroid?: Record<string, number> }>;
    const k = Math.max(descriptions.length, result.labels.reduce((m, l) => Math.max(m, l + 1), 0));
    const sizes = new Array<number>(k).fill(0);
    result.labels.forEach((label, i) => {
      sizes[label]++;
    });
    return this.dataSource.transaction(async (manager) => {
      const [{ next }] = await manager.query(`SELECT COALESCE(MAX(number), 0) + 1 AS next FROM model_versions WHERE model_id = ${Dialect.of(manager).param(1)}`, [model.id]);
      const number = Number(next);
      const { dir, sha256 } = this.artifacts.write(
        {
          modelId: model.id,
          version: number,
          plugin: { code: segmenter.code, version: segmenter.version },
          artifactFormat: segmenter.artifactFormat,
          params: run.params,
          featureNames,
          featureSchemaHash: featureSchemaHash(featureNames),
          metrics: result.metrics,
          createdAt: new Date().toISOString(),
        },
        Buffer.from(result.artifact),
      );
      const version = await manager.getRepository(ModelVersion).save(
        manager.getRepository(ModelVersion).create({
          modelId: model.id,
          number,
          runId: run.id,
          segmenter: segmenter.code,
          segmenterVersion: segmenter.version,
          params: run.params,
          featureNames,
          artifactPath: dir,
          artifactSha256: sha256,
          // What protected attributes the version used (none unless its model opted in).
          metrics: { ...result.metrics, customers: customerIds.length, protectedAttributes: featureNames.filter((f) => PROTECTED_FEATURES.includes(f)) },
          asOf,
        }),
      );
      const segments = await manager.getRepository(Segment).save(
        sizes.map((size, index) =>
          manager.getRepository(Segment).create({
            versionId: version.id,
            index,
            name: `Segment ${index + 1}`,
            size,
            centroid: descriptions.find((s) => s.index === index)?.centroid ?? null,
            profile: {},
          }),
        ),
      );
      const segmentIds = segments.sort((a, b) => a.index - b.index).map((s) => s.id);
      const dialect = Dialect.of(manager);
      const perStatement = dialect.rowsPerStatement(4);
      for (let start = 0; start < customerIds.length; start += perStatement) {
        const end = Math.min(customerIds.length, start + perStatement);
        const params: unknown[] = [];
        for (let i = start; i < end; i++) params.push(version.id, customerIds[i], segmentIds[result.labels[i]], result.distances[i]);
        await manager.query(`INSERT INTO segment_assignments (version_id, customer_id, segment_id, distance) VALUES ${dialect.valuesList(end - start, 4)}`, params);
      }
      // Profiles, names, descriptions and actions, from the features and the segments' most bought products.
      const top = await topProductsBySegment(manager, version.id, asOf, segmentIds);
      const profiles = profileSegments(features, result.labels, k, top, (this.actionTemplates ??= loadActionTemplates()));
      for (const p of profiles) {
        await manager.getRepository(Segment).update(segmentIds[p.index], { name: p.name.slice(0, 200), profile: p as unknown as Record<string, number> });
      }
      return version;
    });
  }

  private async finish(run: TrainingRun, changes: Partial<TrainingRun>): Promise<void> {
    Object.assign(run, changes, { finishedAt: new Date() });
    await this.save(run);
    this.writes.delete(run.id);
  }

  /**
   * Stores the run's state and publishes it. Writes of one run are chained, so a throttled progress write can never
   * land after (and undo) the final status.
   */
  private async save(run: TrainingRun): Promise<void> {
    const snapshot = { ...run };
    // params never change after the run is created (and simple-json columns do not fit update()'s types).
    const { id, params: _params, ...columns } = snapshot;
    const previous = this.writes.get(id) ?? Promise.resolve();
    const write = previous.then(() => this.runs.update(id, columns)).then(() => this.pubsub.publish(Topic.TRAINING_RUN, id, snapshot));
    this.writes.set(
      id,
      write.catch(() => undefined),
    );
    await write;

  }
}

/** Per segment, the 5 products bought by the most of its customers before `asOf` (one statement). */
async function topProductsBySegment(manager: EntityManager, versionId: number, asOf: Date, segmentIds: number[]): Promise<Map<number, Array<{ productId: number; title: string; buyers: number }>>> {
  const d = Dialect.of(manager);
  const rows: Array<{ segment_id: number; product_id: number; title: string; buyers: number }> = await manager.query(
    `SELECT a.segment_id, p.id AS product_id, p.title, COUNT(DISTINCT a.customer_id) AS buyers
     FROM segment_assignments a
     JOIN orders o ON o.customer_id = a.customer_id AND o.status = 'placed' AND o.placed_at < ${d.param(1)}
     JOIN order_items i ON i.order_id = o.id
     JOIN products p ON p.id = i.product_id
     WHERE a.version_id = ${d.param(2)}
     GROUP BY a.segment_id, p.id, p.title`,
    [d.timestamp(asOf), versionId],
  );
  const indexOf = new Map(segmentIds.map((id, index) => [id, index]));
  const out = new Map<number, Array<{ productId: number; title: string; buyers: number }>>();
  for (const r of rows) {
    const index = indexOf.get(Number(r.segment_id))!;
    const list = out.get(index) ?? [];
    list.push({ productId: Number(r.product_id), title: r.title, buyers: Number(r.buyers) });
    out.set(index, list);
  }
  for (const [index, list] of out) out.set(index, list.sort((a, b) => b.buyers - a.buyers || a.productId - b.productId).slice(0, 5));
  return out;
}
