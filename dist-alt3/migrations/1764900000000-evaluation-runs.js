"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.EvaluationRuns1764900000000 = void 0;
const typeorm_1 = require("typeorm");
/** Evaluations are jobs: queued, run in a worker thread, with progress and cancellation (issue 16). */
class EvaluationRuns1764900000000 {
    name = 'EvaluationRuns1764900000000';
    async up(queryRunner) {
        const postgres = queryRunner.connection.driver.options.type === 'postgres';
        const timestamp = postgres ? 'timestamptz' : 'datetime';
        await queryRunner.createTable(new typeorm_1.Table({
            name: 'evaluation_runs',
            columns: [
                { name: 'id', type: 'integer', isPrimary: true, isGenerated: true, generationStrategy: 'increment' },
                { name: 'version_ids', type: 'text' },
                { name: 'as_of', type: timestamp },
                { name: 'horizon_days', type: 'integer' },
                { name: 'bootstraps', type: 'integer' },
                { name: 'refresh', type: 'boolean', default: false },
                { name: 'status', type: 'varchar', length: '16' },
                { name: 'progress', type: 'double precision', default: 0 },
                { name: 'message', type: 'text', isNullable: true },
                { name: 'error', type: 'text', isNullable: true },
                { name: 'requested_by_key_id', type: 'integer', isNullable: true },
                { name: 'queued_at', type: timestamp },
                { name: 'started_at', type: timestamp, isNullable: true },
                { name: 'finished_at', type: timestamp, isNullable: true },
            ],
            indices: [
                { name: 'ix_evaluation_runs_status', columnNames: ['status'] },
                { name: 'ix_evaluation_runs_key_status', columnNames: ['requested_by_key_id', 'status'] },
            ],
        }));
    }
    async down(queryRunner) {
        await queryRunner.dropTable('evaluation_runs');
    }
}
exports.EvaluationRuns1764900000000 = EvaluationRuns1764900000000;
//# sourceMappingURL=1764900000000-evaluation-runs.js.map