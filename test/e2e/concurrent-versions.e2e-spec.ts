import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { ARTIFACT_FILE } from '../../src/artifacts/artifact-store';
import { ModelVersion } from '../../src/entities';
import { TEST_KIND } from '../helpers/database';
import { startTestServer, TestServer } from '../helpers/server';

// Issue 16: with TRAINING_CONCURRENCY=2, runs of one model that finish together must each get their own version
// number, and each version's artifact on disk must be its own (the loser of a number race must not overwrite it).
describe(`concurrent runs of one model on ${TEST_KIND}`, () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer({ seedDemo: true, env: { TRAINING_CONCURRENCY: '2' } });
  });
  afterAll(() => t.close());

  it('store distinct version numbers, each with its own artifact, and each version loads', async () => {
    const reg = await t.gql(`mutation($input: RegisterModelInput!) { registerModel(input: $input) { id } }`, { input: { name: 'twins', segmenter: 'kmeans', params: { k: 3, nInit: 1 } } });
    expect(reg.errors).toBeUndefined();
    const modelId = reg.data.registerModel.id;

    // Pairs of runs start together (two slots) and, with the same work, finish within a few milliseconds of each
    // other. Different seeds, so that every run's artifact differs from the others'.
    const seeds = [1, 2, 3, 4, 5, 6];
    const runIds: string[] = [];
    for (const seed of seeds) {
      const res = await t.gql(`mutation($m: ID!, $s: Int) { startTrainingRun(modelId: $m, seed: $s) { id } }`, { m: modelId, s: seed });
      expect(res.errors).toBeUndefined();
      runIds.push(res.data.startTrainingRun.id);
    }
    await t.server.services.runner.idle();

    // Each artifact on disk is the one its version recorded.
    const versions = await t.server.dataSource.getRepository(ModelVersion).find({ where: { modelId: Number(modelId) }, order: { number: 'ASC' } });
    for (const v of versions) {
      const bytes = fs.readFileSync(path.join(t.modelsDir, v.artifactPath, ARTIFACT_FILE));
      expect({ number: v.number, sha256: crypto.createHash('sha256').update(bytes).digest('hex') }).toEqual({ number: v.number, sha256: v.artifactSha256 });
      expect(v.artifactPath).toBe(path.join(String(modelId), String(v.number)));
    }
    const runs = await Promise.all(runIds.map(async (id) => (await t.gql(`query($id: ID!) { trainingRun(id: $id) { status error modelVersion { id number } } }`, { id })).data.trainingRun));
    expect(runs.map((r) => [r.status, r.error])).toEqual(seeds.map(() => ['SUCCEEDED', null]));
    expect(runs.map((r) => r.modelVersion.number).sort((a: number, b: number) => a - b)).toEqual(seeds.map((_, i) => i + 1));

    expect(versions.length).toBe(seeds.length);
    // The model lists exactly those versions.
    const listed = await t.gql(`query($id: ID!) { model(id: $id) { versions(first: 50) { totalCount edges { node { id number } } } } }`, { id: modelId });
    expect(listed.errors).toBeUndefined();
    expect(listed.data.model.versions.totalCount).toBe(seeds.length);
    expect(listed.data.model.versions.edges.map((e: any) => e.node.number).sort((a: number, b: number) => a - b)).toEqual(seeds.map((_, i) => i + 1));

    // Nothing else was left under the model's folder.
    expect(fs.readdirSync(path.join(t.modelsDir, String(modelId))).map(Number).sort((a, b) => a - b)).toEqual(versions.map((v) => v.number));

    // Each version loads and assigns: real-time assignment agrees with what training stored.
    const [{ id: customerId }] = await t.server.dataSource.query(`SELECT MIN(customer_id) AS id FROM segment_assignments WHERE version_id = ${versions[0].id}`);
    for (const v of versions) {
      const alias = `twin-${v.number}`;
      const set = await t.gql(`mutation($v: ID!, $a: String!) { setModelAlias(versionId: $v, alias: $a) { id } }`, { v: String(v.id), a: alias });
      expect(set.errors).toBeUndefined();
      const live = await t.gql(`mutation($ids: [ID!]!, $a: String!) { assignCustomers(ids: $ids, alias: $a) { segment { id } } }`, { ids: [String(customerId)], a: alias });
      expect(live.errors).toBeUndefined();
      const [stored] = await t.server.dataSource.query(`SELECT segment_id FROM segment_assignments WHERE version_id = ${v.id} AND customer_id = ${Number(customerId)}`);
      expect(live.data.assignCustomers[0].segment.id).toBe(String(stored.segment_id));
    }
  });
});
