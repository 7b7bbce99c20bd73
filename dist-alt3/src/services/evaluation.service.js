"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.EvaluationService = exports.LOWER_IS_BETTER = exports.METRIC_NAMES = exports.DEFAULT_EVALUATION_QUEUE_LIMIT = exports.DEFAULT_HORIZON_DAYS = exports.DEFAULT_BOOTSTRAPS = void 0;
exports.bestByMetric = bestByMetric;
exports.referenceRows = referenceRows;
exports.comparisonCsv = comparisonCsv;
const typeorm_1 = require("typeorm");
const graphql_1 = require("graphql");
const dialect_1 = require("../db/dialect");
const entities_1 = require("../entities");
const errors_1 = require("../errors");
const evaluate_1 = require("../evaluation/evaluate");
var evaluate_2 = require("../evaluation/evaluate");
Object.defineProperty(exports, "DEFAULT_BOOTSTRAPS", { enumerable: true, get: function () { return evaluate_2.DEFAULT_BOOTSTRAPS; } });
const DAY = 86_400_000;
exports.DEFAULT_HORIZON_DAYS = 90;
/** Most evaluation runs one API key may have QUEUED or RUNNING at once, unless configured (EVALUATION_QUEUE_LIMIT). */
exports.DEFAULT_EVALUATION_QUEUE_LIMIT = 4;
exports.METRIC_NAMES = [
    'futureSpendR2',
    'futureLogSpendR2',
    'churnAuc',
    'spendLift',
    'hitRateAt10',
    'hitRateAt10All',
    'futureSpendR2Adjusted',
    'futureLogSpendR2Adjusted',
    'stabilityAri',
    'reclusteringAri',
    'smallestShare',
    'sizeEntropyNormalised',
    'silhouette',
    'daviesBouldin',
    'calinskiHarabasz',
    'rfmSilhouette',
    'rfmDaviesBouldin',
    'rfmCalinskiHarabasz',
    'groundTruthAri',
    'groundTruthNmi',
];
exports.LOWER_IS_BETTER = new Set(['daviesBouldin', 'rfmDaviesBouldin']);
function bestByMetric(rows) {
    const out = {};
    for (const metric of exports.METRIC_NAMES) {
        let best = null;
        for (const r of rows) {
            const value = r.metrics?.[metric];
            if (value === null || value === undefined || !Number.isFinite(value))
                continue;
            const better = exports.LOWER_IS_BETTER.has(metric) ? value < (best?.value ?? Infinity) : value > (best?.value ?? -Infinity);
            if (better)
                best = { id: r.versionId, value };
        }
        out[metric] = best?.id ?? null;
    }
    return out;
}
/** A predicting version's prediction metrics, flattened into the CSV under their own names. */
const PREDICTION_CSV_COLUMNS = ['customerChurnAuc', 'spendSpearman', 'purchasesForecastError', 'spendForecastError', 'tierChurnAuc', 'tierLogSpendR2'];
const CSV_COLUMNS = ['versionId', 'modelName', 'segmenter', 'versionNumber', 'asOf', 'horizonDays', 'customers', 'segments', ...exports.METRIC_NAMES, 'largestShare', 'leakage', 'bootstraps', 'metricSpace', ...PREDICTION_CSV_COLUMNS];
/** The reference rows of a split, from any evaluated row (they depend on the customers and the outcomes only). */
function referenceRows(rows) {
    const m = rows.find((r) => r.metrics && r.metrics.popularityHitRateAt10 !== undefined)?.metrics;
    if (!m)
        return [];
    return [
        {
            name: 'global popularity',
            description: "Everyone is recommended the same 10 most bought products, minus those they bought before (one segment of all customers).",
            segments: 1,
            hitRateAt10: m.popularityHitRateAt10,
            hitRateAt10All: m.popularityHitRateAt10All,
        },
    ];
}
function comparisonCsv(rows, split) {
    const cell = (v) => {
        if (v === null || v === undefined)
            return '';
        const text = typeof v === 'number' ? String(Number(v.toPrecision(10))) : String(v);
        return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
    };
    const lines = [CSV_COLUMNS.join(',')];
    for (const r of rows) {
        const p = r.metrics?.predictions;
        const predictions = p ? { customerChurnAuc: p.churnAuc, spendSpearman: p.spendSpearman, purchasesForecastError: p.purchasesForecastError, spendForecastError: p.spendForecastError, tierChurnAuc: p.tierChurnAuc, tierLogSpendR2: p.tierLogSpendR2 } : {};
        const flat = { ...(split ? { asOf: split.asOf.toISOString(), horizonDays: split.horizonDays } : {}), ...r.metrics, ...predictions, versionId: r.versionId, modelName: r.modelName, segmenter: r.segmenter, versionNumber: r.versionNumber };
        lines.push(CSV_COLUMNS.map((c) => cell(flat[c])).join(','));
    }
    // Reference rows last, with no version: segmenter `reference`.
    for (const ref of referenceRows(rows)) {
        const flat = { ...(split ? { asOf: split.asOf.toISOString(), horizonDays: split.horizonDays } : {}), modelName: ref.name, segmenter: 'reference', segments: ref.segments, hitRateAt10: ref.hitRateAt10, hitRateAt10All: ref.hitRateAt10All };
        lines.push(CSV_COLUMNS.map((c) => cell(flat[c])).join(','));
    }
    return lines.join('\n') + '\n';
}
/**
 * Evaluations of model versions on a time split: each version assigns the customers who bought before `asOf` from
 * data before `asOf` only (features and sequences), and the outcome is their behaviour in the following
 * `horizonDays`. Evaluations are jobs (`start`: queued, run by the EvaluationRunner in a worker thread, with progress
 * and cancellation); their metrics are stored per (version, asOf, horizon), and comparisons read only what is stored.
 */
