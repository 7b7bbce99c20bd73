import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client as PgClient } from 'pg';
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { LocalCluster, ClusterApi, ClusterProcess } from '../../src/cli/local-cluster';
import { createTestDatabase, TEST_KIND, TestDatabase } from '../helpers/database';
import { EXAMPLE_PLUGIN } from '../helpers/plugins';
import { TestRedis } from '../helpers/redis-server';
import { collect, wsClient } from '../helpers/subscriptions';

/**
 * Several machines, for real: two API instances (WORKERS=none) and two `segmentql worker` processes on one PostgreSQL
 * database and a Redis of the test's own, each process with its own MODELS_DIR and EXPORTS_DIR (no shared disk).
 * PostgreSQL only: the distributed mode refuses SQLite (tested in test/unit/distributed-config.spec.ts).
 */
const describeCluster = TEST_KIND === 'postgres' ? describe : describe.skip;

const LOCK_MS = 3000;
const RUN_FIELDS = 'id status progress message attempts workerId error modelVersion { id number }';

describeCluster('several machines: API instances and workers on PostgreSQL + Redis', () => {
  let db: TestDatabase;
  let redis: TestRedis;
  let cluster: LocalCluster;
  let dir: string;
  let pg: PgClient;
  let A: ClusterApi;
  let B: ClusterApi;
  let slowModel: string;

  beforeAll(async () => {
    db = await createTestDatabase();
    redis = await TestRedis.start();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'segmentql-cluster-'));
    cluster = new LocalCluster({
      databaseUrl: db.url,
      redisUrl: redis.url,
      prefix: `t${process.pid}`,
      dir,
      env: { SEGMENTQL_PLUGINS: EXAMPLE_PLUGIN, DEMO_MODEL: 'false', JOB_LOCK_MS: String(LOCK_MS), WORKER_SHUTDOWN_SECONDS: '2', RATE_LIMIT_PER_MINUTE: '600', TRAINING_NICE: '0' },
    });
    await cluster.start();
    [A, B] = cluster.apis;
    pg = new PgClient({ connectionString: db.url });
    await pg.connect();
    slowModel = (await gql(A, `mutation { registerModel(input: { name: "slow", segmenter: "quantiles", params: { steps: 20, stepDelayMs: 150 } }) { id } }`)).data.registerModel.id;
  }, 240_000);

  afterAll(async () => {
    await pg?.end();
    await cluster?.stop();
    await redis?.kill();
    await db?.drop();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  }, 60_000);

  async function gql(api: ClusterApi, query: string, variables?: Record<string, unknown>, key = cluster.adminKey): Promise<any> {
    const res = await fetch(api.url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` }, body: JSON.stringify({ query, variables }) });
    return res.json();
  }

  async function startRun(api: ClusterApi, params?: Record<string, unknown>): Promise<string> {
    const res = await gql(api, `mutation($id: ID!, $params: JSON) { startTrainingRun(modelId: $id, params: $params) { id status } }`, { id: slowModel, params });
    expect(res.errors).toBeUndefined();
    return res.data.startTrainingRun.id;
  }

  async function run(api: ClusterApi, id: string): Promise<any> {
    return (await gql(api, `query($id: ID!) { trainingRun(id: $id) { ${RUN_FIELDS} } }`, { id })).data.trainingRun;
  }

  async function waitRun(api: ClusterApi, id: string, until: (r: any) => boolean, timeoutMs = 60_000): Promise<any> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const r = await run(api, id);
      if (until(r)) return r;
      if (Date.now() > deadline) throw new Error(`run ${id} never got there: ${JSON.stringify(r)}`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }

  function holder(workerId: string): ClusterProcess {
    const pid = Number(workerId.split(':')[1]);
    const w = cluster.workers.find((p) => p.proc.pid === pid);
    if (!w) throw new Error(`no worker process with pid ${pid}`);
    return w;
  }

  it('a run started through A is watched from B until SUCCEEDED, trained by a worker; B reads the result', async () => {
    const id = await startRun(A);
    const client = wsClient(B.url, cluster.adminKey);
    try {
      const { messages, errors } = await collect(client, `subscription($id: ID!) { trainingRunProgress(runId: $id) { ${RUN_FIELDS} } }`, { id });
      expect(errors).toEqual([]);
      const statuses = messages.map((m) => m.trainingRunProgress.status);
      // The first message is the run's state when the subscription began; progress reached B from the worker.
      expect(['QUEUED', 'RUNNING']).toContain(statuses[0]);
      expect(statuses).toContain('RUNNING');
      expect(messages.filter((m) => m.trainingRunProgress.status === 'RUNNING' && m.trainingRunProgress.progress > 0).length).toBeGreaterThan(2);
      expect(statuses[statuses.length - 1]).toBe('SUCCEEDED');
    } finally {
      await client.dispose();
    }
    const done = await run(B, id);
    expect(done).toMatchObject({ status: 'SUCCEEDED', attempts: 1, workerId: null });
    // B has never seen the artifact on its disk: it reads it from the shared store to assign.
    await gql(B, `mutation($v: ID!) { setModelAlias(versionId: $v, alias: "production") { id } }`, { v: done.modelVersion.id });
    const assigned = await gql(B, `mutation { assignCustomers(ids: ["1", "2", "3"], alias: "production") { customer { id } segment { id } } }`);
    expect(assigned.errors).toBeUndefined();
    expect(assigned.data.assignCustomers).toHaveLength(3);
    expect(fs.existsSync(path.join(dir, 'api-b', 'models', slowModelDir(done.modelVersion.number)))).toBe(true);
    const workers = (await gql(A, `{ computeWorkers { id queues plugins { code version } backends { name available } running } }`)).data.computeWorkers;
    expect(workers).toHaveLength(2);
    for (const w of workers) {
      expect(w.queues).toEqual(expect.arrayContaining(['training', 'evaluation', 'export']));
      expect(w.plugins.map((p: { code: string }) => p.code)).toEqual(expect.arrayContaining(['kmeans', 'gpt', 'quantiles']));
    }
  }, 90_000);

  function slowModelDir(version: number): string {
    return path.join(slowModel, String(version), 'manifest.json');
  }

  it('a worker killed with SIGKILL mid-run: the other worker takes the run over, and it succeeds once, with one version', async () => {
    const id = await startRun(A, { steps: 40, stepDelayMs: 150 });
    let victim!: ClusterProcess;
    const client = wsClient(B.url, cluster.adminKey);
    const watching = collect(client, `subscription($id: ID!) { trainingRunProgress(runId: $id) { ${RUN_FIELDS} } }`, { id });
    try {
      const running = await waitRun(A, id, (r) => r.status === 'RUNNING' && r.progress > 0.1 && r.workerId !== null);
      victim = holder(running.workerId);
      victim.proc.kill('SIGKILL');
      await victim.exited;
      const { messages, errors } = await watching;
      expect(errors).toEqual([]);
      const last = messages[messages.length - 1].trainingRunProgress;
      expect(last.status).toBe('SUCCEEDED');
      // The subscriber follows the second attempt too (its progress starts again from 0).
      expect(messages.some((m) => m.trainingRunProgress.status === 'RUNNING' && m.trainingRunProgress.attempts === 2)).toBe(true);
      const done = await run(B, id);
      expect(done.attempts).toBe(2);
      expect(done.workerId).toBeNull();
      // The other worker took it over: its log says it started the run.
      const survivor = cluster.workers.find((w) => w !== victim)!;
      expect(survivor.output()).toMatch(new RegExp(`training:${id} started`));
      const versions = await pg.query('SELECT id, number, artifact_path FROM model_versions WHERE run_id = $1', [Number(id)]);
      expect(versions.rows).toHaveLength(1);
      const blobs = await pg.query(`SELECT key FROM blobs WHERE key LIKE $1`, [`artifacts/${slowModel}/${versions.rows[0].number}/%`]);
      expect(blobs.rows.map((r: { key: string }) => r.key).sort()).toEqual([`artifacts/${slowModel}/${versions.rows[0].number}/artifact.bin`, `artifacts/${slowModel}/${versions.rows[0].number}/manifest.json`]);
    } finally {
      await client.dispose();
      const dead = cluster.workers.findIndex((w) => w.proc.exitCode !== null || w.proc.signalCode !== null);
      if (dead >= 0) cluster.workers.splice(dead, 1);
      while (cluster.workers.length < 2) await cluster.startWorker();
    }
  }, 120_000);

  it('a cancel through B stops a run held by a worker', async () => {
    const id = await startRun(A, { steps: 200, stepDelayMs: 150 });
    await waitRun(A, id, (r) => r.status === 'RUNNING' && r.workerId !== null);
    const cancelled = await gql(B, `mutation($id: ID!) { cancelTrainingRun(id: $id) { id status } }`, { id });
    expect(cancelled.errors).toBeUndefined();
    const started = Date.now();
    const done = await waitRun(A, id, (r) => r.status !== 'RUNNING', 15_000);
    expect(done.status).toBe('CANCELLED');
    expect(Date.now() - started).toBeLessThan(5_000);
  }, 60_000);

  it('a cancel through B removes a run still waiting in the queue at once', async () => {
    // Both workers busy: the third run waits.
    const busy = [await startRun(A, { steps: 60, stepDelayMs: 100 }), await startRun(A, { steps: 60, stepDelayMs: 100 })];
    for (const id of busy) await waitRun(A, id, (r) => r.status === 'RUNNING');
    const waiting = await startRun(A);
    const cancelled = await gql(B, `mutation($id: ID!) { cancelTrainingRun(id: $id) { id status message } }`, { id: waiting });
    expect(cancelled.data.cancelTrainingRun).toMatchObject({ status: 'CANCELLED', message: 'cancelled before it started' });
    for (const id of busy) await gql(B, `mutation($id: ID!) { cancelTrainingRun(id: $id) { id } }`, { id });
    for (const id of busy) await waitRun(A, id, (r) => r.status === 'CANCELLED', 15_000);
  }, 60_000);

  it('an export created on A downloads from B (written by a worker, on no disk B can see)', async () => {
    const made = await gql(A, `mutation { createSegmentExport(alias: "production", format: CSV) { id } }`);
    expect(made.errors).toBeUndefined();
    const id = made.data.createSegmentExport.id;
    for (let i = 0; ; i++) {
      const e = (await gql(B, `query($id: ID!) { segmentExport(id: $id) { status rowCount } }`, { id })).data.segmentExport;
      if (e.status === 'SUCCEEDED') break;
      expect(['QUEUED', 'RUNNING']).toContain(e.status);
      if (i > 200) throw new Error('the export did not finish');
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(fs.existsSync(path.join(dir, 'api-a', 'exports', `${id}.csv`))).toBe(false);
    expect(fs.existsSync(path.join(dir, 'api-b', 'exports', `${id}.csv`))).toBe(false);
    const res = await fetch(B.url.replace('/graphql', `/exports/${id}`), { headers: { authorization: `Bearer ${cluster.adminKey}` } });
    expect(res.status).toBe(200);
    const text = await res.text();
    const lines = text.trim().split('\n');
    expect(lines[0]).toMatch(/^customer_id,external_id,/);
    expect(lines.length - 1).toBe(Number(res.headers.get('x-row-count')));
    expect(lines.length - 1).toBeGreaterThan(100);
    expect(Number(res.headers.get('content-length'))).toBe(Buffer.byteLength(text));
  }, 60_000);

  it("one key's rate limit holds across A and B, and a viewer is refused the same on both", async () => {
    const viewer = (await gql(A, `mutation { createApiKey(role: VIEWER, name: "bi") { secret } }`)).data.createApiKey.secret;
    // RATE_LIMIT_PER_MINUTE=600: bursts of 150, then 10 a second — per key, whichever instance answers.
    const started = Date.now();
    const statuses = await Promise.all(
      Array.from({ length: 240 }, (_, i) =>
        fetch((i % 2 === 0 ? A : B).url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${viewer}` }, body: JSON.stringify({ query: '{ segmenters { code } }' }) }).then(
          (r) => r.status,
        ),
      ),
    );
    const seconds = (Date.now() - started) / 1000;
    const ok = statuses.filter((s) => s === 200).length;
    expect(statuses.filter((s) => s !== 200 && s !== 429)).toEqual([]);
    // Per-instance buckets would have let all 240 through (120 each, under 150 each).
    expect(ok).toBeLessThanOrEqual(150 + Math.ceil(10 * seconds) + 2);
    expect(ok).toBeGreaterThanOrEqual(150);
    const other = (await gql(A, `mutation { createApiKey(role: VIEWER, name: "bi 2") { secret } }`)).data.createApiKey.secret;
    const refusals = await Promise.all(
      [A, B].map(async (api) => {
        const res = await gql(api, `mutation($id: ID!) { startTrainingRun(modelId: $id) { id } }`, { id: slowModel }, other);
        return [res.errors?.[0]?.extensions?.code, res.errors?.[0]?.message, res.data?.startTrainingRun ?? null];
      }),
    );
    expect(refusals[0]).toEqual(refusals[1]);
    expect(refusals[0][0]).toBe('FORBIDDEN');
  }, 60_000);

  it('a key revoked through A closes its open socket on B at once (4403), and B refuses it over HTTP', async () => {
    const made = (await gql(A, `mutation { createApiKey(role: ANALYST, name: "to revoke") { secret key { id } } }`)).data.createApiKey;
    let onClosed!: (code: number) => void;
    const closed = new Promise<number>((resolve) => (onClosed = resolve));
    let onConnected!: () => void;
    const connected = new Promise<void>((resolve) => (onConnected = resolve));
    const client = createClient({
      url: B.url.replace(/^http/, 'ws'),
      webSocketImpl: WebSocket,
      retryAttempts: 0,
      lazy: false,
      onNonLazyError: () => undefined,
      connectionParams: { authorization: `Bearer ${made.secret}` },
      on: { connected: () => onConnected(), closed: (event) => onClosed((event as { code: number }).code) },
    });
    try {
      await connected;
      const revokedAt = Date.now();
      await gql(A, `mutation($id: ID!) { revokeApiKey(id: $id) { revokedAt } }`, { id: made.key.id });
      expect(await closed).toBe(4403);
      // Redis carries the revocation (tens of ms here): B's own check of the key revision runs every 2 s.
      expect(Date.now() - revokedAt).toBeLessThan(500);
      const res = await fetch(B.url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${made.secret}` }, body: JSON.stringify({ query: '{ segmenters { code } }' }) });
      expect(res.status).toBe(401);
    } finally {
      await client.dispose();
    }
  }, 30_000);

  it('SIGTERM on a worker: it takes nothing new and hands its run back within the deadline; the other worker finishes it', async () => {
    const id = await startRun(A, { steps: 60, stepDelayMs: 150 });
    const running = await waitRun(A, id, (r) => r.status === 'RUNNING' && r.progress > 0.05 && r.workerId !== null);
    const worker = holder(running.workerId);
    const signalled = Date.now();
    worker.proc.kill('SIGTERM');
    expect(await worker.exited).toBe(0);
    // WORKER_SHUTDOWN_SECONDS=2, then the run is handed back.
    expect(Date.now() - signalled).toBeLessThan(8_000);
    expect(worker.output()).toMatch(/handed back/);
    const done = await waitRun(A, id, (r) => r.status === 'SUCCEEDED' || r.status === 'FAILED' || r.status === 'CANCELLED', 60_000);
    expect(done).toMatchObject({ status: 'SUCCEEDED', attempts: 2 });
    cluster.workers.splice(cluster.workers.indexOf(worker), 1);
    await cluster.startWorker();
  }, 120_000);

  it('Redis restarting mid-run loses no run, and the API answers reads meanwhile', async () => {
    // Two running (one per worker) and one waiting in the queue when Redis dies with every key.
    const ids = [await startRun(A, { steps: 30, stepDelayMs: 150 }), await startRun(A, { steps: 30, stepDelayMs: 150 })];
    for (const id of ids) await waitRun(A, id, (r) => r.status === 'RUNNING');
    ids.push(await startRun(A, { steps: 5, stepDelayMs: 50 }));
    // A subscriber on B across the outage: the messages published meanwhile are lost, the run's end is not.
    const client = wsClient(B.url, cluster.adminKey);
    const watched = collect(client, `subscription($id: ID!) { trainingRunProgress(runId: $id) { ${RUN_FIELDS} } }`, { id: ids[0] });
    await new Promise((resolve) => setTimeout(resolve, 300));
    await redis.kill();
    const t0 = Date.now();
    const read = await gql(B, `{ models(first: 5) { edges { node { id name } } } }`);
    expect(read.errors).toBeUndefined();
    expect(Date.now() - t0).toBeLessThan(2_000);
    const health = (await (await fetch(A.url.replace('/graphql', '/healthz'))).json()) as any;
    expect(health).toMatchObject({ status: 'degraded', database: { reachable: true }, redis: { reachable: false } });
    await new Promise((resolve) => setTimeout(resolve, 1500));
    await redis.up();
    const { messages } = await watched;
    await client.dispose();
    expect(messages[messages.length - 1].trainingRunProgress.status).toBe('SUCCEEDED');
    for (const id of ids) {
      const done = await waitRun(B, id, (r) => !['QUEUED', 'RUNNING'].includes(r.status), 90_000);
      expect(done.status).toBe('SUCCEEDED');
      const versions = await pg.query('SELECT count(*)::int AS n FROM model_versions WHERE run_id = $1', [Number(id)]);
      expect(versions.rows[0].n).toBe(1);
    }
    const healthAfter = (await (await fetch(A.url.replace('/graphql', '/healthz'))).json()) as any;
    expect(healthAfter).toMatchObject({ status: 'ok', redis: { reachable: true } });
    expect(Object.keys(healthAfter.queues).sort()).toEqual(['evaluation', 'export', 'rescore', 'training', 'training-gpu']);
  }, 180_000);

  it('an API instance restarted while a worker holds a run marks nothing interrupted; /metrics reports queues and runs', async () => {
    const id = await startRun(B, { steps: 30, stepDelayMs: 150 });
    await waitRun(B, id, (r) => r.status === 'RUNNING' && r.workerId !== null);
    A.proc.kill('SIGKILL');
    await A.exited;
    A = await cluster.restartApi(0);
    expect((await run(A, id)).status).toBe('RUNNING');
    const done = await waitRun(A, id, (r) => r.status !== 'RUNNING', 60_000);
    expect(done).toMatchObject({ status: 'SUCCEEDED', attempts: 1 });
    const metrics = await (await fetch(A.url.replace('/graphql', '/metrics'))).text();
    expect(metrics).toMatch(/^segmentql_queue_jobs\{queue="training",state="waiting"\} \d+$/m);
    expect(metrics).toMatch(/^segmentql_runs\{kind="training",status="SUCCEEDED"\} ([1-9]\d*)$/m);
    expect(metrics).toMatch(/^segmentql_http_requests_total\{method="POST",route="\/graphql",status="200"\} [1-9]/m);
  }, 120_000);

  it("an order written through A shows at once in B's cached segmentStats (the shop revision crosses instances)", async () => {
    const query = `{ segmentStats(alias: "production") { orders } }`;
    const total = async (api: ClusterApi) => ((await gql(api, query)).data.segmentStats as Array<{ orders: number }>).reduce((sum, r) => sum + r.orders, 0);
    const before = await total(B);
    expect(await total(B)).toBe(before); // cached now (SEGMENT_STATS_CACHE_SECONDS=60)
    const customer = (await gql(A, `{ customer(id: "1") { externalId } }`)).data.customer.externalId;
    const product = (await gql(A, `{ products(first: 1) { edges { node { externalId } } } }`)).data.products.edges[0].node.externalId;
    const written = await gql(A, `mutation($input: [OrderInput!]!) { upsertOrders(input: $input) { created } }`, {
      input: [{ customerExternalId: customer, externalId: 'cluster-order-1', placedAt: '2026-01-15T10:00:00Z', items: [{ productExternalId: product, quantity: 1, unitPrice: 10 }] }],
    });
    expect(written.errors).toBeUndefined();
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(await total(B)).toBe(before + 1);
  }, 30_000);

  it('a customer written through A is re-scored by a worker (the rescore queue); a subscriber on B sees them enter a segment', async () => {
    const seen: any[] = [];
    const client = wsClient(B.url, cluster.adminKey);
    const stream = collect(client, `subscription { segmentMembershipChanged(alias: "production") { kind customerId segmentId reason } }`, {}, (m) => seen.push(m.segmentMembershipChanged)).catch((err) => ({ messages: [], errors: [err] }));
    await new Promise((resolve) => setTimeout(resolve, 500));
    const product = (await gql(A, `{ products(first: 1) { edges { node { externalId } } } }`)).data.products.edges[0].node.externalId;
    expect((await gql(A, `mutation { upsertCustomers(input: [{ externalId: "cluster-new-1" }]) { created } }`)).data.upsertCustomers.created).toBe(1);
    await gql(A, `mutation($input: [OrderInput!]!) { upsertOrders(input: $input) { created } }`, {
      input: [{ customerExternalId: 'cluster-new-1', externalId: 'cluster-new-order-1', placedAt: '2026-01-20T10:00:00Z', items: [{ productExternalId: product, quantity: 2, unitPrice: 15 }] }],
    });
    const id = (await gql(A, `{ customers(first: 1, filter: { externalIds: ["cluster-new-1"] }) { edges { node { id } } } }`)).data.customers.edges[0].node.id;
    const deadline = Date.now() + 20_000;
    while (!seen.some((e) => String(e.customerId) === id) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
    await client.dispose();
    expect((await stream).errors).toEqual([]);
    expect(seen.find((e) => String(e.customerId) === id)).toMatchObject({ kind: 'ENTERED', reason: 'new_customer' });
    // The APIs take no jobs (WORKERS=none): workers ran them, and (once the order's own job, queued a second after the
    // customer's, has run too) nothing waits any more.
    const settled = Date.now() + 20_000;
    const state = async () => ({
      statuses: (await pg.query(`SELECT status FROM rescore_jobs ORDER BY id`)).rows.map((r) => r.status as string),
      waiting: Number((await pg.query('SELECT COUNT(*) AS n FROM rescore_pending')).rows[0].n),
    });
    let now = await state();
    while ((now.waiting > 0 || now.statuses.some((st) => st !== 'SUCCEEDED')) && Date.now() < settled) {
      await new Promise((resolve) => setTimeout(resolve, 200));
      now = await state();
    }
    expect(now.statuses.length).toBeGreaterThan(0);
    expect(now.statuses.every((st) => st === 'SUCCEEDED')).toBe(true);
    expect(now.waiting).toBe(0);
    const segment = (await gql(B, `query($id: ID!) { customer(id: $id) { segment(alias: "production") { segment { id } } } }`, { id })).data.customer.segment.segment.id;
    expect(String(seen.find((e) => String(e.customerId) === id).segmentId)).toBe(segment);
  }, 60_000);

  it('a GPU run waits QUEUED, saying why, while no GPU worker is up; a model without an accelerator cannot ask for one', async () => {
    const gpt = (await gql(A, `mutation { registerModel(input: { name: "gpt-on-gpu", segmenter: "gpt", params: { k: 3 } }) { id } }`)).data.registerModel.id;
    const started = await gql(A, `mutation($id: ID!) { startTrainingRun(modelId: $id, accelerator: GPU) { id status accelerator message } }`, { id: gpt });
    expect(started.data.startTrainingRun).toMatchObject({ status: 'QUEUED', accelerator: 'GPU', message: expect.stringMatching(/waiting for a worker with a GPU: none is up/) });
    const id = started.data.startTrainingRun.id;
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect((await run(B, id)).status).toBe('QUEUED');
    const health = (await (await fetch(B.url.replace('/graphql', '/healthz'))).json()) as any;
    expect(health.queues['training-gpu'].waiting).toBe(1);
    const cancelled = await gql(B, `mutation($id: ID!) { cancelTrainingRun(id: $id) { status } }`, { id });
    expect(cancelled.data.cancelTrainingRun.status).toBe('CANCELLED');
    const refused = await gql(A, `mutation($id: ID!) { startTrainingRun(modelId: $id, accelerator: GPU) { id } }`, { id: slowModel });
    expect(refused.errors[0].extensions.code).toBe('BAD_USER_INPUT');
    expect(refused.errors[0].message).toMatch(/uses no accelerator/);
  }, 30_000);

  it('with WORKERS=embedded an API instance runs jobs itself, when no worker process is up', async () => {
    for (const w of [...cluster.workers]) {
      w.proc.kill('SIGTERM');
      expect(await w.exited).toBe(0);
    }
    cluster.workers.length = 0;
    const C = await cluster.startApi({ WORKERS: 'embedded' });
    const id = await startRun(A);
    const done = await waitRun(B, id, (r) => r.status !== 'QUEUED' && r.status !== 'RUNNING', 60_000);
    expect(done).toMatchObject({ status: 'SUCCEEDED', attempts: 1 });
    expect(C.output()).toMatch(new RegExp(`training:${id} started`));
    const workers = (await gql(A, `{ computeWorkers { id pid } }`)).data.computeWorkers;
    expect(workers.map((w: { pid: number }) => w.pid)).toEqual([C.proc.pid]);
  }, 120_000);
});
