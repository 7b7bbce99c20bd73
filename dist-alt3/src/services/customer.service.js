"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.CustomerService = void 0;
const typeorm_1 = require("typeorm");
const dialect_1 = require("../db/dialect");
const sql_1 = require("../db/sql");
const money_1 = require("../db/money");
const entities_1 = require("../entities");
const errors_1 = require("../errors");
const batching_1 = require("./batching");
const pagination_1 = require("./pagination");
const NO_ORDER = '0001-01-01 00:00:00.000';
const SORT_KEYS = {
    ID: { expr: () => 'c.id', type: 'number' },
    EXTERNAL_ID: { expr: () => 'c.external_id', type: 'string' },
    COUNTRY: { expr: () => "COALESCE(c.country, '')", type: 'string' },
    SPEND: { expr: () => 'COALESCE(st.spend_e4, 0)', type: 'number', needsStats: true },
    ORDERS: { expr: () => 'COALESCE(st.orders, 0)', type: 'number', needsStats: true },
    LAST_ORDER_AT: { expr: (d) => (d.postgres ? `COALESCE(st.last_order_at, TIMESTAMPTZ '0001-01-01 00:00:00+00')` : `COALESCE(st.last_order_at, '${NO_ORDER}')`), type: 'string', needsStats: true },
    RECENCY: { expr: (d) => SORT_KEYS.LAST_ORDER_AT.expr(d), type: 'string', needsStats: true, reversed: true },
    // Customers the version has no prediction for sort below every value (-1) and above every probability (2).
    CLV: { expr: () => 'COALESCE(cp.clv, -1)', type: 'number', needsPredictions: true },
    CHURN_PROBABILITY: { expr: () => 'COALESCE(cp.churn_probability, 2)', type: 'number', needsPredictions: true },
};
const DEFAULT_PREDICTIONS_ALIAS = 'value';
const STATS_JOIN = 'LEFT JOIN customer_stats st ON st.customer_id = c.id';
const DAY_MS = 86_400_000;
class CustomerService {
    dataSource;
    defaultAsOf;
    stats;
    repo;
    dialect;
    constructor(dataSource, 
    /** The data's "today" (the latest order), for recency filters. */
    defaultAsOf, stats) {
        this.dataSource = dataSource;
        this.defaultAsOf = defaultAsOf;
        this.stats = stats;
        this.repo = dataSource.getRepository(entities_1.Customer);
        this.dialect = dialect_1.Dialect.of(dataSource);
    }
    /**
     * A page of customers, keyset-paged by the sort key and id (two statements: the page of ids, then the rows);
     * `totalCount` counts the filtered set on demand.
     */
    async list(filter = {}, order = { field: 'ID', direction: 'ASC' }, page) {
        const window = (0, pagination_1.pageWindow)(page);
        const key = SORT_KEYS[order.field];
        const listDirection = key.reversed ? (order.direction === 'ASC' ? 'DESC' : 'ASC') : order.direction;
        const direction = (0, pagination_1.fetchDirection)(listDirection, window);
        const keyExpr = key.expr(this.dialect);
        const { sql, from, where } = await this.scope(filter, Boolean(key.needsStats), Boolean(key.needsPredictions));
        if (window.cursor) {
            const [value, id] = (0, pagination_1.decodeCursor)(window.cursor, [key.type, 'number']);
            const bound = key.type === 'string' && key.needsStats ? this.dialect.timestamp(new Date(value)) : value;
            if (bound instanceof Date && Number.isNaN(bound.getTime()))
                throw (0, errors_1.badUserInput)('not a cursor from this list', { argument: 'after' });
            const op = (0, pagination_1.keysetOperator)(direction);
            where.push(`(${keyExpr} ${op} ${sql.p(bound)} OR (${keyExpr} = ${sql.p(bound)} AND c.id ${op} ${sql.p(id)}))`);
        }
        const rows = await this.dataSource.query(`SELECT c.id AS id, ${keyExpr} AS k ${from} ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
       ORDER BY k ${direction}, c.id ${direction} LIMIT ${sql.p(window.limit + 1)}`, sql.params);
        // A customer is never deleted, so every id of the page finds its row.
        const customers = (await this.findByIds(rows.map((r) => Number(r.id)))).filter((c) => c !== null);
        const keys = new Map(rows.map((r) => [Number(r.id), this.cursorValue(key, r.k)]));
        return (0, pagination_1.toConnection)(customers, window, (c) => (0, pagination_1.encodeCursor)([keys.get(c.id), c.id]), () => this.count(filter));
    }
    cursorValue(key, raw) {
        if (key.type === 'number')
            return Number(raw);
        if (key.needsStats)
            return this.dialect.readTimestamp(raw).toISOString();
        return String(raw);
    }
    /** FROM and WHERE of the filtered set, with its parameters; the summary table is made current when it is read. */
    async scope(filter, sortNeedsStats, sortNeedsPredictions = false) {
        const conditions = await this.conditions(filter);
        if (sortNeedsStats || needsStats(filter))
            await this.stats.ensureFresh();
        // Filtering on predictions keeps only customers that have one (an inner join); sorting alone keeps everyone.
        const predictions = filtersPredictions(filter) ? 'JOIN' : sortNeedsPredictions ? 'LEFT JOIN' : null;
        const versionId = predictions ? await this.predictingVersion(filter.predictionsAlias ?? DEFAULT_PREDICTIONS_ALIAS, filtersPredictions(filter) || filter.predictionsAlias ? 'filter.predictionsAlias' : 'orderBy') : null;
        const sql = new sql_1.Sql(this.dialect);
        const from = this.from(sql, filter, sortNeedsStats, predictions && versionId !== null ? { join: predictions, versionId } : null);
        return { sql, from, where: conditions.map((c) => c(sql)) };
    }
    /** The version an alias points at, if it predicts: BAD_USER_INPUT otherwise (the filter or sort would mean nothing). */
    async predictingVersion(alias, argument) {
        const d = this.dialect;
        const [row] = await this.dataSource.query(`SELECT v.id AS id, v.prediction_horizon_days AS horizon FROM model_aliases a JOIN model_versions v ON v.id = a.version_id WHERE a.alias = ${d.param(1)}`, [alias]);
        if (!row)
            throw (0, errors_1.badUserInput)(`no version has the alias ${JSON.stringify(alias)}: point it at a predicting version (setModelAlias) to filter or sort on predictions`, { argument });
        if (row.horizon === null || row.horizon === undefined)
            throw (0, errors_1.badUserInput)(`the version under ${JSON.stringify(alias)} does not predict (its segmenter has no predictions)`, { argument });
        return Number(row.id);
    }
    from(sql, filter, withStats, predictions = null) {
        let from = 'FROM customers c';
        if (filter.segmentId !== undefined && filter.segmentId !== null) {
            from += ` JOIN segment_assignments a ON a.customer_id = c.id AND a.segment_id = ${sql.p(filter.segmentId)}`;
        }
        if (withStats || needsStats(filter))
            from += ` ${STATS_JOIN}`;
        if (predictions)
            from += ` ${predictions.join} customer_predictions cp ON cp.customer_id = c.id AND cp.version_id = ${sql.p(predictions.versionId)}`;
        return from;
    }
    /** The filter as SQL conditions, each adding its own parameters when written out. */
    async conditions(filter) {
        const d = this.dialect;
        const out = [];
        // Lists become SQL parameters: bounded, as documented on the fields.
        if ((filter.externalIds?.length ?? 0) > 100)
            throw (0, errors_1.badUserInput)(`externalIds holds ${filter.externalIds.length} ids; at most 100`, { argument: 'filter.externalIds' });
        if ((filter.countries?.length ?? 0) > 100)
            throw (0, errors_1.badUserInput)(`countries holds ${filter.countries.length} names; at most 100`, { argument: 'filter.countries' });
        if (filter.country)
            out.push((s) => `c.country = ${s.p(filter.country)}`);
        if (filter.countries?.length)
            out.push((s) => `c.country IN (${s.list(filter.countries)})`);
        if (filter.city)
            out.push((s) => `c.city = ${s.p(filter.city)}`);
        if (filter.gender)
            out.push((s) => `c.gender = ${s.p(filter.gender)}`);
        if (filter.externalIds?.length)
            out.push((s) => `c.external_id IN (${s.list(filter.externalIds)})`);
        if (filter.signedUpAfter)
            out.push((s) => `c.signup_at >= ${s.p(d.timestamp(filter.signedUpAfter))}`);
        if (filter.signedUpBefore)
            out.push((s) => `c.signup_at < ${s.p(d.timestamp(filter.signedUpBefore))}`);
        if (isSet(filter.minSpend))
            out.push((s) => `COALESCE(st.spend_e4, 0) >= ${s.p(money(filter.minSpend, 'minSpend'))}`);
        if (isSet(filter.maxSpend))
            out.push((s) => `COALESCE(st.spend_e4, 0) <= ${s.p(money(filter.maxSpend, 'maxSpend'))}`);
        let after = filter.lastOrderAfter ?? null;
        let before = filter.lastOrderBefore ?? null;
        if (isSet(filter.minRecencyDays) || isSet(filter.maxRecencyDays)) {
            const asOf = (await this.defaultAsOf()).getTime();
            // Recency r days means the last purchase was r days before "today": more days, earlier purchase.
            if (isSet(filter.maxRecencyDays))
                after = latest(after, new Date(asOf - days(filter.maxRecencyDays, 'maxRecencyDays') * DAY_MS));
            if (isSet(filter.minRecencyDays))
                before = earliest(before, new Date(asOf - days(filter.minRecencyDays, 'minRecencyDays') * DAY_MS));
        }
        if (isSet(filter.minClv))
            out.push((s) => `cp.clv >= ${s.p(finiteNumber(filter.minClv, 'minClv'))}`);
        if (isSet(filter.maxChurnProbability))
            out.push((s) => `cp.churn_probability <= ${s.p(finiteNumber(filter.maxChurnProbability, 'maxChurnProbability'))}`);
        if (filter.valueTier)
            out.push((s) => `cp.value_tier = ${s.p(filter.valueTier)}`);
        if (after)
            out.push((s) => `st.last_order_at >= ${s.p(d.timestamp(after))}`);
        if (before)
            out.push((s) => `st.last_order_at <= ${s.p(d.timestamp(before))}`);
        return out;
    }
    async count(filter = {}) {
        const { sql, from, where } = await this.scope(filter, false);
        const [row] = await this.dataSource.query(`SELECT COUNT(*) AS n ${from} ${where.length ? `WHERE ${where.join(' AND ')}` : ''}`, sql.params);
        return Number(row.n);
    }
    findById(id) {
        return this.repo.findOneBy({ id });
    }
    /** For DataLoaders: one query, results in the order of `ids` (null where missing). */
    async findByIds(ids) {
        if (ids.length === 0)
            return [];
        return (0, batching_1.inIdOrder)(ids, await this.repo.findBy({ id: (0, typeorm_1.In)([...ids]) }));
    }
}
exports.CustomerService = CustomerService;
function isSet(value) {
    return value !== undefined && value !== null;
}
function filtersPredictions(filter) {
    return isSet(filter.minClv) || isSet(filter.maxChurnProbability) || Boolean(filter.valueTier);
}
function finiteNumber(value, argument) {
    if (!Number.isFinite(value))
        throw (0, errors_1.badUserInput)(`${argument} must be a finite number`, { argument: `filter.${argument}` });
    return value;
}
function needsStats(filter) {
    return [filter.minSpend, filter.maxSpend, filter.minRecencyDays, filter.maxRecencyDays].some(isSet) || Boolean(filter.lastOrderAfter || filter.lastOrderBefore);
}
function money(value, argument) {
    if (!Number.isFinite(value) || Math.abs(value) > 1e12)
        throw (0, errors_1.badUserInput)(`${argument} must be a finite amount, got ${value}`, { argument });
    return Math.round(value * money_1.MONEY_SCALE);
}
function days(value, argument) {
    if (!Number.isFinite(value) || value < 0 || value > 100_000)
        throw (0, errors_1.badUserInput)(`${argument} must be between 0 and 100000 days, got ${value}`, { argument });
    return value;
}
function latest(a, b) {
    return a && a > b ? a : b;
}
function earliest(a, b) {
    return a && a < b ? a : b;
}
//# sourceMappingURL=customer.service.js.map