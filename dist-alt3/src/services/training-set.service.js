"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.TrainingSetService = void 0;
const feature_catalogue_1 = require("../training/feature-catalogue");
/** Customers per feature query (each chunk holds a synchronous driver for ~0.1 s at most). */
// Small enough that one statement holds a SQLite server for tens of milliseconds, not hundreds (Online Retail).
const FEATURE_CHUNK = 100;
/**
 * What a segmenter sees for the customers who bought before `asOf`: its features, plus sequences, catalogue and
 * reviews when it declares those inputs. Used by training runs and by evaluations on a time split, so both see the
 * data the same way.
 */
class TrainingSetService {
    dataSource;
    featureService;
    sequences;
    constructor(dataSource, featureService, sequences) {
        this.dataSource = dataSource;
        this.featureService = featureService;
        this.sequences = sequences;
    }
    async build(segmenter, featureNames, asOf, options = {}) {
        const features = (await this.computeFeatures(asOf, options.cancelled)).filter((f) => f.frequency > 0);
        const data = (0, feature_catalogue_1.buildTrainingSet)(features, featureNames);
        await this.sequences.complete(data, [...segmenter.capabilities.inputs, ...(options.extraInputs ?? [])], asOf, yieldTurn);
        return { data, features };
    }
    /**
     * Features of every customer, a chunk at a time with a turn of the event loop between chunks: on SQLite each query
     * runs synchronously, and one statement over 100,000 customers would hold the server for seconds.
     */
    async computeFeatures(asOf, cancelled) {
        const ids = await this.dataSource.query('SELECT id FROM customers ORDER BY id');
        const out = [];
        for (let start = 0; start < ids.length; start += FEATURE_CHUNK) {
            if (cancelled?.())
                throw Object.assign(new Error('cancelled'), { cancelled: true });
            for (const f of await this.featureService.compute(ids.slice(start, start + FEATURE_CHUNK).map((r) => Number(r.id)), asOf))
                out.push(f);
            await yieldTurn();
        }
        return out;
    }
}
exports.TrainingSetService = TrainingSetService;
function yieldTurn() {
    return new Promise((resolve) => setImmediate(resolve));
}
//# sourceMappingURL=training-set.service.js.map