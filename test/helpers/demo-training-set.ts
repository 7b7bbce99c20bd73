import { DemoShop, generateDemoShop } from '../../src/demo/synthetic-shop';
import { TrainingSet } from '../../src/registry/segmenter';
import { CustomerFeatures } from '../../src/services/feature.service';
import { buildTrainingSet } from '../../src/training/feature-catalogue';

/**
 * A training set of the synthetic demo shop computed straight from its records (no database): RFM features,
 * purchase sequences, the product catalogue and review texts, plus each customer's persona. For contract and
 * quality checks of segmenters; the database path is covered by the end-to-end tests.
 */
export interface DemoTrainingSet {
  shop: DemoShop;
  data: TrainingSet;
  /** Ground-truth persona per row of `data`. */
  personas: string[];
}

const DAY = 86_400_000;

export function demoTrainingSet(options: { customers: number; seed: number; featureNames: string[]; asOf?: Date }): DemoTrainingSet {
  const shop = generateDemoShop({ customers: options.customers, seed: options.seed });
  const asOf = options.asOf ?? new Date('2026-07-01T00:00:00Z');
  const productIndex = new Map(shop.products.map((p, i) => [p.externalId, i + 1]));
  const placed = new Map<string, typeof shop.orders>();
  for (const o of shop.orders) {
    if (o.status !== 'placed' || o.placedAt >= asOf) continue;
    const list = placed.get(o.customerExternalId) ?? [];
    list.push(o);
    placed.set(o.customerExternalId, list);
  }
  const features: CustomerFeatures[] = [];
  const rows: Array<{ externalId: string; id: number }> = [];
  shop.customers.forEach((c, i) => {
    const orders = (placed.get(c.externalId) ?? []).sort((a, b) => a.placedAt.getTime() - b.placedAt.getTime());
    if (orders.length === 0) return;
    const spend = orders.flatMap((o) => o.items).reduce((s, it) => s + it.amountE4, 0) / 10_000;
    const times = orders.map((o) => o.placedAt.getTime());
    rows.push({ externalId: c.externalId, id: i + 1 });
    features.push({
      customerId: i + 1,
      asOf,
      recencyDays: (asOf.getTime() - Math.max(...times)) / DAY,
      frequency: orders.length,
      monetary: spend,
      grossSpend: spend,
      returnedSpend: 0,
      tenureDays: (asOf.getTime() - Math.min(...times)) / DAY,
      averageOrderValue: spend / orders.length,
      returnRate: 0,
      distinctProducts: new Set(orders.flatMap((o) => o.items.map((it) => it.productExternalId))).size,
      categoryShares: {},
      country: c.country ?? null,
      firstPurchaseAt: null,
      lastPurchaseAt: null,
    });
  });
  const data = buildTrainingSet(features, options.featureNames);
  const offsets = new Int32Array(rows.length + 1);
  const productIds: number[] = [];
  const days: number[] = [];
  const quantities: number[] = [];
  const amounts: number[] = [];
  rows.forEach((r, i) => {
    for (const o of (placed.get(r.externalId) ?? []).sort((a, b) => a.placedAt.getTime() - b.placedAt.getTime())) {
      for (const it of [...o.items].sort((a, b) => a.lineNo - b.lineNo)) {
        if (!it.productExternalId) continue;
        productIds.push(productIndex.get(it.productExternalId)!);
        days.push(o.placedAt.getTime() / DAY);
        quantities.push(it.quantity);
        amounts.push(it.amountE4 / 10_000);
      }
    }
    offsets[i + 1] = productIds.length;
  });
  data.sequences = { offsets, productIds: Int32Array.from(productIds), days: Float64Array.from(days), quantities: Float32Array.from(quantities), amounts: Float32Array.from(amounts) };
  data.items = {
    productIds: shop.products.map((_, i) => i + 1),
    categories: shop.products.map((p) => p.category ?? null),
    texts: shop.products.map((p) => [p.title, p.description].filter(Boolean).join('. ')),
  };
  const reviews = new Map<string, string[]>();
  for (const r of [...shop.reviews].sort((a, b) => b.reviewedAt.getTime() - a.reviewedAt.getTime())) {
    if (r.reviewedAt >= asOf || !r.text) continue;
    reviews.set(r.customerExternalId, [...(reviews.get(r.customerExternalId) ?? []), r.text]);
  }
  data.reviews = rows.map((r) => reviews.get(r.externalId) ?? []);
  data.asOfDay = asOf.getTime() / DAY;
  return { shop, data, personas: rows.map((r) => shop.personas.get(r.externalId)!) };
}
