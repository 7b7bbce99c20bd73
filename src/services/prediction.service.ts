import { DataSource, In } from 'typeorm';
import { CustomerPrediction, ModelVersion, ValueTier } from '../entities';

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

/** Reads the per-customer predictions predicting versions stored (the version store writes them). */
export class PredictionService {
  constructor(private readonly dataSource: DataSource) {}

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
