import { Client } from 'graphql-ws';
import { TEST_KIND } from '../helpers/database';
import { startTestServer, TestServer } from '../helpers/server';
import { collect, wsClient } from '../helpers/subscriptions';

const PROGRESS = `subscription($runId: ID!) { trainingRunProgress(runId: $runId) { id status progress epoch step totalSteps loss validationLoss sequencesPerSecond message backend etaSeconds error } }`;
/** A small network: the end-to-end path, not the model's quality (test/integration/transformer-quality.spec.ts). */
const SMALL = { epochs: 2, dModel: 16, heads: 2, layers: 1, maxLen: 16, k: 4, nInit: 1 };

describe(`transformer segmenters over HTTP and WebSocket on ${TEST_KIND}`, () => {
  let t: TestServer;
  let ws: Client;
  beforeAll(async () => {
    t = await startTestServer({ seedDemo: true });
    ws = wsClient(t.server.url, t.keys.analyst);
  });
  afterAll(async () => {
    await ws.dispose();
    await t.close();
  });

  it('reports the compute backends it can use', async () => {
    const res = await t.gql(`{ computeBackends { name available detail preferred } }`);
    expect(res.errors).toBeUndefined();
    const backends = res.data.computeBackends;
    expect(backends.map((b: any) => b.name)).toEqual(['tensorflow-gpu', 'tensorflow', 'wasm', 'cpu']);
    expect(backends.find((b: any) => b.name === 'wasm').available).toBe(true);
    expect(backends.find((b: any) => b.name === 'cpu').available).toBe(true);
    expect(backends.filter((b: any) => b.preferred)).toHaveLength(1);
    // Under auto the preferred one is the first that is available, and which that is follows from what is installed:
    // a native build only if its package resolves (here tfjs-node does not install), otherwise WebAssembly.
    const preferred = backends.find((b: any) => b.preferred).name;
    expect(preferred).toBe(backends.find((b: any) => b.available).name);
    const installed = (pkg: string) => {
      try {
        require.resolve(pkg);
        return true;
      } catch {
        return false;
      }
    };
    const possible = [...(installed('@tensorflow/tfjs-node-gpu') ? ['tensorflow-gpu'] : []), ...(installed('@tensorflow/tfjs-node') ? ['tensorflow'] : []), 'wasm'];
    expect(possible).toContain(preferred);
  });

  it.each(['gpt', 'bert'])('trains %s from a mutation with live progress, stores the backend, and assigns in real time, also after a restart', async (code) => {
    const reg = await t.gql(`mutation($input: RegisterModelInput!) { registerModel(input: $input) { id } }`, { input: { name: `${code} e2e`, segmenter: code, params: SMALL } });
    expect(reg.errors).toBeUndefined();
    const started = await t.gql(`mutation($m: ID!) { startTrainingRun(modelId: $m) { id status } }`, { m: reg.data.registerModel.id });
    const runId = started.data.startTrainingRun.id;
    const { messages, errors } = await collect<any>(ws, PROGRESS, { runId });
    expect(errors).toEqual([]);
    const states = messages.map((m) => m.trainingRunProgress);
    for (let i = 1; i < states.length; i++) expect(states[i].progress).toBeGreaterThanOrEqual(states[i - 1].progress);
    const last = states[states.length - 1];
    expect(last).toMatchObject({ status: 'SUCCEEDED', progress: 1, error: null });
    // The backend the worker chose is on the run: the one the probe puts first (wasm where no native build loads).
    const preferred = (await t.gql(`{ computeBackends { name preferred } }`)).data.computeBackends.find((b: any) => b.preferred).name;
    expect(last.backend).toBe(preferred);
    // Before the worker has chosen, no update names a backend (never a default such as cpu).
    for (const s of states) expect([null, preferred]).toContain(s.backend);
    expect(states.some((s) => s.epoch >= 1 && s.sequencesPerSecond > 0)).toBe(true);
    expect(last.validationLoss).toBeGreaterThan(0);

    const run = await t.gql(`query($id: ID!) { trainingRun(id: $id) { backend validationLoss model { segmenter { code } } modelVersion { id metrics { customers sizes extra metricSpace silhouette rfmSilhouette } segments { id index size } } } }`, { id: runId });
    // Internal metrics in the transformer's own space, beside the RFM-space figure.
    expect(run.data.trainingRun.modelVersion.metrics.metricSpace).toBe('embedding');
    expect(run.data.trainingRun.modelVersion.metrics.silhouette).not.toBe(run.data.trainingRun.modelVersion.metrics.rfmSilhouette);
    expect(run.errors).toBeUndefined();
    expect(run.data.trainingRun.model.segmenter.code).toBe(code);
    expect(run.data.trainingRun.backend).toBe(last.backend);
    const version = run.data.trainingRun.modelVersion;
    expect(version.segments).toHaveLength(4);
    // The segment map: a projection of the customers in the transformer's own space, every point in one of its segments.
    const map = (await t.gql(`query($id: ID!) { modelVersion(id: $id) { segmentMap { method customers customerIds segmentIds x y explainedVariance } } }`, { id: version.id })).data.modelVersion.segmentMap;
    expect(map.method).toBe('PCA');
    expect(map.customers).toBe(version.metrics.customers);
    expect(map.x).toHaveLength(Math.min(5000, version.metrics.customers));
    expect(new Set(map.customerIds).size).toBe(map.x.length);
    const segmentIds = new Set(version.segments.map((s: any) => s.id));
    expect(map.segmentIds.every((id: string) => segmentIds.has(id))).toBe(true);
    expect(map.explainedVariance[0]).toBeGreaterThanOrEqual(map.explainedVariance[1]);
    expect(map.explainedVariance[0] + map.explainedVariance[1]).toBeLessThanOrEqual(1.000001);
    expect(version.metrics.extra.history.length).toBeGreaterThanOrEqual(1);
    const alias = `${code}-e2e`;
    expect((await t.gql(`mutation($v: ID!, $a: String!) { setModelAlias(versionId: $v, alias: $a) { id } }`, { v: version.id, a: alias })).errors).toBeUndefined();

    // Real-time assignment embeds each customer's current history with the saved model: it matches training.
    const page = await t.gql(`query($id: ID!) { segment(id: $id) { customers(first: 20) { edges { node { id } } } } }`, { id: version.segments[0].id });
    const ids = page.data.segment.customers.edges.map((e: any) => e.node.id);
    expect(ids.length).toBeGreaterThan(0);
    const assign = `mutation($ids: [ID!]!, $alias: String!) { assignCustomers(ids: $ids, alias: $alias) { distance segment { id } customer { id } } }`;
    const live = await t.gql(assign, { ids, alias });
    expect(live.errors).toBeUndefined();
    for (const a of live.data.assignCustomers) expect(a.segment.id).toBe(version.segments[0].id);

    // After a restart the artifact is read back from disk and gives the same answers.
    const { db, modelsDir } = t;
    await ws.dispose();
    await t.close({ keepData: true });
    t = await startTestServer({ db, modelsDir });
    ws = wsClient(t.server.url, t.keys.analyst);
    const again = await t.gql(assign, { ids, alias });
    expect(again.errors).toBeUndefined();
    again.data.assignCustomers.forEach((a: any, i: number) => {
      expect(a.segment.id).toBe(live.data.assignCustomers[i].segment.id);
      expect(a.distance).toBeCloseTo(live.data.assignCustomers[i].distance, 6);
    });
  }, 300_000);
});
