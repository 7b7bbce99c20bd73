import { ChildProcess, spawn } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../../src/config/config';
import { Dialect } from '../../src/db/dialect';
import { Sql } from '../../src/db/sql';
import { SegmentExport } from '../../src/entities';
import { startServer } from '../../src/server';
import { TEST_KIND } from '../helpers/database';
import { REPO_ROOT } from '../helpers/paths';
import { EXAMPLE_PLUGIN } from '../helpers/plugins';
import { startTestServer, TestServer } from '../helpers/server';
import { download, trainVersion, waitForExport } from '../helpers/training';

/**
 * What one key may do with bulk exports (issue 17): a viewer once filled the disk with one request of aliased
 * NDJSON exports. Per key: EXPORT_CONCURRENT_LIMIT exports queued or running, EXPORT_DAILY_LIMIT exports and
 * EXPORT_DAILY_BYTES bytes in 24 hours; files expire after EXPORT_TTL_HOURS; exports can be deleted; a key sees only
 * its own (admins see all). A job's failure (an unusable EXPORTS_DIR) fails the export, never the process, and a
 * kill -9's `.part` files are swept at start-up.
 */
describe(`export quotas, expiry, deletion and ownership on ${TEST_KIND}`, () => {
  let t: TestServer;
  const env = { EXPORT_CONCURRENT_LIMIT: '2', EXPORT_DAILY_LIMIT: '3' };
  let versionId: number;

  beforeAll(async () => {
    t = await startTestServer({ seedDemo: true, env });
    versionId = Number(await trainVersion(t, 'rfm', 'kmeans', { k: 3 }, 'production'));
  }, 180_000);
  afterAll(async () => {
    await t.close();
  });

  const as = (secret: string) => ({ authorization: `Bearer ${secret}` });
  const exportsDir = () => path.join(t.modelsDir, 'exports');
  const filesOf = (id: string) => (fs.existsSync(exportsDir()) ? fs.readdirSync(exportsDir()).filter((n) => n.startsWith(id)) : []);
  const rowCount = async () => Number((await t.server.dataSource.query('SELECT COUNT(*) AS n FROM segment_exports'))[0].n);
  const newId = () => `exp_${crypto.randomBytes(12).toString('hex')}`;
  const d = () => Dialect.of(t.server.dataSource);

  async function newKey(role: 'VIEWER' | 'ANALYST' | 'ADMIN', name: string): Promise<{ secret: string; id: number }> {
    const r = await t.gql(`mutation($r: Role!, $n: String!) { createApiKey(role: $r, name: $n) { secret key { id } } }`, { r: role, n: name });
    expect(r.errors).toBeUndefined();
    return { secret: r.data.createApiKey.secret, id: Number(r.data.createApiKey.key.id) };
  }
  const create = (secret: string, columns: string[] | null = null) =>
    t.gql(`mutation($c: [String!]) { createSegmentExport(format: CSV, columns: $c) { id status } }`, { c: columns }, as(secret));
  async function exportDone(secret: string, columns: string[] | null = null): Promise<any> {
    const r = await create(secret, columns);
    expect(r.errors).toBeUndefined();
    return waitForExport(t, r.data.createSegmentExport.id, secret);
  }
  /** A row as a job in another (killed) process would have left it. */
  async function insertExport(keyId: number | null, status: SegmentExport['status'], extra: Partial<SegmentExport> = {}): Promise<string> {
    const id = newId();
    const repo = t.server.dataSource.getRepository(SegmentExport);
    await repo.save(
      repo.create({ id, versionId, alias: null, format: 'CSV', columns: '["customer_id"]', status, rowCount: 0, byteSize: null, piiMasked: true, createdByKeyId: keyId, error: null, createdAt: new Date(), finishedAt: null, ...extra }),
    );
    return id;
  }
  async function setTimes(table: 'segment_exports' | 'segment_export_usage', column: 'created_at' | 'finished_at', at: Date, where: { id?: string; keyId?: number }): Promise<void> {
    const sql = new Sql(d());
    const set = `${column} = ${sql.p(d().timestamp(at))}`;
    const cond = where.id !== undefined ? `${table === 'segment_exports' ? 'id' : 'export_id'} = ${sql.p(where.id)}` : `created_by_key_id = ${sql.p(where.keyId)}`;
    await t.server.dataSource.query(`UPDATE ${table} SET ${set} WHERE ${cond}`, sql.params);
  }

  it('shows, lists, downloads and deletes an export only for the key that made it (and admins); others get NOT_FOUND', async () => {
    const a = await newKey('VIEWER', 'owner a');
    const b = await newKey('VIEWER', 'other b');
    const mine = await exportDone(a.secret, ['customer_id', 'segment_name']);
    expect(mine.status).toBe('SUCCEEDED');
    expect(filesOf(mine.id)).toEqual([`${mine.id}.csv`]);

    const missing = 'exp_000000000000000000000000';
    for (const other of [b.secret, t.keys.analyst]) {
      const one = await t.gql(`query($id: ID!) { segmentExport(id: $id) { id } }`, { id: mine.id }, as(other));
      expect(one.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
      const list = await t.gql(`{ segmentExports(first: 100) { totalCount edges { node { id } } } }`, {}, as(other));
      expect(list.data.segmentExports.edges.map((e: any) => e.node.id)).not.toContain(mine.id);
      const got = await download(t, `/exports/${mine.id}`, other);
      const none = await download(t, `/exports/${missing}`, other);
      // Exactly as an export that does not exist: nothing tells the two apart.
      expect([got.status, got.text]).toEqual([404, none.text.replace(missing, mine.id)]);
      const del = await t.gql(`mutation($id: ID!) { deleteSegmentExport(id: $id) }`, { id: mine.id }, as(other));
      expect(del.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    }
    expect(filesOf(mine.id)).toEqual([`${mine.id}.csv`]);
    expect((await t.gql(`{ segmentExports(first: 100) { totalCount } }`, {}, as(b.secret))).data.segmentExports.totalCount).toBe(0);

    const own = await t.gql(`{ segmentExports(first: 100) { totalCount edges { node { id expiresAt } } } }`, {}, as(a.secret));
    expect(own.data.segmentExports.totalCount).toBe(1);
    expect(own.data.segmentExports.edges[0].node.id).toBe(mine.id);
    expect((await download(t, `/exports/${mine.id}`, a.secret)).status).toBe(200);
    const admin = await t.gql(`{ segmentExports(first: 100) { edges { node { id } } } }`);
    expect(admin.data.segmentExports.edges.map((e: any) => e.node.id)).toContain(mine.id);
    expect((await download(t, `/exports/${mine.id}`, t.keys.admin)).status).toBe(200);

    // The owner deletes it: the file and the row go.
    const del = await t.gql(`mutation($id: ID!) { deleteSegmentExport(id: $id) }`, { id: mine.id }, as(a.secret));
    expect(del).toEqual({ data: { deleteSegmentExport: mine.id } });
    expect(filesOf(mine.id)).toEqual([]);
    expect((await t.gql(`query($id: ID!) { segmentExport(id: $id) { id } }`, { id: mine.id }, as(a.secret))).errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect((await download(t, `/exports/${mine.id}`, a.secret)).status).toBe(404);

    // An admin deletes anyone's.
    const theirs = await exportDone(b.secret, ['customer_id']);
    expect((await t.gql(`mutation($id: ID!) { deleteSegmentExport(id: $id) }`, { id: theirs.id })).data.deleteSegmentExport).toBe(theirs.id);
    expect(filesOf(theirs.id)).toEqual([]);
  });

  it('refuses a key with EXPORT_CONCURRENT_LIMIT exports queued or running (RATE_LIMITED), writes nothing, and holds up no other key', async () => {
    const c = await newKey('VIEWER', 'busy c');
    const busy = [await insertExport(c.id, 'RUNNING'), await insertExport(c.id, 'QUEUED')];
    const before = await rowCount();
    const files = fs.readdirSync(exportsDir()).length;
    const refused = await create(c.secret);
    expect(refused.data ?? null).toBeNull();
    expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'RATE_LIMITED', quota: 'EXPORT_CONCURRENT_LIMIT', limit: 2 });
    expect(refused.errors?.[0]?.message).toMatch(/2 export\(s\) queued or running \(at most 2, EXPORT_CONCURRENT_LIMIT\)/);
    expect(await rowCount()).toBe(before);
    expect(fs.readdirSync(exportsDir()).length).toBe(files);
    // Parallel requests cannot slip past the check together.
    const burst = await Promise.all(Array.from({ length: 4 }, () => create(c.secret)));
    expect(burst.map((r) => r.errors?.[0]?.extensions?.code)).toEqual(['RATE_LIMITED', 'RATE_LIMITED', 'RATE_LIMITED', 'RATE_LIMITED']);
    expect(await rowCount()).toBe(before);
    // And from a key with room: 6 at once, of which 2 fit at once and 3 a day (admissions take turns, so never 6).
    const fresh = await newKey('VIEWER', 'burst c2');
    const admitted = (await Promise.all(Array.from({ length: 6 }, () => create(fresh.secret)))).filter((r) => !r.errors);
    expect(admitted.length).toBeGreaterThanOrEqual(2);
    expect(admitted.length).toBeLessThanOrEqual(3);
    for (const r of admitted) await waitForExport(t, r.data.createSegmentExport.id, fresh.secret);

    const other = await newKey('VIEWER', 'idle d');
    expect((await exportDone(other.secret, ['customer_id'])).status).toBe('SUCCEEDED');
    // One finishes: one place frees.
    await t.server.dataSource.getRepository(SegmentExport).update(busy[0], { status: 'FAILED', finishedAt: new Date() });
    expect((await exportDone(c.secret, ['customer_id'])).status).toBe('SUCCEEDED');
    await t.server.dataSource.getRepository(SegmentExport).update(busy[1], { status: 'FAILED', finishedAt: new Date() });
  });

  it('counts a key\u2019s exports over 24 hours, deleted ones included (EXPORT_DAILY_LIMIT)', async () => {
    const e = await newKey('VIEWER', 'daily e');
    const made: string[] = [];
    for (let i = 0; i < 3; i++) made.push((await exportDone(e.secret, ['customer_id'])).id);
    const before = await rowCount();
    const refused = await create(e.secret);
    expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'RATE_LIMITED', quota: 'EXPORT_DAILY_LIMIT', limit: 3 });
    const retry = refused.errors?.[0]?.extensions?.retryAfterSeconds as number;
    expect(retry).toBeGreaterThan(86_400 - 600);
    expect(retry).toBeLessThanOrEqual(86_400);
    expect(await rowCount()).toBe(before);
    // Deleting one does not give the place back.
    const del = await t.gql(`mutation($id: ID!) { deleteSegmentExport(id: $id) }`, { id: made[0] }, as(e.secret));
    expect(del.errors).toBeUndefined();
    expect((await create(e.secret)).errors?.[0]?.extensions).toMatchObject({ code: 'RATE_LIMITED', quota: 'EXPORT_DAILY_LIMIT' });
    expect(await rowCount()).toBe(before - 1);
    // A day later they no longer count.
    const dayAgo = new Date(Date.now() - 86_400_000 - 60_000);
    await setTimes('segment_exports', 'created_at', dayAgo, { keyId: e.id });
    await setTimes('segment_export_usage', 'created_at', dayAgo, { keyId: e.id });
    expect((await exportDone(e.secret, ['customer_id'])).status).toBe('SUCCEEDED');
  });

  it('sweeps the .part files a kill -9 left at start-up, and files of exports that no longer exist', async () => {
    const k = await newKey('VIEWER', 'killed k');
    const running = await insertExport(k.id, 'RUNNING');
    fs.mkdirSync(exportsDir(), { recursive: true });
    fs.writeFileSync(path.join(exportsDir(), `${running}.csv.part`), 'customer_id\n1\n');
    const failed = await insertExport(k.id, 'FAILED');
    fs.writeFileSync(path.join(exportsDir(), `${failed}.csv.part`), 'customer_id\n');
    const stray = newId();
    fs.writeFileSync(path.join(exportsDir(), `${stray}.ndjson.part`), '{}\n');
    fs.writeFileSync(path.join(exportsDir(), `${stray}.csv`), 'customer_id\n');
    const kept = await exportDone(k.secret, ['customer_id']);
    const unrelated = path.join(exportsDir(), 'README.txt');
    fs.writeFileSync(unrelated, 'not ours');
    await t.close({ keepData: true });
    t = await startTestServer({ db: t.db, modelsDir: t.modelsDir, env });
    expect([filesOf(running), filesOf(failed), filesOf(stray), filesOf(kept.id)]).toEqual([[], [], [], [`${kept.id}.csv`]]);
    expect(fs.existsSync(unrelated)).toBe(true);
    const after = await t.gql(`query($id: ID!) { segmentExport(id: $id) { status error } }`, { id: running }, as(k.secret));
    expect(after.data.segmentExport).toEqual({ status: 'FAILED', error: expect.stringMatching(/^interrupted/) });
    expect((await download(t, `/exports/${kept.id}`, k.secret)).status).toBe(200);
  });

  it('expires files EXPORT_TTL_HOURS after they finished (410 Gone): on read, by the periodic sweep and at start-up', async () => {
    const f = await newKey('ANALYST', 'ttl f');
    const [e1, e2, e3] = [await exportDone(f.secret, ['customer_id']), await exportDone(f.secret, ['customer_id']), await exportDone(f.secret, ['customer_id'])];
    const state = async (id: string) => (await t.gql(`query($id: ID!) { segmentExport(id: $id) { status finishedAt expiresAt } }`, { id }, as(f.secret))).data.segmentExport;
    const s1 = await state(e1.id);
    expect(new Date(s1.expiresAt).getTime() - new Date(s1.finishedAt).getTime()).toBe(24 * 3_600_000);
    const longAgo = new Date(Date.now() - 25 * 3_600_000);

    // Read after its time: EXPIRED at once, the file gone, the download 410.
    await setTimes('segment_exports', 'finished_at', longAgo, { id: e1.id });
    expect((await state(e1.id)).status).toBe('EXPIRED');
    expect(filesOf(e1.id)).toEqual([]);
    const gone = await download(t, `/exports/${e1.id}`, f.secret);
    expect(gone.status).toBe(410);
    expect(JSON.parse(gone.text).errors[0].extensions.status).toBe('EXPIRED');

    // Listed after its time: EXPIRED in the list too, the file gone.
    const g = await newKey('ANALYST', 'ttl g'); // f has used its 3 exports a day
    const e4 = await exportDone(g.secret, ['customer_id']);
    await setTimes('segment_exports', 'finished_at', longAgo, { id: e4.id });
    const listed = (await t.gql(`{ segmentExports(first: 100) { edges { node { id status } } } }`, {}, as(g.secret))).data.segmentExports.edges.map((e: any) => e.node);
    expect(listed.find((n: any) => n.id === e4.id)?.status).toBe('EXPIRED');
    expect(filesOf(e4.id)).toEqual([]);

    // The periodic sweep (what its timer calls) expires without a read; a running export's .part is left alone.
    await setTimes('segment_exports', 'finished_at', longAgo, { id: e2.id });
    const running = await insertExport(f.id, 'RUNNING');
    fs.writeFileSync(path.join(exportsDir(), `${running}.csv.part`), 'customer_id\n1\n');
    await t.server.services.exports.sweep();
    expect(filesOf(e2.id)).toEqual([]);
    expect(filesOf(running)).toEqual([`${running}.csv.part`]);
    expect((await state(e2.id)).status).toBe('EXPIRED');

    await t.server.dataSource.getRepository(SegmentExport).update(running, { status: 'FAILED', finishedAt: new Date() });
    await t.server.services.exports.sweep();
    expect(filesOf(running)).toEqual([]);

    // An expired export nobody read: the next start-up expires it.
    await setTimes('segment_exports', 'finished_at', longAgo, { id: e3.id });
    await t.close({ keepData: true });
    t = await startTestServer({ db: t.db, modelsDir: t.modelsDir, env });
    expect(filesOf(e3.id)).toEqual([]);
    const row = await t.server.dataSource.getRepository(SegmentExport).findOneByOrFail({ id: e3.id });
    expect(row.status).toBe('EXPIRED');
    expect((await download(t, `/exports/${e3.id}`, f.secret)).status).toBe(410);
  });

  it('stops an export that would pass EXPORT_DAILY_BYTES (no file is left) and refuses the key more exports that day', async () => {
    // Sizes of a small and a large export of this shop, to set the quota between them.
    const small = (await exportDone(t.keys.admin, ['customer_id'])).id;
    const large = (await exportDone(t.keys.admin, null)).id;
    const sizes = await t.gql(`query($a: ID!, $b: ID!) { a: segmentExport(id: $a) { byteSize } b: segmentExport(id: $b) { byteSize } }`, { a: small, b: large });
    const [smallBytes, largeBytes] = [sizes.data.a.byteSize as number, sizes.data.b.byteSize as number];
    expect(largeBytes).toBeGreaterThan(4 * smallBytes);
    const quota = smallBytes + Math.floor(largeBytes / 2);
    await t.close({ keepData: true });
    t = await startTestServer({ db: t.db, modelsDir: t.modelsDir, env: { ...env, EXPORT_DAILY_BYTES: String(quota) } });

    const g = await newKey('VIEWER', 'bytes g');
    expect((await exportDone(g.secret, ['customer_id'])).status).toBe('SUCCEEDED');
    const stopped = await exportDone(g.secret, null);
    expect(stopped.status).toBe('FAILED');
    expect(stopped.error).toMatch(new RegExp(`may write ${quota} bytes in 24 hours \\(EXPORT_DAILY_BYTES\\)`));
    expect(filesOf(stopped.id)).toEqual([]);
    const before = await rowCount();
    const refused = await create(g.secret, ['customer_id']);
    expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'RATE_LIMITED', quota: 'EXPORT_DAILY_BYTES', limit: quota });
    expect(await rowCount()).toBe(before);
    // Another key has its own bytes.
    expect((await exportDone(t.keys.viewer, ['customer_id'])).status).toBe('SUCCEEDED');
  });

  describe('an unusable EXPORTS_DIR', () => {
    let child: ChildProcess | null = null;
    let scratch = '';
    beforeAll(() => {
      scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'segmentql-exports-'));
    });
    afterAll(async () => {
      if (child && child.exitCode === null) {
        child.kill('SIGKILL');
        await new Promise((r) => child!.once('exit', r));
      }
      fs.rmSync(scratch, { recursive: true, force: true });
    });

    const freePort = () =>
      new Promise<number>((resolve) => {
        const s = net.createServer().listen(0, '127.0.0.1', () => {
          const port = (s.address() as net.AddressInfo).port;
          s.close(() => resolve(port));
        });
      });
    function startChild(port: number, exportsDir: string): { proc: ChildProcess; stderr: () => string } {
      const proc = spawn(process.execPath, [path.join(REPO_ROOT, 'dist', 'src', 'main.js')], {
        env: { ...process.env, PORT: String(port), DATABASE_URL: t.db.url, SEED_DEMO: 'false', SEGMENTQL_PLUGINS: EXAMPLE_PLUGIN, MODELS_DIR: t.modelsDir, EXPORTS_DIR: exportsDir, RATE_LIMIT_PER_MINUTE: '0' },
        stdio: ['ignore', 'ignore', 'pipe'],
      });
      let stderr = '';
      proc.stderr!.on('data', (chunk) => (stderr += chunk));
      return { proc, stderr: () => stderr };
    }
    const healthy = (base: string) => fetch(`${base}/healthz`).then((r) => r.ok, () => false);

    it('fails the export with a message that names no path, and the server process stays up and answers', async () => {
      const port = await freePort();
      const base = `http://127.0.0.1:${port}`;
      const dir = path.join(scratch, 'exports');
      const started = startChild(port, dir);
      child = started.proc;
      for (let i = 0; !(await healthy(base)); i++) {
        if (i === 600 || child.exitCode !== null) throw new Error(`the server did not start: ${started.stderr()}`);
        await new Promise((r) => setTimeout(r, 100));
      }
      // The directory becomes a regular file while the server runs (a full or unmounted disk, a bad deploy).
      fs.rmSync(dir, { recursive: true, force: true });
      fs.writeFileSync(dir, 'not a directory');
      const gql = async (query: string, variables: Record<string, unknown> = {}) =>
        (await fetch(`${base}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', ...as(t.keys.viewer) }, body: JSON.stringify({ query, variables }) })).json() as Promise<any>;
      const created = await gql(`mutation { createSegmentExport(format: NDJSON, columns: ["customer_id"]) { id } }`);
      expect(created.errors).toBeUndefined();
      const id = created.data.createSegmentExport.id;
      let last: any = null;
      for (let i = 0; i < 300; i++) {
        const r = await gql(`query($id: ID!) { segmentExport(id: $id) { status error } }`, { id }).catch(() => null);
        if (!r) break; // the process went away
        last = r.data.segmentExport;
        if (last.status === 'FAILED' || last.status === 'SUCCEEDED') break;
        await new Promise((res) => setTimeout(res, 100));
      }
      // The process answers (on the old code it died of an unhandled rejection in the job's clean-up).
      expect({ alive: await healthy(base), status: last?.status }).toEqual({ alive: true, status: 'FAILED' });
      expect(child.exitCode).toBeNull();
      expect(last.error).toMatch(/could not be written \(E[A-Z]+\)/);
      expect(last.error).not.toContain('/');
      expect(last.error).not.toContain(scratch);
      expect(await healthy(base)).toBe(true);
      expect((await gql('{ whoami { role } }')).data.whoami.role).toBe('VIEWER');
      // It failed once, and the queue goes on: the next export fails the same way, the process still up.
      const next = await gql(`mutation { createSegmentExport(format: CSV, columns: ["customer_id"]) { id } }`);
      expect(next.errors).toBeUndefined();
      child.kill('SIGTERM');
      await new Promise((r) => child!.once('exit', r));
    }, 120_000);

    it('refuses to start, in one line naming the variable, when EXPORTS_DIR or MODELS_DIR is not a writable directory', async () => {
      const file = path.join(scratch, 'a-file');
      fs.writeFileSync(file, 'x');
      const port = await freePort();
      const started = startChild(port, path.join(file, 'exports'));
      child = started.proc;
      let exited = false;
      const outcome = await Promise.race([
        new Promise<string>((r) => child!.once('exit', (code) => ((exited = true), r(`exit ${code}`)))),
        (async () => {
          for (let i = 0; i < 600 && !exited; i++) {
            if (await healthy(`http://127.0.0.1:${port}`)) return 'listening';
            await new Promise((r) => setTimeout(r, 100));
          }
          return 'timeout';
        })(),
      ]);
      expect(outcome).toBe('exit 1');
      const lines = started.stderr().trim().split('\n');
      expect(lines).toContainEqual(`segmentql failed to start: EXPORTS_DIR="${path.join(file, 'exports')}" is not a writable directory (ENOTDIR)`);
      expect(started.stderr()).not.toMatch(/\n\s+at /);

      const config = { ...loadConfig({ SEGMENTQL_PLUGINS: EXAMPLE_PLUGIN, MODELS_DIR: path.join(file, 'models'), EXPORTS_DIR: path.join(scratch, 'ok') }), port: 0, database: t.db.config, seedDemo: false };
      await expect(startServer(config, { log: () => undefined })).rejects.toThrow(`MODELS_DIR="${path.join(file, 'models')}" is not a writable directory (ENOTDIR)`);
    }, 120_000);
  });
});
