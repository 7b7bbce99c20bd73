"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
const node_fs_1 = __importDefault(require("node:fs"));
const node_path_1 = __importDefault(require("node:path"));
const feature_service_1 = require("../../src/services/feature.service");
const database_1 = require("../helpers/database");
const cli_1 = require("../helpers/cli");
const server_1 = require("../helpers/server");
const subscriptions_1 = require("../helpers/subscriptions");
const training_1 = require("../helpers/training");
const paths_1 = require("../helpers/paths");
const sync_1 = require("csv-parse/sync");
// The real datasets are read by path, never committed: .ci/run sets ONLINE_RETAIL_CSV and CDNOW_CSV to the files in
// ../shared/datasets. Without them these tests are skipped (and say so in the test name).
const ONLINE_RETAIL = process.env.ONLINE_RETAIL_CSV ?? '';
const CDNOW = process.env.CDNOW_CSV ?? '';
const describeIf = (path) => (path && node_fs_1.default.existsSync(path) ? describe : describe.skip);
describeIf(ONLINE_RETAIL)(`real data: UCI Online Retail through the CLI on ${database_1.TEST_KIND} (ONLINE_RETAIL_CSV)`, () => {
    let db;
    beforeAll(async () => (db = await (0, database_1.createTestDatabase)()));
    afterAll(() => db.drop());
    it('imports the whole file with the published counts and totals, and a second import changes nothing', async () => {
        const first = await (0, cli_1.runSegmentql)(['import', '--format', 'online-retail', ONLINE_RETAIL, '--json'], { DATABASE_URL: db.url });
        expect(first.code).toBe(0);
        const summary = JSON.parse(first.stdout);
        expect(summary.rowsRead).toBe(541_909);
        expect(summary.skipped['missing customer id']).toBe(135_080);
        expect(summary.errorCount).toBe(0);
        // The dataset README's totals, over every row of the file.
        expect(summary.totals.read.quantity).toBe(5_176_450);
        expect(Math.round(summary.totals.read.amountE4 / 100) / 100).toBe(9_747_747.93);
        expect(summary.rowsImported).toBe(541_909 - 135_080 - summary.skipped['duplicate line']);
        await (0, database_1.withDataSource)(db, async (ds) => {
            expect(await (0, database_1.count)(ds, 'customers')).toBe(4_372);
            const [lines] = await ds.query('SELECT COUNT(*) AS n, SUM(quantity) AS qty, SUM(amount_e4) AS amount FROM order_items');
            // What is stored reconciles with what the import says it accepted.
            expect([Number(lines.n), Number(lines.qty), Number(lines.amount)]).toEqual([summary.rowsImported, summary.totals.imported.quantity, summary.totals.imported.amountE4]);
            const [orders] = await ds.query(`SELECT COUNT(*) AS n, SUM(CASE WHEN status = 'returned' THEN 1 ELSE 0 END) AS returned FROM orders`);
            expect(Number(orders.n)).toBe(22_190);
            expect(Number(orders.returned)).toBe(3_654);
            // Features for every customer in set-based SQL.
            const features = await new feature_service_1.FeatureService(ds).compute(undefined, new Date('2011-12-10T00:00:00Z'));
            expect(features).toHaveLength(4_372);
            expect(features.filter((f) => f.frequency === 0).length).toBeLessThan(100);
        });
        const second = await (0, cli_1.runSegmentql)(['import', '--format', 'online-retail', ONLINE_RETAIL, '--json'], { DATABASE_URL: db.url });
        const again = JSON.parse(second.stdout);
        expect(again.written.customers.created + again.written.products.created + again.written.orders.created).toBe(0);
        await (0, database_1.withDataSource)(db, async (ds) => expect(await (0, database_1.count)(ds, 'order_items')).toBe(summary.rowsImported));
    });
    it('trains k-means on it from a GraphQL client, streams progress, serves segments and assigns a customer live', async () => {
        const t = await (0, server_1.startTestServer)({ db });
        const ws = (0, subscriptions_1.wsClient)(t.server.url, t.keys.analyst);
        try {
            const model = await t.gql(`mutation { registerModel(input: { name: "online retail rfm", segmenter: "kmeans", params: { k: 0, kMin: 3, kMax: 8 } }) { id } }`);
            const run = await t.gql(`mutation($id: ID!) { startTrainingRun(modelId: $id) { id status } }`, { id: model.data.registerModel.id });
            const { messages } = await (0, subscriptions_1.collect)(ws, `subscription($id: ID!) { trainingRunProgress(runId: $id) { status progress message } }`, { id: run.data.startTrainingRun.id });
            const states = messages.map((m) => m.trainingRunProgress);
            expect(states[states.length - 1]).toMatchObject({ status: 'SUCCEEDED', progress: 1 });
            const version = (await t.gql(`query($id: ID!) { trainingRun(id: $id) { modelVersion { id metrics { customers silhouette daviesBouldin sizes } segments { id size profile { size share topCategories { category share } } } } } }`, { id: run.data.startTrainingRun.id })).data.trainingRun.modelVersion;
            process.stdout.write(`k-means on Online Retail: ${JSON.stringify(version.metrics)}\n`);
            expect(version.metrics.customers).toBeGreaterThan(4_300);
            await t.gql(`mutation($v: ID!) { setModelAlias(versionId: $v, alias: "production") { id } }`, { v: version.id });
            const [customer] = (await t.gql(`{ customers(first: 1, filter: { externalIds: ["17850"] }) { edges { node { id segment { segment { id } } } } } }`)).data.customers.edges.map((e) => e.node);
            const live = await t.gql(`mutation($ids: [ID!]!) { assignCustomers(ids: $ids) { segment { id } } }`, { ids: [customer.id] });
            expect(live.data.assignCustomers[0].segment.id).toBe(customer.segment.segment.id);
            // A BI tool's pull: every production assignment as CSV, one authorised request for the file.
            const viewer = t.keys.viewer;
            const created = await t.gql(`mutation { createSegmentExport(alias: "production", format: CSV, columns: ["customer_id", "external_id", "email", "country", "segment_index", "segment_name", "spend", "last_order_at"]) { id } }`, {}, { authorization: `Bearer ${viewer}` });
            const done = await (0, training_1.waitForExport)(t, created.data.createSegmentExport.id, viewer);
            const file = await (0, training_1.download)(t, done.url, viewer);
            expect(file.status).toBe(200);
            const rows = (0, sync_1.parse)(file.text, { columns: true });
            const assigned = version.segments.reduce((n, s) => n + s.size, 0);
            expect(rows.length).toBe(assigned);
            expect(done.rowCount).toBe(assigned);
            expect(new Set(rows.map((r) => r.customer_id)).size).toBe(assigned);
            expect(rows.find((r) => r.external_id === '17850')).toMatchObject({ country: 'United Kingdom', email: '' });
            for (const r of rows)
                if (r.last_order_at)
                    expect(r.last_order_at).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
            const stats = await t.gql(`{ segmentStats(groupBy: [COUNTRY]) { customers spend } }`, {}, { authorization: `Bearer ${viewer}` });
            expect(stats.data.segmentStats.reduce((n, r) => n + r.customers, 0)).toBe(assigned);
            const spend = rows.reduce((sum, r) => sum + Number(r.spend), 0);
            expect(stats.data.segmentStats.reduce((n, r) => n + r.spend, 0)).toBeCloseTo(spend, 0);
        }
        finally {
            await ws.dispose();
            await t.server.close();
        }
    });
});
describeIf(CDNOW)(`real data: CDNOW through the CLI on ${database_1.TEST_KIND} (CDNOW_CSV)`, () => {
    let db;
    beforeAll(async () => (db = await (0, database_1.createTestDatabase)()));
    afterAll(() => db.drop());
    it('imports 23,570 customers and 69,659 orders with the published totals', async () => {
        const res = await (0, cli_1.runSegmentql)(['import', '--format', 'cdnow', CDNOW, '--json'], { DATABASE_URL: db.url });
        expect(res.code).toBe(0);
        const summary = JSON.parse(res.stdout);
        expect(summary.totals.read).toEqual({ quantity: 167_881, amountE4: 25_003_156_300 });
        await (0, database_1.withDataSource)(db, async (ds) => {
            expect(await (0, database_1.count)(ds, 'customers')).toBe(23_570);
            expect(await (0, database_1.count)(ds, 'orders')).toBe(69_659);
        });
    });
    it('fits clv (BG/NBD + Gamma-Gamma) from GraphQL on the 39-week calibration as scipy does on the same data', async () => {
        // test/fixtures/clv/make_cdnow_fixture.py: scipy's maximum-likelihood fit of the whole master, same conventions.
        const fixture = JSON.parse(node_fs_1.default.readFileSync(node_path_1.default.join(paths_1.REPO_ROOT, 'test', 'fixtures', 'clv', 'cdnow-fixture.json'), 'utf8'));
        const t = await (0, server_1.startTestServer)({ db });
        try {
            const versionId = await (0, training_1.trainVersion)(t, 'cdnow clv', 'clv', { timeUnit: 'week', horizonDays: 273 }, undefined, '1997-10-01T00:00:00Z');
            const res = await t.gql(`query($id: ID!) { modelVersion(id: $id) { metrics { customers extra } segments { index name size } } }`, { id: versionId });
            expect(res.errors).toBeUndefined();
            const { metrics, segments } = res.data.modelVersion;
            expect(metrics.customers).toBe(fixture.customers);
            const { bgnbd, gammaGamma } = metrics.extra;
            for (const key of ['r', 'alpha', 'a', 'b'])
                expect(Math.abs(bgnbd[key] / fixture.bgnbd[key] - 1)).toBeLessThan(0.005);
            expect(Math.abs(bgnbd.logLikelihood - fixture.bgnbd.logLikelihood)).toBeLessThan(0.1);
            expect(bgnbd.converged).toBe(true);
            expect(gammaGamma.customers).toBe(fixture.repeatCustomers);
            for (const key of ['p', 'q', 'gamma'])
                expect(Math.abs(gammaGamma[key] / fixture.gammaGamma[key] - 1)).toBeLessThan(0.005);
            expect(Math.abs(gammaGamma.logLikelihood - fixture.gammaGamma.logLikelihood)).toBeLessThan(0.1);
            // The holdout: each customer's purchase days in the 39 weeks after asOf, against the stored expectation.
            const ds = t.server.dataSource;
            const predicted = await ds.query(`SELECT customer_id, expected_purchases FROM customer_predictions WHERE version_id = ${Number(versionId)}`);
            expect(predicted).toHaveLength(fixture.customers);
            const orders = await ds.query(`SELECT customer_id, placed_at FROM orders WHERE status = 'placed' AND placed_at >= $1 AND placed_at < $2`.replace(/\$(\d)/g, (_, i) => (database_1.TEST_KIND === 'postgres' ? `$${i}` : '?')), database_1.TEST_KIND === 'postgres' ? [new Date('1997-10-01T00:00:00Z'), new Date('1998-07-01T00:00:00Z')] : ['1997-10-01 00:00:00.000', '1998-07-01 00:00:00.000']);
            const days = new Map();
            for (const o of orders) {
                const day = new Date(o.placed_at instanceof Date ? o.placed_at : `${String(o.placed_at).replace(' ', 'T')}Z`).toISOString().slice(0, 10);
                const set = days.get(Number(o.customer_id)) ?? new Set();
                set.add(day);
                days.set(Number(o.customer_id), set);
            }
            const actual = predicted.map((p) => days.get(Number(p.customer_id))?.size ?? 0);
            expect(actual.reduce((a, b) => a + b, 0)).toBe(fixture.sumHoldout);
            const expected = predicted.map((p) => Number(p.expected_purchases));
            expect(Math.abs(expected.reduce((a, b) => a + b, 0) / fixture.sumExpectedHoldout - 1)).toBeLessThan(0.005);
            expect(Math.abs(pearson(expected, actual) - fixture.holdoutCorrelation)).toBeLessThan(0.005);
            // Three value tiers: top 20%, next 30%, the rest.
            expect(segments.map((s) => s.size).reduce((a, b) => a + b, 0)).toBe(fixture.customers);
            expect(Math.abs(segments[0].size / fixture.customers - 0.2)).toBeLessThan(0.02);
        }
        finally {
            await t.close({ keepData: true }); // the database is dropped by afterAll
            node_fs_1.default.rmSync(t.modelsDir, { recursive: true, force: true });
        }
    }, 240_000);
});
function pearson(a, b) {
    const n = a.length;
    const ma = a.reduce((s, v) => s + v, 0) / n;
    const mb = b.reduce((s, v) => s + v, 0) / n;
    let sab = 0;
    let saa = 0;
    let sbb = 0;
    for (let i = 0; i < n; i++) {
        sab += (a[i] - ma) * (b[i] - mb);
        saa += (a[i] - ma) ** 2;
        sbb += (b[i] - mb) ** 2;
    }
    return sab / Math.sqrt(saa * sbb);
}
//# sourceMappingURL=real-data.e2e-spec.js.map