"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.MIGRATIONS = void 0;
const _1764320000000_initial_schema_1 = require("./1764320000000-initial-schema");
const _1764400000000_segmentation_1 = require("./1764400000000-segmentation");
const _1764500000000_training_progress_1 = require("./1764500000000-training-progress");
const _1764600000000_evaluation_1 = require("./1764600000000-evaluation");
const _1764700000000_access_1 = require("./1764700000000-access");
const _1764800000000_customer_stats_1 = require("./1764800000000-customer-stats");
const _1764900000000_evaluation_runs_1 = require("./1764900000000-evaluation-runs");
const _1765000000000_version_numbers_1 = require("./1765000000000-version-numbers");
const _1765100000000_run_owners_1 = require("./1765100000000-run-owners");
const _1765300000000_api_key_revision_1 = require("./1765300000000-api-key-revision");
const _1765400000000_export_quotas_1 = require("./1765400000000-export-quotas");
const _1765500000000_customer_predictions_1 = require("./1765500000000-customer-predictions");
/** Every migration, oldest first. Listed explicitly so that tests, the CLI and the server run the same set. */
exports.MIGRATIONS = [_1764320000000_initial_schema_1.InitialSchema1764320000000, _1764400000000_segmentation_1.Segmentation1764400000000, _1764500000000_training_progress_1.TrainingProgress1764500000000, _1764600000000_evaluation_1.Evaluation1764600000000, _1764700000000_access_1.Access1764700000000, _1764800000000_customer_stats_1.CustomerStats1764800000000, _1764900000000_evaluation_runs_1.EvaluationRuns1764900000000, _1765000000000_version_numbers_1.VersionNumbers1765000000000, _1765100000000_run_owners_1.RunOwners1765100000000, _1765300000000_api_key_revision_1.ApiKeyRevision1765300000000, _1765400000000_export_quotas_1.ExportQuotas1765400000000, _1765500000000_customer_predictions_1.CustomerPredictions1765500000000];
//# sourceMappingURL=index.js.map