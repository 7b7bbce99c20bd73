"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.CatalogResolvers = void 0;
const catalog_resolver_1 = require("./catalog.resolver");
const customer_resolver_1 = require("./customer.resolver");
const import_resolver_1 = require("./import.resolver");
const delivery_resolver_1 = require("./delivery.resolver");
const evaluation_resolver_1 = require("./evaluation.resolver");
const evaluation_run_resolver_1 = require("./evaluation-run.resolver");
const training_resolver_1 = require("./training.resolver");
/** Every resolver of the API. */
// type-graphql's own type for resolver classes.
// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
exports.CatalogResolvers = [
    customer_resolver_1.CustomerResolver,
    catalog_resolver_1.ProductResolver,
    catalog_resolver_1.OrderResolver,
    catalog_resolver_1.OrderItemResolver,
    catalog_resolver_1.ReviewResolver,
    catalog_resolver_1.CustomerFeaturesResolver,
    import_resolver_1.ImportResolver,
    training_resolver_1.SegmenterResolver,
    training_resolver_1.SegmentationModelResolver,
    training_resolver_1.TrainingRunResolver,
    training_resolver_1.ModelVersionResolver,
    training_resolver_1.SegmentResolver,
    training_resolver_1.SegmentAssignmentResolver,
    training_resolver_1.CustomerSegmentResolver,
    evaluation_resolver_1.EvaluationResolver,
    evaluation_run_resolver_1.EvaluationRunResolver,
    evaluation_resolver_1.ModelVersionEvaluationResolver,
    evaluation_resolver_1.SegmentWordsResolver,
    delivery_resolver_1.ApiKeyResolver,
    delivery_resolver_1.SegmentStatsResolver,
    delivery_resolver_1.SegmentExportResolver,
];
//# sourceMappingURL=index.js.map