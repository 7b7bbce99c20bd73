import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { clientSafeMessage } from '../../src/errors';
import { TEST_KIND } from '../helpers/database';
import { REPO_ROOT as ROOT } from '../helpers/paths';
import { startTestServer, TestServer } from '../helpers/server';
import { trainVersion } from '../helpers/training';

/**
 * What a careless or hostile client could do with one request and one rate-limit token (issue 17): alias a job-starting
 * mutation many times, or queue training runs without end. An operation may hold one expensive field; a key may have
 * only TRAINING_QUEUE_LIMIT runs queued or running.
 */
describe(`expensive work per request and per key on ${TEST_KIND}`, () => {
  let t: TestServer;
  let modelId: string;
  beforeAll(async () => {
    t = await startTestServer({ seedDemo: true, env: { TRAINING_QUEUE_LIMIT: '2', TRAINING_CONCURRENCY: '1' } });
    const reg = await t.gql(`mutation { registerModel(input: { name: "slow", segmenter: "quantiles", params: { stepDelayMs: 400, steps: 20 } }) { id } }`);
    modelId = reg.data.registerModel.id;
  });
  afterAll(() => t.close());

  const count = async (field: 'segmentExports' | 'trainingRuns') => (await t.gql(`{ ${field}(first: 1) { totalCount } }`)).data[field].totalCount;

  it('refuses 50 aliased exports in one request, as a viewer, and writes nothing', async () => {
    const aliases = Array.from({ length: 50 }, (_, i) => `e${i}: createSegmentExport(modelVersionId: "1", format: NDJSON) { id }`).join('\n');
    const res = await t.gql(`mutation { ${aliases} }`, undefined, { authorization: `Bearer ${t.keys.viewer}` });
    expect(res.errors?.[0].extensions?.code).toBe('QUERY_TOO_COMPLEX');
    expect(res.errors?.[0].message).toMatch(/one expensive field .* holds 50: e0, e1, e2, e3, e4, \.\.\./);
    expect(res.data ?? null).toBeNull();
    expect(await count('segmentExports')).toBe(0);
  });

  it('counts expensive fields behind fragments and across kinds (a run and an assignment)', async () => {
    const res = await t.gql(
      `mutation($m: ID!) { ...Twice } fragment Twice on Mutation { a: startTrainingRun(modelId: $m) { id } ... on Mutation { b: startTrainingRun(modelId: $m) { id } } }`,
      { m: modelId },
    );
    expect(res.errors?.[0].extensions?.code).toBe('QUERY_TOO_COMPLEX');
    const mixed = await t.gql(`mutation($m: ID!) { startTrainingRun(modelId: $m) { id } assignCustomers(ids: ["1"]) { distance } }`, { m: modelId });
    expect(mixed.errors?.[0].extensions?.code).toBe('QUERY_TOO_COMPLEX');
    // Comparisons and leaderboards read every compared version's metrics: one per operation too.
    const comparisons = await t.gql(`{ ${Array.from({ length: 40 }, (_, i) => `c${i}: compareModelVersions(ids: ["1"]) { missing }`).join(' ')} }`);
    expect(comparisons.errors?.[0].extensions).toMatchObject({ code: 'QUERY_TOO_COMPLEX', expensiveFields: 40 });
    const board = await t.gql(`{ compareModelVersions(ids: ["1"]) { missing } leaderboard(metric: "hitRateAt10") { csv } }`);
    expect(board.errors?.[0].extensions).toMatchObject({ code: 'QUERY_TOO_COMPLEX', expensiveFields: 2 });
    // A snapshot copies every assignment of an alias, a re-scoring job up to 10,000 customers: one per operation.
    const snapshots = await t.gql(`mutation { ${Array.from({ length: 50 }, (_, i) => `s${i}: createSegmentSnapshot(alias: "production", name: "s${i}") { id }`).join(' ')} }`);
    expect(snapshots.errors?.[0].extensions).toMatchObject({ code: 'QUERY_TOO_COMPLEX', expensiveFields: 50 });
    const rescores = await t.gql(`mutation { a: rescoreCustomers(ids: ["1"]) { id } b: rescoreCustomers(ids: ["2"]) { id } }`);
    expect(rescores.errors?.[0].extensions).toMatchObject({ code: 'QUERY_TOO_COMPLEX', expensiveFields: 2 });
    expect(await count('trainingRuns')).toBe(0);
    // One expensive field beside cheap ones is fine.
    const one = await t.gql(`mutation($m: ID!) { startTrainingRun(modelId: $m) { id status } }`, { m: modelId });
    expect(one.errors).toBeUndefined();
    await t.gql(`mutation($id: ID!) { cancelTrainingRun(id: $id) { id } }`, { id: one.data.startTrainingRun.id });
  });

  it('lets one key have only TRAINING_QUEUE_LIMIT runs queued or running; another key is not held up', async () => {
    const start = (key: string) => t.gql(`mutation($m: ID!) { startTrainingRun(modelId: $m) { id status } }`, { m: modelId }, { authorization: `Bearer ${key}` });
    const first = await start(t.keys.analyst);
    const second = await start(t.keys.analyst);
    expect([first.errors, second.errors]).toEqual([undefined, undefined]);
    const third = await start(t.keys.analyst);
    expect(third.errors?.[0].extensions).toMatchObject({ code: 'RATE_LIMITED', limit: 2 });
    expect(third.errors?.[0].message).toMatch(/has 2 training runs queued or running; at most 2/);
    const admin = await start(t.keys.admin);
    expect(admin.errors).toBeUndefined();
    // Cancelling one frees a place.
    await t.gql(`mutation($id: ID!) { cancelTrainingRun(id: $id) { id } }`, { id: second.data.startTrainingRun.id });
    const again = await start(t.keys.analyst);
    expect(again.errors).toBeUndefined();
    for (const r of [first, again, admin]) await t.gql(`mutation($id: ID!) { cancelTrainingRun(id: $id) { id } }`, { id: r.data.startTrainingRun.id });
  });

  it('refuses orders dated 9999-12-31 or 0001-01-01 over the API, writes nothing, and keeps the default asOf', async () => {
    const customer = (await t.gql(`{ customers(first: 1) { edges { node { externalId } } } }`)).data.customers.edges[0].node.externalId;
    const product = (await t.gql(`{ products(first: 1) { edges { node { externalId } } } }`)).data.products.edges[0].node.externalId;
    const before = (await t.gql(`{ customers(first: 1, filter: { maxRecencyDays: 30 }) { totalCount } }`)).data.customers.totalCount;
    for (const placedAt of ['9999-12-31T00:00:00Z', '0001-01-01T00:00:00Z']) {
      const res = await t.gql(`mutation($input: [OrderInput!]!) { upsertOrders(input: $input) { created errors { message path } } }`, {
        input: [{ externalId: `stray-${placedAt.slice(0, 4)}`, customerExternalId: customer, placedAt, items: [{ productExternalId: product, quantity: 1, unitPrice: 1 }] }],
      });
      const problems = [...(res.errors ?? []).map((e: any) => `${e.extensions?.code}: ${e.message}`), ...(res.data?.upsertOrders?.errors ?? []).map((e: any) => e.message)];
      expect(res.data?.upsertOrders?.created ?? 0).toBe(0);
      expect(problems.join(" ")).toMatch(/at most one day after now|1990-01-01/);
    }
    // The recency filter still counts from the data's latest order, not from 9999.
    expect((await t.gql(`{ customers(first: 1, filter: { maxRecencyDays: 30 }) { totalCount } }`)).data.customers.totalCount).toBe(before);
    expect(before).toBeGreaterThan(1);
  });

  it('holds the per-key caps against a burst of parallel requests (training runs and evaluations)', async () => {
    const queued = async (field: 'trainingRuns') => (await t.gql(`{ ${field}(first: 100) { edges { node { id status } } } }`)).data[field].edges.filter((e: any) => ['QUEUED', 'RUNNING'].includes(e.node.status)).map((e: any) => e.node.id);
    for (const id of await queued('trainingRuns')) await t.gql(`mutation($id: ID!) { cancelTrainingRun(id: $id) { id } }`, { id });
    // 20 requests at once, each one field: before each count and insert took turns, all 20 saw room under the cap.
    const burst = await Promise.all(Array.from({ length: 20 }, () => t.gql(`mutation($m: ID!) { startTrainingRun(modelId: $m) { id } }`, { m: modelId }, { authorization: `Bearer ${t.keys.analyst}` })));
    const started = burst.filter((r) => !r.errors).map((r) => r.data.startTrainingRun.id);
    expect(started.length).toBe(2);
    expect(burst.filter((r) => r.errors?.[0].extensions?.code === 'RATE_LIMITED').length).toBe(18);
    for (const id of started) await t.gql(`mutation($id: ID!) { cancelTrainingRun(id: $id) { id } }`, { id });

    const version = await trainVersion(t, 'k3 for evaluations', 'kmeans', { k: 3 });
    const evaluations = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        t.gql(`mutation($v: ID!, $h: Int!) { evaluateModelVersion(id: $v, horizonDays: $h, refresh: true) { id } }`, { v: version, h: 30 + i }, { authorization: `Bearer ${t.keys.analyst}` }),
      ),
    );
    const accepted = evaluations.filter((r) => !r.errors).map((r) => r.data.evaluateModelVersion.id);
    expect(accepted.length).toBe(4); // EVALUATION_QUEUE_LIMIT's default
    expect(evaluations.filter((r) => r.errors?.[0].extensions?.code === 'RATE_LIMITED').length).toBe(8);
    for (const id of accepted) await t.gql(`mutation($id: ID!) { cancelEvaluation(id: $id) { id } }`, { id });
  }, 120_000);
});

