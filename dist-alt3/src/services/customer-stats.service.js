"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.CustomerStatsService = void 0;
const dialect_1 = require("../db/dialect");
/**
 * Per customer with any order: net spend in 1/10,000 units (purchases minus returns, charges excluded), number of
 * purchases, first and last purchase, over all the data. What `customer_stats` holds (see CustomerStatsService).
 */
function customerStats() {
    return `
    SELECT o.customer_id AS cid,
           COALESCE(SUM(CASE WHEN o.status IN ('placed', 'returned') AND i.product_id IS NOT NULL THEN i.amount_e4 END), 0) AS spend,
           COUNT(DISTINCT CASE WHEN o.status = 'placed' THEN o.id END) AS orders,
           MIN(CASE WHEN o.status = 'placed' THEN o.placed_at END) AS first_order,
           MAX(CASE WHEN o.status = 'placed' THEN o.placed_at END) AS last_order
    FROM orders o LEFT JOIN order_items i ON i.order_id = o.id
    GROUP BY o.customer_id`;
}
/**
 * Keeps `customer_stats` (net spend, purchases, first and last purchase per customer) current for the filters,
 * sorts, aggregates and exports that read it. Every write of shop data bumps the `shop` revision in the same
 * transaction (`bumpShopRevision`, a one-row UPDATE, so imports stay as fast as they were); readers call
 * `ensureFresh`, which rebuilds the table in one upsert statement when it is older than the shop. Concurrent readers
 * share one rebuild; a write during a rebuild leaves the table marked stale, so the next reader builds again.
 */
class CustomerStatsService {
    dataSource;
    rebuilding = null;
    dialect;
    constructor(dataSource) {
        this.dataSource = dataSource;
        this.dialect = dialect_1.Dialect.of(dataSource);
    }
    /** In the writer's transaction: the shop data changed. */
    static async bumpShopRevision(manager) {
        await manager.query(`UPDATE data_revisions SET revision = revision + 1 WHERE name = 'shop'`);
    }
    async ensureFresh() {
        const { shop, stats } = await this.revisions();
        if (stats >= shop)
            return;
        this.rebuilding ??= this.rebuild().finally(() => (this.rebuilding = null));
        await this.rebuilding;
    }
    async revisions() {
        const rows = await this.dataSource.query('SELECT name, revision FROM data_revisions');
        const of = (name) => Number(rows.find((r) => r.name === name)?.revision ?? 0);
        return { shop: of('shop'), stats: of('customer_stats') };
    }
    async rebuild() {
        const { shop } = await this.revisions();
        // One statement: readers see the old rows or the new ones, never an empty table. Orders are never deleted, so
        // every customer who had a row still has one.
        await this.dataSource.query(`INSERT INTO customer_stats (customer_id, spend_e4, orders, first_order_at, last_order_at)
       SELECT s.cid, s.spend, s.orders, s.first_order, s.last_order FROM (${customerStats()}) s WHERE 1 = 1
       ON CONFLICT (customer_id) DO UPDATE SET spend_e4 = excluded.spend_e4, orders = excluded.orders,
         first_order_at = excluded.first_order_at, last_order_at = excluded.last_order_at`);
        await this.dataSource.query(`UPDATE data_revisions SET revision = ${this.dialect.param(1)} WHERE name = 'customer_stats' AND revision < ${this.dialect.param(2)}`, [shop, shop]);
    }
}
exports.CustomerStatsService = CustomerStatsService;
//# sourceMappingURL=customer-stats.service.js.map