class EvaluationService {
    dataSource;
    features;
    runner;
    options;
    constructor(dataSource, features, runner, options = { queueLimit: exports.DEFAULT_EVALUATION_QUEUE_LIMIT }) {
        this.dataSource = dataSource;
        this.features = features;
        this.runner = runner;
        this.options = options;
    }
    get runs() {
        return this.dataSource.getRepository(entities_1.EvaluationRun);
    }
    /**
     * Queues an evaluation of versions on one split and returns it at once (QUEUED). The split defaults to the
     * earliest `asOf` the versions were trained at (no version has seen the outcome period), or `horizonDays` before
     * the end of the data when that leaves no horizon. The same versions and split already QUEUED or RUNNING answer
     * that run; a key may have `queueLimit` runs QUEUED or RUNNING at most (RATE_LIMITED beyond).
     */
    async start(versionIds, asOf, horizonDays = exports.DEFAULT_HORIZON_DAYS, options = {}) {
        checkHorizon(horizonDays);
        if (asOf && asOf.getTime() > Date.now()) {
            throw (0, errors_1.badUserInput)(`asOf ${asOf.toISOString()} is in the future: there are no outcomes to evaluate against yet`, { argument: 'asOf' });
        }
        const ids = [...new Set(versionIds)];
        if (ids.length === 0 || ids.length > 20)
            throw (0, errors_1.badUserInput)('evaluate 1 to 20 versions', { argument: 'versionIds' });
        const versions = await this.versionsOf(ids);
        const split = asOf ?? (await this.defaultSplitFor(versions, horizonDays));
        const refresh = options.refresh ?? false;
        const bootstraps = options.bootstraps ?? this.options.bootstraps ?? evaluate_1.DEFAULT_BOOTSTRAPS;
        const keyId = options.keyId ?? null;
        const active = await this.runs.find({ where: { status: (0, typeorm_1.In)(['QUEUED', 'RUNNING']) }, order: { id: 'ASC' } });
        const key = [...ids].sort((a, b) => a - b).join(',');
        const same = active.find((r) => r.asOf.getTime() === split.getTime() && r.horizonDays === horizonDays && r.bootstraps === bootstraps && [...r.versionIds].sort((a, b) => a - b).join(',') === key);
        if (same && (same.refresh || !refresh))
            return same;
        if (same && same.status === 'QUEUED') {
            // A refresh asked while the same evaluation waits: that one recomputes.
            await this.runs.update(same.id, { refresh: true });
            return Object.assign(same, { refresh: true });
        }
        const mine = active.filter((r) => r.requestedByKeyId === keyId).length;
        if (mine >= this.options.queueLimit) {
            throw new graphql_1.GraphQLError(`this API key has ${mine} evaluation run(s) queued or running (at most ${this.options.queueLimit}, EVALUATION_QUEUE_LIMIT): wait for one to finish or cancel one`, {
                extensions: { code: errors_1.ErrorCode.RATE_LIMITED, limit: this.options.queueLimit },
            });
        }
        const run = await this.runs.save(this.runs.create({ versionIds: ids, asOf: split, horizonDays, bootstraps, refresh, status: 'QUEUED', progress: 0, message: 'queued', requestedByKeyId: keyId, queuedAt: new Date() }));
        this.runner.enqueue(run.id);
        return run;
    }
    async getRun(id) {
        return (await this.runs.findOneBy({ id })) ?? Promise.reject((0, errors_1.notFound)('evaluation run', id));
    }
    async cancelRun(id) {
        const run = await this.getRun(id);
        if (entities_1.FINISHED_STATUSES.includes(run.status))
            throw new graphql_1.GraphQLError(`evaluation run ${id} has already ended (${run.status})`, { extensions: { code: errors_1.ErrorCode.CONFLICT } });
        await this.runner.cancel(id);
        return this.getRun(id);
    }
    /**
     * Every version on the same split, from stored evaluations only (nothing is computed here): versions not yet
     * evaluated on the split have null metrics and are listed in `missing`, with the QUEUED or RUNNING run that will
     * fill them in when there is one. Best per metric and CSV over the rows.
     */
    async compare(ids, asOf, horizonDays = exports.DEFAULT_HORIZON_DAYS) {
        checkHorizon(horizonDays);
        if (ids.length === 0 || ids.length > 20)
            throw (0, errors_1.badUserInput)('compare 1 to 20 versions', { argument: 'ids' });
        const versions = await this.versionsOf(ids);
        const split = asOf ?? (await this.defaultSplitFor(versions, horizonDays));
        const models = new Map((await this.dataSource.getRepository(entities_1.SegmentationModel).findBy({ id: (0, typeorm_1.In)(versions.map((v) => v.modelId)) })).map((m) => [m.id, m]));
        const stored = await this.dataSource.getRepository(entities_1.VersionEvaluation).findBy({ versionId: (0, typeorm_1.In)(ids), asOf: split, horizonDays });
        // Metrics of older definitions are not comparable: such versions are listed as missing until re-evaluated.
        const metricsOf = new Map(stored.filter((e) => (0, evaluate_1.currentDefinitions)(e.metrics)).map((e) => [e.versionId, e.metrics]));
        const rows = ids.map((id) => {
            const version = versions.find((v) => v.id === id);
            return { versionId: id, versionNumber: version.number, modelName: models.get(version.modelId)?.name ?? '', segmenter: version.segmenter, metrics: metricsOf.get(id) ?? null };
        });
        const missing = rows.filter((r) => r.metrics === null).map((r) => r.versionId);
        let evaluationRunId = null;
        if (missing.length > 0) {
            const active = await this.runs.find({ where: { status: (0, typeorm_1.In)(['QUEUED', 'RUNNING']), horizonDays }, order: { id: 'ASC' } });
            evaluationRunId = active.find((r) => r.asOf.getTime() === split.getTime() && missing.every((id) => r.versionIds.includes(id)))?.id ?? null;
        }
        return { asOf: split, horizonDays, rows, references: referenceRows(rows), bestByMetric: bestByMetric(rows), csv: comparisonCsv(rows, { asOf: split, horizonDays }), missing, evaluationRunId };
    }
    /** Versions ranked on one metric (stored evaluations on the same split; the newest `limit` versions; not evaluated last). */
    async leaderboard(metric, asOf, horizonDays = exports.DEFAULT_HORIZON_DAYS, limit = 20) {
        if (!exports.METRIC_NAMES.includes(metric))
            throw (0, errors_1.badUserInput)(`unknown metric ${JSON.stringify(metric)}; known: ${exports.METRIC_NAMES.join(', ')}`, { argument: 'metric' });
        checkHorizon(horizonDays);
        const versions = await this.dataSource.getRepository(entities_1.ModelVersion).find({ order: { id: 'DESC' }, take: Math.min(Math.max(limit, 1), 20) });
        if (versions.length === 0)
            return { asOf: asOf ?? new Date(), horizonDays, rows: [], references: [], bestByMetric: {}, csv: comparisonCsv([]), missing: [], evaluationRunId: null };
        const comparison = await this.compare(versions.map((v) => v.id), asOf, horizonDays);
        const sign = exports.LOWER_IS_BETTER.has(metric) ? 1 : -1;
        const value = (r) => r.metrics?.[metric] ?? null;
        comparison.rows.sort((a, b) => {
            const x = value(a);
            const y = value(b);
            const xOk = x !== null && Number.isFinite(x);
            const yOk = y !== null && Number.isFinite(y);
            if (!xOk || !yOk)
                return xOk ? -1 : yOk ? 1 : a.versionId - b.versionId;
            return sign * (x - y) || a.versionId - b.versionId;
        });
        comparison.csv = comparisonCsv(comparison.rows, { asOf: comparison.asOf, horizonDays });
        return comparison;
    }
    async versionsOf(ids) {
        const versions = await this.dataSource.getRepository(entities_1.ModelVersion).findBy({ id: (0, typeorm_1.In)(ids) });
        const missing = ids.filter((id) => !versions.some((v) => v.id === id));
        if (missing.length > 0)
            throw (0, errors_1.notFound)('model version', missing.join(', '));
        return versions;
    }
    /** How many customers moved from each segment of one version to each segment of another (stored assignments). */
    async segmentMigration(fromId, toId) {
        const [from, to] = await Promise.all([this.version(fromId), this.version(toId)]);
        const segments = await this.dataSource.getRepository(entities_1.Segment).find({ where: { versionId: (0, typeorm_1.In)([from.id, to.id]) }, order: { index: 'ASC' } });
        const fromSegments = segments.filter((s) => s.versionId === from.id);
        const toSegments = segments.filter((s) => s.versionId === to.id);
        const d = dialect_1.Dialect.of(this.dataSource);
        const rows = await this.dataSource.query(`SELECT x.segment_id AS a, y.segment_id AS b, COUNT(*) AS n
       FROM segment_assignments x JOIN segment_assignments y ON y.customer_id = x.customer_id AND y.version_id = ${d.param(1)}
       WHERE x.version_id = ${d.param(2)} GROUP BY x.segment_id, y.segment_id`, [to.id, from.id]);
        const row = new Map(fromSegments.map((s, i) => [s.id, i]));
        const col = new Map(toSegments.map((s, i) => [s.id, i]));
        const matrix = fromSegments.map(() => new Array(toSegments.length).fill(0));
        let common = 0;
        for (const r of rows) {
            matrix[row.get(Number(r.a))][col.get(Number(r.b))] += Number(r.n);
            common += Number(r.n);
        }
        return {
            from: { versionId: from.id, segments: fromSegments.map((s) => ({ id: s.id, index: s.index, name: s.name, size: s.size })) },
            to: { versionId: to.id, segments: toSegments.map((s) => ({ id: s.id, index: s.index, name: s.name, size: s.size })) },
            matrix,
            customersInBoth: common,
        };
    }
    /**
     * Each segment's composition by the protected attributes (gender, age band from birth year) against the
     * population; the largest absolute deviation of a share is flagged. These attributes are never features.
     */
    async fairness(versionId) {
        const v = await this.version(versionId);
        const d = dialect_1.Dialect.of(this.dataSource);
        const rows = await this.dataSource.query(`SELECT a.segment_id, c.gender, c.birth_year FROM segment_assignments a JOIN customers c ON c.id = a.customer_id WHERE a.version_id = ${d.param(1)}`, [v.id]);
        const segments = await this.dataSource.getRepository(entities_1.Segment).find({ where: { versionId: v.id }, order: { index: 'ASC' } });
        const year = v.asOf.getUTCFullYear();
        const band = (birthYear) => {
            if (birthYear === null || birthYear === undefined)
                return 'unknown';
            const age = year - Number(birthYear);
            return age < 25 ? '<25' : age < 35 ? '25-34' : age < 45 ? '35-44' : age < 55 ? '45-54' : age < 65 ? '55-64' : '65+';
        };
        const attributes = { gender: (r) => r.gender ?? 'unknown', ageBand: (r) => band(r.birth_year) };
        const report = { versionId: v.id, protectedAttributes: Object.keys(attributes), attributes: {}, largestDeviation: null };
        for (const [attribute, valueOf] of Object.entries(attributes)) {
            const population = new Map();
            const bySegment = new Map();
            for (const r of rows) {
                const value = valueOf(r);
                population.set(value, (population.get(value) ?? 0) + 1);
                const m = bySegment.get(Number(r.segment_id)) ?? new Map();
                m.set(value, (m.get(value) ?? 0) + 1);
                bySegment.set(Number(r.segment_id), m);
            }
            const values = [...population.keys()].sort();
            const share = (m, total) => Object.fromEntries(values.map((x) => [x, total > 0 ? (m.get(x) ?? 0) / total : 0]));
            const populationShare = share(population, rows.length);
            const perSegment = segments.map((s) => {
                const m = bySegment.get(s.id) ?? new Map();
                const total = [...m.values()].reduce((a, b) => a + b, 0);
                const shares = share(m, total);
                const deviations = Object.fromEntries(values.map((x) => [x, shares[x] - populationShare[x]]));
                return { segmentId: s.id, name: s.name, size: total, shares, deviations };
            });
            report.attributes[attribute] = { population: populationShare, segments: perSegment };
            for (const seg of perSegment) {
                for (const [value, deviation] of Object.entries(seg.deviations)) {
                    if (!report.largestDeviation || Math.abs(deviation) > Math.abs(report.largestDeviation.deviation)) {
                        report.largestDeviation = { attribute, value, segmentId: seg.segmentId, segment: seg.name, deviation, segmentShare: seg.shares[value], populationShare: populationShare[value] };
                    }
                }
            }
        }
        return report;
    }
    async version(id) {
        return (await this.dataSource.getRepository(entities_1.ModelVersion).findOneBy({ id })) ?? Promise.reject((0, errors_1.notFound)('model version', id));
    }
    async defaultSplitFor(versions, horizonDays) {
        const earliest = new Date(versions.reduce((m, v) => Math.min(m, v.asOf.getTime()), Infinity));
        const end = await this.features.defaultAsOf();
        return end.getTime() - earliest.getTime() >= horizonDays * DAY ? earliest : new Date(end.getTime() - horizonDays * DAY);
    }
    /** The default split: `horizonDays` before the end of the data. */
    async defaultSplit(horizonDays) {
        const end = await this.features.defaultAsOf();
        return new Date(end.getTime() - horizonDays * DAY);
    }
    async storedEvaluations(versionId) {
        const rows = await this.dataSource.getRepository(entities_1.VersionEvaluation).find({ where: { versionId }, order: { asOf: 'ASC', horizonDays: 'ASC' } });
        return rows.map((r) => ({ definitions: 1, ...r.metrics }));
    }
}
exports.EvaluationService = EvaluationService;
function checkHorizon(horizonDays) {
    if (!Number.isInteger(horizonDays) || horizonDays < 1 || horizonDays > 3650)
        throw (0, errors_1.badUserInput)('horizonDays must be 1 to 3650', { argument: 'horizonDays' });
}
//# sourceMappingURL=evaluation.service.js.map