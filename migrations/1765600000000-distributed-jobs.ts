import { MigrationInterface, QueryRunner, Table, TableColumn, TableIndex } from 'typeorm';

/**
 * Several machines (issue 13). Every job row (training runs, evaluation runs, exports) gets a lease: the worker that
 * holds it, when that worker last said it is alive, and how many times it was started — so that a dead worker's job is
 * taken over once and a live worker's never. A run asks for an accelerator. A version belongs to one run, enforced:
 * a run taken over after its first worker died mid-commit cannot make a second one. Blobs hold artifacts and export
 * files in the database, chunked, for processes that share no disk.
 */
export class DistributedJobs1765600000000 implements MigrationInterface {
  name = 'DistributedJobs1765600000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const postgres = queryRunner.connection.driver.options.type === 'postgres';
    const timestamp = postgres ? 'timestamptz' : 'datetime';
    for (const table of JOB_TABLES) {
      await queryRunner.addColumns(table, [
        new TableColumn({ name: 'worker_id', type: 'varchar', length: '120', isNullable: true }),
        new TableColumn({ name: 'heartbeat_at', type: timestamp, isNullable: true }),
        new TableColumn({ name: 'attempts', type: 'integer', default: 0 }),
      ]);
    }
    await queryRunner.addColumn('training_runs', new TableColumn({ name: 'accelerator', type: 'varchar', length: '8', default: "'ANY'" }));
    await queryRunner.createIndex('model_versions', new TableIndex({ name: 'ux_model_versions_run', columnNames: ['run_id'], isUnique: true }));
    await queryRunner.createTable(
      new Table({
        name: 'blobs',
        columns: [
          { name: 'key', type: 'varchar', length: '300', isPrimary: true },
          { name: 'seq', type: 'integer', isPrimary: true },
          { name: 'data', type: postgres ? 'bytea' : 'blob' },
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('blobs');
    await queryRunner.dropIndex('model_versions', 'ux_model_versions_run');
    await queryRunner.dropColumn('training_runs', 'accelerator');
    for (const table of JOB_TABLES) {
      for (const column of ['worker_id', 'heartbeat_at', 'attempts']) await queryRunner.dropColumn(table, column);
    }
  }
}

const JOB_TABLES = ['training_runs', 'evaluation_runs', 'segment_exports'];
