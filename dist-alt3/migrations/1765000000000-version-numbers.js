"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.VersionNumbers1765000000000 = void 0;
const typeorm_1 = require("typeorm");
/**
 * A per-model version counter (issue 16): a finished run reserves its version number by incrementing
 * `segmentation_models.last_version_number` in a statement of its own, before it writes its artifact, so that two runs
 * of one model can never take the same number (and the same artifact folder). Starts at each model's highest version.
 */
class VersionNumbers1765000000000 {
    name = 'VersionNumbers1765000000000';
    async up(queryRunner) {
        await queryRunner.addColumn('segmentation_models', new typeorm_1.TableColumn({ name: 'last_version_number', type: 'integer', default: 0 }));
        await queryRunner.query(`UPDATE segmentation_models SET last_version_number = COALESCE((SELECT MAX(v.number) FROM model_versions v WHERE v.model_id = segmentation_models.id), 0)`);
    }
    async down(queryRunner) {
        await queryRunner.dropColumn('segmentation_models', 'last_version_number');
    }
}
exports.VersionNumbers1765000000000 = VersionNumbers1765000000000;
//# sourceMappingURL=1765000000000-version-numbers.js.map