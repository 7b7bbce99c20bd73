"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.Segmentation1764400000000 = void 0;
const typeorm_1 = require("typeorm");
/** Registered models, training runs, versions, aliases, segments and assignments (the segmenter registry issue). */
class Segmentation1764400000000 {
    name = 'Segmentation1764400000000';
    async up(queryRunner) {
        const postgres = queryRunner.connection.driver.options.type === 'postgres';
        const timestamp = postgres ? 'timestamptz' : 'datetime';
        const now = postgres ? 'now()' : "datetime('now')";
        const float = 'double precision';
        const id = { name: 'id', type: 'integer', isPrimary: true, isGenerated: true, generationStrategy: 'increment' };
        const json = (name, nullable = false) => ({ name, type: 'text', isNullable: nullable });
        await queryRunner.createTable(new typeorm_1.Table({
            name: 'segmentation_models',
            columns: [
                id,
                { name: 'name', type: 'varchar', length: '200' },
                { name: 'segmenter', type: 'varchar', length: '64' },
                json('params'),
                { name: 'created_at', type: timestamp, default: now },
            ],
            indices: [{ name: 'uq_segmentation_models_name', columnNames: ['name'], isUnique: true }],
        }));
        await queryRunner.createTable(new typeorm_1.Table({
            name: 'training_runs',
            columns: [
                id,
                { name: 'model_id', type: 'integer' },
                { name: 'status', type: 'varchar', length: '16' },
                json('params'),
                { name: 'seed', type: 'integer' },
                { name: 'progress', type: float },
                { name: 'step', type: 'integer', isNullable: true },
                { name: 'total_steps', type: 'integer', isNullable: true },
                { name: 'epoch', type: 'integer', isNullable: true },
                { name: 'loss', type: float, isNullable: true },
                { name: 'eta_seconds', type: float, isNullable: true },
                { name: 'message', type: 'text', isNullable: true },
                { name: 'backend', type: 'varchar', length: '64', isNullable: true },
                { name: 'error', type: 'text', isNullable: true },
                { name: 'as_of', type: timestamp, isNullable: true },
                { name: 'queued_at', type: timestamp },
                { name: 'started_at', type: timestamp, isNullable: true },
                { name: 'finished_at', type: timestamp, isNullable: true },
                { name: 'model_version_id', type: 'integer', isNullable: true },
            ],
            foreignKeys: [{ columnNames: ['model_id'], referencedTableName: 'segmentation_models', referencedColumnNames: ['id'], onDelete: 'CASCADE' }],
            indices: [
                { name: 'idx_training_runs_model', columnNames: ['model_id', 'id'] },
                { name: 'idx_training_runs_status', columnNames: ['status'] },
            ],
            checks: [{ name: 'chk_training_runs_status', expression: "status IN ('QUEUED', 'RUNNING', 'SUCCEEDED', 'FAILED', 'CANCELLED')" }],
        }));
        await queryRunner.createTable(new typeorm_1.Table({
            name: 'model_versions',
            columns: [
                id,
                { name: 'model_id', type: 'integer' },
                { name: 'number', type: 'integer' },
                { name: 'run_id', type: 'integer' },
                { name: 'segmenter', type: 'varchar', length: '64' },
                { name: 'segmenter_version', type: 'varchar', length: '32' },
                json('params'),
                json('feature_names'),
                { name: 'artifact_path', type: 'varchar', length: '500' },
                { name: 'artifact_sha256', type: 'varchar', length: '64' },
                json('metrics'),
                { name: 'as_of', type: timestamp },
                { name: 'created_at', type: timestamp, default: now },
            ],
            foreignKeys: [
                { columnNames: ['model_id'], referencedTableName: 'segmentation_models', referencedColumnNames: ['id'], onDelete: 'CASCADE' },
                { columnNames: ['run_id'], referencedTableName: 'training_runs', referencedColumnNames: ['id'], onDelete: 'CASCADE' },
            ],
            indices: [{ name: 'uq_model_versions_number', columnNames: ['model_id', 'number'], isUnique: true }],
        }));
        await queryRunner.createTable(new typeorm_1.Table({
            name: 'model_aliases',
            columns: [
                { name: 'alias', type: 'varchar', length: '64', isPrimary: true },
                { name: 'version_id', type: 'integer' },
                { name: 'updated_at', type: timestamp },
            ],
            foreignKeys: [{ columnNames: ['version_id'], referencedTableName: 'model_versions', referencedColumnNames: ['id'], onDelete: 'CASCADE' }],
        }));
        await queryRunner.createTable(new typeorm_1.Table({
            name: 'segments',
            columns: [
                id,
                { name: 'version_id', type: 'integer' },
                { name: 'segment_index', type: 'integer' },
                { name: 'name', type: 'varchar', length: '200' },
                { name: 'size', type: 'integer' },
                json('centroid', true),
                json('profile'),
            ],
            foreignKeys: [{ columnNames: ['version_id'], referencedTableName: 'model_versions', referencedColumnNames: ['id'], onDelete: 'CASCADE' }],
            indices: [{ name: 'uq_segments_version_index', columnNames: ['version_id', 'segment_index'], isUnique: true }],
        }));
        await queryRunner.createTable(new typeorm_1.Table({
            name: 'segment_assignments',
            columns: [
                { name: 'version_id', type: 'integer', isPrimary: true },
                { name: 'customer_id', type: 'integer', isPrimary: true },
                { name: 'segment_id', type: 'integer' },
                { name: 'distance', type: float },
            ],
            foreignKeys: [
                { columnNames: ['version_id'], referencedTableName: 'model_versions', referencedColumnNames: ['id'], onDelete: 'CASCADE' },
                { columnNames: ['customer_id'], referencedTableName: 'customers', referencedColumnNames: ['id'], onDelete: 'CASCADE' },
                { columnNames: ['segment_id'], referencedTableName: 'segments', referencedColumnNames: ['id'], onDelete: 'CASCADE' },
            ],
            indices: [{ name: 'idx_segment_assignments_segment', columnNames: ['segment_id', 'customer_id'] }],
        }));
    }
    async down(queryRunner) {
        for (const table of ['segment_assignments', 'segments', 'model_aliases', 'model_versions', 'training_runs', 'segmentation_models']) {
            await queryRunner.dropTable(table);
        }
    }
}
exports.Segmentation1764400000000 = Segmentation1764400000000;
//# sourceMappingURL=1764400000000-segmentation.js.map