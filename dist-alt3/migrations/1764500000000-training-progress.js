"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.TrainingProgress1764500000000 = void 0;
const typeorm_1 = require("typeorm");
/** Training runs report validation loss and throughput (the transformer segmenters issue). */
class TrainingProgress1764500000000 {
    name = 'TrainingProgress1764500000000';
    async up(queryRunner) {
        await queryRunner.addColumns('training_runs', [
            new typeorm_1.TableColumn({ name: 'validation_loss', type: 'double precision', isNullable: true }),
            new typeorm_1.TableColumn({ name: 'sequences_per_second', type: 'double precision', isNullable: true }),
        ]);
    }
    async down(queryRunner) {
        await queryRunner.dropColumn('training_runs', 'sequences_per_second');
        await queryRunner.dropColumn('training_runs', 'validation_loss');
    }
}
exports.TrainingProgress1764500000000 = TrainingProgress1764500000000;
//# sourceMappingURL=1764500000000-training-progress.js.map