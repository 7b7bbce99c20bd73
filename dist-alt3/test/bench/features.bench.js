"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
/**
 * npm run bench:features — the feature service at scale: 100,000 customers (1,000,000 orders, 2,000,000 lines by
 * default; BENCH_CUSTOMERS to change) written through the bulk writer into a fresh database (SQLite, or PostgreSQL
 * when DATABASE_URL says so), then features for every customer in one set-based pass, and for pages of 100 customers
 * as a GraphQL request computes them. The last line is one JSON object.
 */
const node_os_1 = __importDefault(require("node:os"));
const database_1 = require("../../src/db/database");
const random_1 = require("../../src/ml/random");
const bulk_writer_1 = require("../../src/import/bulk-writer");
const records_1 = require("../../src/import/records");
const feature_service_1 = require("../../src/services/feature.service");
const import_service_1 = require("../../src/services/import.service");
const database_2 = require("../helpers/database");
const CUSTOMERS = Number(process.env.BENCH_CUSTOMERS ?? 100_000);
const ORDERS_PER_CUSTOMER = 10;
const DAY = 86_400_000;
async function main() {
    const db = await (0, database_2.createTestDatabase)();
    const dataSource = await (0, database_1.openDatabase)(db.config);
    try {
        const rng = new random_1.Random(1);
        const imports = new import_service_1.ImportService(dataSource);
        const writer = new bulk_writer_1.BulkWriter();
        const categories = ['Home', 'Kitchen', 'Books', 'Toys', 'Garden', 'Beauty', 'Fashion', 'Sports', 'Music', 'Pets'];
        const products = Array.from({ length: 500 }, (_, i) => ({ externalId: `P${i}`, title: `Product ${i}`, category: categories[i % 10], priceE4: rng.int(1, 200) * 10_000 }));
        await imports.writeRecords(writer, { ...(0, records_1.emptyBatch)(), products }, { onError: 'abort', replaceItems: false });
        const loadStarted = Date.now();
        const start = Date.parse('2024-01-01T00:00:00Z');
        let orders = 0;
        let lines = 0;
        for (let first = 0; first < CUSTOMERS; first += 5_000) {
            const batch = (0, records_1.emptyBatch)();
            for (let c = first; c < Math.min(CUSTOMERS, first + 5_000); c++) {
                const id = `C${c}`;
                batch.customers.push({ externalId: id, country: c % 3 === 0 ? 'France' : 'United Kingdom', signupAt: new Date(start - rng.int(0, 300) * DAY) });
                const count = rng.int(1, 2 * ORDERS_PER_CUSTOMER - 1);
                for (let o = 0; o < count; o++) {
                    const status = rng.chance(0.05) ? 'returned' : 'placed';
                    const items = [1, 2].map((lineNo) => {
                        const quantity = rng.int(1, 3) * (status === 'returned' ? -1 : 1);
                        const product = products[rng.int(0, products.length - 1)];
                        return { lineNo, productExternalId: product.externalId, quantity, unitPriceE4: product.priceE4, amountE4: quantity * product.priceE4 };
                    });
                    batch.orders.push({ externalId: `${id}-${o}`, customerExternalId: id, placedAt: new Date(start + rng.int(0, 700) * DAY + rng.int(0, 86_399) * 1000), status, items });
                    orders++;
                    lines += items.length;
                }
            }
            await imports.writeRecords(writer, batch, { onError: 'abort', replaceItems: false });
        }
        await imports.analyze();
        const loadSeconds = (Date.now() - loadStarted) / 1000;
        // Measure the steady state: after a bulk load PostgreSQL's autovacuum would otherwise compete for the two cores.
        if (db.config.kind === 'postgres')
            await dataSource.query('VACUUM ANALYZE');
        const features = new feature_service_1.FeatureService(dataSource);
        const asOf = new Date(start + 700 * DAY);
        let started = Date.now();
        const all = await features.compute(undefined, asOf);
        const allSeconds = (Date.now() - started) / 1000;
        const rssMb = process.memoryUsage().rss / 1e6;
        if (all.length !== CUSTOMERS)
            throw new Error(`features for ${all.length} customers, expected ${CUSTOMERS}`);
        const ids = await dataSource.query('SELECT id FROM customers ORDER BY id');
        const pageTimes = [];
        for (let p = 0; p < 20; p++) {
            const page = ids.slice(p * Math.floor(CUSTOMERS / 20), p * Math.floor(CUSTOMERS / 20) + 100).map((r) => Number(r.id));
            started = Date.now();
            await features.compute(page, asOf);
            pageTimes.push(Date.now() - started);
        }
        pageTimes.sort((a, b) => a - b);
        process.stdout.write(JSON.stringify({
            benchmark: 'features',
            database: db.config.kind,
            customers: CUSTOMERS,
            orders,
            order_lines: lines,
            load_seconds: loadSeconds,
            all_customers_seconds: allSeconds,
            customers_per_s: Math.round(CUSTOMERS / allSeconds),
            rss_mb_after_all_customers: Math.round(rssMb),
            page_of_100_ms_median: pageTimes[Math.floor(pageTimes.length / 2)],
            page_of_100_ms_max: pageTimes[pageTimes.length - 1],
            cpus: node_os_1.default.cpus().length,
        }) + '\n');
    }
    finally {
        await dataSource.destroy();
        if (process.env.BENCH_KEEP)
            process.stderr.write(`kept ${db.config.url}\n`);
        else
            await db.drop();
    }
}
main().catch((err) => {
    process.stderr.write(`bench:features failed: ${err instanceof Error ? err.stack : String(err)}\n`);
    process.exit(1);
});
//# sourceMappingURL=features.bench.js.map