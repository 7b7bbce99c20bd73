import { ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { TEST_KIND } from '../helpers/database';
import { REPO_ROOT } from '../helpers/paths';
import { EXAMPLE_PLUGIN } from '../helpers/plugins';
import { startTestServer, TestServer } from '../helpers/server';
import { trainVersion, waitForExport } from '../helpers/training';

/**
 * A bulk export of well over 100,000 rows: written by the job batch by batch (it reads 5,000 rows per statement, so
 * the statements it runs grow with the rows) and streamed by GET /exports/<id> in chunks, never as one body.
 */
const BULK = 120_000;
/**
 * The size of the export a server process streams while its resident memory is sampled: 512 MB, grown on disk from
 * the real export's rows (writing 9 million rows through the job would take many minutes; the download is what
 * streams). Writing and downloading it takes about 4 s. A server that read the file into memory would grow by all of
 * it, 4x the bound; streaming measured +36 MB (the first request's own costs, the same at 256 MB), not growing with
 * the file.
 */
const LARGE_BYTES = 512 * 1024 * 1024;
const RSS_GROWTH_BOUND = 128 * 1024 * 1024;
const linux = process.platform === 'linux' && fs.existsSync('/proc/self/status');

/** The resident set size of a process, in bytes (VmRSS in /proc/<pid>/status). */
function rssOf(pid: number): number {
  const kb = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
  if (!kb) throw new Error(`no VmRSS for process ${pid}`);
  return Number(kb) * 1024;
}

describe(`an export of ${BULK.toLocaleString('en')}+ rows on ${TEST_KIND}`, () => {
  let t: TestServer;
  let versionId: string;
  beforeAll(async () => {
    t = await startTestServer({ seedDemo: true });
    versionId = await trainVersion(t, 'rfm', 'kmeans', { k: 4 }, 'production');
    // Many more customers, assigned to the version's segments in turn (set-based SQL: seconds, not minutes).
    const ds = t.server.dataSource;
    const postgres = t.db.config.kind === 'postgres';
    await ds.query(
      postgres
        ? `INSERT INTO customers (external_id, country, email) SELECT 'bulk-' || i, 'Bulkland', 'bulk' || i || '@example.com' FROM generate_series(1, ${BULK}) AS i`
        : `WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ${BULK})
           INSERT INTO customers (external_id, country, email) SELECT 'bulk-' || i, 'Bulkland', 'bulk' || i || '@example.com' FROM n`,
    );
    const segments: Array<{ id: number }> = await ds.query(`SELECT id FROM segments WHERE version_id = ${Number(versionId)} ORDER BY segment_index`);
    await ds.query(
      `INSERT INTO segment_assignments (version_id, customer_id, segment_id, distance)
       SELECT ${Number(versionId)}, c.id, CASE ${segments.map((s, i) => `WHEN c.id % ${segments.length} = ${i} THEN ${s.id}`).join(' ')} END, 1.5
       FROM customers c WHERE c.external_id LIKE 'bulk-%'`,
    );
  }, 180_000);
  let child: ChildProcess | null = null;
  let closed = false;
  afterAll(async () => {
    child?.kill('SIGKILL');
    if (!closed) await t.close();
    else {
      await t.db.drop();
      fs.rmSync(t.modelsDir, { recursive: true, force: true });
    }
  });
  let exportId = '';
  let exportUrl = '';

  it('writes it in batches and streams it in chunks, every row once', async () => {
    const [{ n }] = await t.server.dataSource.query(`SELECT COUNT(*) AS n FROM segment_assignments WHERE version_id = ${Number(versionId)}`);
    const expected = Number(n);
    expect(expected).toBeGreaterThan(BULK);
    const { result: done, queries, statements } = await t.server.queries.measure(async () => {
      const created = await t.gql(`mutation { createSegmentExport(format: CSV, columns: ["customer_id", "external_id", "email", "segment_name", "orders", "spend", "last_order_at"]) { id } }`);
      return waitForExport(t, created.data.createSegmentExport.id);
    });
    // Two statements a batch of 1,000 (the rows, then their order statistics): read in batches, not at once.
    expect(queries).toBeGreaterThanOrEqual(2 * Math.ceil(expected / 1000));
    // Counted, but sent by the export thread on its own connection: none went through the server's (which records
    // the statements it sends itself, not those a thread reports).
    expect(statements.filter((s) => /ORDER BY a\.customer_id LIMIT/.test(s))).toEqual([]);
    // Continuous segmentation may give the demo shop's newest customers their segment while the export runs: the
    // export holds every assignment there was when it started, and at most those there are now.
    const [{ n: after }] = await t.server.dataSource.query(`SELECT COUNT(*) AS n FROM segment_assignments WHERE version_id = ${Number(versionId)}`);
    expect(done.status).toBe('SUCCEEDED');
    expect(done.rowCount).toBeGreaterThanOrEqual(expected);
    expect(done.rowCount).toBeLessThanOrEqual(Number(after));
    exportId = done.id;
    exportUrl = done.url;
    // Read the download as a stream (with the key that made the export: exports are its own), counting lines, never holding the body.
    const res = await fetch(t.server.url.replace('/graphql', done.url), { headers: { authorization: `Bearer ${t.keys.admin}` } });
    expect(res.status).toBe(200);
    const size = Number(res.headers.get('content-length'));
    let lines = 0;
    let bytes = 0;
    let chunks = 0;
    let header = '';
    const decoder = new TextDecoder();
    for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
      bytes += chunk.length;
      chunks++;
      if (!header) header = decoder.decode(chunk).split('\n')[0];
      for (let i = 0; i < chunk.length; i++) if (chunk[i] === 10) lines++;
    }
    expect(header).toBe('customer_id,external_id,email,segment_name,orders,spend,last_order_at');
    expect(lines).toBe(done.rowCount + 1);
    expect(bytes).toBe(size);
    process.stdout.write(`export of ${expected} rows: ${(size / 1e6).toFixed(1)} MB file, ${queries} statements, ${chunks} chunks downloaded\n`);
  }, 300_000);

  (linux ? it : it.skip)(`streams a ${LARGE_BYTES / 1024 / 1024} MB export from a server process whose resident memory grows by less than ${RSS_GROWTH_BOUND / 1024 / 1024} MB`, async () => {
    expect(exportId).not.toBe('');
    // Grow the export's file to LARGE_BYTES by appending its rows again (the route streams whatever file the job wrote).
    const file = path.join(t.modelsDir, 'exports', `${exportId}.csv`);
    const original = fs.readFileSync(file);
    const body = original.subarray(original.indexOf(10) + 1);
    const fd = fs.openSync(file, 'a');
    try {
      for (let written = body.length; written < LARGE_BYTES; written += body.length) fs.writeSync(fd, body);
    } finally {
      fs.closeSync(fd);
    }
    const size = fs.statSync(file).size;
    expect(size).toBeGreaterThanOrEqual(LARGE_BYTES);

    // The same database and files, served by `node dist/src/main.js` in its own process, so its memory is its own.
    await t.close({ keepData: true });
    closed = true;
    const port = 40_000 + (process.pid % 20_000);
    const base = `http://127.0.0.1:${port}`;
    child = spawn(process.execPath, [path.join(REPO_ROOT, 'dist', 'src', 'main.js')], {
      env: { ...process.env, PORT: String(port), DATABASE_URL: t.db.url, SEED_DEMO: 'false', SEGMENTQL_PLUGINS: EXAMPLE_PLUGIN, MODELS_DIR: t.modelsDir, EXPORTS_DIR: path.join(t.modelsDir, 'exports'), RATE_LIMIT_PER_MINUTE: '0' },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr!.on('data', (d) => (stderr += d));
    const pid = child.pid!;
    for (let i = 0; ; i++) {
      if (i === 300) throw new Error(`the server did not start: ${stderr}`);
      if (await fetch(`${base}/healthz`).then((r) => r.ok, () => false)) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    // Settled: the largest of a second's samples before the download is the baseline.
    await new Promise((r) => setTimeout(r, 1000));
    let baseline = 0;
    for (let i = 0; i < 20; i++) {
      baseline = Math.max(baseline, rssOf(pid));
      await new Promise((r) => setTimeout(r, 25));
    }
    let peak = baseline;
    const sampler = setInterval(() => (peak = Math.max(peak, rssOf(pid))), 5);
    const started = Date.now();
    let bytes = 0;
    try {
      // The key that made the export (t.gql's admin): another non-admin key's download is 404.
      const res = await fetch(`${base}${exportUrl}`, { headers: { authorization: `Bearer ${t.keys.admin}` } });
      expect(res.status).toBe(200);
      expect(Number(res.headers.get('content-length'))).toBe(size);
      for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
        bytes += chunk.length;
        peak = Math.max(peak, rssOf(pid));
      }
    } finally {
      clearInterval(sampler);
    }
    expect(bytes).toBe(size);
    const grew = peak - baseline;
    process.stdout.write(
      `server process streamed ${(size / 1048576).toFixed(0)} MB in ${((Date.now() - started) / 1000).toFixed(1)} s: RSS ${(baseline / 1048576).toFixed(0)} MB before, peak ${(peak / 1048576).toFixed(0)} MB (+${(grew / 1048576).toFixed(1)} MB; bound ${RSS_GROWTH_BOUND / 1048576} MB)\n`,
    );
    expect(grew).toBeLessThan(RSS_GROWTH_BOUND);
  }, 300_000);
});
