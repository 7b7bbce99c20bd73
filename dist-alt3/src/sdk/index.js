"use strict";
/**
 * The segmentql plugin SDK: the one module a segmenter plugin imports (`segmentql/sdk` from outside the package,
 * `src/sdk` inside it). It holds the plugin interface and the toolkit plugins share with the core — clustering,
 * internal metrics, the seeded RNG, feature names and scaling, purchase-sequence encoding and the transformer building
 * blocks. Anything not exported here is internal and may change without notice.
 *
 * TensorFlow.js and text encoders are not imported by plugins: the host hands them over through the context
 * (`ctx.tensorflow()`, `ctx.textEncoder(id)`), on the backend and models folder it was configured with.
 */
Object.defineProperty(exports, "__esModule", { value: true });
exports.validateTextEncoderId = exports.DEFAULT_TEXT_ENCODER = exports.createSequenceSegmenter = exports.checkSequenceParams = exports.pool = exports.nextItemTargets = exports.maskedTargets = exports.makeBatch = exports.itemStates = exports.itemLoss = exports.initWeights = exports.forward = exports.disposeBatch = exports.sliceSequences = exports.encodeSequences = exports.capPerOrder = exports.buildVocabulary = exports.PAD = exports.OOV = exports.MASK = exports.FIRST_ITEM = exports.silhouette = exports.daviesBouldin = exports.computeMetrics = exports.calinskiHarabasz = exports.adjustedRandIndex = exports.inertiaOf = exports.nearest = exports.kmeans = exports.valueTierCuts = exports.clusterRows = exports.standardise = exports.PROTECTED_FEATURES = exports.FEATURE_NAMES = exports.DEFAULT_FEATURES = exports.Random = exports.minimizeSmooth = exports.minimize = void 0;
// Numerical optimisation (Nelder-Mead), for plugins that fit a likelihood.
var optimize_1 = require("../ml/optimize");
Object.defineProperty(exports, "minimize", { enumerable: true, get: function () { return optimize_1.minimize; } });
Object.defineProperty(exports, "minimizeSmooth", { enumerable: true, get: function () { return optimize_1.minimizeSmooth; } });
// Seeded randomness: every random choice of a plugin comes from `new Random(ctx.seed)`.
var random_1 = require("../ml/random");
Object.defineProperty(exports, "Random", { enumerable: true, get: function () { return random_1.Random; } });
// Features: the catalogue's names, the default RFM set, and standard scaling.
var feature_catalogue_1 = require("../training/feature-catalogue");
Object.defineProperty(exports, "DEFAULT_FEATURES", { enumerable: true, get: function () { return feature_catalogue_1.DEFAULT_FEATURES; } });
Object.defineProperty(exports, "FEATURE_NAMES", { enumerable: true, get: function () { return feature_catalogue_1.FEATURE_NAMES; } });
Object.defineProperty(exports, "PROTECTED_FEATURES", { enumerable: true, get: function () { return feature_catalogue_1.PROTECTED_FEATURES; } });
Object.defineProperty(exports, "standardise", { enumerable: true, get: function () { return feature_catalogue_1.standardise; } });
// Clustering and its internal metrics.
var cluster_1 = require("../ml/clustering/cluster");
Object.defineProperty(exports, "clusterRows", { enumerable: true, get: function () { return cluster_1.clusterRows; } });
var value_tiers_1 = require("../ml/value-tiers");
Object.defineProperty(exports, "valueTierCuts", { enumerable: true, get: function () { return value_tiers_1.valueTierCuts; } });
var kmeans_1 = require("../ml/clustering/kmeans");
Object.defineProperty(exports, "kmeans", { enumerable: true, get: function () { return kmeans_1.kmeans; } });
Object.defineProperty(exports, "nearest", { enumerable: true, get: function () { return kmeans_1.nearest; } });
Object.defineProperty(exports, "inertiaOf", { enumerable: true, get: function () { return kmeans_1.inertiaOf; } });
var metrics_1 = require("../ml/clustering/metrics");
Object.defineProperty(exports, "adjustedRandIndex", { enumerable: true, get: function () { return metrics_1.adjustedRandIndex; } });
Object.defineProperty(exports, "calinskiHarabasz", { enumerable: true, get: function () { return metrics_1.calinskiHarabasz; } });
Object.defineProperty(exports, "computeMetrics", { enumerable: true, get: function () { return metrics_1.computeMetrics; } });
Object.defineProperty(exports, "daviesBouldin", { enumerable: true, get: function () { return metrics_1.daviesBouldin; } });
Object.defineProperty(exports, "silhouette", { enumerable: true, get: function () { return metrics_1.silhouette; } });
// Purchase sequences as tokens.
var sequences_1 = require("../ml/sequences");
Object.defineProperty(exports, "FIRST_ITEM", { enumerable: true, get: function () { return sequences_1.FIRST_ITEM; } });
Object.defineProperty(exports, "MASK", { enumerable: true, get: function () { return sequences_1.MASK; } });
Object.defineProperty(exports, "OOV", { enumerable: true, get: function () { return sequences_1.OOV; } });
Object.defineProperty(exports, "PAD", { enumerable: true, get: function () { return sequences_1.PAD; } });
Object.defineProperty(exports, "buildVocabulary", { enumerable: true, get: function () { return sequences_1.buildVocabulary; } });
Object.defineProperty(exports, "capPerOrder", { enumerable: true, get: function () { return sequences_1.capPerOrder; } });
Object.defineProperty(exports, "encodeSequences", { enumerable: true, get: function () { return sequences_1.encodeSequences; } });
Object.defineProperty(exports, "sliceSequences", { enumerable: true, get: function () { return sequences_1.sliceSequences; } });
// Transformer building blocks (TensorFlow.js; pass the `tf` that `ctx.tensorflow()` gives).
var transformer_1 = require("../ml/transformer");
Object.defineProperty(exports, "disposeBatch", { enumerable: true, get: function () { return transformer_1.disposeBatch; } });
Object.defineProperty(exports, "forward", { enumerable: true, get: function () { return transformer_1.forward; } });
Object.defineProperty(exports, "initWeights", { enumerable: true, get: function () { return transformer_1.initWeights; } });
Object.defineProperty(exports, "itemLoss", { enumerable: true, get: function () { return transformer_1.itemLoss; } });
Object.defineProperty(exports, "itemStates", { enumerable: true, get: function () { return transformer_1.itemStates; } });
Object.defineProperty(exports, "makeBatch", { enumerable: true, get: function () { return transformer_1.makeBatch; } });
Object.defineProperty(exports, "maskedTargets", { enumerable: true, get: function () { return transformer_1.maskedTargets; } });
Object.defineProperty(exports, "nextItemTargets", { enumerable: true, get: function () { return transformer_1.nextItemTargets; } });
Object.defineProperty(exports, "pool", { enumerable: true, get: function () { return transformer_1.pool; } });
// The purchase-sequence transformer segmenter that `gpt` and `bert` configure: a third party can configure its own.
var sequence_segmenter_1 = require("../ml/sequence-segmenter");
Object.defineProperty(exports, "checkSequenceParams", { enumerable: true, get: function () { return sequence_segmenter_1.checkSequenceParams; } });
Object.defineProperty(exports, "createSequenceSegmenter", { enumerable: true, get: function () { return sequence_segmenter_1.createSequenceSegmenter; } });
var text_encoder_1 = require("../ml/text-encoder");
Object.defineProperty(exports, "DEFAULT_TEXT_ENCODER", { enumerable: true, get: function () { return text_encoder_1.DEFAULT_TEXT_ENCODER; } });
Object.defineProperty(exports, "validateTextEncoderId", { enumerable: true, get: function () { return text_encoder_1.validateTextEncoderId; } });
//# sourceMappingURL=index.js.map