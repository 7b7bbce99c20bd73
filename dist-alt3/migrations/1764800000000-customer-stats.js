"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.CustomerStats1764800000000 = void 0;
const typeorm_1 = require("typeorm");
/**
 * A per-customer summary (net spend, purchases, first and last purchase) for the filters, sorts, aggregates and
 * exports that need it, and the revisions that say when it is stale: `shop` is bumped by every write of shop data,
 * `customer_stats` is the shop revision the summary was built from (0: never built).
 */
class CustomerStats1764800000000 {
    name = 'CustomerStats1764800000000';
    async up(queryRunner) {
        const postgres = queryRunner.connection.driver.options.type === 'postgres';
        const timestamp = postgres ? 'timestamptz' : 'datetime';
        await queryRunner.createTable(new typeorm_1.Table({
            name: 'customer_stats',
            columns: [
                { name: 'customer_id', type: 'integer', isPrimary: true },
                { name: 'spend_e4', type: 'bigint' },
                { name: 'orders', type: 'integer' },
                { name: 'first_order_at', type: timestamp, isNullable: true },
                { name: 'last_order_at', type: timestamp, isNullable: true },
            ],
            indices: [
                { name: 'ix_customer_stats_spend', columnNames: ['spend_e4', 'customer_id'] },
                { name: 'ix_customer_stats_last_order', columnNames: ['last_order_at', 'customer_id'] },
            ],
            foreignKeys: [{ columnNames: ['customer_id'], referencedTableName: 'customers', referencedColumnNames: ['id'], onDelete: 'CASCADE' }],
        }));
        await queryRunner.createTable(new typeorm_1.Table({
            name: 'data_revisions',
            columns: [
                { name: 'name', type: 'varchar', length: '32', isPrimary: true },
                { name: 'revision', type: 'integer' },
            ],
        }));
        await queryRunner.query(`INSERT INTO data_revisions (name, revision) VALUES ('shop', 1), ('customer_stats', 0)`);
    }
    async down(queryRunner) {
        await queryRunner.dropTable('data_revisions');
        await queryRunner.dropTable('customer_stats');
    }
}
exports.CustomerStats1764800000000 = CustomerStats1764800000000;
//# sourceMappingURL=1764800000000-customer-stats.js.map