"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.RunOwners1765100000000 = void 0;
const typeorm_1 = require("typeorm");
/**
 * Training runs remember the API key that started them (issue 17): a key may have only so many runs QUEUED or
 * RUNNING at once (TRAINING_QUEUE_LIMIT). Runs from before, and from the CLI, have none.
 */
class RunOwners1765100000000 {
    name = 'RunOwners1765100000000';
    async up(queryRunner) {
        await queryRunner.addColumn('training_runs', new typeorm_1.TableColumn({ name: 'created_by_key_id', type: 'integer', isNullable: true }));
        await queryRunner.query('CREATE INDEX idx_training_runs_owner_status ON training_runs (created_by_key_id, status)');
    }
    async down(queryRunner) {
        await queryRunner.query('DROP INDEX idx_training_runs_owner_status');
        await queryRunner.dropColumn('training_runs', 'created_by_key_id');
    }
}
exports.RunOwners1765100000000 = RunOwners1765100000000;
//# sourceMappingURL=1765100000000-run-owners.js.map