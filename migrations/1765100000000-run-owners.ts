import { MigrationInterface, QueryRunner, TableColumn } from 'typeorm';

/**
 * Training runs remember the API key that started them (issue 17): a key may have only so many runs QUEUED or
 * RUNNING at once (TRAINING_QUEUE_LIMIT). Runs from before, and from the CLI, have none.
 */
export class RunOwners1765100000000 implements MigrationInterface {
  name = 'RunOwners1765100000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.addColumn('training_runs', new TableColumn({ name: 'created_by_key_id', type: 'integer', isNullable: true }));
    await queryRunner.query('CREATE INDEX idx_training_runs_owner_status ON training_runs (created_by_key_id, status)');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX idx_training_runs_owner_status');
    await queryRunner.dropColumn('training_runs', 'created_by_key_id');
  }
}
