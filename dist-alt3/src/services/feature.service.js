"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.FeatureService = exports.TOP_CATEGORIES = void 0;
const dialect_1 = require("../db/dialect");
const money_1 = require("../db/money");
const data_version_1 = require("./data-version");
const DAY_MS = 86_400_000;
/** How many categories get their own share (the most spent on overall); the rest is "Other". */
exports.TOP_CATEGORIES = 8;
const MAX_IN_LIST = 10_000;
class FeatureService {
    dataSource;
    dataVersion;
    dialect;
    constructor(dataSource, dataVersion = new data_version_1.DataVersion()) {
        this.dataSource = dataSource;
        this.dataVersion = dataVersion;
        this.dialect = dialect_1.Dialect.of(dataSource);
    }
    /**
     * The default `asOf`: just after the latest order in the database (the data's "today"), or now when there is none;
     * never later than now. Imports refuse dates more than a day ahead, and this bound keeps an order from before that
     * rule (or written around it) from moving every customer's recency into the future.
     */
    async defaultAsOf() {
        const [row] = await this.dataSource.query('SELECT MAX(placed_at) AS latest FROM orders');
        const latest = this.dialect.readTimestamp(row?.latest);
        const now = Date.now();
        const after = latest ? latest.getTime() + 1000 : NaN;
        return new Date(after < now ? after : now);
    }
    /**
     * Features of the given customers (or of all when `customerIds` is undefined), in the order of `customerIds`.
     * Customers that do not exist are left out.
     */
    async compute(customerIds, asOf) {
        if (customerIds?.length === 0)
            return [];
        if (customerIds && customerIds.length > MAX_IN_LIST) {
            const out = [];
            // Appended one by one: spreading a long array into push() passes it on the stack (RangeError past ~100,000).
            for (let i = 0; i < customerIds.length; i += MAX_IN_LIST)
                for (const f of await this.compute(customerIds.slice(i, i + MAX_IN_LIST), asOf))
                    out.push(f);
            return out;
        }
        const d = this.dialect;
        const at = d.timestamp(asOf);
        const scope = (column, offset) => (customerIds ? `AND ${column} IN (${d.inList(customerIds.length, offset)})` : '');
        const ids = customerIds ? [...customerIds] : [];
        const customers = await this.dataSource.query(`SELECT id, country, signup_at, gender, birth_year FROM customers WHERE 1 = 1 ${scope('id', 0)} ORDER BY id`, ids);
        const orderStats = await this.dataSource.query(`SELECT o.customer_id AS cid,
              COUNT(DISTINCT CASE WHEN o.status = 'placed' THEN o.id END) AS frequency,
              MIN(CASE WHEN o.status = 'placed' THEN o.placed_at END) AS first_purchase,
              MAX(CASE WHEN o.status = 'placed' THEN o.placed_at END) AS last_purchase,
              SUM(CASE WHEN o.status = 'placed' AND i.product_id IS NOT NULL THEN i.amount_e4 ELSE 0 END) AS gross,
              SUM(CASE WHEN o.status = 'returned' AND i.product_id IS NOT NULL THEN -i.amount_e4 ELSE 0 END) AS returned,
              COUNT(DISTINCT CASE WHEN o.status = 'placed' THEN i.product_id END) AS distinct_products
       FROM orders o LEFT JOIN order_items i ON i.order_id = o.id
       WHERE o.placed_at < ${d.param(1)} ${scope('o.customer_id', 1)}
       GROUP BY o.customer_id`, [at, ...ids]);
        // Lines are summed per product first, then per category: written this way (outer join, products joined last)
        // PostgreSQL walks each order's lines by key instead of scanning every line (4 ms instead of 50 for a page).
        const categoryRows = await this.dataSource.query(`SELECT t.cid AS cid, p.category AS category, SUM(t.spend) AS spend
       FROM (SELECT o.customer_id AS cid, i.product_id AS pid, SUM(i.amount_e4) AS spend
             FROM orders o LEFT JOIN order_items i ON i.order_id = o.id
             WHERE o.status = 'placed' AND o.placed_at < ${d.param(1)} ${scope('o.customer_id', 1)}
             GROUP BY o.customer_id, i.product_id) t
       JOIN products p ON p.id = t.pid
       GROUP BY t.cid, p.category`, [at, ...ids]);
        const topCategories = await this.topCategories();
        const stats = new Map(orderStats.map((r) => [Number(r.cid), r]));
        const shares = new Map();
        for (const row of categoryRows) {
            const cid = Number(row.cid);
            const name = row.category && topCategories.includes(row.category) ? row.category : row.category ? 'Other' : 'Uncategorized';
            const bucket = shares.get(cid) ?? {};
            bucket[name] = (bucket[name] ?? 0) + Number(row.spend);
            shares.set(cid, bucket);
        }
        const byId = new Map();
        for (const c of customers) {
            const s = stats.get(Number(c.id));
            const frequency = Number(s?.frequency ?? 0);
            const grossE4 = Number(s?.gross ?? 0);
            const returnedE4 = Number(s?.returned ?? 0);
            const first = d.readTimestamp(s?.first_purchase);
            const last = d.readTimestamp(s?.last_purchase);
            const signup = d.readTimestamp(c.signup_at);
            const start = [first, signup].filter((x) => x !== null && x.getTime() <= asOf.getTime()).sort((a, b) => a.getTime() - b.getTime())[0];
            const categorySpend = shares.get(Number(c.id)) ?? {};
            const categoryTotal = Object.values(categorySpend).reduce((a, b) => a + b, 0);
            const categoryShares = {};
            for (const [name, spend] of Object.entries(categorySpend))
                if (categoryTotal > 0)
                    categoryShares[name] = round(spend / categoryTotal, 6);
            byId.set(Number(c.id), {
                customerId: Number(c.id),
                asOf,
                recencyDays: last ? round((asOf.getTime() - last.getTime()) / DAY_MS, 4) : null,
                frequency,
                monetary: (0, money_1.moneyFromE4)(grossE4 - returnedE4),
                grossSpend: (0, money_1.moneyFromE4)(grossE4),
                returnedSpend: (0, money_1.moneyFromE4)(returnedE4),
                tenureDays: start ? round((asOf.getTime() - start.getTime()) / DAY_MS, 4) : null,
                averageOrderValue: frequency > 0 ? round((0, money_1.moneyFromE4)(grossE4) / frequency, 4) : 0,
                returnRate: grossE4 > 0 ? round(returnedE4 / grossE4, 6) : 0,
                distinctProducts: Number(s?.distinct_products ?? 0),
                categoryShares,
                country: c.country,
                gender: c.gender ?? null,
                birthYear: c.birth_year === null || c.birth_year === undefined ? null : Number(c.birth_year),
                firstPurchaseAt: first,
                lastPurchaseAt: last,
            });
        }
        return customerIds ? customerIds.map((id) => byId.get(id)).filter((f) => f !== undefined) : [...byId.values()];
    }
    /**
     * The categories that get their own share: the TOP_CATEGORIES with the most net spend over all order lines. It does
     * not depend on asOf on purpose: the share columns stay the same for every date, so a model fitted on one date can
     * score another. It scans every line, so it is kept until this process writes data, or ten minutes.
     */
    topCategoryCache = null;
    /** Computes the category ranking ahead of the first request (the server calls it at start, without waiting). */
    async warmUp() {
        await this.topCategories();
    }
    topCategories() {
        const cached = this.topCategoryCache;
        if (cached && cached.version === this.dataVersion.value && Date.now() - cached.at < 600_000)
            return cached.value;
        const value = this.queryTopCategories();
        this.topCategoryCache = { at: Date.now(), version: this.dataVersion.value, value };
        value.catch(() => (this.topCategoryCache = null));
        return value;
    }
    async queryTopCategories() {
        // Per product over the lines alone (no join), then per category: one scan, whatever the planner.
        const spend = await this.dataSource.query('SELECT product_id AS pid, SUM(amount_e4) AS spend FROM order_items WHERE product_id IS NOT NULL GROUP BY product_id');
        const categories = await this.dataSource.query('SELECT id, category FROM products WHERE category IS NOT NULL');
        const categoryOf = new Map(categories.map((p) => [Number(p.id), p.category]));
        return rankCategories(spend.map((r) => ({ category: categoryOf.get(Number(r.pid)) ?? null, spend: r.spend })));
    }
    /**
     * What customers bought and wrote, as text for text encoders: distinct product titles (most bought first) and review
     * texts (newest first), each capped at `limit`.
     */
    async textProfiles(customerIds, asOf, limit = 50) {
        if (customerIds.length === 0)
            return [];
        const d = this.dialect;
        const at = d.timestamp(asOf);
        const ids = [...customerIds];
        const titles = await this.dataSource.query(`SELECT t.cid AS cid, p.title AS title, SUM(t.qty) AS qty
       FROM (SELECT o.customer_id AS cid, i.product_id AS pid, SUM(i.quantity) AS qty
             FROM orders o LEFT JOIN order_items i ON i.order_id = o.id
             WHERE o.status = 'placed' AND o.placed_at < ${d.param(1)} AND o.customer_id IN (${d.inList(ids.length, 1)})
             GROUP BY o.customer_id, i.product_id) t
       JOIN products p ON p.id = t.pid
       GROUP BY t.cid, p.title ORDER BY t.cid, SUM(t.qty) DESC, p.title`, [at, ...ids]);
        const reviews = await this.dataSource.query(`SELECT customer_id AS cid, text FROM reviews
       WHERE text IS NOT NULL AND reviewed_at < ${d.param(1)} AND customer_id IN (${d.inList(ids.length, 1)})
       ORDER BY customer_id, reviewed_at DESC, id DESC`, [at, ...ids]);
        const profiles = new Map(ids.map((id) => [id, { customerId: id, productTitles: [], reviewTexts: [] }]));
        for (const row of titles) {
            const p = profiles.get(Number(row.cid));
            if (p && p.productTitles.length < limit)
                p.productTitles.push(row.title);
        }
        for (const row of reviews) {
            const p = profiles.get(Number(row.cid));
            if (p && p.reviewTexts.length < limit)
                p.reviewTexts.push(row.text);
        }
        return ids.map((id) => profiles.get(id));
    }
}
exports.FeatureService = FeatureService;
function rankCategories(rows) {
    const totals = new Map();
    for (const row of rows)
        if (row.category)
            totals.set(row.category, (totals.get(row.category) ?? 0) + Number(row.spend));
    return [...totals.entries()]
        .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
        .slice(0, exports.TOP_CATEGORIES)
        .map(([category]) => category);
}
function round(x, places) {
    const f = 10 ** places;
    return Math.round(x * f) / f;
}
//# sourceMappingURL=feature.service.js.map