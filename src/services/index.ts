import path from 'node:path';
import { DataSource } from 'typeorm';
import { ArtifactStore } from '../artifacts/artifact-store';
import { LoadedModels } from '../artifacts/loaded-models';
import { createPluginServices } from '../ml/plugin-services';
import { AppConfig } from '../config/config';
import { AppPubSub, Topic, createAppPubSub } from '../pubsub/pubsub';
import { BlobStore, PostgresBlobStore } from '../artifacts/blob-store';
import { EmbeddedJobQueue, JobExecutors, JobQueue } from '../jobs/job-queue';
import { BullMqJobQueue } from '../jobs/bullmq-job-queue';
import { RedisClients } from '../jobs/redis';
import { WorkerRegistry } from '../jobs/worker-registry';
import { SegmenterRegistry } from '../registry/segmenter-registry';
import { TrainingRunner } from '../training/training-runner';
import { EvaluationRunner } from '../evaluation/evaluation-runner';
import { CustomerService } from './customer.service';
import { DataVersion } from './data-version';
import { DemoService } from './demo.service';
import { FeatureService } from './feature.service';
import { ImportService } from './import.service';
import { OrderService } from './order.service';
import { ProductService } from './product.service';
import { RecordImportService } from './record-import.service';
import { ReviewService } from './review.service';
import { SequenceService } from './sequence.service';
import { TrainingSetService } from './training-set.service';
import { ModelVersionStore } from './model-version-store.service';
import { DEFAULT_EVALUATION_QUEUE_LIMIT, EvaluationService } from './evaluation.service';
import { DEFAULT_TRAINING_QUEUE_LIMIT, TrainingService } from './training.service';
import { ApiKeyService } from './api-key.service';
import { CustomerStatsService } from './customer-stats.service';
import { SegmentExportService } from './segment-export.service';
import { SegmentStatsService } from './segment-stats.service';
import { PredictionService } from './prediction.service';
import os from 'node:os';
import { MembershipService } from './membership.service';
import { WebhookService } from './webhook.service';
import { DriftService } from './drift.service';
import { ScheduleService } from './schedule.service';
import { ScoringThread } from '../ml/scoring-thread';
import type { ContinuousConfig } from '../config/config';

/** Every service, built once per process around one DataSource. Services are the only layer that touches the database. */
export interface Services {
  customers: CustomerService;
  products: ProductService;
  orders: OrderService;
  reviews: ReviewService;
  features: FeatureService;
  imports: ImportService;
  recordImports: RecordImportService;
  demo: DemoService;
  training: TrainingService;
  evaluation: EvaluationService;
  runner: TrainingRunner;
  /** The only writer of versions; its start-up sweep removes artifact folders no version points at. */
  versions: ModelVersionStore;
  /** The evaluation queue (worker threads), as `runner` is for training. */
  evaluationRunner: EvaluationRunner;
  pubsub: AppPubSub;
  apiKeys: ApiKeyService;
  customerStats: CustomerStatsService;
  segmentStats: SegmentStatsService;
  exports: SegmentExportService;
  predictions: PredictionService;
  /** Where long work goes: this process's runners, or BullMQ queues (several machines). */
  jobs: JobQueue;
  /** What runs each kind of job in this process (a worker host hands them BullMQ's jobs). */
  executors: JobExecutors;
  /** Several machines: artifacts and export files every process can read (PostgreSQL); null in one process. */
  blobs: BlobStore | null;
  /** Shop-data revision: bumped by writes here, and (several machines) by other processes' writes. */
  dataVersion: DataVersion;
  /** Continuous membership: re-scoring of written customers, history, snapshots. */
  membership: MembershipService;
  /** Webhooks and their deliveries (an outbox every process sends from). */
  webhooks: WebhookService;
  /** Drift and staleness of versions against their training data. */
  drift: DriftService;
  /** Scheduled retraining with promotion gates. */
  schedules: ScheduleService;
}

/** The defaults of continuous segmentation (what loadConfig gives without variables). */
export const DEFAULT_CONTINUOUS: ContinuousConfig = {
  rescoreDebounceMs: 1000,
  webhookBackoffMs: 30_000,
  webhookMaxAttempts: 8,
  webhookDisableAfter: 20,
  webhookTimeoutMs: 10_000,
  webhookAllowPrivate: false,
  scheduleTickMs: 10_000,
  driftPsiThreshold: 0.2,
  driftStaleDays: 30,
  driftMinIntervalSeconds: 60,
};

/** What several machines add to a process's services: its Redis connections and the lease timeout. */
export interface DistributedRuntime {
  redis: RedisClients;
  jobLockMs: number;
}

