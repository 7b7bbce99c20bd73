import { MigrationInterface, QueryRunner, TableColumn } from 'typeorm';

/** Training runs report validation loss and throughput (the transformer segmenters issue). */
export class TrainingProgress1764500000000 implements MigrationInterface {
  name = 'TrainingProgress1764500000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.addColumns('training_runs', [
      new TableColumn({ name: 'validation_loss', type: 'double precision', isNullable: true }),
      new TableColumn({ name: 'sequences_per_second', type: 'double precision', isNullable: true }),
    ]);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropColumn('training_runs', 'sequences_per_second');
    await queryRunner.dropColumn('training_runs', 'validation_loss');
  }
}
