"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
const synthetic_shop_1 = require("../../src/demo/synthetic-shop");
const bulk_writer_1 = require("../../src/import/bulk-writer");
const online_retail_source_1 = require("../../src/import/sources/online-retail.source");
const feature_service_1 = require("../../src/services/feature.service");
const import_service_1 = require("../../src/services/import.service");
const database_1 = require("../helpers/database");
const paths_1 = require("../helpers/paths");
const DAY = 86_400_000;
describe(`features on ${database_1.TEST_KIND}`, () => {
    let ctx;
    let features;
    let ids;
    beforeAll(async () => {
        ctx = await (0, database_1.openTestDataSource)();
        await new import_service_1.ImportService(ctx.dataSource).importSource(new online_retail_source_1.OnlineRetailSource((0, paths_1.fixture)('online-retail-sample.csv')));
        const rows = await ctx.dataSource.query('SELECT id, external_id FROM customers');
        ids = Object.fromEntries(rows.map((r) => [r.external_id, Number(r.id)]));
        features = new feature_service_1.FeatureService(ctx.dataSource);
    });
    afterAll(() => ctx.close());
    it('defaults asOf to just after the latest order', async () => {
        expect((await features.defaultAsOf()).toISOString()).toBe('2011-06-01T09:00:01.000Z');
    });
    it('computes RFM, tenure, order value and returns net of cancellations, without charges', async () => {
        const asOf = new Date('2011-06-01T09:00:01Z');
        const [uk, fr] = await features.compute([ids['17850'], ids['12583']], asOf);
        // 17850: 6 x 2.55 + 6 x 3.39 (the duplicate line is skipped) + 6 x 1.85 bought, 2 x 2.55 cancelled.
        expect(uk).toMatchObject({ frequency: 2, grossSpend: 46.74, returnedSpend: 5.1, monetary: 41.64, averageOrderValue: 23.37, distinctProducts: 3, country: 'United Kingdom' });
        expect(uk.returnRate).toBeCloseTo(5.1 / 46.74, 6);
        expect(uk.recencyDays).toBeCloseTo((asOf.getTime() - Date.parse('2010-12-01T08:28:00Z')) / DAY, 3);
        expect(uk.tenureDays).toBeCloseTo((asOf.getTime() - Date.parse('2010-12-01T08:26:00Z')) / DAY, 3);
        expect(uk.categoryShares).toEqual({ Uncategorized: 1 });
        // 12583: postage (54.00) is a charge, not spend; the 0.001 mug survives to the cent's tenth.
        expect(fr).toMatchObject({ frequency: 3, grossSpend: 92.952, monetary: 92.952, returnRate: 0, distinctProducts: 3 });
        // One second before asOf: recency is rounded to 1e-4 days (about 9 s).
        expect(fr.recencyDays).toBe(0);
    });
    it('counts only what happened before asOf', async () => {
        const asOf = new Date('2011-01-01T00:00:00Z');
        const [fr] = await features.compute([ids['12583']], asOf);
        expect(fr).toMatchObject({ frequency: 1, grossSpend: 90, distinctProducts: 1 });
        expect(fr.recencyDays).toBeCloseTo((asOf.getTime() - Date.parse('2010-12-01T08:34:00Z')) / DAY, 4);
        const [early] = await features.compute([ids['12583']], new Date('2010-01-01T00:00:00Z'));
        expect(early).toMatchObject({ frequency: 0, monetary: 0, recencyDays: null, tenureDays: null, averageOrderValue: 0 });
    });
    it('gives the text of what customers bought', async () => {
        const [profile] = await features.textProfiles([ids['12583']], new Date('2012-01-01T00:00:00Z'));
        expect(profile.productTitles).toEqual(['ALARM CLOCK BAKELIKE PINK', '£ SIGN MUG', 'WHITE HANGING HEART T-LIGHT HOLDER']);
        expect(profile.reviewTexts).toEqual([]);
    });
});
describe(`features of the demo shop on ${database_1.TEST_KIND}`, () => {
    let ctx;
    const shop = (0, synthetic_shop_1.generateDemoShop)({ customers: 300, seed: 11 });
    beforeAll(async () => {
        ctx = await (0, database_1.openTestDataSource)();
        await new import_service_1.ImportService(ctx.dataSource).writeRecords(new bulk_writer_1.BulkWriter(), shop, { onError: 'abort', replaceItems: true });
    });
    afterAll(() => ctx.close());
    it('agree with a computation in plain code over the generated records, for all customers at once', async () => {
        const service = new feature_service_1.FeatureService(ctx.dataSource);
        const asOf = new Date('2026-01-01T00:00:00Z');
        const all = await service.compute(undefined, asOf);
        expect(all).toHaveLength(300);
        const idRows = await ctx.dataSource.query('SELECT id, external_id FROM customers');
        const externalOf = new Map(idRows.map((r) => [Number(r.id), r.external_id]));
        const productCategory = new Map(shop.products.map((p) => [p.externalId, p.category]));
        for (const f of all) {
            const mine = shop.orders.filter((o) => o.customerExternalId === externalOf.get(f.customerId) && o.placedAt < asOf);
            const placed = mine.filter((o) => o.status === 'placed');
            const gross = placed.flatMap((o) => o.items).reduce((s, i) => s + i.amountE4, 0);
            const returned = -mine.filter((o) => o.status === 'returned').flatMap((o) => o.items).reduce((s, i) => s + i.amountE4, 0);
            expect(f.frequency).toBe(placed.length);
            expect(f.monetary).toBeCloseTo((gross - returned) / 10_000, 4);
            expect(f.distinctProducts).toBe(new Set(placed.flatMap((o) => o.items.map((i) => i.productExternalId))).size);
            if (gross > 0) {
                const home = placed.flatMap((o) => o.items).filter((i) => productCategory.get(i.productExternalId) === 'Home').reduce((s, i) => s + i.amountE4, 0);
                expect(f.categoryShares.Home ?? 0).toBeCloseTo(home / gross, 5);
            }
        }
        // The batched path gives the same answer as the all-customers path.
        const some = await service.compute([all[5].customerId, all[0].customerId], asOf);
        expect(some).toEqual([all[5], all[0]]);
        expect(await service.compute([], asOf)).toEqual([]);
        expect(await service.textProfiles([], asOf)).toEqual([]);
    });
});
//# sourceMappingURL=features.spec.js.map