import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The `api_keys` revision (issue 17): every revocation bumps it in its own transaction, and every authenticated
 * request reads it (one primary-key read), so a key revoked by any process is refused by all of them at once while
 * they keep their key caches.
 */
export class ApiKeyRevision1765300000000 implements MigrationInterface {
  name = 'ApiKeyRevision1765300000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`INSERT INTO data_revisions (name, revision) VALUES ('api_keys', 0)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DELETE FROM data_revisions WHERE name = 'api_keys'`);
  }
}
