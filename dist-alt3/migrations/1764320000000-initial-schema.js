"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.InitialSchema1764320000000 = void 0;
const typeorm_1 = require("typeorm");
/**
 * The first schema: customers, products, orders, order items, reviews. Written with the QueryRunner table API so
 * that one migration serves SQLite and PostgreSQL; the only per-driver choice is the timestamp type.
 */
class InitialSchema1764320000000 {
    name = 'InitialSchema1764320000000';
    async up(queryRunner) {
        const postgres = queryRunner.connection.driver.options.type === 'postgres';
        const timestamp = postgres ? 'timestamptz' : 'datetime';
        const now = postgres ? 'now()' : "datetime('now')";
        const id = { name: 'id', type: 'integer', isPrimary: true, isGenerated: true, generationStrategy: 'increment' };
        const externalId = { name: 'external_id', type: 'varchar', length: '64' };
        const createdAt = { name: 'created_at', type: timestamp, default: now };
        await queryRunner.createTable(new typeorm_1.Table({
            name: 'customers',
            columns: [
                id,
                externalId,
                { name: 'email', type: 'varchar', length: '320', isNullable: true },
                { name: 'name', type: 'varchar', length: '200', isNullable: true },
                { name: 'country', type: 'varchar', length: '100', isNullable: true },
                { name: 'city', type: 'varchar', length: '100', isNullable: true },
                { name: 'gender', type: 'varchar', length: '32', isNullable: true },
                { name: 'birth_year', type: 'integer', isNullable: true },
                { name: 'signup_at', type: timestamp, isNullable: true },
                { name: 'attributes', type: 'text', isNullable: true },
                { name: 'ground_truth_label', type: 'varchar', length: '64', isNullable: true },
                createdAt,
            ],
            indices: [
                { name: 'uq_customers_external_id', columnNames: ['external_id'], isUnique: true },
                { name: 'idx_customers_country', columnNames: ['country'] },
            ],
        }));
        await queryRunner.createTable(new typeorm_1.Table({
            name: 'products',
            columns: [
                id,
                externalId,
                { name: 'title', type: 'varchar', length: '500' },
                { name: 'description', type: 'text', isNullable: true },
                { name: 'category', type: 'varchar', length: '100', isNullable: true },
                { name: 'price_e4', type: 'integer', isNullable: true },
                createdAt,
            ],
            indices: [
                { name: 'uq_products_external_id', columnNames: ['external_id'], isUnique: true },
                { name: 'idx_products_category', columnNames: ['category'] },
            ],
        }));
        await queryRunner.createTable(new typeorm_1.Table({
            name: 'orders',
            columns: [
                id,
                externalId,
                { name: 'customer_id', type: 'integer' },
                { name: 'placed_at', type: timestamp },
                { name: 'status', type: 'varchar', length: '16', default: "'placed'" },
                createdAt,
            ],
            foreignKeys: [{ columnNames: ['customer_id'], referencedTableName: 'customers', referencedColumnNames: ['id'], onDelete: 'CASCADE' }],
            indices: [
                { name: 'uq_orders_external_id', columnNames: ['external_id'], isUnique: true },
                { name: 'idx_orders_customer_placed', columnNames: ['customer_id', 'placed_at'] },
                { name: 'idx_orders_placed_at', columnNames: ['placed_at'] },
            ],
            checks: [{ name: 'chk_orders_status', expression: "status IN ('placed', 'cancelled', 'returned')" }],
        }));
        // Order lines are keyed by (order_id, line_no). On SQLite the table is WITHOUT ROWID, so that key is the table's
        // own B-tree; the Table API cannot say that, hence the one per-driver branch. There is deliberately no index on
        // product_id: nothing served looks lines up by product, and that index alone tripled the import's write time.
        if (postgres) {
            await queryRunner.createTable(new typeorm_1.Table({
                name: 'order_items',
                columns: [
                    { name: 'order_id', type: 'integer', isPrimary: true },
                    { name: 'line_no', type: 'integer', isPrimary: true },
                    { name: 'product_id', type: 'integer', isNullable: true },
                    { name: 'charge_code', type: 'varchar', length: '64', isNullable: true },
                    { name: 'quantity', type: 'integer' },
                    { name: 'unit_price_e4', type: 'integer' },
                    { name: 'amount_e4', type: 'bigint' },
                ],
                foreignKeys: [
                    { columnNames: ['order_id'], referencedTableName: 'orders', referencedColumnNames: ['id'], onDelete: 'CASCADE' },
                    { columnNames: ['product_id'], referencedTableName: 'products', referencedColumnNames: ['id'], onDelete: 'RESTRICT' },
                ],
                checks: [{ name: 'chk_order_items_kind', expression: '(product_id IS NULL) <> (charge_code IS NULL)' }],
            }));
        }
        else {
            await queryRunner.query(`CREATE TABLE "order_items" (
        "order_id" integer NOT NULL REFERENCES "orders" ("id") ON DELETE CASCADE,
        "line_no" integer NOT NULL,
        "product_id" integer REFERENCES "products" ("id") ON DELETE RESTRICT,
        "charge_code" varchar(64),
        "quantity" integer NOT NULL,
        "unit_price_e4" integer NOT NULL,
        "amount_e4" bigint NOT NULL,
        CONSTRAINT "chk_order_items_kind" CHECK ((product_id IS NULL) <> (charge_code IS NULL)),
        PRIMARY KEY ("order_id", "line_no")
      ) WITHOUT ROWID`);
        }
        await queryRunner.createTable(new typeorm_1.Table({
            name: 'reviews',
            columns: [
                id,
                externalId,
                { name: 'customer_id', type: 'integer' },
                { name: 'product_id', type: 'integer' },
                { name: 'rating', type: 'integer' },
                { name: 'text', type: 'text', isNullable: true },
                { name: 'reviewed_at', type: timestamp },
            ],
            foreignKeys: [
                { columnNames: ['customer_id'], referencedTableName: 'customers', referencedColumnNames: ['id'], onDelete: 'CASCADE' },
                { columnNames: ['product_id'], referencedTableName: 'products', referencedColumnNames: ['id'], onDelete: 'CASCADE' },
            ],
            indices: [
                { name: 'uq_reviews_external_id', columnNames: ['external_id'], isUnique: true },
                { name: 'idx_reviews_customer_date', columnNames: ['customer_id', 'reviewed_at'] },
                { name: 'idx_reviews_product', columnNames: ['product_id'] },
            ],
            checks: [{ name: 'chk_reviews_rating', expression: 'rating BETWEEN 1 AND 5' }],
        }));
    }
    async down(queryRunner) {
        for (const table of ['reviews', 'order_items', 'orders', 'products', 'customers'])
            await queryRunner.dropTable(table);
    }
}
exports.InitialSchema1764320000000 = InitialSchema1764320000000;
//# sourceMappingURL=1764320000000-initial-schema.js.map