describe('errors that reach clients carry no server paths', () => {
  it('replaces file system paths in job errors', () => {
    expect(clientSafeMessage(new Error("ENOTDIR: not a directory, mkdir '/srv/segmentql/models/1/1'"))).toBe("ENOTDIR: not a directory, mkdir '<path>'");
    expect(clientSafeMessage(new Error('dModel (30) must be a multiple of heads (4)'))).toBe('dModel (30) must be a multiple of heads (4)');
    expect(clientSafeMessage(new Error('text encoder transformers:Xenova/all-MiniLM-L6-v2: no model at /m/pretrained/Xenova/all-MiniLM-L6-v2'))).toBe(
      'text encoder transformers:Xenova/all-MiniLM-L6-v2: no model at <path>',
    );
  });

  it(`a viewer reading a failed run's error on ${TEST_KIND} sees no path`, async () => {
    const t = await startTestServer({ seedDemo: true });
    try {
      const reg = await t.gql(`mutation { registerModel(input: { name: "k", segmenter: "kmeans", params: { k: 3 } }) { id } }`);
      const modelId = reg.data.registerModel.id;
      // The model's artifact folder cannot be made: a file stands where it belongs.
      fs.writeFileSync(path.join(t.modelsDir, String(modelId)), 'in the way');
      const run = await t.gql(`mutation($m: ID!) { startTrainingRun(modelId: $m) { id } }`, { m: modelId });
      let state: { status: string; error: string | null } = { status: 'QUEUED', error: null };
      for (let i = 0; i < 200 && !['FAILED', 'SUCCEEDED'].includes(state.status); i++) {
        await new Promise((r) => setTimeout(r, 100));
        state = (await t.gql(`query($id: ID!) { trainingRun(id: $id) { status error } }`, { id: run.data.startTrainingRun.id }, { authorization: `Bearer ${t.keys.viewer}` })).data.trainingRun;
      }
      expect(state.status).toBe('FAILED');
      expect(state.error).toMatch(/ENOTDIR: not a directory, mkdir '<path>'$/);
      expect(state.error).not.toContain(t.modelsDir);
      expect(state.error).not.toMatch(/\/[^\s]+\//);
    } finally {
      await t.close();
    }
  });
});

describe('configuration errors at start-up', () => {
  const start = (env: Record<string, string>, script = 'dist/src/main.js') =>
    new Promise<{ code: number | null; stderr: string }>((resolve) => {
      execFile(process.execPath, [path.join(ROOT, script), ...(script.includes('cli') ? ['keys', 'list'] : [])], { env: { PATH: process.env.PATH, ...env }, cwd: ROOT, timeout: 30_000 }, (err, _stdout, stderr) =>
        resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stderr }),
      );
    });

  it.each([
    [{ DATABASE_URL: 'mysql://x' }, /^segmentql failed to start: DATABASE_URL "mysql:\/\/x" is not supported/],
    [{ AUTH: 'off', NODE_ENV: 'production' }, /^segmentql failed to start: AUTH=off is only for local development, but NODE_ENV=production/],
    [{ SEGMENT_ACTIONS_FILE: '/nonexistent/actions.json' }, /^segmentql failed to start: SEGMENT_ACTIONS_FILE=\/nonexistent\/actions.json: no such file/],
  ])('%j stops the server with one line, no stack', async (env, line) => {
    const { code, stderr } = await start(env);
    expect(code).toBe(1);
    expect(stderr).toMatch(line);
    expect(stderr.trim().split('\n')).toHaveLength(1);
  });

  it('the CLI says it in one line too', async () => {
    const { code, stderr } = await start({ DATABASE_URL: 'mysql://x' }, 'dist/src/cli/main.js');
    expect(code).toBe(1);
    expect(stderr.trim().split('\n')).toEqual(['segmentql: DATABASE_URL "mysql://x" is not supported: use sqlite:<file> or postgres://user@host:port/db']);
  });
});

