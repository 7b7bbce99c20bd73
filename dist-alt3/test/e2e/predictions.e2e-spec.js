"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
const node_fs_1 = __importDefault(require("node:fs"));
const node_path_1 = __importDefault(require("node:path"));
const database_1 = require("../helpers/database");
const paths_1 = require("../helpers/paths");
const server_1 = require("../helpers/server");
const training_1 = require("../helpers/training");
const PREDICTION = `predictions { horizonDays expectedPurchases pAlive churnProbability expectedSpend clv clvPercentile expectedNextPurchaseAt valueTier }`;
describe(`per-customer predictions (clv, fine-tuned gpt) over GraphQL on ${database_1.TEST_KIND}`, () => {
    let t;
    beforeAll(async () => {
        t = await (0, server_1.startTestServer)({ seedDemo: true });
    });
    afterAll(() => t.close());
    it('stores a prediction for every customer a clv version was trained on, served under the `value` alias, the tier matching the segment', async () => {
        // Nothing until an alias points at a predicting version.
        const before = await t.gql(`{ customers(first: 1) { edges { node { id ${PREDICTION} } } } }`);
        expect(before.errors).toBeUndefined();
        expect(before.data.customers.edges[0].node.predictions).toBeNull();
        const versionId = await (0, training_1.trainVersion)(t, 'value', 'clv', { horizonDays: 60 }, 'value');
        const version = await t.gql(`query($id: ID!) { modelVersion(id: $id) { asOf metrics { customers extra } segments { index name size } } }`, { id: versionId });
        expect(version.errors).toBeUndefined();
        const { asOf, metrics, segments } = version.data.modelVersion;
        expect(metrics.extra.bgnbd).toMatchObject({ converged: true });
        expect(metrics.extra.bgnbd.logLikelihood).toBeLessThan(0);
        expect(segments.map((s) => s.name)).toEqual(['High value', 'Mid value', 'Low value']);
        // One stored prediction per customer the version was trained on, and one tier per assignment.
        const [{ n }] = await t.server.dataSource.query(`SELECT COUNT(*) AS n FROM customer_predictions WHERE version_id = ${Number(versionId)}`);
        expect(Number(n)).toBe(metrics.customers);
        expect(segments.reduce((sum, s) => sum + s.size, 0)).toBe(metrics.customers);
        const page = await t.gql(`{ customers(first: 100) { edges { node { id ${PREDICTION} segment(alias: "value") { segment { name } } } } } }`, {}, { authorization: `Bearer ${t.keys.viewer}` });
        expect(page.errors).toBeUndefined();
        const nodes = page.data.customers.edges.map((e) => e.node);
        const predicted = nodes.filter((n) => n.predictions !== null);
        expect(predicted.length).toBeGreaterThan(50);
        for (const n of predicted) {
            const p = n.predictions;
            expect(p.horizonDays).toBe(60);
            expect(p.churnProbability).toBeGreaterThanOrEqual(0);
            expect(p.churnProbability).toBeLessThanOrEqual(1);
            expect(p.pAlive).toBeGreaterThan(0);
            expect(p.clv).toBeCloseTo(p.expectedPurchases * p.expectedSpend, 6);
            // The tier is the segment the customer was assigned to.
            expect(n.segment.segment.name.toLowerCase()).toBe(`${p.valueTier.toLowerCase()} value`);
            if (p.expectedNextPurchaseAt !== null)
                expect(new Date(p.expectedNextPurchaseAt).getTime()).toBeGreaterThanOrEqual(new Date(asOf).getTime());
        }
        // The committed frontend operation answers the same for one customer.
        const op = node_fs_1.default.readFileSync(node_path_1.default.join(paths_1.REPO_ROOT, 'schema', 'operations', 'CustomerPredictions.graphql'), 'utf8');
        const one = await t.gql(op, { id: predicted[0].id }, { authorization: `Bearer ${t.keys.viewer}` });
        expect(one.errors).toBeUndefined();
        expect(one.data.customer.predictions).toEqual(predicted[0].predictions);
        // Percentiles rank the values: a higher value never has a lower percentile.
        const byClv = [...predicted].sort((a, b) => a.predictions.clv - b.predictions.clv);
        for (let i = 1; i < byClv.length; i++)
            expect(byClv[i].predictions.clvPercentile).toBeGreaterThanOrEqual(byClv[i - 1].predictions.clvPercentile);
        expect(new Set(predicted.map((n) => n.predictions.valueTier))).toEqual(new Set(['HIGH', 'MID', 'LOW']));
        // BI: predicted value and churn per segment, in the same statement as the other aggregates.
        const stats = await t.gql(`{ segmentStats(alias: "value") { segment { index } customers predictedValue averageChurnProbability } }`, {}, { authorization: `Bearer ${t.keys.viewer}` });
        expect(stats.errors).toBeUndefined();
        const stored = await t.server.dataSource.query(`SELECT value_tier AS tier, COUNT(*) AS n, SUM(clv) AS clv, AVG(churn_probability) AS churn FROM customer_predictions WHERE version_id = ${Number(versionId)} GROUP BY value_tier`);
        const tierOf = ['high', 'mid', 'low'];
        for (const row of stats.data.segmentStats) {
            const expected = stored.find((r) => r.tier === tierOf[row.segment.index]);
            expect(row.customers).toBe(Number(expected.n));
            expect(row.predictedValue).toBeCloseTo(Number(expected.clv), 6);
            expect(row.averageChurnProbability).toBeCloseTo(Number(expected.churn), 9);
        }
        // Real time: assignCustomers predicts now, from the same data, what was stored (nothing changed since).
        const ids = predicted.slice(0, 20).map((n) => n.id);
        const live = await t.gql(`mutation($ids: [ID!]!) { assignCustomers(ids: $ids, alias: "value") { customer { id } segment { name } predictions { clv clvPercentile valueTier churnProbability expectedNextPurchaseAt } } }`, { ids }, { authorization: `Bearer ${t.keys.analyst}` });
        expect(live.errors).toBeUndefined();
        live.data.assignCustomers.forEach((a, i) => {
            const stored = predicted[i].predictions;
            expect(a.customer.id).toBe(predicted[i].id);
            expect(a.predictions.clv).toBeCloseTo(stored.clv, 6);
            expect(a.predictions.churnProbability).toBeCloseTo(stored.churnProbability, 9);
            expect(a.predictions.clvPercentile).toBeCloseTo(stored.clvPercentile, 9);
            expect(a.predictions.valueTier).toBe(stored.valueTier);
            expect(a.segment.name.toLowerCase()).toBe(`${stored.valueTier.toLowerCase()} value`);
        });
        // The stored assignment answers with the stored predictions.
        const viaSegment = await t.gql(`query($id: ID!) { customer(id: $id) { segment(alias: "value") { predictions { clv } } } }`, { id: ids[0] });
        expect(viaSegment.data.customer.segment.predictions.clv).toBeCloseTo(predicted[0].predictions.clv, 9);
        // Bulk: an export with the prediction columns, row for row what the API answers.
        const created = await t.gql(`mutation { createSegmentExport(alias: "value", format: NDJSON, columns: ["customer_id", "value_tier", "clv", "churn_probability", "expected_next_purchase_at"]) { id } }`, {}, { authorization: `Bearer ${t.keys.viewer}` });
        expect(created.errors).toBeUndefined();
        const done = await (0, training_1.waitForExport)(t, created.data.createSegmentExport.id, t.keys.viewer);
        expect(done).toMatchObject({ status: 'SUCCEEDED', rowCount: metrics.customers });
        const lines = (await (0, training_1.download)(t, done.url, t.keys.viewer)).text.trim().split('\n').map((l) => JSON.parse(l));
        const byId = new Map(lines.map((l) => [String(l.customer_id), l]));
        for (const n of predicted) {
            const row = byId.get(String(n.id));
            expect(row.value_tier).toBe(n.predictions.valueTier.toLowerCase());
            expect(row.clv).toBeCloseTo(n.predictions.clv, 9);
            expect(row.churn_probability).toBeCloseTo(n.predictions.churnProbability, 9);
            expect(row.expected_next_purchase_at).toBe(n.predictions.expectedNextPurchaseAt);
        }
        // A version that does not predict has no predictions, whatever alias points at it.
        const kmeans = await (0, training_1.trainVersion)(t, 'rfm', 'kmeans', { k: 3 }, 'segments');
        const [{ none: kmeansRows }] = await t.server.dataSource.query(`SELECT COUNT(*) AS none FROM customer_predictions WHERE version_id = ${Number(kmeans)}`);
        expect(Number(kmeansRows)).toBe(0);
        const none = await t.gql(`{ customers(first: 3) { edges { node { predictions(alias: "segments") { clv } } } } }`);
        expect(none.data.customers.edges.map((e) => e.node.predictions)).toEqual([null, null, null]);
        const kmeansStats = await t.gql(`{ segmentStats(alias: "segments") { predictedValue averageChurnProbability } }`);
        expect(kmeansStats.data.segmentStats.every((r) => r.predictedValue === null && r.averageChurnProbability === null)).toBe(true);
    });
    it('filters and sorts customers on the predictions, paging by keyset, and says when an alias does not predict', async () => {
        // Every predicted customer, from the database: what the filters must agree with.
        const rows = await t.server.dataSource.query(`SELECT p.customer_id, p.clv, p.churn_probability, p.value_tier FROM customer_predictions p JOIN model_aliases a ON a.version_id = p.version_id WHERE a.alias = 'value'`);
        expect(rows.length).toBeGreaterThan(100);
        const high = await t.gql(`{ customers(first: 1, filter: { valueTier: HIGH }) { totalCount } }`);
        expect(high.errors).toBeUndefined();
        expect(high.data.customers.totalCount).toBe(rows.filter((r) => r.value_tier === 'high').length);
        const clvs = rows.map((r) => Number(r.clv)).sort((a, b) => a - b);
        const median = clvs[Math.floor(clvs.length / 2)];
        const rich = await t.gql(`query($min: Float!) { customers(first: 1, filter: { minClv: $min, maxChurnProbability: 0.9 }) { totalCount } }`, { min: median });
        expect(rich.data.customers.totalCount).toBe(rows.filter((r) => Number(r.clv) >= median && Number(r.churn_probability) <= 0.9).length);
        // Sorted by CLV, highest first, paged 40 at a time over everyone: the same order as the stored values.
        const seen = [];
        let after = null;
        for (;;) {
            const page = await t.gql(`query($after: String) { customers(first: 40, after: $after, orderBy: { field: CLV, direction: DESC }) { edges { cursor node { predictions { clv } } } pageInfo { hasNextPage endCursor } } }`, { after });
            expect(page.errors).toBeUndefined();
            for (const e of page.data.customers.edges)
                seen.push(e.node.predictions?.clv ?? -1);
            if (!page.data.customers.pageInfo.hasNextPage)
                break;
            after = page.data.customers.pageInfo.endCursor;
        }
        const [{ n }] = await t.server.dataSource.query('SELECT COUNT(*) AS n FROM customers');
        expect(seen).toHaveLength(Number(n));
        for (let i = 1; i < seen.length; i++)
            expect(seen[i]).toBeLessThanOrEqual(seen[i - 1]);
        expect(seen[0]).toBeCloseTo(clvs[clvs.length - 1], 6);
        const churn = await t.gql(`{ customers(first: 5, orderBy: { field: CHURN_PROBABILITY, direction: ASC }) { edges { node { predictions { churnProbability } } } } }`);
        const lowest = Math.min(...rows.map((r) => Number(r.churn_probability)));
        expect(churn.data.customers.edges[0].node.predictions.churnProbability).toBeCloseTo(lowest, 9);
        const noAlias = await t.gql(`{ customers(first: 1, filter: { valueTier: HIGH, predictionsAlias: "nowhere" }) { totalCount } }`);
        expect(noAlias.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
        const notPredicting = await t.gql(`{ customers(first: 1, orderBy: { field: CLV, direction: DESC }, filter: { predictionsAlias: "segments" }) { totalCount } }`);
        expect(notPredicting.errors?.[0]).toMatchObject({ message: expect.stringMatching(/does not predict/), extensions: { code: 'BAD_USER_INPUT' } });
    });
    it('evaluates the predictions on a time split: per-customer churn AUC, Spearman, aggregate forecasts and calibration', async () => {
        const [{ latest }] = await t.server.dataSource.query('SELECT MAX(placed_at) AS latest FROM orders');
        const end = new Date(typeof latest === 'string' ? `${latest.replace(' ', 'T')}Z` : latest);
        const split = new Date(Date.UTC(end.getUTCFullYear(), end.getUTCMonth(), end.getUTCDate()) - 60 * 86_400_000);
        const versionId = await (0, training_1.trainVersion)(t, 'value at the split', 'clv', { horizonDays: 60 }, undefined, split.toISOString());
        const started = await t.gql(`mutation($id: ID!, $asOf: DateTime) { evaluateModelVersion(id: $id, asOf: $asOf, horizonDays: 60) { id } }`, { id: versionId, asOf: split.toISOString() });
        expect(started.errors).toBeUndefined();
        await (0, training_1.waitForEvaluation)(t, started.data.evaluateModelVersion.id);
        const compared = await t.gql(`query($ids: [ID!]!, $asOf: DateTime) { compareModelVersions(ids: $ids, asOf: $asOf, horizonDays: 60) { rows { metrics { customers leakage predictions { churnAuc spendSpearman expectedPurchases actualPurchases purchasesForecastError expectedSpend actualSpend spendForecastError calibration { customers predicted observed } } } } } }`, { ids: [versionId], asOf: split.toISOString() });
        expect(compared.errors).toBeUndefined();
        const { customers, leakage, predictions } = compared.data.compareModelVersions.rows[0].metrics;
        expect(leakage).toBe(false);
        // What happened in the horizon, counted here from the orders: purchase days of the customers evaluated.
        const orders = await t.server.dataSource.query(`SELECT customer_id, placed_at FROM orders WHERE status = 'placed'`);
        const toDate = (v) => (v instanceof Date ? v : new Date(`${String(v).replace(' ', 'T')}Z`));
        const firstBefore = new Set(orders.filter((o) => toDate(o.placed_at) < split).map((o) => Number(o.customer_id)));
        const horizonEnd = new Date(split.getTime() + 60 * 86_400_000);
        const days = new Set(orders.filter((o) => firstBefore.has(Number(o.customer_id)) && toDate(o.placed_at) >= split && toDate(o.placed_at) < horizonEnd).map((o) => `${o.customer_id}:${toDate(o.placed_at).toISOString().slice(0, 10)}`));
        expect(customers).toBe(firstBefore.size);
        expect(predictions.actualPurchases).toBe(days.size);
        expect(predictions.purchasesForecastError).toBeCloseTo((predictions.expectedPurchases - days.size) / days.size, 9);
        // Calibration: ten bins over everyone, predictions ascending; the model ranks churn better than chance.
        expect(predictions.calibration).toHaveLength(10);
        expect(predictions.calibration.reduce((n, b) => n + b.customers, 0)).toBe(customers);
        for (let b = 1; b < 10; b++)
            expect(predictions.calibration[b].predicted).toBeGreaterThanOrEqual(predictions.calibration[b - 1].predicted);
        console.log(`clv on the demo shop, 60-day split: churn AUC ${predictions.churnAuc.toFixed(3)}, Spearman ${predictions.spendSpearman.toFixed(3)}, purchases ${predictions.expectedPurchases.toFixed(0)} expected / ${predictions.actualPurchases} actual`);
        expect(predictions.churnAuc).toBeGreaterThan(0.6);
        expect(predictions.spendSpearman).toBeGreaterThan(0.2);
        expect(predictions.calibration[9].observed).toBeGreaterThan(predictions.calibration[0].observed);
    });
    it('fine-tunes a gpt predictor from GraphQL, compares it with clv on the same split, and serves it under `value`', async () => {
        const [{ latest }] = await t.server.dataSource.query('SELECT MAX(placed_at) AS latest FROM orders');
        const end = new Date(typeof latest === 'string' ? `${latest.replace(' ', 'T')}Z` : latest);
        const split = new Date(Date.UTC(end.getUTCFullYear(), end.getUTCMonth(), end.getUTCDate()) - 60 * 86_400_000).toISOString();
        const small = { epochs: 1, dModel: 16, heads: 2, layers: 1, maxLen: 12, k: 3, nInit: 1, finetuneEpochs: 2, textInit: false, horizonDays: 60 };
        const gpt = await (0, training_1.trainVersion)(t, 'fine-tuned gpt', 'gpt', small, undefined, split);
        const clv = await (0, training_1.trainVersion)(t, 'clv at the split again', 'clv', { horizonDays: 60 }, undefined, split);
        const version = await t.gql(`query($id: ID!) { modelVersion(id: $id) { metrics { customers extra } } }`, { id: gpt });
        const { customers, extra } = version.data.modelVersion.metrics;
        expect(extra.predictor).toMatchObject({ horizonDays: 60 });
        expect(extra.predictor.examples).toBeGreaterThan(100);
        const [{ n }] = await t.server.dataSource.query(`SELECT COUNT(*) AS n FROM customer_predictions WHERE version_id = ${Number(gpt)}`);
        expect(Number(n)).toBe(customers);
        const started = await t.gql(`mutation($ids: [ID!]!, $asOf: DateTime) { startEvaluation(versionIds: $ids, asOf: $asOf, horizonDays: 60) { id } }`, { ids: [gpt, clv], asOf: split });
        expect(started.errors).toBeUndefined();
        await (0, training_1.waitForEvaluation)(t, started.data.startEvaluation.id);
        const compared = await t.gql(`query($ids: [ID!]!, $asOf: DateTime) { compareModelVersions(ids: $ids, asOf: $asOf, horizonDays: 60) { rows { versionId metrics { customers futureLogSpendR2 predictions { churnAuc spendSpearman purchasesForecastError tierChurnAuc tierLogSpendR2 } } } } }`, { ids: [gpt, clv], asOf: split });
        expect(compared.errors).toBeUndefined();
        const [g, c] = compared.data.compareModelVersions.rows.map((r) => r.metrics);
        expect(g.customers).toBe(c.customers);
        for (const m of [g, c]) {
            // Both score churn better than chance on the same customers, and their tiers are scored as segments are.
            expect(m.predictions.churnAuc).toBeGreaterThan(0.55);
            expect(m.predictions.tierChurnAuc).toBeGreaterThan(0.5);
            expect(m.predictions.tierLogSpendR2).toBeGreaterThan(0);
        }
        // The CSV for BI carries the prediction metrics too (empty for a version without them).
        const csv = await t.gql(`query($ids: [ID!]!, $asOf: DateTime) { compareModelVersions(ids: $ids, asOf: $asOf, horizonDays: 60) { csv } }`, { ids: [gpt, clv], asOf: split });
        const [header, ...lines] = csv.data.compareModelVersions.csv.trim().split('\n');
        const columns = header.split(',');
        expect(new Set(columns).size).toBe(columns.length);
        // Two versions, then the global-popularity reference line (no predictions).
        expect(lines).toHaveLength(3);
        expect(lines[2].split(',')[columns.indexOf('segmenter')]).toBe('reference');
        const csvRows = lines.slice(0, 2);
        csvRows.forEach((line, i) => {
            const cells = line.split(',');
            expect(Number(cells[columns.indexOf('customerChurnAuc')])).toBeCloseTo([g, c][i].predictions.churnAuc, 6);
            expect(Number(cells[columns.indexOf('tierLogSpendR2')])).toBeCloseTo([g, c][i].predictions.tierLogSpendR2, 6);
        });
        // Nothing is learnt from, or evaluated on, a future that has not happened.
        const future = new Date(Date.now() + 86_400_000).toISOString();
        const model = await t.gql(`mutation { registerModel(input: { name: "future", segmenter: "clv" }) { id } }`);
        const train = await t.gql(`mutation($m: ID!, $asOf: DateTime) { startTrainingRun(modelId: $m, asOf: $asOf) { id } }`, { m: model.data.registerModel.id, asOf: future });
        expect(train.errors?.[0]).toMatchObject({ message: expect.stringMatching(/in the future/), extensions: { code: 'BAD_USER_INPUT' } });
        const evaluate = await t.gql(`mutation($ids: [ID!]!, $asOf: DateTime) { startEvaluation(versionIds: $ids, asOf: $asOf, horizonDays: 60) { id } }`, { ids: [clv], asOf: future });
        expect(evaluate.errors?.[0]).toMatchObject({ message: expect.stringMatching(/in the future/), extensions: { code: 'BAD_USER_INPUT' } });
        console.log(`demo shop, 60-day split: gpt churn AUC ${g.predictions.churnAuc.toFixed(3)} vs clv ${c.predictions.churnAuc.toFixed(3)}; Spearman ${g.predictions.spendSpearman.toFixed(3)} vs ${c.predictions.spendSpearman.toFixed(3)}`);
        // The better one on churn AUC, retrained on all the data so far, pointed at `value`: a frontend reads value,
        // churn, next purchase and tier, and assignCustomers predicts now what was stored (nothing changed since).
        const better = g.predictions.churnAuc >= c.predictions.churnAuc ? ['gpt', small] : ['clv', { horizonDays: 60 }];
        await (0, training_1.trainVersion)(t, 'value now', better[0], better[1], 'value');
        const page = await t.gql(`{ customers(first: 50, orderBy: { field: CLV, direction: DESC }) { edges { node { id ${PREDICTION} } } } }`, {}, { authorization: `Bearer ${t.keys.viewer}` });
        expect(page.errors).toBeUndefined();
        const nodes = page.data.customers.edges.map((e) => e.node).filter((x) => x.predictions);
        expect(nodes.length).toBeGreaterThan(10);
        for (const x of nodes) {
            if (better[0] === 'gpt')
                expect(x.predictions.pAlive).toBeNull();
            expect(x.predictions.horizonDays).toBe(60);
            expect(['HIGH', 'MID', 'LOW']).toContain(x.predictions.valueTier);
        }
        expect(nodes[0].predictions.valueTier).toBe('HIGH');
        // Live: assignCustomers predicts from the same data what was stored.
        const live = await t.gql(`mutation($ids: [ID!]!) { assignCustomers(ids: $ids, alias: "value") { predictions { clv churnProbability valueTier } } }`, { ids: nodes.slice(0, 5).map((x) => x.id) }, { authorization: `Bearer ${t.keys.analyst}` });
        expect(live.errors).toBeUndefined();
        live.data.assignCustomers.forEach((a, i) => {
            expect(a.predictions.clv).toBeCloseTo(nodes[i].predictions.clv, 4);
            expect(a.predictions.churnProbability).toBeCloseTo(nodes[i].predictions.churnProbability, 6);
            expect(a.predictions.valueTier).toBe(nodes[i].predictions.valueTier);
        });
    });
});
//# sourceMappingURL=predictions.e2e-spec.js.map