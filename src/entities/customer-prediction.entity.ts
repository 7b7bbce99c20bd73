import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** The value tiers of a prediction: by predicted value over the horizon, `lapsed` when the model says so. */
export const VALUE_TIERS = ['high', 'mid', 'low', 'lapsed'] as const;
export type ValueTier = (typeof VALUE_TIERS)[number];

/** What a predicting version expects of one customer over its horizon (`model_versions.prediction_horizon_days`). */
@Entity('customer_predictions')
@Index('ix_customer_predictions_clv', ['versionId', 'clv'])
@Index('ix_customer_predictions_churn', ['versionId', 'churnProbability'])
export class CustomerPrediction {
  @PrimaryColumn({ name: 'version_id', type: 'integer' })
  versionId: number;

  @PrimaryColumn({ name: 'customer_id', type: 'integer' })
  customerId: number;

  @Column({ name: 'expected_purchases', type: 'float' })
  expectedPurchases: number;

  @Column({ name: 'p_alive', type: 'float', nullable: true })
  pAlive: number | null;

  @Column({ name: 'churn_probability', type: 'float' })
  churnProbability: number;

  @Column({ name: 'expected_spend_per_purchase', type: 'float', nullable: true })
  expectedSpendPerPurchase: number | null;

  @Column({ type: 'float' })
  clv: number;

  /** Share of the version's customers with a lower predicted value (0..1). */
  @Column({ name: 'clv_percentile', type: 'float' })
  clvPercentile: number;

  @Column({ name: 'next_purchase_at', type: Date, nullable: true })
  nextPurchaseAt: Date | null;

  @Column({ name: 'value_tier', type: 'varchar', length: 8 })
  valueTier: ValueTier;
}
