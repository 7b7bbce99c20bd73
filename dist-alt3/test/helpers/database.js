"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.TEST_KIND = void 0;
exports.createTestDatabase = createTestDatabase;
exports.openTestDataSource = openTestDataSource;
exports.withDataSource = withDataSource;
exports.snapshot = snapshot;
exports.count = count;
const node_crypto_1 = __importDefault(require("node:crypto"));
const node_fs_1 = __importDefault(require("node:fs"));
const node_os_1 = __importDefault(require("node:os"));
const node_path_1 = __importDefault(require("node:path"));
const pg_1 = require("pg");
const config_1 = require("../../src/config/config");
const data_source_1 = require("../../src/db/data-source");
const database_1 = require("../../src/db/database");
const query_counter_1 = require("../../src/db/query-counter");
exports.TEST_KIND = process.env.DATABASE_URL?.startsWith('postgres') ? 'postgres' : 'sqlite';
async function createTestDatabase() {
    const suffix = `${process.pid}_${node_crypto_1.default.randomBytes(4).toString('hex')}`;
    if (exports.TEST_KIND === 'postgres') {
        const admin = new URL(process.env.DATABASE_URL);
        const name = `segmentql_test_${suffix}`;
        const client = new pg_1.Client({ connectionString: admin.toString() });
        await client.connect();
        await client.query(`CREATE DATABASE ${name}`);
        await client.end();
        const url = new URL(admin.toString());
        url.pathname = `/${name}`;
        return {
            config: (0, config_1.parseDatabaseUrl)(url.toString()),
            url: url.toString(),
            async drop() {
                const c = new pg_1.Client({ connectionString: admin.toString() });
                await c.connect();
                await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
                await c.end();
            },
        };
    }
    const dir = node_fs_1.default.mkdtempSync(node_path_1.default.join(node_os_1.default.tmpdir(), 'segmentql-test-'));
    const url = `sqlite:${node_path_1.default.join(dir, `test_${suffix}.sqlite`)}`;
    return {
        config: (0, config_1.parseDatabaseUrl)(url),
        url,
        async drop() {
            node_fs_1.default.rmSync(dir, { recursive: true, force: true });
        },
    };
}
/** A migrated DataSource on a fresh test database, with its QueryCounter. */
async function openTestDataSource() {
    const db = await createTestDatabase();
    const queries = new query_counter_1.QueryCounter();
    const dataSource = await (0, database_1.openDatabase)(db.config, queries);
    return {
        dataSource,
        queries,
        db,
        async close() {
            if (dataSource.isInitialized)
                await dataSource.destroy();
            await db.drop();
        },
    };
}
/** Opens the test database (already migrated by whoever wrote to it), runs `fn`, closes it. */
async function withDataSource(db, fn) {
    const dataSource = (0, data_source_1.createDataSource)(db.config);
    await dataSource.initialize();
    try {
        return await fn(dataSource);
    }
    finally {
        await dataSource.destroy();
    }
}
/** Every row of the main tables, in a stable order, for "nothing changed" comparisons. */
async function snapshot(dataSource) {
    const tables = {
        customers: 'SELECT id, external_id, email, name, country, city, gender, birth_year, signup_at, attributes, ground_truth_label FROM customers ORDER BY id',
        products: 'SELECT id, external_id, title, description, category, price_e4 FROM products ORDER BY id',
        orders: 'SELECT id, external_id, customer_id, placed_at, status FROM orders ORDER BY id',
        order_items: 'SELECT order_id, line_no, product_id, charge_code, quantity, unit_price_e4, amount_e4 FROM order_items ORDER BY order_id, line_no',
        reviews: 'SELECT id, external_id, customer_id, product_id, rating, text, reviewed_at FROM reviews ORDER BY id',
    };
    const out = {};
    for (const [name, sql] of Object.entries(tables)) {
        out[name] = (await dataSource.query(sql)).map((row) => Object.fromEntries(Object.entries(row).map(([k, v]) => [k, v instanceof Date ? v.toISOString() : typeof v === 'bigint' ? Number(v) : v === null ? null : String(v)])));
    }
    return out;
}
async function count(dataSource, table) {
    const [row] = await dataSource.query(`SELECT COUNT(*) AS n FROM ${table}`);
    return Number(row.n);
}
//# sourceMappingURL=database.js.map