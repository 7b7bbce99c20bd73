"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
const migrations_1 = require("../../migrations");
const database_1 = require("../helpers/database");
// Runs on the database DATABASE_URL selects: SQLite by default, PostgreSQL in .ci/run's second pass.
describe(`migrations on ${database_1.TEST_KIND}`, () => {
    let ctx;
    beforeAll(async () => (ctx = await (0, database_1.openTestDataSource)()));
    afterAll(() => ctx.close());
    const tables = ['customers', 'products', 'orders', 'order_items', 'reviews', 'segmentation_models', 'training_runs', 'model_versions', 'model_aliases', 'segments', 'segment_assignments', 'version_evaluations', 'model_alias_history', 'api_keys', 'segment_exports', 'customer_stats', 'data_revisions', 'evaluation_runs', 'segment_export_usage', 'customer_predictions'];
    it('create every table with its indexes, and record themselves', async () => {
        const runner = ctx.dataSource.createQueryRunner();
        try {
            for (const name of tables)
                expect(await runner.hasTable(name)).toBe(true);
            const orders = await runner.getTable('orders');
            expect(orders.indices.map((i) => i.name).sort()).toEqual(expect.arrayContaining(['idx_orders_customer_placed', 'idx_orders_placed_at']));
            const items = await runner.getTable('order_items');
            expect(items.primaryColumns.map((c) => c.name).sort()).toEqual(['line_no', 'order_id']);
            const predictions = await runner.getTable('customer_predictions');
            expect(predictions.primaryColumns.map((c) => c.name).sort()).toEqual(['customer_id', 'version_id']);
            expect(predictions.indices.map((i) => i.name).sort()).toEqual(expect.arrayContaining(['ix_customer_predictions_churn', 'ix_customer_predictions_clv']));
        }
        finally {
            await runner.release();
        }
        const executed = await ctx.dataSource.query('SELECT name FROM migrations');
        expect(executed.map((r) => r.name)).toEqual(migrations_1.MIGRATIONS.map((m) => new m().name));
        expect(await ctx.dataSource.showMigrations()).toBe(false);
    });
    it('enforce the constraints the import relies on', async () => {
        const ds = ctx.dataSource;
        await ds.query(`INSERT INTO customers (external_id) VALUES ('c1')`);
        await expect(ds.query(`INSERT INTO customers (external_id) VALUES ('c1')`)).rejects.toThrow();
        await expect(ds.query(`INSERT INTO orders (external_id, customer_id, placed_at, status) VALUES ('o1', 999, '2024-01-01', 'placed')`)).rejects.toThrow();
        const [c] = await ds.query(`SELECT id FROM customers WHERE external_id = 'c1'`);
        await expect(ds.query(`INSERT INTO orders (external_id, customer_id, placed_at, status) VALUES ('o2', ${c.id}, '2024-01-01', 'lost')`)).rejects.toThrow();
        await ds.query(`INSERT INTO orders (external_id, customer_id, placed_at, status) VALUES ('o3', ${c.id}, '2024-01-01', 'placed')`);
        const [o] = await ds.query(`SELECT id FROM orders WHERE external_id = 'o3'`);
        // A line is a product or a charge, never both or neither.
        await expect(ds.query(`INSERT INTO order_items (order_id, line_no, quantity, unit_price_e4, amount_e4) VALUES (${o.id}, 1, 1, 1, 1)`)).rejects.toThrow();
        await ds.query(`INSERT INTO order_items (order_id, line_no, charge_code, quantity, unit_price_e4, amount_e4) VALUES (${o.id}, 1, 'POST', 1, 1, 1)`);
        await expect(ds.query(`INSERT INTO order_items (order_id, line_no, charge_code, quantity, unit_price_e4, amount_e4) VALUES (${o.id}, 1, 'POST', 1, 1, 1)`)).rejects.toThrow();
    });
    it('revert cleanly and apply again', async () => {
        for (let i = 0; i < migrations_1.MIGRATIONS.length; i++)
            await ctx.dataSource.undoLastMigration();
        const runner = ctx.dataSource.createQueryRunner();
        try {
            for (const name of tables)
                expect(await runner.hasTable(name)).toBe(false);
        }
        finally {
            await runner.release();
        }
        await ctx.dataSource.runMigrations();
        expect(await ctx.dataSource.showMigrations()).toBe(false);
    });
});
//# sourceMappingURL=migrations.spec.js.map