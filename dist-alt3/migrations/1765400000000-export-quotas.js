"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.ExportQuotas1765400000000 = void 0;
const typeorm_1 = require("typeorm");
/**
 * Per-key export quotas (issue 17): exports are counted per key over the last 24 hours (EXPORT_DAILY_LIMIT,
 * EXPORT_DAILY_BYTES), found by key and creation time. A deleted export leaves its row here, so that deleting
 * does not give a key its quota back; rows older than a day are pruned by the export sweep.
 */
class ExportQuotas1765400000000 {
    name = 'ExportQuotas1765400000000';
    async up(queryRunner) {
        const postgres = queryRunner.connection.driver.options.type === 'postgres';
        const timestamp = postgres ? 'timestamptz' : 'datetime';
        await queryRunner.query('CREATE INDEX ix_segment_exports_owner_created ON segment_exports (created_by_key_id, created_at)');
        await queryRunner.createTable(new typeorm_1.Table({
            name: 'segment_export_usage',
            columns: [
                { name: 'export_id', type: 'varchar', length: '40', isPrimary: true },
                { name: 'created_by_key_id', type: 'integer', isNullable: true },
                { name: 'created_at', type: timestamp },
                { name: 'byte_size', type: 'integer', isNullable: true },
            ],
            indices: [{ name: 'ix_segment_export_usage_owner_created', columnNames: ['created_by_key_id', 'created_at'] }],
        }));
    }
    async down(queryRunner) {
        await queryRunner.dropTable('segment_export_usage');
        await queryRunner.query('DROP INDEX ix_segment_exports_owner_created');
    }
}
exports.ExportQuotas1765400000000 = ExportQuotas1765400000000;
//# sourceMappingURL=1765400000000-export-quotas.js.map