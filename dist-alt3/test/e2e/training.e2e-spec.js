"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
const dialect_1 = require("../../src/db/dialect");
const metrics_1 = require("../../src/ml/clustering/metrics");
const database_1 = require("../helpers/database");
const server_1 = require("../helpers/server");
const subscriptions_1 = require("../helpers/subscriptions");
const PROGRESS = `subscription($runId: ID!) { trainingRunProgress(runId: $runId) { id status progress step totalSteps message backend etaSeconds loss error } }`;
describe(`training runs over HTTP and WebSocket on ${database_1.TEST_KIND}`, () => {
    let t;
    let ws;
    beforeAll(async () => {
        t = await (0, server_1.startTestServer)({ seedDemo: true });
        ws = (0, subscriptions_1.wsClient)(t.server.url, t.keys.analyst);
    });
    afterAll(async () => {
        await ws.dispose();
        await t.close();
    });
    async function register(name, segmenter, params) {
        const res = await t.gql(`mutation($input: RegisterModelInput!) { registerModel(input: $input) { id } }`, { input: { name, segmenter, params } });
        expect(res.errors).toBeUndefined();
        return res.data.registerModel.id;
    }
    async function start(modelId, extra = {}) {
        const res = await t.gql(`mutation($modelId: ID!, $params: JSON, $asOf: DateTime) { startTrainingRun(modelId: $modelId, params: $params, asOf: $asOf) { id status } }`, { modelId, ...extra });
        expect(res.errors).toBeUndefined();
        expect(res.data.startTrainingRun.status).toBe('QUEUED');
        return res.data.startTrainingRun.id;
    }
    it('lists the segmenters with their params and capabilities', async () => {
        const res = await t.gql(`{ segmenters { code version description params { name type default min max choices description } capabilities { inputs embeds deterministicWithSeed accelerator predicts } } }`);
        const codes = res.data.segmenters.map((s) => s.code);
        expect(codes).toEqual(['kmeans', 'svd', 'gpt', 'bert', 'clv', 'quantiles']);
        const kmeans = res.data.segmenters[0];
        expect(kmeans.capabilities).toEqual({ inputs: ['numeric'], embeds: false, deterministicWithSeed: true, accelerator: 'none', predicts: false });
        expect(res.data.segmenters[1].capabilities).toEqual({ inputs: ['sequence'], embeds: true, deterministicWithSeed: true, accelerator: 'none', predicts: false });
        expect(res.data.segmenters[4].capabilities).toEqual({ inputs: ['sequence'], embeds: false, deterministicWithSeed: true, accelerator: 'none', predicts: true });
        expect(kmeans.params.find((p) => p.name === 'distance')).toMatchObject({ type: 'string', default: 'euclidean', choices: ['euclidean', 'cosine'] });
    });
    it('trains k-means, streams monotone progress to the end, and serves segments and assignments', async () => {
        const modelId = await register('rfm k-means', 'kmeans', { k: 0, kMin: 3, kMax: 8 });
        const runId = await start(modelId);
        const { messages, errors } = await (0, subscriptions_1.collect)(ws, PROGRESS, { runId });
        expect(errors).toEqual([]);
        const states = messages.map((m) => m.trainingRunProgress);
        expect(states.length).toBeGreaterThanOrEqual(2);
        for (let i = 1; i < states.length; i++)
            expect(states[i].progress).toBeGreaterThanOrEqual(states[i - 1].progress);
        const last = states[states.length - 1];
        // k-means uses no TensorFlow.js: the run reports plain JavaScript and its threads (one below 200,000 customers),
        // and no update says anything else, before or after the worker starts.
        expect(last).toMatchObject({ status: 'SUCCEEDED', progress: 1, backend: 'js (1 thread)', error: null });
        for (const s of states)
            expect([null, 'js (1 thread)']).toContain(s.backend);
        const run = await t.gql(`query($id: ID!) { trainingRun(id: $id) { status startedAt finishedAt model { name }
      modelVersion { id number featureNames metrics { inertia silhouette daviesBouldin calinskiHarabasz sizes customers metricSpace rfmSilhouette rfmDaviesBouldin }
        segments { id index name size share centroid { feature value } distinguishingProducts { productId title share populationShare lift } profile { index size share mean { frequency monetary } median { recencyDays }
          topCategories { category share } topCountries { country share } topProducts { productId title buyers } } } } } }`, { id: runId });
        const version = run.data.trainingRun.modelVersion;
        expect(version.number).toBe(1);
        expect(version.segments.length).toBeGreaterThanOrEqual(3);
        expect(version.metrics.sizes.reduce((a, b) => a + b, 0)).toBe(version.metrics.customers);
        expect(version.segments.map((s) => s.size)).toEqual(version.metrics.sizes);
        expect(version.metrics.silhouette).toBeGreaterThan(0.2);
        // k-means segments the standardised features: its own space and the RFM space are one.
        expect(version.metrics).toMatchObject({ metricSpace: 'features', rfmSilhouette: version.metrics.silhouette, rfmDaviesBouldin: version.metrics.daviesBouldin });
        // Typed centroids and profiles: one centre value per feature, the profile's numbers agree with the segment's.
        for (const s of version.segments) {
            expect(s.centroid.map((c) => c.feature)).toEqual(version.featureNames);
            for (const c of s.centroid)
                expect(Number.isFinite(c.value)).toBe(true);
            expect(s.profile.index).toBe(s.index);
            expect(s.profile.size).toBe(s.size);
            expect(s.profile.share).toBeCloseTo(s.share, 9);
            expect(s.profile.mean.frequency).toBeGreaterThanOrEqual(0);
            const categoryShares = s.profile.topCategories.map((x) => x.share);
            expect(categoryShares).toEqual([...categoryShares].sort((a, b) => b - a));
            expect(s.profile.topCountries.reduce((sum, x) => sum + x.share, 0)).toBeLessThanOrEqual(1 + 1e-3);
            for (const p of s.profile.topProducts)
                expect(p.buyers).toBeGreaterThan(0);
            // Distinguishing products: bought by a larger share of the segment than of everyone, as the lift says.
            for (const p of s.distinguishingProducts) {
                expect(p.lift).toBeGreaterThan(1);
                expect(Math.abs(p.lift - p.share / p.populationShare) / p.lift).toBeLessThan(0.02); // shares are rounded to 4 places
            }
        }
        // One distinguishing product's shares, counted here from the tables.
        const withProducts = version.segments.find((s) => s.distinguishingProducts.length > 0);
        expect(withProducts).toBeDefined();
        const product = withProducts.distinguishingProducts[0];
        const ds = t.server.dataSource;
        const d = dialect_1.Dialect.of(ds);
        const buyers = async (segmentOnly) => Number((await ds.query(`SELECT COUNT(DISTINCT a.customer_id) AS n FROM segment_assignments a JOIN orders o ON o.customer_id = a.customer_id AND o.status = 'placed'
             JOIN order_items i ON i.order_id = o.id JOIN products p ON p.id = i.product_id
             WHERE a.version_id = ${d.param(1)} AND p.external_id = (SELECT external_id FROM products WHERE id = ${d.param(2)})${segmentOnly ? ` AND a.segment_id = ${d.param(3)}` : ''}`, [Number(version.id), Number(product.productId), ...(segmentOnly ? [Number(withProducts.id)] : [])]))[0].n);
        expect(product.share).toBeCloseTo((await buyers(true)) / withProducts.size, 3);
        expect(product.populationShare).toBeCloseTo((await buyers(false)) / version.metrics.customers, 3);
        // Before any alias: a customer's segment is an error that names the alias, not a silent null.
        const before = await t.gql(`query($id: ID!) { segment(id: $id) { customers(first: 2) { edges { node { id segment { distance } } } } } }`, { id: version.segments[0].id });
        expect(before.data.segment.customers.edges.map((e) => e.node.segment)).toEqual([null, null]);
        expect(before.errors.map((e) => [e.extensions.code, e.extensions.alias])).toEqual([['NOT_FOUND', 'production'], ['NOT_FOUND', 'production']]);
        expect(before.errors[0].message).toMatch(/alias "production" points at no model version yet.*setModelAlias/);
        // Promote it, then read a customer's segment and a segment's customers.
        expect((await t.gql(`mutation($v: ID!) { setModelAlias(versionId: $v, alias: "production") { aliases } }`, { v: version.id })).data.setModelAlias.aliases).toEqual(['production']);
        const segment = version.segments[0];
        const page = await t.gql(`query($id: ID!) { segment(id: $id) { size customers(first: 5) { totalCount edges { distance node { id externalId segment { segment { id } distance } } } pageInfo { hasNextPage endCursor } } } }`, { id: segment.id });
        const edges = page.data.segment.customers.edges;
        expect(page.data.segment.customers.totalCount).toBe(segment.size);
        for (const e of edges)
            expect(e.node.segment.segment.id).toBe(segment.id);
        const distances = edges.map((e) => e.distance);
        expect(distances).toEqual([...distances].sort((a, b) => a - b));
        // Real-time assignment gives what training stored.
        const ids = edges.map((e) => e.node.id);
        const live = await t.gql(`mutation($ids: [ID!]!) { assignCustomers(ids: $ids) { distance segment { id } customer { id } } }`, { ids });
        expect(live.errors).toBeUndefined();
        live.data.assignCustomers.forEach((a, i) => {
            expect(a.customer.id).toBe(ids[i]);
            expect(a.segment.id).toBe(segment.id);
            expect(a.distance).toBeCloseTo(edges[i].distance, 9);
        });
        // The personas that differ in RFM are recovered (early_adopter and nester differ only in sequence: one class).
        const rows = await t.server.dataSource.query(`SELECT c.ground_truth_label AS label, a.segment_id FROM segment_assignments a JOIN customers c ON c.id = a.customer_id WHERE a.version_id = ${Number(version.id)}`);
        const truth = rows.map((r) => (r.label === 'nester' ? 'early_adopter' : r.label));
        const ari = (0, metrics_1.adjustedRandIndex)(truth, rows.map((r) => Number(r.segment_id)));
        process.stdout.write(`k-means on the demo shop: k=${version.segments.length}, ARI against the RFM-separable personas ${ari.toFixed(3)}\n`);
        expect(ari).toBeGreaterThan(0.35);
    });
    it('gives a late subscriber the final state at once and completes', async () => {
        const modelId = await register('late', 'quantiles', { k: 3 });
        const runId = await start(modelId);
        await t.server.services.runner.idle();
        const { messages } = await (0, subscriptions_1.collect)(ws, PROGRESS, { runId });
        expect(messages.map((m) => m.trainingRunProgress.status)).toEqual(['SUCCEEDED']);
    });
    it('cancels a run mid-way', async () => {
        const modelId = await register('slow', 'quantiles', { stepDelayMs: 100, steps: 100 });
        const runId = await start(modelId);
        let cancelled = false;
        const { messages } = await (0, subscriptions_1.collect)(ws, PROGRESS, { runId }, (m) => {
            if (!cancelled && m.trainingRunProgress.status === 'RUNNING' && m.trainingRunProgress.progress > 0) {
                cancelled = true;
                void t.gql(`mutation($id: ID!) { cancelTrainingRun(id: $id) { id } }`, { id: runId });
            }
        });
        const last = messages[messages.length - 1].trainingRunProgress;
        expect(last.status).toBe('CANCELLED');
        expect(last.progress).toBeLessThan(1);
        const run = await t.gql(`query($id: ID!) { trainingRun(id: $id) { status modelVersion { id } } }`, { id: runId });
        expect(run.data.trainingRun).toEqual({ status: 'CANCELLED', modelVersion: null });
        const again = await t.gql(`mutation($id: ID!) { cancelTrainingRun(id: $id) { id } }`, { id: runId });
        expect(again.errors?.[0].extensions?.code).toBe('CONFLICT');
    });
    it('fails a run whose plugin throws, with the message, and stays up', async () => {
        const modelId = await register('too early', 'kmeans', { k: 3 });
        const runId = await start(modelId, { asOf: '2000-01-01T00:00:00Z' });
        const { messages } = await (0, subscriptions_1.collect)(ws, PROGRESS, { runId });
        expect(messages[messages.length - 1].trainingRunProgress).toMatchObject({ status: 'FAILED', error: 'no customer has bought anything before asOf: nothing to segment' });
        expect((await t.gql('{ customers(first: 1) { totalCount } }')).data.customers.totalCount).toBe(2000);
    });
    it('refuses bad params, unknown segmenters and unknown runs with clear codes', async () => {
        const bad = await t.gql(`mutation { registerModel(input: { name: "bad", segmenter: "kmeans", params: { k: "eight", tol: -1 } }) { id } }`);
        expect(bad.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
        expect(bad.errors?.[0].message).toBe('invalid params for kmeans: k: "eight" is not a number; tol: -1 is below 0');
        const unknown = await t.gql(`mutation { registerModel(input: { name: "x", segmenter: "gmm" }) { id } }`);
        expect(unknown.errors?.[0]).toMatchObject({ message: 'unknown segmenter "gmm"; known: kmeans, svd, gpt, bert, clv, quantiles', extensions: { code: 'BAD_USER_INPUT' } });
        const modelId = await register('checked', 'kmeans', { k: 4 });
        const override = await t.gql(`mutation($id: ID!) { startTrainingRun(modelId: $id, params: { distance: "manhattan" }) { id } }`, { id: modelId });
        expect(override.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
        const runs = await t.gql(`query($id: ID!) { trainingRuns(first: 10, filter: { modelId: $id }) { totalCount } }`, { id: modelId });
        expect(runs.data.trainingRuns.totalCount).toBe(0);
        const dup = await t.gql(`mutation { registerModel(input: { name: "checked", segmenter: "kmeans" }) { id } }`);
        expect(dup.errors?.[0].extensions?.code).toBe('CONFLICT');
        const { errors } = await (0, subscriptions_1.collect)(ws, PROGRESS, { runId: '999999' });
        expect(errors[0].extensions?.code).toBe('NOT_FOUND');
    });
    it("lists every model's runs with a constant number of statements", async () => {
        const query = `{ models(first: 50) { totalCount edges { node { id runs(first: 2) { totalCount edges { node { id status } } pageInfo { hasNextPage endCursor } } versions(first: 10) { edges { node { number run { id } } } } } } } }`;
        const { result, queries } = await t.server.queries.measure(() => t.gql(query));
        expect(result.errors).toBeUndefined();
        const models = result.data.models.edges.map((e) => e.node);
        expect(models.length).toBeGreaterThanOrEqual(5);
        for (const model of models) {
            const all = await t.gql(`query($id: ID!) { trainingRuns(first: 100, filter: { modelId: $id }) { totalCount edges { node { id } } } }`, { id: model.id });
            const ids = all.data.trainingRuns.edges.map((e) => e.node.id);
            expect(model.runs.edges.map((e) => e.node.id)).toEqual(ids.slice(0, 2));
            expect(model.runs.totalCount).toBe(all.data.trainingRuns.totalCount);
            expect(model.runs.pageInfo.hasNextPage).toBe(ids.length > 2);
        }
        // models + count, run pages + runs + counts, version pages + versions, runs of versions: not one query per model.
        expect(queries).toBeLessThanOrEqual(9);
    });
    it('keeps answering queries while a large k-means trains (p99 latency)', async () => {
        const modelId = await register('large', 'kmeans', { k: 0, kMin: 2, kMax: 40, nInit: 40 });
        const runId = await start(modelId);
        const status = async () => (await t.gql(`query($id: ID!) { trainingRun(id: $id) { status } }`, { id: runId })).data.trainingRun.status;
        while ((await status()) !== 'RUNNING')
            await new Promise((r) => setTimeout(r, 20));
        const latencies = [];
        for (let i = 0; i < 150; i++) {
            const started = performance.now();
            const res = await t.gql(`{ customers(first: 20, after: null) { edges { node { externalId country } } } }`);
            latencies.push(performance.now() - started);
            expect(res.errors).toBeUndefined();
        }
        const stillRunning = (await status()) === 'RUNNING';
        latencies.sort((a, b) => a - b);
        const p99 = latencies[Math.floor(latencies.length * 0.99)];
        process.stdout.write(`query latency while training: p50 ${latencies[75].toFixed(1)} ms, p99 ${p99.toFixed(1)} ms (training still running: ${stillRunning})\n`);
        expect(stillRunning).toBe(true);
        expect(p99).toBeLessThan(250);
        await t.gql(`mutation($id: ID!) { cancelTrainingRun(id: $id) { id } }`, { id: runId });
        await t.server.services.runner.idle();
    });
});
//# sourceMappingURL=training.e2e-spec.js.map