import { spawn } from 'node:child_process';
import path from 'node:path';
import { Client } from 'graphql-ws';
import { loadConfig } from '../../src/config/config';
import { startServer } from '../../src/server';
import { runSegmentql } from '../helpers/cli';
import { TEST_KIND, createTestDatabase } from '../helpers/database';
import { REPO_ROOT } from '../helpers/paths';
import { startTestServer, TestServer } from '../helpers/server';
import { collect, wsClient } from '../helpers/subscriptions';
import { download, trainVersion, waitForExport } from '../helpers/training';

/**
 * Access control end to end: every role (and no key, and a revoked key) against every class of operation, over HTTP
 * and over graphql-ws; personal data never reaches a viewer, in answers or exports; limits answer with their codes.
 */
type Who = 'none' | 'revoked' | 'viewer' | 'analyst' | 'admin';
const RANK: Record<Who, number> = { none: -1, revoked: -1, viewer: 0, analyst: 1, admin: 2 };

interface OperationClass {
  name: string;
  minimum: 'viewer' | 'analyst' | 'admin';
  query: (who: Who) => string;
  variables?: () => Record<string, unknown>;
}

describe(`API keys, roles and limits on ${TEST_KIND}`, () => {
  let t: TestServer;
  let versionId: string;
  let runId: string;
  let revoked: string;
  let firstCustomerId: string;

  const OPERATIONS: OperationClass[] = [
    { name: 'segments', minimum: 'viewer', query: () => `{ segments { id name size } }` },
    { name: 'aggregates', minimum: 'viewer', query: () => `{ segmentStats(groupBy: [COUNTRY]) { customers spend } }` },
    { name: "a customer's segment", minimum: 'viewer', query: () => `query($id: ID!) { customer(id: $id) { segment { segment { name } } } }`, variables: () => ({ id: firstCustomerId }) },
    { name: 'customers page', minimum: 'viewer', query: () => `{ customers(first: 5) { edges { node { id email } } } }` },
    { name: 'export', minimum: 'viewer', query: () => `mutation { createSegmentExport(format: CSV) { id } }` },
    { name: 'comparison', minimum: 'analyst', query: () => `query($v: ID!) { compareModelVersions(ids: [$v]) { rows { versionId } } }`, variables: () => ({ v: versionId }) },
    { name: 'training', minimum: 'analyst', query: (who) => `mutation { registerModel(input: { name: "by-${who}", segmenter: "kmeans", params: { k: 3 } }) { id } }` },
    { name: 'fairness', minimum: 'analyst', query: () => `query($v: ID!) { modelVersion(id: $v) { fairness { versionId } } }`, variables: () => ({ v: versionId }) },
    { name: 'import', minimum: 'admin', query: (who) => `mutation { upsertCustomers(input: [{ externalId: "made-by-${who}" }]) { created } }` },
    { name: 'aliases', minimum: 'admin', query: () => `mutation($v: ID!) { setModelAlias(versionId: $v, alias: "staging") { id } }`, variables: () => ({ v: versionId }) },
    { name: 'key management', minimum: 'admin', query: (who) => `mutation { createApiKey(role: VIEWER, name: "from-${who}") { secret key { id } } }` },
    { name: 'training progress (subscription)', minimum: 'analyst', query: () => `subscription($r: ID!) { trainingRunProgress(runId: $r) { status } }`, variables: () => ({ r: runId }) },
  ];
  const WHO: Who[] = ['none', 'revoked', 'viewer', 'analyst', 'admin'];
  const keyOf = (who: Who): string | null => (who === 'none' ? null : who === 'revoked' ? revoked : t.keys[who]);

  beforeAll(async () => {
    t = await startTestServer({ seedDemo: true });
    versionId = await trainVersion(t, 'rfm', 'kmeans', { k: 4 }, 'production');
    runId = (await t.gql(`query($id: ID!) { modelVersion(id: $id) { run { id } } }`, { id: versionId })).data.modelVersion.run.id;
    firstCustomerId = (await t.gql(`{ customers(first: 1) { edges { node { id } } } }`)).data.customers.edges[0].node.id;
    const made = await t.gql(`mutation { createApiKey(role: ADMIN, name: "to revoke") { secret key { id } } }`);
    revoked = made.data.createApiKey.secret;
    expect((await t.gql(`query { whoami { role } }`, {}, { authorization: `Bearer ${revoked}` })).data.whoami.role).toBe('ADMIN');
    await t.gql(`mutation($id: ID!) { revokeApiKey(id: $id) { revokedAt } }`, { id: made.data.createApiKey.key.id });
  }, 120_000);
  afterAll(async () => {
    await t.close();
  });

  /** The outcome of one operation as one role: ok, or the error code. */
  async function overHttp(op: OperationClass, who: Who): Promise<string> {
    const key = keyOf(who);
    const res = await fetch(t.server.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(key ? { authorization: `Bearer ${key}` } : {}) },
      body: JSON.stringify({ query: op.query(who), variables: op.variables?.() }),
    });
    const body = (await res.json()) as any;
    if (res.status === 401) expect(body.errors[0].extensions.code).toBe('UNAUTHENTICATED');
    if (!body.errors) return 'ok';
    return body.errors[0].extensions.code;
  }

  async function overWebSocket(op: OperationClass, who: Who): Promise<string> {
    const ws: Client = wsClient(t.server.url, keyOf(who));
    try {
      const { errors } = await collect(ws, op.query(who), op.variables?.() ?? {});
      return errors.length ? ((errors[0] as any).extensions?.code ?? 'error') : 'ok';
    } catch (err) {
      // The server closed the socket: 4401 is our UNAUTHENTICATED.
      return (err as { code?: number }).code === 4401 ? 'UNAUTHENTICATED' : `closed ${(err as { code?: number }).code}`;
    } finally {
      await ws.dispose();
    }
  }

  const expected = (op: OperationClass, who: Who) => (RANK[who] < 0 ? 'UNAUTHENTICATED' : RANK[who] >= RANK[op.minimum] ? 'ok' : 'FORBIDDEN');

  it('answers every role on every operation class over HTTP as the role table says', async () => {
    const outcomes: string[] = [];
    const wanted: string[] = [];
    for (const op of OPERATIONS.filter((o) => !o.query('admin').startsWith('subscription'))) {
      for (const who of WHO) {
        outcomes.push(`${op.name} as ${who}: ${await overHttp(op, who)}`);
        wanted.push(`${op.name} as ${who}: ${expected(op, who)}`);
      }
    }
    expect(outcomes).toEqual(wanted);
  });

  it('answers every role on every operation class over graphql-ws as the role table says; no key, no socket', async () => {
    const outcomes: string[] = [];
    const wanted: string[] = [];
    for (const op of OPERATIONS.filter((o) => o.name !== 'import' && o.name !== 'key management' && o.name !== 'training')) {
      for (const who of WHO) {
        outcomes.push(`${op.name} as ${who}: ${await overWebSocket(op, who)}`);
        wanted.push(`${op.name} as ${who}: ${expected(op, who)}`);
      }
    }
    expect(outcomes).toEqual(wanted);
  });

  it('never sends a viewer personal data: masked fields, refused filters, masked exports', async () => {
    const pii = `{ customers(first: 100) { edges { node { id email name city gender birthYear attributes } } }
                   segments { customers(first: 20) { edges { node { email name city } } } } }`;
    const asAnalyst = await t.gql(pii, {}, { authorization: `Bearer ${t.keys.analyst}` });
    const emails: string[] = asAnalyst.data.customers.edges.map((e: any) => e.node.email).filter(Boolean);
    const names: string[] = asAnalyst.data.customers.edges.map((e: any) => e.node.name).filter(Boolean);
    expect(emails.length).toBeGreaterThan(50);
    const res = await fetch(t.server.url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${t.keys.viewer}` }, body: JSON.stringify({ query: pii }) });
    const text = await res.text();
    const body = JSON.parse(text);
    expect(body.errors).toBeUndefined();
    for (const { node } of body.data.customers.edges) expect([node.email, node.name, node.city, node.gender, node.birthYear, node.attributes]).toEqual([null, null, null, null, null, null]);
    for (const s of body.data.segments) for (const { node } of s.customers.edges) expect([node.email, node.name, node.city]).toEqual([null, null, null]);
    for (const value of [...emails, ...names]) expect(text).not.toContain(value);
    const byCity = await t.gql(`{ customers(first: 5, filter: { city: "London" }) { totalCount } }`, {}, { authorization: `Bearer ${t.keys.viewer}` });
    expect(byCity.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');

    // A viewer's export has the PII columns, empty; an analyst's export is not the viewer's to see or download (as if it did not exist).
    const columns = ['customer_id', 'email', 'name', 'city', 'segment_name'];
    // The role-table tests above queued exports as the viewer: wait for them (at most 2 at once per key).
    for (;;) {
      const open = await t.gql(`{ segmentExports(first: 100) { edges { node { status } } } }`, {}, { authorization: `Bearer ${t.keys.viewer}` });
      if (!open.data.segmentExports.edges.some((e: any) => e.node.status === 'QUEUED' || e.node.status === 'RUNNING')) break;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const mine = await t.gql(`mutation($c: [String!]) { createSegmentExport(format: CSV, columns: $c) { id } }`, { c: columns }, { authorization: `Bearer ${t.keys.viewer}` });
    const done = await waitForExport(t, mine.data.createSegmentExport.id, t.keys.viewer);
    expect(done).toMatchObject({ status: 'SUCCEEDED', piiMasked: true });
    const file = await download(t, done.url, t.keys.viewer);
    expect(file.status).toBe(200);
    const rows = file.text.trim().split('\n').slice(1).map((l) => l.split(','));
    expect(rows.length).toBe(done.rowCount);
    for (const row of rows) expect(row.slice(1, 4)).toEqual(['', '', '']);
    for (const value of emails) expect(file.text).not.toContain(value);
    const theirs = await t.gql(`mutation($c: [String!]) { createSegmentExport(format: NDJSON, columns: $c) { id } }`, { c: columns }, { authorization: `Bearer ${t.keys.analyst}` });
    const analystExport = await waitForExport(t, theirs.data.createSegmentExport.id);
    expect(analystExport.piiMasked).toBe(false);
    const refused = await download(t, analystExport.url, t.keys.viewer);
    expect(refused.status).toBe(404);
    expect(JSON.parse(refused.text).errors[0].extensions.code).toBe('NOT_FOUND');
    expect(refused.text).toBe((await download(t, '/exports/exp_000000000000000000000000', t.keys.viewer)).text.replace('exp_000000000000000000000000', theirs.data.createSegmentExport.id));
    const seen = await t.gql(`query($id: ID!) { segmentExport(id: $id) { id } segmentExports(first: 100) { edges { node { id } } } }`, { id: analystExport.id }, { authorization: `Bearer ${t.keys.viewer}` });
    expect(seen.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const listed = (await t.gql(`{ segmentExports(first: 100) { totalCount edges { node { id } } } }`, {}, { authorization: `Bearer ${t.keys.viewer}` })).data.segmentExports;
    expect(listed.edges.map((e: any) => e.node.id)).not.toContain(analystExport.id);
    expect(listed.edges.map((e: any) => e.node.id)).toContain(done.id);
    expect((await download(t, analystExport.url, null)).status).toBe(401);
    expect((await download(t, analystExport.url, t.keys.analyst)).text).toContain('@');
  });

  it('refuses queries that are too deep or too costly, bodies that are too large, and names the limit', async () => {
    const deep = `{ customers(first: 1) { edges { node { orders(first: 1) { edges { node { customer { orders(first: 1) { edges { node { customer { orders(first: 1) { edges { node { id } } } } } } } } } } } } } } }`;
    const tooDeep = await t.gql(deep);
    expect(tooDeep.errors?.[0]?.extensions).toMatchObject({ code: 'QUERY_TOO_DEEP', maxDepth: 12 });
    const costly = `{ customers(first: 100) { edges { node { orders(first: 100) { edges { node { items { quantity product { title } } } } } } } } }`;
    const tooCostly = await t.gql(costly);
    expect(tooCostly.errors?.[0]?.extensions).toMatchObject({ code: 'QUERY_TOO_COMPLEX', maxComplexity: 25000 });
    expect(tooCostly.data).toBeUndefined();
    // The same limits hold over graphql-ws.
    const ws = wsClient(t.server.url, t.keys.analyst);
    const { errors } = await collect(ws, costly, {});
    await ws.dispose();
    expect((errors[0] as any).extensions.code).toBe('QUERY_TOO_COMPLEX');
    // A page of 100 customers with their features is well within.
    expect((await t.gql(`{ customers(first: 100) { edges { node { id features { monetary recencyDays } } } } }`)).errors).toBeUndefined();
    const huge = await fetch(t.server.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${t.keys.admin}` },
      body: JSON.stringify({ query: `{ customers(first: 1) { totalCount } }`, variables: { pad: 'x'.repeat(2_000_000) } }),
    });
    expect(huge.status).toBe(413);
    expect(((await huge.json()) as any).errors[0].extensions.code).toBe('PAYLOAD_TOO_LARGE');
    const broken = await fetch(t.server.url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${t.keys.admin}` }, body: '{"query": ' });
    expect(broken.status).toBe(400);
    const brokenBody = (await broken.json()) as any;
    expect(brokenBody.errors[0].extensions.code).toBe('BAD_REQUEST');
    expect(JSON.stringify(brokenBody)).not.toMatch(/at .*\.js:\d+/);
  });

  it('limits the rate per key, not per server', async () => {
    const limited = await startTestServer({ db: t.db, modelsDir: t.modelsDir, env: { RATE_LIMIT_PER_MINUTE: '30' } });
    try {
      const ask = (key: string) => fetch(limited.server.url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` }, body: JSON.stringify({ query: '{ whoami { role } }' }) });
      const statuses: number[] = [];
      for (let i = 0; i < 12; i++) statuses.push((await ask(limited.keys.viewer)).status);
      expect(statuses.slice(0, 10)).toEqual(new Array(10).fill(200));
      const refused = await ask(limited.keys.viewer);
      expect(refused.status).toBe(429);
      expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(((await refused.json()) as any).errors[0].extensions.code).toBe('RATE_LIMITED');
      expect((await ask(limited.keys.analyst)).status).toBe(200);
    } finally {
      await limited.close({ keepData: true });
    }
  });

  it('prints an admin key once on a first start, makes more with `segmentql keys create`, and refuses AUTH=off outside development', async () => {
    const db = await createTestDatabase();
    try {
      const port = 41000 + Math.floor(Math.random() * 2000);
      const proc = spawn(process.execPath, [path.join(REPO_ROOT, 'dist', 'src', 'main.js')], {
        env: { ...process.env, PORT: String(port), DATABASE_URL: db.url, SEED_DEMO: 'false', MODELS_DIR: path.join(t.modelsDir, 'first-start') },
        stdio: ['ignore', 'ignore', 'pipe'],
      });
      let stderr = '';
      proc.stderr!.on('data', (d) => (stderr += d));
      try {
        for (let i = 0; i < 400 && !/listening/.test(stderr); i++) await new Promise((r) => setTimeout(r, 50));
        expect(stderr).toMatch(/listening/);
        const key = /^admin API key: (sq_\S+)$/m.exec(stderr)![1];
        const url = `http://127.0.0.1:${port}/graphql`;
        const whoami = async (k: string) => ((await (await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${k}` }, body: JSON.stringify({ query: '{ whoami { role } }' }) })).json()) as any);
        expect((await whoami(key)).data.whoami.role).toBe('ADMIN');
        const made = await runSegmentql(['keys', 'create', '--role', 'analyst', '--name', 'bi tool'], { DATABASE_URL: db.url });
        expect(made.code).toBe(0);
        expect((await whoami(made.stdout.trim())).data.whoami.role).toBe('ANALYST');
        const listed = await runSegmentql(['keys', 'list'], { DATABASE_URL: db.url });
        expect(listed.stdout).toContain('bi tool');
        expect(listed.stdout).not.toContain(made.stdout.trim());
        expect((await runSegmentql(['keys', 'create', '--role', 'root'], { DATABASE_URL: db.url })).code).toBe(2);
      } finally {
        proc.kill('SIGTERM');
      }
      // Stored hashed: the secret is nowhere in the table.
      const rows = await t.server.dataSource.query('SELECT key_hash FROM api_keys');
      for (const r of rows) expect(r.key_hash).toMatch(/^[0-9a-f]{64}$/);
    } finally {
      await db.drop();
    }
    expect(() => loadConfig({ AUTH: 'off', NODE_ENV: 'production' })).toThrow(/only for local development/);
    expect(loadConfig({ AUTH: 'off' }).authEnabled).toBe(false);
    expect(() => loadConfig({ AUTH: 'maybe' })).toThrow(/AUTH/);
  });

  it('lets AUTH=off through as a loud local developer', async () => {
    const logs: string[] = [];
    const open = await startServer({ ...loadConfig({ AUTH: 'off', MODELS_DIR: t.modelsDir, EXPORTS_DIR: path.join(t.modelsDir, 'x') }), port: 0, database: t.db.config, seedDemo: false }, { log: (l: string) => logs.push(l) });
    try {
      expect(logs.join('\n')).toMatch(/AUTH=off: NO API KEYS ARE CHECKED/);
      const res = await fetch(open.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ whoami { name role } }' }) });
      expect(((await res.json()) as any).data.whoami).toEqual({ name: 'dev (AUTH=off)', role: 'ADMIN' });
      expect((open.httpServer.address() as { address: string }).address).toBe('127.0.0.1');
    } finally {
      await open.close();
    }
  });
});
