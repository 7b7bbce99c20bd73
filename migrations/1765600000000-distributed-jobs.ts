import { MigrationInterface, QueryRunner, Table, TableIndex } from 'typeorm';

/**
 * Several machines (issue 13). Every job row (training runs, evaluation runs, exports) gets a lease: the worker that
 * holds it, when that worker last said it is alive, and how many times it was started — so that a dead worker's job is
 * taken over once and a live worker's never — and a cancellation request that no lost message can undo. A run asks for an accelerator. A version belongs to one run, enforced:
 * a run taken over after its first worker died mid-commit cannot make a second one. Blobs hold artifacts and export
 * files in the database, chunked, for processes that share no disk.
 */
export class DistributedJobs1765600000000 implements MigrationInterface {
  name = 'DistributedJobs1765600000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const postgres = queryRunner.connection.driver.options.type === 'postgres';
    const timestamp = postgres ? 'timestamptz' : 'datetime';
    // Plain ALTER TABLE on both: TypeORM's addColumn rebuilds a SQLite table, and the rebuild loses indexes it did not
    // create itself (idx_training_runs_owner_status).
    for (const table of JOB_TABLES) {
      await queryRunner.query(`ALTER TABLE ${table} ADD COLUMN worker_id varchar(120)`);
      await queryRunner.query(`ALTER TABLE ${table} ADD COLUMN heartbeat_at ${timestamp}`);
      await queryRunner.query(`ALTER TABLE ${table} ADD COLUMN attempts integer NOT NULL DEFAULT 0`);
      await queryRunner.query(`ALTER TABLE ${table} ADD COLUMN cancel_requested_at ${timestamp}`);
    }
    await queryRunner.query(`ALTER TABLE training_runs ADD COLUMN accelerator varchar(8) NOT NULL DEFAULT 'ANY'`);
    await queryRunner.createIndex('model_versions', new TableIndex({ name: 'ux_model_versions_run', columnNames: ['run_id'], isUnique: true }));
    await queryRunner.createTable(
      new Table({
        name: 'blobs',
        columns: [
          { name: 'key', type: 'varchar', length: '300', isPrimary: true },
          { name: 'seq', type: 'integer', isPrimary: true },
          { name: 'data', type: postgres ? 'bytea' : 'blob' },
          { name: 'created_at', type: timestamp, default: postgres ? 'now()' : 'CURRENT_TIMESTAMP' },
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('blobs');
    await queryRunner.dropIndex('model_versions', 'ux_model_versions_run');
    await queryRunner.query('ALTER TABLE training_runs DROP COLUMN accelerator');
    for (const table of JOB_TABLES) {
      for (const column of ['worker_id', 'heartbeat_at', 'attempts', 'cancel_requested_at']) await queryRunner.query(`ALTER TABLE ${table} DROP COLUMN ${column}`);
    }
  }
}

const JOB_TABLES = ['training_runs', 'evaluation_runs', 'segment_exports'];
