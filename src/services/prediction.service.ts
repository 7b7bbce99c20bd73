import { DataSource, In } from 'typeorm';
import { Dialect } from '../db/dialect';
import { CustomerPrediction, ModelVersion, ValueTier } from '../entities';
import { Prediction } from '../registry/segmenter';
import { shareBelow, tierOfPercentile } from '../ml/value-tiers';

/** A stored prediction as the API shows it. */
export interface StoredPrediction {
  versionId: number;
  customerId: number;
  horizonDays: number;
  expectedPurchases: number;
  pAlive: number | null;
  churnProbability: number;
  expectedSpend: number | null;
  clv: number;
  clvPercentile: number;
  expectedNextPurchaseAt: Date | null;
  valueTier: ValueTier;
}

/**
 * Reads the per-customer predictions predicting versions stored (the version store writes them), and places live
 * predictions (`assignCustomers`) among a version's stored ones.
 */
export class PredictionService {
  /** Per version, its customers' stored values in ascending order (versions never change once written). */
  private readonly sortedValues = new Map<number, Promise<Float64Array>>();

  constructor(private readonly dataSource: DataSource) {}

  /** Live predictions as the API shows them: each value's percentile among the version's stored values, and its tier. */
  async place(versionId: number, horizonDays: number, asOf: Date, customerIds: readonly number[], rows: readonly Prediction[]): Promise<StoredPrediction[]> {
    const values = await this.valuesOf(versionId);
    return rows.map((p, i) => {
      const percentile = shareBelow(values, p.clv);
      return {
        versionId,
        customerId: customerIds[i],
        horizonDays,
        expectedPurchases: p.expectedPurchases,
        pAlive: p.pAlive,
        churnProbability: p.churnProbability,
        expectedSpend: p.expectedSpendPerPurchase,
        clv: p.clv,
        clvPercentile: percentile,
        expectedNextPurchaseAt: p.daysToNextPurchase === null ? null : new Date(asOf.getTime() + p.daysToNextPurchase * 86_400_000),
        valueTier: p.valueTier ?? tierOfPercentile(percentile),
      };
    });
  }

  private valuesOf(versionId: number): Promise<Float64Array> {
    let values = this.sortedValues.get(versionId);
    if (!values) {
      if (this.sortedValues.size >= 8) this.sortedValues.delete(this.sortedValues.keys().next().value!);
      values = this.dataSource
        .query(`SELECT clv FROM customer_predictions WHERE version_id = ${Dialect.of(this.dataSource).param(1)} ORDER BY clv`, [versionId])
        .then((rows: Array<{ clv: unknown }>) => Float64Array.from(rows, (r) => Number(r.clv)));
      values.catch(() => this.sortedValues.delete(versionId));
      this.sortedValues.set(versionId, values);
    }
    return values;
  }

  /** The predictions of `customerIds` in a version, in key order (null where the version has none for a customer). */
  async predictionsOf(versionId: number, customerIds: readonly number[]): Promise<Array<StoredPrediction | null>> {
    const version = await this.dataSource.getRepository(ModelVersion).findOne({ where: { id: versionId }, select: { id: true, predictionHorizonDays: true } });
    if (!version || version.predictionHorizonDays === null) return customerIds.map(() => null);
    const rows = await this.dataSource.getRepository(CustomerPrediction).findBy({ versionId, customerId: In([...customerIds]) });
    const byCustomer = new Map(rows.map((r) => [r.customerId, r]));
    return customerIds.map((id) => {
      const r = byCustomer.get(id);
      return r ? toStored(r, version.predictionHorizonDays!) : null;
    });
  }
}

function toStored(r: CustomerPrediction, horizonDays: number): StoredPrediction {
  return {
    versionId: r.versionId,
    customerId: r.customerId,
    horizonDays,
    expectedPurchases: r.expectedPurchases,
    pAlive: r.pAlive,
    churnProbability: r.churnProbability,
    expectedSpend: r.expectedSpendPerPurchase,
    clv: r.clv,
    clvPercentile: r.clvPercentile,
    expectedNextPurchaseAt: r.nextPurchaseAt,
    valueTier: r.valueTier,
  };
}
