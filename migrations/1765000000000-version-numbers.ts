import { MigrationInterface, QueryRunner, TableColumn } from 'typeorm';

/**
 * A per-model version counter (issue 16): a finished run reserves its version number by incrementing
 * `segmentation_models.last_version_number` in a statement of its own, before it writes its artifact, so that two runs
 * of one model can never take the same number (and the same artifact folder). Starts at each model's highest version.
 */
export class VersionNumbers1765000000000 implements MigrationInterface {
  name = 'VersionNumbers1765000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.addColumn('segmentation_models', new TableColumn({ name: 'last_version_number', type: 'integer', default: 0 }));
    await queryRunner.query(
      `UPDATE segmentation_models SET last_version_number = COALESCE((SELECT MAX(v.number) FROM model_versions v WHERE v.model_id = segmentation_models.id), 0)`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropColumn('segmentation_models', 'last_version_number');
  }
}
