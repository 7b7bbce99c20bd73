"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.EVAL_MODELS = void 0;
exports.runEval = runEval;
exports.formatComparison = formatComparison;
const node_path_1 = __importDefault(require("node:path"));
const database_1 = require("../db/database");
const source_spec_1 = require("../import/source-spec");
const services_1 = require("../services");
const pubsub_1 = require("../pubsub/pubsub");
/** The models `segmentql eval` trains: the baseline, the transformers with their defaults (joined with RFM), and without RFM. */
exports.EVAL_MODELS = [
    { name: 'kmeans (RFM)', segmenter: 'kmeans', params: {} },
    { name: 'svd (taste baseline)', segmenter: 'svd', params: {} },
    // Taste: k and the sequence blocks' weights chosen on the inner window before asOf.
    { name: 'gpt taste', segmenter: 'gpt', params: { rfmWeight: 0, select: 'validation' } },
    { name: 'bert taste', segmenter: 'bert', params: { rfmWeight: 0, textWeight: 0, select: 'validation' } },
    { name: 'gpt value x taste', segmenter: 'gpt', params: { rfmWeight: 0, select: 'validation', valueTiers: true, kMin: 2, kMax: 4 } },
    { name: 'gpt + RFM', segmenter: 'gpt', params: {} },
    { name: 'bert + RFM', segmenter: 'bert', params: {} },
    { name: 'clv (BG/NBD + Gamma-Gamma)', segmenter: 'clv', params: {} },
];
/**
 * Imports the data (if the database has no orders yet), trains every model on the data before `asOf`, and compares
 * them on that split: the data scientist's table, in one command.
 */
