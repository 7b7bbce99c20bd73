"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.Access1764700000000 = void 0;
const typeorm_1 = require("typeorm");
/** API keys (stored hashed) and bulk segment exports (the delivery issue). */
class Access1764700000000 {
    name = 'Access1764700000000';
    async up(queryRunner) {
        const postgres = queryRunner.connection.driver.options.type === 'postgres';
        const timestamp = postgres ? 'timestamptz' : 'datetime';
        await queryRunner.createTable(new typeorm_1.Table({
            name: 'api_keys',
            columns: [
                { name: 'id', type: 'integer', isPrimary: true, isGenerated: true, generationStrategy: 'increment' },
                { name: 'name', type: 'varchar', length: '200' },
                { name: 'role', type: 'varchar', length: '16' },
                { name: 'prefix', type: 'varchar', length: '16' },
                { name: 'key_hash', type: 'varchar', length: '64', isUnique: true },
                { name: 'created_at', type: timestamp },
                { name: 'created_by', type: 'varchar', length: '200' },
                { name: 'revoked_at', type: timestamp, isNullable: true },
            ],
        }));
        await queryRunner.createTable(new typeorm_1.Table({
            name: 'segment_exports',
            columns: [
                { name: 'id', type: 'varchar', length: '40', isPrimary: true },
                { name: 'version_id', type: 'integer' },
                { name: 'alias', type: 'varchar', length: '64', isNullable: true },
                { name: 'format', type: 'varchar', length: '8' },
                { name: 'columns', type: 'text' },
                { name: 'status', type: 'varchar', length: '16' },
                { name: 'row_count', type: 'integer', default: 0 },
                { name: 'byte_size', type: 'integer', isNullable: true },
                { name: 'pii_masked', type: 'boolean', default: false },
                { name: 'created_by_key_id', type: 'integer', isNullable: true },
                { name: 'error', type: 'text', isNullable: true },
                { name: 'created_at', type: timestamp },
                { name: 'finished_at', type: timestamp, isNullable: true },
            ],
            indices: [{ name: 'ix_segment_exports_created', columnNames: ['created_at'] }],
            foreignKeys: [{ columnNames: ['version_id'], referencedTableName: 'model_versions', referencedColumnNames: ['id'], onDelete: 'CASCADE' }],
        }));
    }
    async down(queryRunner) {
        await queryRunner.dropTable('segment_exports');
        await queryRunner.dropTable('api_keys');
    }
}
exports.Access1764700000000 = Access1764700000000;
//# sourceMappingURL=1764700000000-access.js.map