/**
 * The first start on the demo shop trains a k-means version and aliases it `production` (DEMO_MODEL); a server
 * stopped while it trains finishes the job at its next start; an alias set by someone else is never moved.
 */
import { TestServer, startTestServer } from '../helpers/server';

const SEGMENTS = `{ segments(alias: "production") { id version { id model { name } } } }`;

describe('first start on the demo shop', () => {
  let t: TestServer | null = null;
  afterEach(async () => {
    await t?.close();
    t = null;
  });

  test('a start after one interrupted while the demo model trained trains it and aliases it production, once', async () => {
    // As a process stopped while the demo model trained leaves it: the model registered, no version, no alias.
    t = await startTestServer({ seedDemo: true, env: { DEMO_MODEL: 'false' } });
    expect((await t.gql(`mutation { registerModel(input: { name: "Demo shop k-means", segmenter: "kmeans" }) { id } }`)).errors).toBeUndefined();
    const { db, modelsDir } = t;
    await t.close({ keepData: true });
    t = await startTestServer({ seedDemo: true, db, modelsDir, env: { DEMO_MODEL: 'true' } });
    const versionId = await t.server.demoModel;
    expect(versionId).not.toBeNull();
    const segments = await t.gql(SEGMENTS);
    expect(segments.errors).toBeUndefined();
    expect(segments.data.segments.length).toBeGreaterThanOrEqual(3);
    expect(segments.data.segments[0].version).toEqual({ id: String(versionId), model: { name: 'Demo shop k-means' } });
    // One demo model, however many starts.
    const models = await t.gql(`{ models(first: 10) { totalCount } }`);
    expect(models.data.models.totalCount).toBe(1);
    const history = await t.gql(`{ aliasHistory(alias: "production", first: 10) { edges { node { movedBy } } } }`);
    expect(history.errors).toBeUndefined();
    expect(history.data.aliasHistory.edges.map((e: any) => e.node.movedBy)).toEqual(['first start']);
  }, 120_000);

  test('an alias someone set is left alone, and a shop with models of its own gets no demo model', async () => {
    t = await startTestServer({ seedDemo: true, env: { DEMO_MODEL: 'true' } });
    const first = await t.server.demoModel;
    expect(first).not.toBeNull();
    const model = await t.gql(`mutation { registerModel(input: { name: "mine", segmenter: "kmeans", params: { k: 3 } }) { id } }`);
    const run = await t.gql(`mutation($m: ID!) { startTrainingRun(modelId: $m) { id } }`, { m: model.data.registerModel.id });
    let version: string | null = null;
    while (!version) {
      const r = await t.gql(`query($id: ID!) { trainingRun(id: $id) { status modelVersion { id } } }`, { id: run.data.startTrainingRun.id });
      expect(['QUEUED', 'RUNNING', 'SUCCEEDED']).toContain(r.data.trainingRun.status);
      version = r.data.trainingRun.modelVersion?.id ?? null;
      if (!version) await new Promise((resolve) => setTimeout(resolve, 200));
    }
    await t.gql(`mutation($v: ID!) { setModelAlias(alias: "production", versionId: $v) { id } }`, { v: version });
    const { db, modelsDir } = t;
    await t.close({ keepData: true });
    t = await startTestServer({ seedDemo: true, db, modelsDir, env: { DEMO_MODEL: 'true' } });
    expect(await t.server.demoModel).toBeNull();
    const segments = await t.gql(SEGMENTS);
    expect(segments.data.segments[0].version.id).toBe(version);
  }, 120_000);
});