/** Tells this process's own shop-revision messages from other processes'. */
export const dataVersionOrigin = `${process.pid}-${Math.random().toString(36).slice(2, 10)}`;

export function createServices(
  dataSource: DataSource,
  config: Pick<AppConfig, 'importBatchLimit' | 'modelsDir' | 'trainingConcurrency' | 'pluginModules'> & Partial<Pick<AppConfig, 'trainingBackend' | 'exportsDir' | 'trainingNice' | 'textEncoderAllowRemote' | 'evaluationQueueLimit' | 'trainingQueueLimit' | 'actionTemplates' | 'segmentStatsCacheSeconds' | 'exportConcurrentLimit' | 'exportDailyLimit' | 'exportDailyBytes' | 'exportTtlHours' | 'continuous'>>,
  log: (line: string) => void = () => undefined,
  distributed: DistributedRuntime | null = null,
): Services {
  const pubsub = createAppPubSub(distributed ? { publish: distributed.redis.publish, subscribe: distributed.redis.subscribe, prefix: distributed.redis.prefix } : undefined, log);
  const dataVersion = new DataVersion(distributed ? () => void pubsub.publish(Topic.SHOP_REVISION, { origin: dataVersionOrigin }) : undefined);
  const blobs = distributed ? new PostgresBlobStore(dataSource) : null;
  const customerStats = new CustomerStatsService(dataSource);
  const imports = new ImportService(dataSource, dataVersion);
  const features = new FeatureService(dataSource, dataVersion);
  const registry = SegmenterRegistry.load(config.pluginModules);
  const artifacts = new ArtifactStore(config.modelsDir, blobs);
  const sequences = new SequenceService(dataSource);
  // One cache of loaded artifacts for every service that assigns with them.
  // Plugins assign in this (the API) thread on wasm or cpu: a native TF.js build is loaded only by training threads.
  const loaded = new LoadedModels(registry, artifacts, createPluginServices({ backend: 'portable', modelsDir: config.modelsDir, allowRemoteTextEncoders: config.textEncoderAllowRemote ?? false, log }));
  const trainingSets = new TrainingSetService(dataSource, features, sequences);
  // The only writer of versions, segments and assignments: reserves the number, writes the artifact, commits the rows.
  const versions = new ModelVersionStore(dataSource, artifacts, { actionTemplates: config.actionTemplates, log });
  const runner = new TrainingRunner(dataSource, registry, features, trainingSets, versions, pubsub, {
    concurrency: config.trainingConcurrency,
    backend: config.trainingBackend ?? 'auto',
    modelsDir: config.modelsDir,
    allowRemoteTextEncoders: config.textEncoderAllowRemote ?? false,
    nice: config.trainingNice ?? 0,
    log,
  });
  // Evaluations run in worker threads (assign, embed, bootstrap refits): the API's event loop never computes them.
  const evaluationRunner = new EvaluationRunner(dataSource, registry, trainingSets, artifacts, pubsub, {
    concurrency: 1,
    backend: config.trainingBackend ?? 'auto',
    modelsDir: config.modelsDir,
    allowRemoteTextEncoders: config.textEncoderAllowRemote ?? false,
    nice: config.trainingNice ?? 0,
    log,
  });
  const predictions = new PredictionService(dataSource);
  const exports = new SegmentExportService(dataSource, config.exportsDir ?? path.resolve('./data/exports'), () => features.defaultAsOf(), customerStats, log, {
    concurrent: config.exportConcurrentLimit,
    daily: config.exportDailyLimit,
    dailyBytes: config.exportDailyBytes,
    ttlHours: config.exportTtlHours,
    nice: config.trainingNice ?? 0,
  });
  exports.shared = blobs;
  const continuous = config.continuous ?? DEFAULT_CONTINUOUS;
  const webhooks = new WebhookService(dataSource, {
    backoffMs: continuous.webhookBackoffMs,
    maxAttempts: continuous.webhookMaxAttempts,
    disableAfter: continuous.webhookDisableAfter,
    timeoutMs: continuous.webhookTimeoutMs,
    pollMs: 1000,
    sender: `${os.hostname()}:${process.pid}`,
    allowPrivate: continuous.webhookAllowPrivate,
    log,
  });
  const drift = new DriftService(dataSource, features, webhooks, { threshold: continuous.driftPsiThreshold, staleDays: continuous.driftStaleDays, minIntervalMs: continuous.driftMinIntervalSeconds * 1000, log });
  // The job queue needs every executor, the re-scoring executor needs the training service, which queues jobs: it
  // gets the queue through this forwarder.
  const queue: JobQueue = {
    get distributed() {
      return jobs.distributed;
    },
    enqueue: (kind, id, options) => jobs.enqueue(kind, id, options),
    cancel: (kind, id) => jobs.cancel(kind, id),
    close: () => jobs.close(),
  };
  const workers = distributed ? new WorkerRegistry(distributed.redis.jobs, distributed.redis.fast, distributed.redis.prefix, distributed.jobLockMs) : null;
  const training = new TrainingService(dataSource, registry, queue, features, sequences, loaded, config.trainingBackend ?? 'auto', config.trainingQueueLimit ?? DEFAULT_TRAINING_QUEUE_LIMIT, predictions, workers);
  training.scoring = new ScoringThread(registry, artifacts, { modelsDir: config.modelsDir, allowRemoteTextEncoders: config.textEncoderAllowRemote ?? false, nice: config.trainingNice ?? 0, log });
  const membership = new MembershipService(dataSource, training, features, predictions, pubsub, webhooks, { debounceMs: continuous.rescoreDebounceMs, sweepMs: 5000, log });
  const executors: JobExecutors = { training: runner, evaluation: evaluationRunner, export: exports, rescore: membership };
  const jobs: JobQueue = distributed ? new BullMqJobQueue(distributed.redis, executors, pubsub, workers!, log, distributed.jobLockMs) : new EmbeddedJobQueue(executors);
  exports.enqueueJob = (id, requestId) => jobs.enqueue('export', id, { requestId });
  exports.cancelJob = (id) => jobs.cancel('export', id);
  membership.enqueueJob = (id) => jobs.enqueue('rescore', id);
  membership.onRescored = (versionIds) => drift.refreshSoon(versionIds);
  training.aliasMoved = {
    record: (manager, alias, from, to, reason, at) => membership.recordAliasMove(manager, alias, from, to, reason, at),
    announce: (alias, from, to, movedBy, reason) => {
      // Customers the version has not scored yet (recorded with the move) are queued now.
      membership.touched();
      void webhooks.emit([{ type: 'alias.moved', data: { alias, fromVersionId: from, toVersionId: to, movedBy, reason } }]).catch((err) => log(`alias.moved webhook: ${(err as Error).message}`));
    },
  };
  runner.onFinished = (run) =>
    void webhooks
      .emit([
        { type: 'training.finished', data: { runId: run.id, modelId: run.modelId, status: run.status, versionId: run.modelVersionId, error: run.error } },
        ...(run.status === 'SUCCEEDED' && run.modelVersionId !== null ? [{ type: 'version.created' as const, data: { versionId: run.modelVersionId, modelId: run.modelId, runId: run.id } }] : []),
      ])
      .catch((err) => log(`training webhooks: ${(err as Error).message}`));
  const evaluation = new EvaluationService(dataSource, features, jobs, { queueLimit: config.evaluationQueueLimit ?? DEFAULT_EVALUATION_QUEUE_LIMIT });
  const schedules = new ScheduleService(dataSource, training, evaluation, features, webhooks, { tickMs: continuous.scheduleTickMs, log });
  return {
    customers: new CustomerService(dataSource, () => features.defaultAsOf(), customerStats),
    products: new ProductService(dataSource),
    orders: new OrderService(dataSource),
    reviews: new ReviewService(dataSource),
    features,
    imports,
    recordImports: new RecordImportService(imports, config.importBatchLimit),
    demo: new DemoService(dataSource, imports),
    training,
    evaluation,
    runner,
    versions,
    evaluationRunner,
    pubsub,
    apiKeys: new ApiKeyService(dataSource, pubsub),
    segmentStats: new SegmentStatsService(dataSource, () => features.defaultAsOf(), customerStats, dataVersion, (config.segmentStatsCacheSeconds ?? 60) * 1000),
    exports,
    customerStats,
    predictions,
    jobs,
    executors,
    blobs,
    dataVersion,
    membership,
    webhooks,
    drift,
    schedules,
  };
}

/**
 * Several machines: another process's writes make this one's caches stale too. Returns the function that stops
 * listening. (In one process nothing else publishes, and this costs nothing.)
 */
export function followShopRevisions(services: Services, log: (line: string) => void): () => Promise<void> {
  const revisions = services.pubsub.subscribe(Topic.SHOP_REVISION);
  void (async () => {
    for await (const { origin } of revisions) if (origin !== dataVersionOrigin) services.dataVersion.follow();
  })().catch((err) => log(`following shop revisions failed: ${(err as Error).message}`));
  return async () => {
    await revisions.return?.();
  };
}
