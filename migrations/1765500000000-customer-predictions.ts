import { MigrationInterface, QueryRunner, Table, TableColumn } from 'typeorm';

/**
 * Per-customer predictions of a predicting version (issue 11): written with its assignments, in the same transaction,
 * for every customer it was trained on. `model_versions.prediction_horizon_days` says which horizon they are for
 * (null: the version does not predict).
 */
export class CustomerPredictions1765500000000 implements MigrationInterface {
  name = 'CustomerPredictions1765500000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const postgres = queryRunner.connection.driver.options.type === 'postgres';
    const timestamp = postgres ? 'timestamptz' : 'datetime';
    const float = 'double precision';
    await queryRunner.addColumn('model_versions', new TableColumn({ name: 'prediction_horizon_days', type: 'integer', isNullable: true }));
    await queryRunner.createTable(
      new Table({
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
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('customer_predictions');
    await queryRunner.dropColumn('model_versions', 'prediction_horizon_days');
  }
}