async function runEval(config, database, options, out) {
    const dataSource = await (0, database_1.openDatabase)(database);
    const log = (line) => out.write(line + '\n');
    const services = (0, services_1.createServices)(dataSource, config, (line) => /epoch \d+:|early stop|backend|fine-tun|inner window|value x taste|folded/.test(line) && log(`  ${line}`));
    try {
        const [{ n }] = await dataSource.query('SELECT COUNT(*) AS n FROM orders');
        if (Number(n) === 0) {
            if (!options.data)
                throw new Error('the database has no orders: give --data FILE');
            if (!(0, source_spec_1.isImportFormat)(options.format))
                throw new Error(`unknown --format ${options.format}`);
            log(`importing ${node_path_1.default.basename(options.data)} ...`);
            const summary = await services.imports.importSource((0, source_spec_1.createSource)({ format: options.format, path: options.data }), { onError: 'skip' });
            log(`imported ${summary.rowsImported} rows in ${(summary.durationMs / 1000).toFixed(1)} s`);
        }
        const ids = [];
        for (const spec of exports.EVAL_MODELS.filter((m) => options.models.includes(m.name) || options.models.includes(m.segmenter) || options.models.includes('all'))) {
            const name = `${spec.name} @ ${options.asOf.toISOString().slice(0, 10)} #${Date.now().toString(36)}`;
            const declared = new Set(services.training.registry.get(spec.segmenter).params.map((p) => p.name));
            const extra = Object.fromEntries(Object.entries(options.params ?? {}).filter(([key]) => declared.has(key)));
            // A predicting model predicts over the split's horizon (its value tiers are cut on it) unless --params names its
            // own (e.g. a fine-tuned predictor that needs history before its label window: it then scales to the split's).
            const params = { ...spec.params, ...(options.k && declared.has('k') ? { k: options.k } : {}), ...(declared.has('horizonDays') ? { horizonDays: options.horizonDays } : {}), ...extra };
            const model = await services.training.registerModel({ name, segmenter: spec.segmenter, params });
            const started = Date.now();
            log(`training ${spec.name} on data before ${options.asOf.toISOString().slice(0, 10)} ...`);
            const run = await services.training.startRun(model.id, {}, { seed: options.seed, asOf: options.asOf });
            await services.runner.idle();
            const done = await services.training.getRun(run.id);
            if (done.status !== 'SUCCEEDED')
                throw new Error(`${spec.name}: run ${done.status}: ${done.error}`);
            log(`  ${spec.name}: version ${done.modelVersionId}, ${((Date.now() - started) / 1000).toFixed(0)} s on ${done.backend}`);
            ids.push(done.modelVersionId);
        }
        log(`evaluating on ${options.asOf.toISOString().slice(0, 10)} + ${options.horizonDays} days ...`);
        // The same job the API queues (startEvaluation): a worker thread computes, the metrics are stored, then read back.
        const started = Date.now();
        const run = await services.evaluation.start(ids, options.asOf, options.horizonDays);
        let lastMessage = '';
        const updates = services.pubsub.subscribe(pubsub_1.Topic.EVALUATION_RUN, run.id);
        const follow = (async () => {
            for await (const r of updates) {
                if (r.message && r.message !== lastMessage && /refit \d+ of|evaluated|computing features/.test(r.message))
                    log(`  ${r.message}`);
                lastMessage = r.message ?? '';
            }
        })();
        await services.evaluationRunner.idle();
        await updates.return?.();
        await follow.catch(() => undefined);
        const done = await services.evaluation.getRun(run.id);
        if (done.status !== 'SUCCEEDED')
            throw new Error(`evaluation run ${done.status}: ${done.error ?? done.message}`);
        log(`  evaluated in ${((Date.now() - started) / 1000).toFixed(0)} s`);
        const comparison = await services.evaluation.compare(ids, options.asOf, options.horizonDays);
        out.write('\n' + formatComparison(comparison) + '\n');
        return comparison;
    }
    finally {
        await services.runner.close();
        await services.evaluationRunner.close();
        await dataSource.destroy();
    }
}
const COLUMNS = [
    ['k', 'segments', (x) => String(x)],
    // Segment rates cross-fitted (estimated on the other half of the customers).
    ['R² spend', 'futureSpendR2', (x) => x.toFixed(3)],
    ['R² log spend', 'futureLogSpendR2', (x) => x.toFixed(3)],
    ['in-sample adj. R² log', 'futureLogSpendR2Adjusted', (x) => x.toFixed(3)],
    ['churn AUC', 'churnAuc', (x) => x.toFixed(3)],
    ['HitRate@10', 'hitRateAt10', (x) => x.toFixed(3)],
    ['HR@10 all', 'hitRateAt10All', (x) => x.toFixed(3)],
    ['lift', 'spendLift', (x) => x.toFixed(2)],
    ['stab. ARI', 'stabilityAri', (x) => x.toFixed(3)],
    ['refits', 'bootstraps', (x) => String(x)],
    ['recluster ARI', 'reclusteringAri', (x) => x.toFixed(3)],
    ['min share', 'smallestShare', (x) => x.toFixed(3)],
    ['silhouette', 'silhouette', (x) => x.toFixed(3)],
    ['RFM silh.', 'rfmSilhouette', (x) => x.toFixed(3)],
    // Per-customer predictions (predicting versions only).
    ['cust. churn AUC', 'predictions.churnAuc', (x) => x.toFixed(3)],
    ['spend Spearman', 'predictions.spendSpearman', (x) => x.toFixed(3)],
    ['purchases err', 'predictions.purchasesForecastError', (x) => `${(x * 100).toFixed(0)}%`],
    ['spend err', 'predictions.spendForecastError', (x) => `${(x * 100).toFixed(0)}%`],
    // The value tiers scored as segments.
    ['tier churn AUC', 'predictions.tierChurnAuc', (x) => x.toFixed(3)],
    ['tier R² log spend', 'predictions.tierLogSpendR2', (x) => x.toFixed(3)],
];
/** A metric by its dotted path (`predictions.churnAuc`). */
function metricAt(metrics, key) {
    let at = metrics;
    for (const part of key.split('.'))
        at = at === null || at === undefined ? undefined : at[part];
    return at;
}
/** A plain-text table, one row per version, then the best per metric. */
function formatComparison(c) {
    const header = ['model', ...COLUMNS.map(([h]) => h)];
    const cells = (name, metrics) => [name, ...COLUMNS.map(([, key, fmt]) => {
            const v = metricAt(metrics, key);
            return v === null || v === undefined || !Number.isFinite(v) ? '-' : fmt(v);
        })];
    const rows = [
        ...c.rows.map((r) => cells(r.modelName.replace(/ @ .*$/, ''), r.metrics)),
        // Reference rows (not versions): what a segmentation must beat.
        ...c.references.map((r) => cells(`${r.name} (reference)`, { segments: r.segments, hitRateAt10: r.hitRateAt10, hitRateAt10All: r.hitRateAt10All })),
    ];
    const widths = header.map((h, i) => rows.reduce((w, r) => Math.max(w, r[i].length), h.length));
    const line = (cells) => cells.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]) : cell.padStart(widths[i]))).join('  ');
    return [
        `split: features before ${c.asOf.toISOString().slice(0, 10)}, outcomes over the next ${c.horizonDays} days, ${c.rows.find((r) => r.metrics)?.metrics?.customers ?? 0} customers`,
        line(header),
        line(widths.map((w) => '-'.repeat(w))),
        ...rows.map(line),
        'R², churn AUC and lift cross-fitted (segment rates from the other half of the customers); "in-sample adj. R²" is not; HitRate@10 over customers who buy a product in the horizon, "HR@10 all" over everyone; stab. ARI: refits of the whole pipeline (their number in "refits").',
    ].join('\n');
}
//# sourceMappingURL=eval.js.map