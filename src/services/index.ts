import path from 'node:path';
import { DataSource } from 'typeorm';
import { ArtifactStore } from '../artifacts/artifact-store';
import { LoadedModels } from '../artifacts/loaded-models';
import { createPluginServices } from '../ml/plugin-services';
import { AppConfig } from '../config/config';
import { AppPubSub, createAppPubSub } from '../pubsub/pubsub';
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
}

export function createServices(
  dataSource: DataSource,
  config: Pick<AppConfig, 'importBatchLimit' | 'modelsDir' | 'trainingConcurrency' | 'pluginModules'> & Partial<Pick<AppConfig, 'trainingBackend' | 'exportsDir' | 'trainingNice' | 'textEncoderAllowRemote' | 'evaluationQueueLimit' | 'trainingQueueLimit' | 'actionTemplates' | 'segmentStatsCacheSeconds' | 'exportConcurrentLimit' | 'exportDailyLimit' | 'exportDailyBytes' | 'exportTtlHours'>>,
  log: (line: string) => void = () => undefined,
): Services {
  const dataVersion = new DataVersion();
  const customerStats = new CustomerStatsService(dataSource);
  const imports = new ImportService(dataSource, dataVersion);
  const features = new FeatureService(dataSource, dataVersion);
  const registry = SegmenterRegistry.load(config.pluginModules);
  const artifacts = new ArtifactStore(config.modelsDir);
  const pubsub = createAppPubSub();
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
  return {
    customers: new CustomerService(dataSource, () => features.defaultAsOf(), customerStats),
    products: new ProductService(dataSource),
    orders: new OrderService(dataSource),
    reviews: new ReviewService(dataSource),
    features,
    imports,
    recordImports: new RecordImportService(imports, config.importBatchLimit),
    demo: new DemoService(dataSource, imports),
    training: new TrainingService(dataSource, registry, runner, features, sequences, loaded, config.trainingBackend ?? 'auto', config.trainingQueueLimit ?? DEFAULT_TRAINING_QUEUE_LIMIT, predictions),
    evaluation: new EvaluationService(dataSource, features, evaluationRunner, { queueLimit: config.evaluationQueueLimit ?? DEFAULT_EVALUATION_QUEUE_LIMIT }),
    runner,
    versions,
    evaluationRunner,
    pubsub,
    apiKeys: new ApiKeyService(dataSource, pubsub),
    segmentStats: new SegmentStatsService(dataSource, () => features.defaultAsOf(), customerStats, dataVersion, (config.segmentStatsCacheSeconds ?? 60) * 1000),
    exports: new SegmentExportService(dataSource, config.exportsDir ?? path.resolve('./data/exports'), () => features.defaultAsOf(), customerStats, log, {
      concurrent: config.exportConcurrentLimit,
      daily: config.exportDailyLimit,
      dailyBytes: config.exportDailyBytes,
      ttlHours: config.exportTtlHours,
    }),
    customerStats,
    predictions,
  };
}