describe(`cheap queries while heavy work runs on ${TEST_KIND}`, () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer({ seedDemo: true });
  });
  afterAll(() => t.close());

  // The goal is 200 ms; measured here 94-198 ms on the demo shop on 2 shared cores, so the test's bound is
  // 300 ms (before the evaluation read its data in short steps, single stalls were 0.5-1 s on Online Retail).
  it("keeps a viewer's cheap query under 300 ms at p99 while an analyst keeps evaluations running back to back", async () => {
    const versionId = await trainVersion(t, 'evaluated', 'kmeans', { k: 4 }, 'production');
    const customer = (await t.gql('{ customers(first: 1) { edges { node { id } } } }')).data.customers.edges[0].node.id;
    let stop = false;
    let evaluations = 0;
    const attacker = (async () => {
      while (!stop) {
        const started = await t.gql(`mutation($id: ID!) { evaluateModelVersion(id: $id, refresh: true, horizonDays: 30) { id } }`, { id: versionId }, { authorization: `Bearer ${t.keys.analyst}` });
        const runId = started.data?.evaluateModelVersion?.id;
        if (!runId) throw new Error(JSON.stringify(started.errors));
        for (;;) {
          const r = await t.gql(`query($id: ID!) { evaluationRun(id: $id) { status } }`, { id: runId });
          if (!['QUEUED', 'RUNNING'].includes(r.data.evaluationRun.status)) break;
          await new Promise((resolve) => setTimeout(resolve, 20));
        }
        evaluations++;
      }
    })();
    const latencies: number[] = [];
    const until = Date.now() + 8_000;
    while (Date.now() < until) {
      const at = performance.now();
      const res = await t.gql(`query($id: ID!) { customer(id: $id) { segment { segment { name } } } }`, { id: customer }, { authorization: `Bearer ${t.keys.viewer}` });
      latencies.push(performance.now() - at);
      expect(res.errors).toBeUndefined();
    }
    stop = true;
    await attacker;
    latencies.sort((a, b) => a - b);
    const p99 = latencies[Math.floor(latencies.length * 0.99)];
    process.stdout.write(`cheap query while evaluations run: ${latencies.length} queries, p50 ${latencies[Math.floor(latencies.length / 2)].toFixed(1)} ms, p99 ${p99.toFixed(1)} ms; ${evaluations} evaluations\n`);
    expect(evaluations).toBeGreaterThanOrEqual(1);
    expect(p99).toBeLessThan(300);
  }, 60_000);
});
