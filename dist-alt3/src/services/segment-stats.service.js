"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.SegmentStatsService = void 0;
const dialect_1 = require("../db/dialect");
const money_1 = require("../db/money");
const sql_1 = require("../db/sql");
const errors_1 = require("../errors");
const data_version_1 = require("./data-version");
/**
 * Aggregates of a version's segments for BI tools, computed in one SQL statement: customers, purchases, net spend,
 * recency and, for a predicting version, predicted value and churn per segment, optionally per country, order month and first-purchase cohort. Spend and orders cover all
 * the data (grouped by MONTH: the orders of that month, and the customers who bought in it).
 */
class SegmentStatsService {
    dataSource;
    defaultAsOf;
    customerStats;
    dataVersion;
    ttlMs;
    dialect;
    /**
     * Answers by (version, grouping), until this process writes shop data or a minute passes (writes by another
     * process, a CLI import, are seen then): the statement aggregates every order line, and BI tools ask the same
     * question again and again. Concurrent askers share one computation.
     */
    cache = new Map();
    constructor(dataSource, defaultAsOf, customerStats, dataVersion = new data_version_1.DataVersion(), ttlMs = 60_000) {
        this.dataSource = dataSource;
        this.defaultAsOf = defaultAsOf;
        this.customerStats = customerStats;
        this.dataVersion = dataVersion;
        this.ttlMs = ttlMs;
        this.dialect = dialect_1.Dialect.of(dataSource);
    }
    async stats(versionId, groupBy) {
        const dims = new Set(groupBy);
        if (dims.size !== groupBy.length)
            throw (0, errors_1.badUserInput)('groupBy names a dimension twice', { argument: 'groupBy' });
        const key = `${versionId}:${[...dims].sort().join(',')}`;
        const now = Date.now();
        const cached = this.cache.get(key);
        if (cached && cached.version === this.dataVersion.value && now - cached.at < this.ttlMs)
            return cached.rows;
        if (this.cache.size > 1000)
            this.cache.clear();
        const rows = this.compute(versionId, dims);
        this.cache.set(key, { at: now, version: this.dataVersion.value, rows });
        rows.catch(() => this.cache.delete(key));
        return rows;
    }
    async compute(versionId, dims) {
        await this.customerStats.ensureFresh();
        const d = this.dialect;
        const asOf = await this.defaultAsOf();
        const sql = new sql_1.Sql(d);
        const byMonth = dims.has('MONTH');
        const recency = (0, sql_1.daysBetween)(d, 'lo.last_order_at', sql.p(d.timestamp(asOf)));
        const groups = ['a.segment_id'];
        const select = ['a.segment_id AS segment_id'];
        if (dims.has('COUNTRY')) {
            groups.push('c.country');
            select.push('c.country AS country');
        }
        if (byMonth) {
            groups.push('st.month');
            select.push('st.month AS month');
        }
        if (dims.has('COHORT')) {
            const cohort = (0, sql_1.monthOf)(d, 'lo.first_order_at');
            groups.push(cohort);
            select.push(`${cohort} AS cohort`);
        }
        // Per customer (and month): spend and purchases; only the version's customers are aggregated.
        const perCustomer = byMonth
            ? `SELECT o.customer_id AS cid, ${(0, sql_1.monthOf)(d, 'o.placed_at')} AS month,
                SUM(CASE WHEN i.product_id IS NOT NULL THEN i.amount_e4 ELSE 0 END) AS spend,
                COUNT(DISTINCT CASE WHEN o.status = 'placed' THEN o.id END) AS orders
         FROM orders o LEFT JOIN order_items i ON i.order_id = o.id
         WHERE o.status IN ('placed', 'returned')
           AND o.customer_id IN (SELECT customer_id FROM segment_assignments WHERE version_id = ${sql.p(versionId)})
         GROUP BY o.customer_id, ${(0, sql_1.monthOf)(d, 'o.placed_at')}`
            : null;
        // Grouped by month, the month's totals; otherwise the all-data ones from the summary table.
        const [spend, orders] = byMonth ? ['st.spend', 'st.orders'] : ['lo.spend_e4', 'lo.orders'];
        const statement = `
      SELECT ${select.join(', ')},
             COUNT(DISTINCT a.customer_id) AS customers,
             COALESCE(SUM(${spend}), 0) AS spend,
             COALESCE(SUM(${orders}), 0) AS orders,
             AVG(${recency}) AS recency,
             COUNT(cp.customer_id) AS predicted,
             SUM(cp.clv) AS clv,
             AVG(cp.churn_probability) AS churn
      FROM segment_assignments a
      JOIN customers c ON c.id = a.customer_id
      ${byMonth ? `JOIN (${perCustomer}) st ON st.cid = a.customer_id` : ''}
      LEFT JOIN customer_stats lo ON lo.customer_id = a.customer_id
      LEFT JOIN customer_predictions cp ON cp.version_id = a.version_id AND cp.customer_id = a.customer_id
      WHERE a.version_id = ${sql.p(versionId)}
      GROUP BY ${groups.join(', ')}
      ORDER BY ${groups.join(', ')}`;
        const rows = await this.dataSource.query(statement, sql.params);
        return rows.map((r) => {
            const customers = Number(r.customers);
            const orders = Number(r.orders);
            const spend = (0, money_1.moneyFromE4)(Number(r.spend));
            return {
                segmentId: Number(r.segment_id),
                country: dims.has('COUNTRY') ? (r.country ?? null) : null,
                month: byMonth ? (r.month ?? null) : null,
                cohort: dims.has('COHORT') ? (r.cohort ?? null) : null,
                customers,
                orders,
                spend,
                averageSpend: customers ? spend / customers : 0,
                averageOrders: customers ? orders / customers : 0,
                averageOrderValue: orders ? spend / orders : null,
                averageRecencyDays: r.recency === null || r.recency === undefined ? null : Number(r.recency),
                predictedValue: Number(r.predicted) > 0 ? Number(r.clv) : null,
                averageChurnProbability: Number(r.predicted) > 0 ? Number(r.churn) : null,
            };
        });
    }
}
exports.SegmentStatsService = SegmentStatsService;
//# sourceMappingURL=segment-stats.service.js.map