"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.ApiKeyRevision1765300000000 = void 0;
/**
 * The `api_keys` revision (issue 17): every revocation bumps it in its own transaction, and every authenticated
 * request reads it (one primary-key read), so a key revoked by any process is refused by all of them at once while
 * they keep their key caches.
 */
class ApiKeyRevision1765300000000 {
    name = 'ApiKeyRevision1765300000000';
    async up(queryRunner) {
        await queryRunner.query(`INSERT INTO data_revisions (name, revision) VALUES ('api_keys', 0)`);
    }
    async down(queryRunner) {
        await queryRunner.query(`DELETE FROM data_revisions WHERE name = 'api_keys'`);
    }
}
exports.ApiKeyRevision1765300000000 = ApiKeyRevision1765300000000;
//# sourceMappingURL=1765300000000-api-key-revision.js.map