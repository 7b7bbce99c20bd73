"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.demoTrainingSet = demoTrainingSet;
const kmeans_1 = require("../../plugins/kmeans");
const data_version_1 = require("../../src/services/data-version");
const demo_service_1 = require("../../src/services/demo.service");
const feature_service_1 = require("../../src/services/feature.service");
const import_service_1 = require("../../src/services/import.service");
const sequence_service_1 = require("../../src/services/sequence.service");
const training_set_service_1 = require("../../src/services/training-set.service");
const database_1 = require("./database");
async function demoTrainingSet(options) {
    const db = await (0, database_1.openTestDataSource)();
    try {
        const { dataSource } = db;
        const dataVersion = new data_version_1.DataVersion();
        await new demo_service_1.DemoService(dataSource, new import_service_1.ImportService(dataSource, dataVersion)).seed({ customers: options.customers, seed: options.seed });
        const trainingSets = new training_set_service_1.TrainingSetService(dataSource, new feature_service_1.FeatureService(dataSource, dataVersion), new sequence_service_1.SequenceService(dataSource));
        // Every input a plugin can declare: numeric features (k-means' own), plus sequences and texts.
        const { data } = await trainingSets.build(kmeans_1.kmeansSegmenter, options.featureNames, options.asOf ?? new Date('2026-07-01T00:00:00Z'), { extraInputs: ['sequence', 'text'] });
        const labels = await dataSource.query('SELECT id, ground_truth_label AS label FROM customers');
        const persona = new Map(labels.map((r) => [Number(r.id), r.label]));
        const personas = data.customerIds.map((id) => persona.get(id) ?? null);
        if (personas.some((p) => p === null))
            throw new Error('a demo customer without a persona');
        return { data, personas: personas };
    }
    finally {
        await db.close();
    }
}
//# sourceMappingURL=demo-training-set.js.map