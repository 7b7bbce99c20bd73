import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Segment maps (issue 15): each version stores a 2-D projection (PCA) of a sample of at most 5,000 of its customers
 * in the space it was segmented in, written with the version, read by the console and by BI tools.
 */
export class SegmentMaps1765800000000 implements MigrationInterface {
  name = 'SegmentMaps1765800000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const postgres = queryRunner.connection.driver.options.type === 'postgres';
    const real = postgres ? 'real' : 'float';
    await queryRunner.query(`CREATE TABLE segment_map_points (version_id integer NOT NULL, customer_id integer NOT NULL, segment_id integer NOT NULL,
      x ${real} NOT NULL, y ${real} NOT NULL, PRIMARY KEY (version_id, customer_id))`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE segment_map_points');
  }
}
