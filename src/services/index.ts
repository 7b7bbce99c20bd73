import path from 'node:path';
import { DataSource } from 'typeorm';
import { ArtifactStore } from '../artifacts/artifact-store';
import { LoadedModels } from '../artifacts/loaded-models';
import { AppConfig } from '../config/config';
import { AppPubSub, createAppPubSub } from '../pubsub/pubsub';
import { SegmenterRegistry } from '../registry/segmenter-registry';
import { TrainingRunner } from '../training/training-runner';
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
import { EvaluationService } from './evaluation.service';
import { TrainingService } from './training.service';
import { ApiKeyService } from './api-key.service';
import { CustomerStatsService } from './customer-stats.service';
import { SegmentExportService } from './segment-export.service';
import { SegmentStatsService } from './segment-stats.service';

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
  pubsub: AppPubSub;
  apiKeys: ApiKeyService;
  customerStats: CustomerStatsService;
  segmentStats: SegmentStatsService;
  exports: SegmentExportService;
}

export function createServices(
  dataSource: DataSource,
  config: Pick<AppConfig, 'importBatchLimit' | 'modelsDir' | 'trainingConcurrency' | 'pluginModules'> & Partial<Pick<AppConfig, 'trainingBackend' | 'exportsDir' | 'trainingNice'>>,
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
  const loaded = new LoadedModels(registry, artifacts);
  const trainingSets = new TrainingSetService(dataSource, features, sequences);
  const runner = new TrainingRunner(dataSource, registry, features, trainingSets, artifacts, pubsub, {
    concurrency: config.trainingConcurrency,
    backend: config.trainingBackend ?? 'auto',
    modelsDir: config.modelsDir,
    nice: config.trainingNice ?? 0,
    log,
  });
  return {
    customers: new CustomerService(dataSource, () => features.defaultAsOf(), customerStats),
    products: new ProductService(dataSource),
    orders: new OrderService(dataSource),
    reviews: new ReviewService(dataSource),
    features,
    imports,
    recordImports: new RecordImportService(imports, config.importBatchLimit),
    demo: new DemoService(dataSource, imports),
    training: new TrainingService(dataSource, registry, runner, features, sequences, loaded, config.trainingBackend ?? 'auto'),
    evaluation: new EvaluationService(dataSource, features, trainingSets, loaded),
    runner,
    pubsub,
    apiKeys: new ApiKeyService(dataSource),
    segmentStats: new SegmentStatsService(dataSource, () => features.defaultAsOf(), customerStats, dataVersion),
    exports: new SegmentExportService(dataSource, config.exportsDir ?? path.resolve('./data/exports'), () => features.defaultAsOf(), customerStats, log),
    customerStats,
  };
}
