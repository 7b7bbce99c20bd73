"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.Evaluation1764600000000 = void 0;
const typeorm_1 = require("typeorm");
/**
 * Stored evaluations of model versions on a time split, the history of alias moves, and a model's explicit opt-in to
 * protected attributes (the evaluation issue).
 */
class Evaluation1764600000000 {
    name = 'Evaluation1764600000000';
    async up(queryRunner) {
        const postgres = queryRunner.connection.driver.options.type === 'postgres';
        const timestamp = postgres ? 'timestamptz' : 'datetime';
        const id = { name: 'id', type: 'integer', isPrimary: true, isGenerated: true, generationStrategy: 'increment' };
        await queryRunner.addColumn('segmentation_models', new typeorm_1.TableColumn({ name: 'allow_protected_attributes', type: 'boolean', default: false }));
        await queryRunner.createTable(new typeorm_1.Table({
            name: 'version_evaluations',
            columns: [
                id,
                { name: 'version_id', type: 'integer' },
                { name: 'as_of', type: timestamp },
                { name: 'horizon_days', type: 'integer' },
                { name: 'metrics', type: 'text' },
                { name: 'created_at', type: timestamp },
            ],
            indices: [{ name: 'uq_version_evaluations_split', columnNames: ['version_id', 'as_of', 'horizon_days'], isUnique: true }],
            foreignKeys: [{ columnNames: ['version_id'], referencedTableName: 'model_versions', referencedColumnNames: ['id'], onDelete: 'CASCADE' }],
        }));
        await queryRunner.createTable(new typeorm_1.Table({
            name: 'model_alias_history',
            columns: [
                id,
                { name: 'alias', type: 'varchar', length: '64' },
                { name: 'version_id', type: 'integer' },
                { name: 'previous_version_id', type: 'integer', isNullable: true },
                { name: 'moved_by', type: 'varchar', length: '200' },
                { name: 'moved_at', type: timestamp },
            ],
            indices: [{ name: 'ix_model_alias_history_alias', columnNames: ['alias', 'moved_at'] }],
        }));
    }
    async down(queryRunner) {
        await queryRunner.dropTable('model_alias_history');
        await queryRunner.dropTable('version_evaluations');
        await queryRunner.dropColumn('segmentation_models', 'allow_protected_attributes');
    }
}
exports.Evaluation1764600000000 = Evaluation1764600000000;
//# sourceMappingURL=1764600000000-evaluation.js.map