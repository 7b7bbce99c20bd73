"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.CustomerPredictions1765500000000 = void 0;
const typeorm_1 = require("typeorm");
/**
 * Per-customer predictions of a predicting version (issue 11): written with its assignments, in the same transaction,
 * for every customer it was trained on. `model_versions.prediction_horizon_days` says which horizon they are for
 * (null: the version does not predict).
 */
class CustomerPredictions1765500000000 {
    name = 'CustomerPredictions1765500000000';
    async up(queryRunner) {
        const postgres = queryRunner.connection.driver.options.type === 'postgres';
        const timestamp = postgres ? 'timestamptz' : 'datetime';
        const float = 'double precision';
        await queryRunner.addColumn('model_versions', new typeorm_1.TableColumn({ name: 'prediction_horizon_days', type: 'integer', isNullable: true }));
        await queryRunner.createTable(new typeorm_1.Table({
            name: 'customer_predictions',
            columns: [
                { name: 'version_id', type: 'integer', isPrimary: true },
                { name: 'customer_id', type: 'integer', isPrimary: true },
                { name: 'expected_purchases', type: float },
                { name: 'p_alive', type: float, isNullable: true },
                { name: 'churn_probability', type: float },
                { name: 'expected_spend_per_purchase', type: float, isNullable: true },
                { name: 'clv', type: float },
                { name: 'clv_percentile', type: float },
                { name: 'next_purchase_at', type: timestamp, isNullable: true },
                { name: 'value_tier', type: 'varchar', length: '8' },
            ],
            foreignKeys: [
                { columnNames: ['version_id'], referencedTableName: 'model_versions', referencedColumnNames: ['id'], onDelete: 'CASCADE' },
                { columnNames: ['customer_id'], referencedTableName: 'customers', referencedColumnNames: ['id'], onDelete: 'CASCADE' },
            ],
            indices: [
                { name: 'ix_customer_predictions_clv', columnNames: ['version_id', 'clv'] },
                { name: 'ix_customer_predictions_churn', columnNames: ['version_id', 'churn_probability'] },
            ],
        }));
    }
    async down(queryRunner) {
        await queryRunner.dropTable('customer_predictions');
        await queryRunner.dropColumn('model_versions', 'prediction_horizon_days');
    }
}
exports.CustomerPredictions1765500000000 = CustomerPredictions1765500000000;
//# sourceMappingURL=1765500000000-customer-predictions.js.map