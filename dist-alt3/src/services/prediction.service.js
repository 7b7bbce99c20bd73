"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.PredictionService = void 0;
const typeorm_1 = require("typeorm");
const dialect_1 = require("../db/dialect");
const entities_1 = require("../entities");
const value_tiers_1 = require("../ml/value-tiers");
/**
 * Reads the per-customer predictions predicting versions stored (the version store writes them), and places live
 * predictions (`assignCustomers`) among a version's stored ones.
 */
class PredictionService {
    dataSource;
    /** Per version, its customers' stored values in ascending order (versions never change once written). */
    sortedValues = new Map();
    constructor(dataSource) {
        this.dataSource = dataSource;
    }
    /** Live predictions as the API shows them: each value's percentile among the version's stored values, and its tier. */
    async place(versionId, horizonDays, asOf, customerIds, rows) {
        const values = await this.valuesOf(versionId);
        return rows.map((p, i) => {
            const percentile = (0, value_tiers_1.shareBelow)(values, p.clv);
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
                valueTier: p.valueTier ?? (0, value_tiers_1.tierOfPercentile)(percentile),
            };
        });
    }
    valuesOf(versionId) {
        let values = this.sortedValues.get(versionId);
        if (!values) {
            if (this.sortedValues.size >= 8)
                this.sortedValues.delete(this.sortedValues.keys().next().value);
            values = this.dataSource
                .query(`SELECT clv FROM customer_predictions WHERE version_id = ${dialect_1.Dialect.of(this.dataSource).param(1)} ORDER BY clv`, [versionId])
                .then((rows) => Float64Array.from(rows, (r) => Number(r.clv)));
            values.catch(() => this.sortedValues.delete(versionId));
            this.sortedValues.set(versionId, values);
        }
        return values;
    }
    /** The predictions of `customerIds` in a version, in key order (null where the version has none for a customer). */
    async predictionsOf(versionId, customerIds) {
        const version = await this.dataSource.getRepository(entities_1.ModelVersion).findOne({ where: { id: versionId }, select: { id: true, predictionHorizonDays: true } });
        if (!version || version.predictionHorizonDays === null)
            return customerIds.map(() => null);
        const rows = await this.dataSource.getRepository(entities_1.CustomerPrediction).findBy({ versionId, customerId: (0, typeorm_1.In)([...customerIds]) });
        const byCustomer = new Map(rows.map((r) => [r.customerId, r]));
        return customerIds.map((id) => {
            const r = byCustomer.get(id);
            return r ? toStored(r, version.predictionHorizonDays) : null;
        });
    }
}
exports.PredictionService = PredictionService;
function toStored(r, horizonDays) {
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
//# sourceMappingURL=prediction.service.js.map