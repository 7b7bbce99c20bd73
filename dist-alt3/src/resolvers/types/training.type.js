"use strict";
var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
var __metadata = (this && this.__metadata) || function (k, v) {
    if (typeof Reflect === "object" && typeof Reflect.metadata === "function") return Reflect.metadata(k, v);
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.TrainingRunFilter = exports.RegisterModelInput = exports.SegmentAssignmentType = exports.SegmentCustomerConnection = exports.SegmentCustomerEdge = exports.AliasMoveConnection = exports.AliasMoveType = exports.ComparisonType = exports.ComparisonReferenceType = exports.ComparisonRowType = exports.EvaluationMetricsType = exports.PredictionMetricsType = exports.CalibrationBinType = exports.DistinguishingProductType = exports.DistinguishingCategoryType = exports.FeatureDeltaType = exports.SegmentType = exports.SegmentProfileType = exports.ProfileFeaturesType = exports.SegmentTopProductType = exports.CountryShareType = exports.FeatureValueType = exports.TrainingRunConnection = exports.TrainingRunType = exports.ModelVersionConnection = exports.ModelVersionType = exports.MetricsType = exports.SegmentationModelConnection = exports.SegmentationModelType = exports.SegmenterType = exports.ComputeBackendType = exports.CapabilitiesType = exports.ParamSpecType = exports.RunStatusEnum = void 0;
const type_graphql_1 = require("type-graphql");
const connection_type_1 = require("./connection.type");
const customer_type_1 = require("./customer.type");
const evaluation_type_1 = require("./evaluation.type");
const scalars_1 = require("./scalars");
var RunStatusEnum;
(function (RunStatusEnum) {
    RunStatusEnum["QUEUED"] = "QUEUED";
    RunStatusEnum["RUNNING"] = "RUNNING";
    RunStatusEnum["SUCCEEDED"] = "SUCCEEDED";
    RunStatusEnum["FAILED"] = "FAILED";
    RunStatusEnum["CANCELLED"] = "CANCELLED";
})(RunStatusEnum || (exports.RunStatusEnum = RunStatusEnum = {}));
(0, type_graphql_1.registerEnumType)(RunStatusEnum, { name: 'RunStatus' });
let ParamSpecType = class ParamSpecType {
    name;
    type;
    default;
    min;
    max;
    choices;
    description;
};
exports.ParamSpecType = ParamSpecType;
__decorate([
    (0, type_graphql_1.Field)(),
    __metadata("design:type", String)
], ParamSpecType.prototype, "name", void 0);
__decorate([
    (0, type_graphql_1.Field)({ description: 'int, float, string, boolean or string[].' }),
    __metadata("design:type", String)
], ParamSpecType.prototype, "type", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => scalars_1.JSONScalar, { nullable: true, description: 'The default value, of the type in `type` (JSON because that type differs from param to param).' }),
    __metadata("design:type", Object)
], ParamSpecType.prototype, "default", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => type_graphql_1.Float, { nullable: true }),
    __metadata("design:type", Number)
], ParamSpecType.prototype, "min", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => type_graphql_1.Float, { nullable: true }),
    __metadata("design:type", Number)
], ParamSpecType.prototype, "max", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => [String], { nullable: true }),
    __metadata("design:type", Array)
], ParamSpecType.prototype, "choices", void 0);
__decorate([
    (0, type_graphql_1.Field)(),
    __metadata("design:type", String)
], ParamSpecType.prototype, "description", void 0);
exports.ParamSpecType = ParamSpecType = __decorate([
    (0, type_graphql_1.ObjectType)('ParamSpec', { description: "One parameter a segmenter accepts; params are checked against these before a run is queued." })
], ParamSpecType);
let CapabilitiesType = class CapabilitiesType {
    inputs;
    embeds;
    deterministicWithSeed;
    accelerator;
    predicts;
};
exports.CapabilitiesType = CapabilitiesType;
__decorate([
    (0, type_graphql_1.Field)(() => [String], { description: 'Inputs it reads: numeric, text, sequence.' }),
    __metadata("design:type", Array)
], CapabilitiesType.prototype, "inputs", void 0);
__decorate([
    (0, type_graphql_1.Field)(),
    __metadata("design:type", Boolean)
], CapabilitiesType.prototype, "embeds", void 0);
__decorate([
    (0, type_graphql_1.Field)(),
    __metadata("design:type", Boolean)
], CapabilitiesType.prototype, "deterministicWithSeed", void 0);
__decorate([
    (0, type_graphql_1.Field)({ description: 'none, optional or required.' }),
    __metadata("design:type", String)
], CapabilitiesType.prototype, "accelerator", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => Boolean, { description: 'Whether its versions store per-customer predictions (`Customer.predictions`).' }),
    __metadata("design:type", Boolean)
], CapabilitiesType.prototype, "predicts", void 0);
exports.CapabilitiesType = CapabilitiesType = __decorate([
    (0, type_graphql_1.ObjectType)('Capabilities')
], CapabilitiesType);
let ComputeBackendType = class ComputeBackendType {
    name;
    available;
    detail;
    preferred;
};
exports.ComputeBackendType = ComputeBackendType;
__decorate([
    (0, type_graphql_1.Field)({ description: 'tensorflow-gpu, tensorflow, wasm or cpu.' }),
    __metadata("design:type", String)
], ComputeBackendType.prototype, "name", void 0);
__decorate([
    (0, type_graphql_1.Field)({ description: 'Installed (native builds are loaded, and CUDA checked, only by a training run).' }),
    __metadata("design:type", Boolean)
], ComputeBackendType.prototype, "available", void 0);
__decorate([
    (0, type_graphql_1.Field)({ description: 'The package behind it, or why it is not available.' }),
    __metadata("design:type", String)
], ComputeBackendType.prototype, "detail", void 0);
__decorate([
    (0, type_graphql_1.Field)({ description: 'What `TRAINING_BACKEND=auto` takes first among the available ones, or the configured one.' }),
    __metadata("design:type", Boolean)
], ComputeBackendType.prototype, "preferred", void 0);
exports.ComputeBackendType = ComputeBackendType = __decorate([
    (0, type_graphql_1.ObjectType)('ComputeBackend', { description: 'A TensorFlow.js backend the transformer segmenters can train on.' })
], ComputeBackendType);
let SegmenterType = class SegmenterType {
    code;
    version;
    description;
    artifactFormat;
    params;
    capabilities;
};
exports.SegmenterType = SegmenterType;
__decorate([
    (0, type_graphql_1.Field)(() => type_graphql_1.ID),
    __metadata("design:type", String)
], SegmenterType.prototype, "code", void 0);
__decorate([
    (0, type_graphql_1.Field)(),
    __metadata("design:type", String)
], SegmenterType.prototype, "version", void 0);
__decorate([
    (0, type_graphql_1.Field)(),
    __metadata("design:type", String)
], SegmenterType.prototype, "description", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => type_graphql_1.Int),
    __metadata("design:type", Number)
], SegmenterType.prototype, "artifactFormat", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => [ParamSpecType]),
    __metadata("design:type", Array)
], SegmenterType.prototype, "params", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => CapabilitiesType),
    __metadata("design:type", CapabilitiesType)
], SegmenterType.prototype, "capabilities", void 0);
exports.SegmenterType = SegmenterType = __decorate([
    (0, type_graphql_1.ObjectType)('Segmenter')
], SegmenterType);
let SegmentationModelType = class SegmentationModelType {
    id;
    name;
    params;
    allowProtectedAttributes;
    createdAt;
};
exports.SegmentationModelType = SegmentationModelType;
__decorate([
    (0, type_graphql_1.Field)(() => type_graphql_1.ID),
    __metadata("design:type", Number)
], SegmentationModelType.prototype, "id", void 0);
__decorate([
    (0, type_graphql_1.Field)(),
    __metadata("design:type", String)
], SegmentationModelType.prototype, "name", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => scalars_1.JSONScalar, { description: "Validated params, defaults filled in. JSON because params are the segmenter's own (see `Segmenter.params`)." }),
    __metadata("design:type", Object)
], SegmentationModelType.prototype, "params", void 0);
__decorate([
    (0, type_graphql_1.Field)({ description: 'Opted in to features derived from protected attributes.' }),
    __metadata("design:type", Boolean)
], SegmentationModelType.prototype, "allowProtectedAttributes", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => scalars_1.DateTimeScalar),
    __metadata("design:type", Date)
], SegmentationModelType.prototype, "createdAt", void 0);
exports.SegmentationModelType = SegmentationModelType = __decorate([
    (0, type_graphql_1.ObjectType)('SegmentationModel')
], SegmentationModelType);
exports.SegmentationModelConnection = (0, connection_type_1.ConnectionType)('SegmentationModel', SegmentationModelType);
let MetricsType = class MetricsType {
    metricSpace;
    rfmSilhouette;
    rfmDaviesBouldin;
    rfmCalinskiHarabasz;
    inertia;
    silhouette;
    silhouetteSampled;
    daviesBouldin;
    calinskiHarabasz;
    sizes;
    customers;
    extra;
    protectedAttributes;
};
exports.MetricsType = MetricsType;
__decorate([
    (0, type_graphql_1.Field)(() => String, { nullable: true, description: "Where inertia, silhouette, daviesBouldin and calinskiHarabasz are computed: `embedding` (the segmenter's own segmentation space) or `features` (the standardised features). Null for versions trained before it was recorded (then features)." }),
    __metadata("design:type", Object)
], MetricsType.prototype, "metricSpace", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => type_graphql_1.Float, { nullable: true, description: 'Silhouette on the standardised features, whatever the segmenter.' }),
    __metadata("design:type", Object)
], MetricsType.prototype, "rfmSilhouette", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => type_graphql_1.Float, { nullable: true }),
    __metadata("design:type", Object)
], MetricsType.prototype, "rfmDaviesBouldin", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => type_graphql_1.Float, { nullable: true }),
    __metadata("design:type", Object)
], MetricsType.prototype, "rfmCalinskiHarabasz", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => type_graphql_1.Float, { nullable: true }),
    __metadata("design:type", Object)
], MetricsType.prototype, "inertia", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => type_graphql_1.Float, { nullable: true, description: 'Exact up to 10,000 customers, on a seeded sample of 10,000 above.' }),
    __metadata("design:type", Object)
], MetricsType.prototype, "silhouette", void 0);
__decorate([
    (0, type_graphql_1.Field)({ nullable: true }),
    __metadata("design:type", Boolean)
], MetricsType.prototype, "silhouetteSampled", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => type_graphql_1.Float, { nullable: true }),
    __metadata("design:type", Object)
], MetricsType.prototype, "daviesBouldin", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => type_graphql_1.Float, { nullable: true }),
    __metadata("design:type", Object)
], MetricsType.prototype, "calinskiHarabasz", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => [type_graphql_1.Int]),
    __metadata("design:type", Array)
], MetricsType.prototype, "sizes", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => type_graphql_1.Int, { nullable: true }),
    __metadata("design:type", Object)
], MetricsType.prototype, "customers", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => scalars_1.JSONScalar, {
        nullable: true,
        description: "The segmenter's own facts about the model, as its `summary()` returns them (k-means: how k was chosen, with Davies-Bouldin and silhouette per k). JSON because each segmenter plugin has its own.",
    }),
    __metadata("design:type", Object)
], MetricsType.prototype, "extra", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => [String], { nullable: true, description: 'Features derived from protected attributes this version used (empty unless its model opted in).' }),
    __metadata("design:type", Object)
], MetricsType.prototype, "protectedAttributes", void 0);
exports.MetricsType = MetricsType = __decorate([
    (0, type_graphql_1.ObjectType)('Metrics', { description: "A version's internal clustering metrics on its training customers: in the space it segmented (`space`), and on the standardised features (`rfm*`, comparable across segmenters)." })
], MetricsType);
let ModelVersionType = class ModelVersionType {
    id;
    number;
    segmenterVersion;
    params;
    featureNames;
    metrics;
    asOf;
    createdAt;
};
exports.ModelVersionType = ModelVersionType;
__decorate([
    (0, type_graphql_1.Field)(() => type_graphql_1.ID),
    __metadata("design:type", Number)
], ModelVersionType.prototype, "id", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => type_graphql_1.Int),
    __metadata("design:type", Number)
], ModelVersionType.prototype, "number", void 0);
__decorate([
    (0, type_graphql_1.Field)(),
    __metadata("design:type", String)
], ModelVersionType.prototype, "segmenterVersion", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => scalars_1.JSONScalar, { description: "The run's params. JSON because params are the segmenter's own (see `Segmenter.params`)." }),
    __metadata("design:type", Object)
], ModelVersionType.prototype, "params", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => [String]),
    __metadata("design:type", Array)
], ModelVersionType.prototype, "featureNames", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => MetricsType),
    __metadata("design:type", MetricsType)
], ModelVersionType.prototype, "metrics", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => scalars_1.DateTimeScalar, { description: 'Features were computed as of this date.' }),
    __metadata("design:type", Date)
], ModelVersionType.prototype, "asOf", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => scalars_1.DateTimeScalar),
    __metadata("design:type", Date)
], ModelVersionType.prototype, "createdAt", void 0);
exports.ModelVersionType = ModelVersionType = __decorate([
    (0, type_graphql_1.ObjectType)('ModelVersion', { description: "One successful run's result: immutable." })
], ModelVersionType);
exports.ModelVersionConnection = (0, connection_type_1.ConnectionType)('ModelVersion', ModelVersionType);
let TrainingRunType = class TrainingRunType {
    id;
    status;
    progress;
    step;
    totalSteps;
    epoch;
    loss;
    validationLoss;
    sequencesPerSecond;
    etaSeconds;
    message;
    backend;
    error;
    params;
    seed;
    queuedAt;
    startedAt;
    finishedAt;
};
exports.TrainingRunType = TrainingRunType;
__decorate([
    (0, type_graphql_1.Field)(() => type_graphql_1.ID),
    __metadata("design:type", Number)
], TrainingRunType.prototype, "id", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => RunStatusEnum),
    __metadata("design:type", String)
], TrainingRunType.prototype, "status", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => type_graphql_1.Float, { description: '0..1, never decreasing.' }),
    __metadata("design:type", Number)
], TrainingRunType.prototype, "progress", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => type_graphql_1.Int, { nullable: true }),
    __metadata("design:type", Object)
], TrainingRunType.prototype, "step", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => type_graphql_1.Int, { nullable: true }),
    __metadata("design:type", Object)
], TrainingRunType.prototype, "totalSteps", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => type_graphql_1.Int, { nullable: true }),
    __metadata("design:type", Object)
], TrainingRunType.prototype, "epoch", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => type_graphql_1.Float, { nullable: true }),
    __metadata("design:type", Object)
], TrainingRunType.prototype, "loss", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => type_graphql_1.Float, { nullable: true, description: 'Held-out loss after the last finished epoch (models with early stopping).' }),
    __metadata("design:type", Object)
], TrainingRunType.prototype, "validationLoss", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => type_graphql_1.Float, { nullable: true, description: 'Training throughput (sequence models).' }),
    __metadata("design:type", Object)
], TrainingRunType.prototype, "sequencesPerSecond", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => type_graphql_1.Float, { nullable: true }),
    __metadata("design:type", Object)
], TrainingRunType.prototype, "etaSeconds", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => String, { nullable: true }),
    __metadata("design:type", Object)
], TrainingRunType.prototype, "message", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => String, { nullable: true, description: 'The compute backend the run used.' }),
    __metadata("design:type", Object)
], TrainingRunType.prototype, "backend", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => String, { nullable: true }),
    __metadata("design:type", Object)
], TrainingRunType.prototype, "error", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => scalars_1.JSONScalar, { description: "Validated params, defaults filled in. JSON because params are the segmenter's own (see `Segmenter.params`)." }),
    __metadata("design:type", Object)
], TrainingRunType.prototype, "params", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => type_graphql_1.Int),
    __metadata("design:type", Number)
], TrainingRunType.prototype, "seed", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => scalars_1.DateTimeScalar),
    __metadata("design:type", Date)
], TrainingRunType.prototype, "queuedAt", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => scalars_1.DateTimeScalar, { nullable: true }),
    __metadata("design:type", Object)
], TrainingRunType.prototype, "startedAt", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => scalars_1.DateTimeScalar, { nullable: true }),
    __metadata("design:type", Object)
], TrainingRunType.prototype, "finishedAt", void 0);
exports.TrainingRunType = TrainingRunType = __decorate([
    (0, type_graphql_1.ObjectType)('TrainingRun')
], TrainingRunType);
exports.TrainingRunConnection = (0, connection_type_1.ConnectionType)('TrainingRun', TrainingRunType);
let FeatureValueType = class FeatureValueType {
    feature;
    value;
    /** A map keyed by feature name as a list, in the map's order. */
    static list(values) {
        return values ? Object.entries(values).map(([feature, value]) => ({ feature, value: Number(value) })) : null;
    }
};
exports.FeatureValueType = FeatureValueType;
__decorate([
    (0, type_graphql_1.Field)(),
    __metadata("design:type", String)
], FeatureValueType.prototype, "feature", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => type_graphql_1.Float),
    __metadata("design:type", Number)
], FeatureValueType.prototype, "value", void 0);
exports.FeatureValueType = FeatureValueType = __decorate([
    (0, type_graphql_1.ObjectType)('FeatureValue', { description: 'A number for one feature, by feature name.' })
], FeatureValueType);
let CountryShareType = class CountryShareType {
    country;
    share;
};
exports.CountryShareType = CountryShareType;
__decorate([
    (0, type_graphql_1.Field)(),
    __metadata("design:type", String)
], CountryShareType.prototype, "country", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => type_graphql_1.Float, { description: "Share of the segment's customers." }),
    __metadata("design:type", Number)
], CountryShareType.prototype, "share", void 0);
exports.CountryShareType = CountryShareType = __decorate([
    (0, type_graphql_1.ObjectType)('CountryShare')
], CountryShareType);
let SegmentTopProductType = class SegmentTopProductType {
    productId;
    title;
    buyers;
};
exports.SegmentTopProductType = SegmentTopProductType;
__decorate([
    (0, type_graphql_1.Field)(() => type_graphql_1.ID),
    __metadata("design:type", Number)
], SegmentTopProductType.prototype, "productId", void 0);
__decorate([
    (0, type_graphql_1.Field)(),
    __metadata("design:type", String)
], SegmentTopProductType.prototype, "title", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => type_graphql_1.Int, { description: "The segment's customers who bought it." }),
    __metadata("design:type", Number)
], SegmentTopProductType.prototype, "buyers", void 0);
exports.SegmentTopProductType = SegmentTopProductType = __decorate([
    (0, type_graphql_1.ObjectType)('SegmentTopProduct')
], SegmentTopProductType);
let ProfileFeaturesType = class ProfileFeaturesType {
    recencyDays;
    frequency;
    monetary;
    tenureDays;
    averageOrderValue;
    returnRate;
    distinctProducts;
};
exports.ProfileFeaturesType = ProfileFeaturesType;
__decorate([
    (0, type_graphql_1.Field)(() => type_graphql_1.Float, { description: 'Days since the last order (0 without one).' }),
    __metadata("design:type", Number)
], ProfileFeaturesType.prototype, "recencyDays", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => type_graphql_1.Float, { description: 'Orders.' }),
    __metadata("design:type", Number)
], ProfileFeaturesType.prototype, "frequency", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => type_graphql_1.Float, { description: 'Net spend.' }),
    __metadata("design:type", Number)
], ProfileFeaturesType.prototype, "monetary", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => type_graphql_1.Float, { description: 'Days since the first order or signup (0 without one).' }),
    __metadata("design:type", Number)
], ProfileFeaturesType.prototype, "tenureDays", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => type_graphql_1.Float),
    __metadata("design:type", Number)
], ProfileFeaturesType.prototype, "averageOrderValue", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => type_graphql_1.Float, { description: 'Returned value / purchased value.' }),
    __metadata("design:type", Number)
], ProfileFeaturesType.prototype, "returnRate", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => type_graphql_1.Float),
    __metadata("design:type", Number)
], ProfileFeaturesType.prototype, "distinctProducts", void 0);
exports.ProfileFeaturesType = ProfileFeaturesType = __decorate([
    (0, type_graphql_1.ObjectType)('ProfileFeatures', { description: 'One number per profile feature, in original units.' })
], ProfileFeaturesType);
let SegmentProfileType = class SegmentProfileType {
    index;
    size;
    share;
    mean;
    median;
    populationMean;
    topCategories;
    topCountries;
    topProducts;
};
exports.SegmentProfileType = SegmentProfileType;
__decorate([
    (0, type_graphql_1.Field)(() => type_graphql_1.Int),
    __metadata("design:type", Number)
], SegmentProfileType.prototype, "index", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => type_graphql_1.Int),
    __metadata("design:type", Number)
], SegmentProfileType.prototype, "size", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => type_graphql_1.Float, { description: 'Size / customers in the version.' }),
    __metadata("design:type", Number)
], SegmentProfileType.prototype, "share", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => ProfileFeaturesType),
    __metadata("design:type", ProfileFeaturesType)
], SegmentProfileType.prototype, "mean", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => ProfileFeaturesType),
    __metadata("design:type", ProfileFeaturesType)
], SegmentProfileType.prototype, "median", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => ProfileFeaturesType, { description: 'The means over all customers of the version.' }),
    __metadata("design:type", ProfileFeaturesType)
], SegmentProfileType.prototype, "populationMean", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => [customer_type_1.CategoryShareType], { description: "Mean over the segment's customers of each category's share of their spend, largest first (at most 5)." }),
    __metadata("design:type", Array)
], SegmentProfileType.prototype, "topCategories", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => [CountryShareType], { description: 'Largest first (at most 5).' }),
    __metadata("design:type", Array)
], SegmentProfileType.prototype, "topCountries", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => [SegmentTopProductType], { description: 'Most bought by the segment, by buyers.' }),
    __metadata("design:type", Array)
], SegmentProfileType.prototype, "topProducts", void 0);
exports.SegmentProfileType = SegmentProfileType = __decorate([
    (0, type_graphql_1.ObjectType)('SegmentProfile', {
        description: "A segment in numbers, from its customers' features when the version was trained. Its words and distinguishing features are fields of Segment.",
    })
], SegmentProfileType);
let SegmentType = class SegmentType {
    id;
    index;
    name;
    size;
    centroid;
    profile;
};
exports.SegmentType = SegmentType;
__decorate([
    (0, type_graphql_1.Field)(() => type_graphql_1.ID),
    __metadata("design:type", Number)
], SegmentType.prototype, "id", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => type_graphql_1.Int),
    __metadata("design:type", Number)
], SegmentType.prototype, "index", void 0);
__decorate([
    (0, type_graphql_1.Field)(),
    __metadata("design:type", String)
], SegmentType.prototype, "name", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => type_graphql_1.Int),
    __metadata("design:type", Number)
], SegmentType.prototype, "size", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => [FeatureValueType], { nullable: true, description: "The centre in feature units, one per feature in the version's featureNames order; null where the segmenter has no centres." }),
    __metadata("design:type", Object)
], SegmentType.prototype, "centroid", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => SegmentProfileType, {
        description: 'Size, share; mean and median recency, frequency, net spend, tenure, order value, return rate, distinct products (and the population means); top categories, countries and products.',
    }),
    __metadata("design:type", SegmentProfileType)
], SegmentType.prototype, "profile", void 0);
exports.SegmentType = SegmentType = __decorate([
    (0, type_graphql_1.ObjectType)('Segment')
], SegmentType);
let FeatureDeltaType = class FeatureDeltaType {
    feature;
    zScore;
    segmentMean;
    populationMean;
};
exports.FeatureDeltaType = FeatureDeltaType;
__decorate([
    (0, type_graphql_1.Field)(),
    __metadata("design:type", String)
], FeatureDeltaType.prototype, "feature", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => type_graphql_1.Float, { description: '(segment mean - population mean) / population standard deviation.' }),
    __metadata("design:type", Number)
], FeatureDeltaType.prototype, "zScore", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => type_graphql_1.Float),
    __metadata("design:type", Number)
], FeatureDeltaType.prototype, "segmentMean", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => type_graphql_1.Float),
    __metadata("design:type", Number)
], FeatureDeltaType.prototype, "populationMean", void 0);
exports.FeatureDeltaType = FeatureDeltaType = __decorate([
    (0, type_graphql_1.ObjectType)('FeatureDelta', { description: 'How far a segment is from all customers on one feature.' })
], FeatureDeltaType);
let DistinguishingCategoryType = class DistinguishingCategoryType {
    category;
    share;
    populationShare;
    lift;
};
exports.DistinguishingCategoryType = DistinguishingCategoryType;
__decorate([
    (0, type_graphql_1.Field)(),
    __metadata("design:type", String)
], DistinguishingCategoryType.prototype, "category", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => type_graphql_1.Float, { description: "Mean share of the segment's customers' spend." }),
    __metadata("design:type", Number)
], DistinguishingCategoryType.prototype, "share", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => type_graphql_1.Float, { description: 'The same over all customers.' }),
    __metadata("design:type", Number)
], DistinguishingCategoryType.prototype, "populationShare", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => type_graphql_1.Float, { description: 'share / populationShare.' }),
    __metadata("design:type", Number)
], DistinguishingCategoryType.prototype, "lift", void 0);
exports.DistinguishingCategoryType = DistinguishingCategoryType = __decorate([
    (0, type_graphql_1.ObjectType)('DistinguishingCategory', { description: "A category over-represented in a segment's spend." })
], DistinguishingCategoryType);
let DistinguishingProductType = class DistinguishingProductType {
    productId;
    title;
    share;
    populationShare;
    lift;
};
exports.DistinguishingProductType = DistinguishingProductType;
__decorate([
    (0, type_graphql_1.Field)(() => type_graphql_1.ID),
    __metadata("design:type", Number)
], DistinguishingProductType.prototype, "productId", void 0);
__decorate([
    (0, type_graphql_1.Field)(),
    __metadata("design:type", String)
], DistinguishingProductType.prototype, "title", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => type_graphql_1.Float, { description: "Share of the segment's customers who bought it before the version's asOf." }),
    __metadata("design:type", Number)
], DistinguishingProductType.prototype, "share", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => type_graphql_1.Float, { description: 'The same over all customers.' }),
    __metadata("design:type", Number)
], DistinguishingProductType.prototype, "populationShare", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => type_graphql_1.Float, { description: 'share / populationShare.' }),
    __metadata("design:type", Number)
], DistinguishingProductType.prototype, "lift", void 0);
exports.DistinguishingProductType = DistinguishingProductType = __decorate([
    (0, type_graphql_1.ObjectType)('DistinguishingProduct', { description: 'A product bought by a larger share of a segment than of all customers.' })
], DistinguishingProductType);
let CalibrationBinType = class CalibrationBinType {
    customers;
    predicted;
    observed;
};
exports.CalibrationBinType = CalibrationBinType;
__decorate([
    (0, type_graphql_1.Field)(() => type_graphql_1.Int),
    __metadata("design:type", Number)
], CalibrationBinType.prototype, "customers", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => type_graphql_1.Float),
    __metadata("design:type", Number)
], CalibrationBinType.prototype, "predicted", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => type_graphql_1.Float),
    __metadata("design:type", Number)
], CalibrationBinType.prototype, "observed", void 0);
exports.CalibrationBinType = CalibrationBinType = __decorate([
    (0, type_graphql_1.ObjectType)('CalibrationBin', { description: 'Customers of one decile of predicted churn probability: the mean prediction against the observed share who did not buy.' })
], CalibrationBinType);
let PredictionMetricsType = class PredictionMetricsType {
    churnAuc;
    spendSpearman;
    expectedPurchases;
    actualPurchases;
    purchasesForecastError;
    expectedSpend;
    actualSpend;
    spendForecastError;
    calibration;
    tierChurnAuc;
    tierLogSpendR2;
};
exports.PredictionMetricsType = PredictionMetricsType;
__decorate([
    (0, type_graphql_1.Field)(() => type_graphql_1.Float, { nullable: true, description: "AUC of each customer's predicted churn probability as a score for not buying in the horizon." }),
    __metadata("design:type", Object)
], PredictionMetricsType.prototype, "churnAuc", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => type_graphql_1.Float, { nullable: true, description: 'Spearman correlation of predicted value (clv) with actual net spend in the horizon.' }),
    __metadata("design:type", Object)
], PredictionMetricsType.prototype, "spendSpearman", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => type_graphql_1.Float, { description: 'Sum of expected purchases (purchase days) over everyone.' }),
    __metadata("design:type", Number)
], PredictionMetricsType.prototype, "expectedPurchases", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => type_graphql_1.Int, { description: 'Purchase days that happened in the horizon, summed over everyone.' }),
    __metadata("design:type", Number)
], PredictionMetricsType.prototype, "actualPurchases", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => type_graphql_1.Float, { nullable: true, description: '(expected − actual) / actual purchases: the aggregate forecast error.' }),
    __metadata("design:type", Object)
], PredictionMetricsType.prototype, "purchasesForecastError", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => type_graphql_1.Float),
    __metadata("design:type", Number)
], PredictionMetricsType.prototype, "expectedSpend", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => type_graphql_1.Float),
    __metadata("design:type", Number)
], PredictionMetricsType.prototype, "actualSpend", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => type_graphql_1.Float, { nullable: true, description: '(expected − actual) / actual net spend.' }),
    __metadata("design:type", Object)
], PredictionMetricsType.prototype, "spendForecastError", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => [CalibrationBinType], { description: 'Ten bins of equal size by predicted churn probability, lowest first.' }),
    __metadata("design:type", Array)
], PredictionMetricsType.prototype, "calibration", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => type_graphql_1.Float, { nullable: true, description: "The value tiers scored as segments: AUC of each tier's churn rate as a score for not buying in the horizon." }),
    __metadata("design:type", Object)
], PredictionMetricsType.prototype, "tierChurnAuc", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => type_graphql_1.Float, { nullable: true, description: 'The value tiers scored as segments: share of the variance of log(1 + net spend in the horizon) explained by tier.' }),
    __metadata("design:type", Object)
], PredictionMetricsType.prototype, "tierLogSpendR2", void 0);
exports.PredictionMetricsType = PredictionMetricsType = __decorate([
    (0, type_graphql_1.ObjectType)('PredictionMetrics', { description: "A predicting version's per-customer predictions over the split's horizon, against what happened." })
], PredictionMetricsType);
let EvaluationMetricsType = class EvaluationMetricsType {
    predictions;
    asOf;
    horizonDays;
    customers;
    segments;
    definitions;
    futureSpendR2;
    futureLogSpendR2;
    futureSpendR2Adjusted;
    futureLogSpendR2Adjusted;
    churnAuc;
    spendLift;
    hitRateAt10;
    hitRateAt10All;
    popularityHitRateAt10;
    popularityHitRateAt10All;
    stabilityAri;
    reclusteringAri;
    reclusterings;
    stabilityJaccard;
    bootstraps;
    smallestShare;
    largestShare;
    sizeEntropy;
    sizeEntropyNormalised;
    metricSpace;
    silhouette;
    daviesBouldin;
    calinskiHarabasz;
    inertia;
    rfmSilhouette;
    rfmDaviesBouldin;
    rfmCalinskiHarabasz;
    groundTruthAri;
    groundTruthNmi;
    leakage;
};
exports.EvaluationMetricsType = EvaluationMetricsType;
__decorate([
    (0, type_graphql_1.Field)(() => PredictionMetricsType, { nullable: true, description: 'Per-customer prediction metrics, for versions whose segmenter predicts (null otherwise).' }),
    __metadata("design:type", Object)
], EvaluationMetricsType.prototype, "predictions", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => scalars_1.DateTimeScalar),
    __metadata("design:type", Date)
], EvaluationMetricsType.prototype, "asOf", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => type_graphql_1.Int),
    __metadata("design:type", Number)
], EvaluationMetricsType.prototype, "horizonDays", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => type_graphql_1.Int),
    __metadata("design:type", Number)
], EvaluationMetricsType.prototype, "customers", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => type_graphql_1.Int),
    __metadata("design:type", Number)
], EvaluationMetricsType.prototype, "segments", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => type_graphql_1.Int, { description: 'The version of the metric definitions (2: HitRate@10 over buyers, cross-fitted segment rates, refit stability, internal metrics in the own space). Comparisons use only the current one.' }),
    __metadata("design:type", Number)
], EvaluationMetricsType.prototype, "definitions", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => type_graphql_1.Float, { nullable: true, description: "Share of the variance of net spend in the horizon explained by segment membership, cross-fitted (each half of the customers scored with the other half's segment means; can be negative)." }),
    __metadata("design:type", Object)
], EvaluationMetricsType.prototype, "futureSpendR2", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => type_graphql_1.Float, { nullable: true, description: 'The same for log(1 + net spend in the horizon): less ruled by a few large buyers.' }),
    __metadata("design:type", Object)
], EvaluationMetricsType.prototype, "futureLogSpendR2", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => type_graphql_1.Float, { nullable: true, description: 'In-sample between-segment R² of net spend, adjusted for the number of segments.' }),
    __metadata("design:type", Object)
], EvaluationMetricsType.prototype, "futureSpendR2Adjusted", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => type_graphql_1.Float, { nullable: true, description: 'In-sample between-segment R² of log(1 + net spend), adjusted for the number of segments.' }),
    __metadata("design:type", Object)
], EvaluationMetricsType.prototype, "futureLogSpendR2Adjusted", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => type_graphql_1.Float, { nullable: true, description: "AUC of the segment's churn rate, estimated on the other half of the customers (cross-fitted), as a score for not buying in the horizon." }),
    __metadata("design:type", Object)
], EvaluationMetricsType.prototype, "churnAuc", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => type_graphql_1.Float, { nullable: true, description: 'Mean future spend of the best segment (chosen on the other half) over the mean of all, cross-fitted.' }),
    __metadata("design:type", Object)
], EvaluationMetricsType.prototype, "spendLift", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => type_graphql_1.Float, { nullable: true, description: "Among customers who buy in the horizon, the share who buy one of their segment's 10 most bought products (new to them)." }),
    __metadata("design:type", Object)
], EvaluationMetricsType.prototype, "hitRateAt10", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => type_graphql_1.Float, { nullable: true, description: 'HitRate@10 over every customer (non-buyers count as misses).' }),
    __metadata("design:type", Object)
], EvaluationMetricsType.prototype, "hitRateAt10All", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => type_graphql_1.Float, { nullable: true, description: 'The global-popularity reference on the same customers: the same 10 most bought products for everyone (minus their own), over buyers.' }),
    __metadata("design:type", Object)
], EvaluationMetricsType.prototype, "popularityHitRateAt10", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => type_graphql_1.Float, { nullable: true, description: 'The global-popularity reference over every customer.' }),
    __metadata("design:type", Object)
], EvaluationMetricsType.prototype, "popularityHitRateAt10All", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => type_graphql_1.Float, { description: 'Mean adjusted Rand index against the full fit of the whole pipeline refitted on bootstrap resamples (`bootstraps` of them).' }),
    __metadata("design:type", Number)
], EvaluationMetricsType.prototype, "stabilityAri", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => type_graphql_1.Float, { nullable: true, description: 'Embedding segmenters: mean ARI of re-clustering their fixed segmentation space on resamples (the representation is not refitted).' }),
    __metadata("design:type", Object)
], EvaluationMetricsType.prototype, "reclusteringAri", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => type_graphql_1.Int, { nullable: true, description: 'Resamples behind reclusteringAri.' }),
    __metadata("design:type", Object)
], EvaluationMetricsType.prototype, "reclusterings", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => [type_graphql_1.Float], { nullable: 'items', description: "Per segment, mean best Jaccard similarity to a bootstrap refit's segments (fpc::clusterboot); null for a segment with no customer at the split." }),
    __metadata("design:type", Array)
], EvaluationMetricsType.prototype, "stabilityJaccard", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => type_graphql_1.Int, { description: 'Refits behind stabilityAri (fewer for segmenters that train a network).' }),
    __metadata("design:type", Number)
], EvaluationMetricsType.prototype, "bootstraps", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => type_graphql_1.Float),
    __metadata("design:type", Number)
], EvaluationMetricsType.prototype, "smallestShare", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => type_graphql_1.Float),
    __metadata("design:type", Number)
], EvaluationMetricsType.prototype, "largestShare", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => type_graphql_1.Float, { description: 'Entropy of the segment sizes in nats.' }),
    __metadata("design:type", Number)
], EvaluationMetricsType.prototype, "sizeEntropy", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => type_graphql_1.Float, { description: 'Entropy / ln k: 1 is perfectly even.' }),
    __metadata("design:type", Number)
], EvaluationMetricsType.prototype, "sizeEntropyNormalised", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => String, { nullable: true, description: "Where silhouette, daviesBouldin, calinskiHarabasz and inertia are computed: `embedding` (the segmenter's own segmentation space) or `features` (the standardised features)." }),
    __metadata("design:type", String)
], EvaluationMetricsType.prototype, "metricSpace", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => type_graphql_1.Float, { nullable: true }),
    __metadata("design:type", Object)
], EvaluationMetricsType.prototype, "silhouette", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => type_graphql_1.Float, { nullable: true }),
    __metadata("design:type", Object)
], EvaluationMetricsType.prototype, "daviesBouldin", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => type_graphql_1.Float, { nullable: true }),
    __metadata("design:type", Object)
], EvaluationMetricsType.prototype, "calinskiHarabasz", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => type_graphql_1.Float),
    __metadata("design:type", Number)
], EvaluationMetricsType.prototype, "inertia", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => type_graphql_1.Float, { nullable: true, description: 'Silhouette on the standardised features, whatever the segmenter.' }),
    __metadata("design:type", Object)
], EvaluationMetricsType.prototype, "rfmSilhouette", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => type_graphql_1.Float, { nullable: true, description: 'Davies-Bouldin on the standardised features.' }),
    __metadata("design:type", Object)
], EvaluationMetricsType.prototype, "rfmDaviesBouldin", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => type_graphql_1.Float, { nullable: true, description: 'Calinski-Harabasz on the standardised features.' }),
    __metadata("design:type", Object)
], EvaluationMetricsType.prototype, "rfmCalinskiHarabasz", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => type_graphql_1.Float, { nullable: true, description: 'Against customers\' ground-truth labels, where the data has them.' }),
    __metadata("design:type", Object)
], EvaluationMetricsType.prototype, "groundTruthAri", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => type_graphql_1.Float, { nullable: true }),
    __metadata("design:type", Object)
], EvaluationMetricsType.prototype, "groundTruthNmi", void 0);
__decorate([
    (0, type_graphql_1.Field)({ description: 'The version was trained on data after asOf: its predictive numbers are optimistic.' }),
    __metadata("design:type", Boolean)
], EvaluationMetricsType.prototype, "leakage", void 0);
exports.EvaluationMetricsType = EvaluationMetricsType = __decorate([
    (0, type_graphql_1.ObjectType)('EvaluationMetrics', { description: 'A version on one time split: data before asOf, outcomes in the following horizon.' })
], EvaluationMetricsType);
let ComparisonRowType = class ComparisonRowType {
    versionId;
    modelName;
    segmenter;
    versionNumber;
    metrics;
};
exports.ComparisonRowType = ComparisonRowType;
__decorate([
    (0, type_graphql_1.Field)(() => type_graphql_1.ID),
    __metadata("design:type", Number)
], ComparisonRowType.prototype, "versionId", void 0);
__decorate([
    (0, type_graphql_1.Field)(),
    __metadata("design:type", String)
], ComparisonRowType.prototype, "modelName", void 0);
__decorate([
    (0, type_graphql_1.Field)(),
    __metadata("design:type", String)
], ComparisonRowType.prototype, "segmenter", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => type_graphql_1.Int),
    __metadata("design:type", Number)
], ComparisonRowType.prototype, "versionNumber", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => EvaluationMetricsType, { nullable: true, description: 'Null until the version is evaluated on this split (see `Comparison.missing` and `startEvaluation`).' }),
    __metadata("design:type", Object)
], ComparisonRowType.prototype, "metrics", void 0);
exports.ComparisonRowType = ComparisonRowType = __decorate([
    (0, type_graphql_1.ObjectType)('ComparisonRow')
], ComparisonRowType);
let ComparisonReferenceType = class ComparisonReferenceType {
    name;
    description;
    segments;
    hitRateAt10;
    hitRateAt10All;
};
exports.ComparisonReferenceType = ComparisonReferenceType;
__decorate([
    (0, type_graphql_1.Field)(),
    __metadata("design:type", String)
], ComparisonReferenceType.prototype, "name", void 0);
__decorate([
    (0, type_graphql_1.Field)(),
    __metadata("design:type", String)
], ComparisonReferenceType.prototype, "description", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => type_graphql_1.Int),
    __metadata("design:type", Number)
], ComparisonReferenceType.prototype, "segments", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => type_graphql_1.Float, { nullable: true }),
    __metadata("design:type", Object)
], ComparisonReferenceType.prototype, "hitRateAt10", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => type_graphql_1.Float, { nullable: true }),
    __metadata("design:type", Object)
], ComparisonReferenceType.prototype, "hitRateAt10All", void 0);
exports.ComparisonReferenceType = ComparisonReferenceType = __decorate([
    (0, type_graphql_1.ObjectType)('ComparisonReference', { description: 'A baseline on the same customers and split that is not a version (global popularity): segments that do not beat it on HitRate@10 carry no taste.' })
], ComparisonReferenceType);
let ComparisonType = class ComparisonType {
    asOf;
    horizonDays;
    rows;
    references;
    bestByMetric;
    csv;
    missing;
    evaluationRunId;
};
exports.ComparisonType = ComparisonType;
__decorate([
    (0, type_graphql_1.Field)(() => scalars_1.DateTimeScalar),
    __metadata("design:type", Date)
], ComparisonType.prototype, "asOf", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => type_graphql_1.Int),
    __metadata("design:type", Number)
], ComparisonType.prototype, "horizonDays", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => [ComparisonRowType]),
    __metadata("design:type", Array)
], ComparisonType.prototype, "rows", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => [ComparisonReferenceType], { description: 'Reference rows (global popularity) on the same split; empty until a version is evaluated on it.' }),
    __metadata("design:type", Array)
], ComparisonType.prototype, "references", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => evaluation_type_1.BestByMetricType, { description: 'Per metric, the id of the best version (lower is better for daviesBouldin, higher otherwise).' }),
    __metadata("design:type", evaluation_type_1.BestByMetricType)
], ComparisonType.prototype, "bestByMetric", void 0);
__decorate([
    (0, type_graphql_1.Field)({ description: 'The rows as CSV, one column per metric.' }),
    __metadata("design:type", String)
], ComparisonType.prototype, "csv", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => [type_graphql_1.ID], { description: 'Versions with no stored evaluation on this split: their rows have null metrics. Comparisons never compute; `startEvaluation` does.' }),
    __metadata("design:type", Array)
], ComparisonType.prototype, "missing", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => type_graphql_1.ID, { nullable: true, description: 'A QUEUED or RUNNING evaluation run that will fill in every missing version, when there is one.' }),
    __metadata("design:type", Object)
], ComparisonType.prototype, "evaluationRunId", void 0);
exports.ComparisonType = ComparisonType = __decorate([
    (0, type_graphql_1.ObjectType)('Comparison', { description: 'Versions on the same customers and the same split.' })
], ComparisonType);
let AliasMoveType = class AliasMoveType {
    alias;
    versionId;
    previousVersionId;
    movedBy;
    movedAt;
};
exports.AliasMoveType = AliasMoveType;
__decorate([
    (0, type_graphql_1.Field)(),
    __metadata("design:type", String)
], AliasMoveType.prototype, "alias", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => type_graphql_1.ID),
    __metadata("design:type", Number)
], AliasMoveType.prototype, "versionId", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => type_graphql_1.ID, { nullable: true }),
    __metadata("design:type", Object)
], AliasMoveType.prototype, "previousVersionId", void 0);
__decorate([
    (0, type_graphql_1.Field)(),
    __metadata("design:type", String)
], AliasMoveType.prototype, "movedBy", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => scalars_1.DateTimeScalar),
    __metadata("design:type", Date)
], AliasMoveType.prototype, "movedAt", void 0);
exports.AliasMoveType = AliasMoveType = __decorate([
    (0, type_graphql_1.ObjectType)('AliasMove')
], AliasMoveType);
exports.AliasMoveConnection = (0, connection_type_1.ConnectionType)('AliasMove', AliasMoveType);
let SegmentCustomerEdge = class SegmentCustomerEdge {
    cursor;
    distance;
    node;
};
exports.SegmentCustomerEdge = SegmentCustomerEdge;
__decorate([
    (0, type_graphql_1.Field)(),
    __metadata("design:type", String)
], SegmentCustomerEdge.prototype, "cursor", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => type_graphql_1.Float),
    __metadata("design:type", Number)
], SegmentCustomerEdge.prototype, "distance", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => customer_type_1.CustomerType),
    __metadata("design:type", customer_type_1.CustomerType)
], SegmentCustomerEdge.prototype, "node", void 0);
exports.SegmentCustomerEdge = SegmentCustomerEdge = __decorate([
    (0, type_graphql_1.ObjectType)('SegmentCustomerEdge', { description: "A segment's customer and its distance to the segment's centre." })
], SegmentCustomerEdge);
let SegmentCustomerConnection = class SegmentCustomerConnection {
    edges;
    pageInfo;
    totalCount;
};
exports.SegmentCustomerConnection = SegmentCustomerConnection;
__decorate([
    (0, type_graphql_1.Field)(() => [SegmentCustomerEdge]),
    __metadata("design:type", Array)
], SegmentCustomerConnection.prototype, "edges", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => connection_type_1.PageInfo),
    __metadata("design:type", connection_type_1.PageInfo)
], SegmentCustomerConnection.prototype, "pageInfo", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => type_graphql_1.Int),
    __metadata("design:type", Number)
], SegmentCustomerConnection.prototype, "totalCount", void 0);
exports.SegmentCustomerConnection = SegmentCustomerConnection = __decorate([
    (0, type_graphql_1.ObjectType)('SegmentCustomerConnection')
], SegmentCustomerConnection);
let SegmentAssignmentType = class SegmentAssignmentType {
    customerId;
    versionId;
    segmentId;
    distance;
};
exports.SegmentAssignmentType = SegmentAssignmentType;
__decorate([
    (0, type_graphql_1.Field)(() => type_graphql_1.Float),
    __metadata("design:type", Number)
], SegmentAssignmentType.prototype, "distance", void 0);
exports.SegmentAssignmentType = SegmentAssignmentType = __decorate([
    (0, type_graphql_1.ObjectType)('SegmentAssignment')
], SegmentAssignmentType);
let RegisterModelInput = class RegisterModelInput {
    name;
    segmenter;
    params;
    allowProtectedAttributes;
};
exports.RegisterModelInput = RegisterModelInput;
__decorate([
    (0, type_graphql_1.Field)(),
    __metadata("design:type", String)
], RegisterModelInput.prototype, "name", void 0);
__decorate([
    (0, type_graphql_1.Field)({ description: 'A segmenter code (see `segmenters`).' }),
    __metadata("design:type", String)
], RegisterModelInput.prototype, "segmenter", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => scalars_1.JSONScalar, { nullable: true, description: "Checked against the segmenter's params (see `Segmenter.params`); defaults fill the rest. JSON because params are the segmenter's own." }),
    __metadata("design:type", Object)
], RegisterModelInput.prototype, "params", void 0);
__decorate([
    (0, type_graphql_1.Field)({ nullable: true, defaultValue: false, description: 'Opt in to features derived from protected attributes (age, gender_female, gender_male); refused without it. Versions record what they used.' }),
    __metadata("design:type", Boolean)
], RegisterModelInput.prototype, "allowProtectedAttributes", void 0);
exports.RegisterModelInput = RegisterModelInput = __decorate([
    (0, type_graphql_1.InputType)()
], RegisterModelInput);
let TrainingRunFilter = class TrainingRunFilter {
    modelId;
    status;
};
exports.TrainingRunFilter = TrainingRunFilter;
__decorate([
    (0, type_graphql_1.Field)(() => type_graphql_1.ID, { nullable: true }),
    __metadata("design:type", Object)
], TrainingRunFilter.prototype, "modelId", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => RunStatusEnum, { nullable: true }),
    __metadata("design:type", Object)
], TrainingRunFilter.prototype, "status", void 0);
exports.TrainingRunFilter = TrainingRunFilter = __decorate([
    (0, type_graphql_1.InputType)()
], TrainingRunFilter);
//# sourceMappingURL=training.type.js.map