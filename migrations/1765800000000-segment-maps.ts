import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Segment maps (issue 15): each version stores a 2-D projection (PCA) of a sample of at most 5,000 of its customers
 * in the space it was segmented in, written with the version, read by the console and by BI tools. Exports may be
 * of one segment.
 */
export class SegmentMaps1765800000000 implements MigrationInterface {
  name = 'SegmentMaps1765800000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    // Removed with their version, customer or segment, as the assignments are.
    await queryRunner.query(`CREATE TABLE segment_map_points (version_id integer NOT NULL REFERENCES model_versions (id) ON DELETE CASCADE,
      customer_id integer NOT NULL REFERENCES customers (id) ON DELETE CASCADE, segment_id integer NOT NULL REFERENCES segments (id) ON DELETE CASCADE,
      x double precision NOT NULL, y double precision NOT NULL, PRIMARY KEY (version_id, customer_id))`);
    // An export may hold one segment's customers (the console's export of a segment's table).
    await queryRunner.query('ALTER TABLE segment_exports ADD COLUMN segment_id integer');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE segment_exports DROP COLUMN segment_id');
    await queryRunner.query('DROP TABLE segment_map_points');
  }
}
