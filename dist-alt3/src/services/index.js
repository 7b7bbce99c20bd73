"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.createServices = createServices;
const node_path_1 = __importDefault(require("node:path"));
const artifact_store_1 = require("../artifacts/artifact-store");
const loaded_models_1 = require("../artifacts/loaded-models");
const plugin_services_1 = require("../ml/plugin-services");
const pubsub_1 = require("../pubsub/pubsub");
const segmenter_registry_1 = require("../registry/segmenter-registry");
const training_runner_1 = require("../training/training-runner");
const evaluation_runner_1 = require("../evaluation/evaluation-runner");
const customer_service_1 = require("./customer.service");
const data_version_1 = require("./data-version");
const demo_service_1 = require("./demo.service");
const feature_service_1 = require("./feature.service");
const import_service_1 = require("./import.service");
const order_service_1 = require("./order.service");
const product_service_1 = require("./product.service");
const record_import_service_1 = require("./record-import.service");
const review_service_1 = require("./review.service");
const sequence_service_1 = require("./sequence.service");
const training_set_service_1 = require("./training-set.service");
const model_version_store_service_1 = require("./model-version-store.service");
const evaluation_service_1 = require("./evaluation.service");
const training_service_1 = require("./training.service");
const api_key_service_1 = require("./api-key.service");
const customer_stats_service_1 = require("./customer-stats.service");
const segment_export_service_1 = require("./segment-export.service");
const segment_stats_service_1 = require("./segment-stats.service");
const prediction_service_1 = require("./prediction.service");
function createServices(dataSource, config, log = () => undefined) {
    const dataVersion = new data_version_1.DataVersion();
    const customerStats = new customer_stats_service_1.CustomerStatsService(dataSource);
    const imports = new import_service_1.ImportService(dataSource, dataVersion);
    const features = new feature_service_1.FeatureService(dataSource, dataVersion);
    const registry = segmenter_registry_1.SegmenterRegistry.load(config.pluginModules);
    const artifacts = new artifact_store_1.ArtifactStore(config.modelsDir);
    const pubsub = (0, pubsub_1.createAppPubSub)();
    const sequences = new sequence_service_1.SequenceService(dataSource);
    // One cache of loaded artifacts for every service that assigns with them.
    // Plugins assign in this (the API) thread on wasm or cpu: a native TF.js build is loaded only by training threads.
    const loaded = new loaded_models_1.LoadedModels(registry, artifacts, (0, plugin_services_1.createPluginServices)({ backend: 'portable', modelsDir: config.modelsDir, allowRemoteTextEncoders: config.textEncoderAllowRemote ?? false, log }));
    const trainingSets = new training_set_service_1.TrainingSetService(dataSource, features, sequences);
    // The only writer of versions, segments and assignments: reserves the number, writes the artifact, commits the rows.
    const versions = new model_version_store_service_1.ModelVersionStore(dataSource, artifacts, { actionTemplates: config.actionTemplates, log });
    const runner = new training_runner_1.TrainingRunner(dataSource, registry, features, trainingSets, versions, pubsub, {
        concurrency: config.trainingConcurrency,
        backend: config.trainingBackend ?? 'auto',
        modelsDir: config.modelsDir,
        allowRemoteTextEncoders: config.textEncoderAllowRemote ?? false,
        nice: config.trainingNice ?? 0,
        log,
    });
    // Evaluations run in worker threads (assign, embed, bootstrap refits): the API's event loop never computes them.
    const evaluationRunner = new evaluation_runner_1.EvaluationRunner(dataSource, registry, trainingSets, artifacts, pubsub, {
        concurrency: 1,
        backend: config.trainingBackend ?? 'auto',
        modelsDir: config.modelsDir,
        allowRemoteTextEncoders: config.textEncoderAllowRemote ?? false,
        nice: config.trainingNice ?? 0,
        log,
    });
    const predictions = new prediction_service_1.PredictionService(dataSource);
    return {
        customers: new customer_service_1.CustomerService(dataSource, () => features.defaultAsOf(), customerStats),
        products: new product_service_1.ProductService(dataSource),
        orders: new order_service_1.OrderService(dataSource),
        reviews: new review_service_1.ReviewService(dataSource),
        features,
        imports,
        recordImports: new record_import_service_1.RecordImportService(imports, config.importBatchLimit),
        demo: new demo_service_1.DemoService(dataSource, imports),
        training: new training_service_1.TrainingService(dataSource, registry, runner, features, sequences, loaded, config.trainingBackend ?? 'auto', config.trainingQueueLimit ?? training_service_1.DEFAULT_TRAINING_QUEUE_LIMIT, predictions),
        evaluation: new evaluation_service_1.EvaluationService(dataSource, features, evaluationRunner, { queueLimit: config.evaluationQueueLimit ?? evaluation_service_1.DEFAULT_EVALUATION_QUEUE_LIMIT }),
        runner,
        versions,
        evaluationRunner,
        pubsub,
        apiKeys: new api_key_service_1.ApiKeyService(dataSource, pubsub),
        segmentStats: new segment_stats_service_1.SegmentStatsService(dataSource, () => features.defaultAsOf(), customerStats, dataVersion, (config.segmentStatsCacheSeconds ?? 60) * 1000),
        exports: new segment_export_service_1.SegmentExportService(dataSource, config.exportsDir ?? node_path_1.default.resolve('./data/exports'), () => features.defaultAsOf(), customerStats, log, {
            concurrent: config.exportConcurrentLimit,
            daily: config.exportDailyLimit,
            dailyBytes: config.exportDailyBytes,
            ttlHours: config.exportTtlHours,
        }),
        customerStats,
        predictions,
    };
}
//# sourceMappingURL=index.js.map