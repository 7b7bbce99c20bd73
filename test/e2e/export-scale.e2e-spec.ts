import { TEST_KIND } from '../helpers/database';
import { startTestServer, TestServer } from '../helpers/server';
import { trainVersion, waitForExport } from '../helpers/training';

/**
 * A bulk export of well over 100,000 rows: written by the job batch by batch (it reads 5,000 rows per statement, so
 * the statements it runs grow with the rows) and streamed by GET /exports/<id> in chunks, never as one body.
 */
const BULK = 120_000;

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
  afterAll(async () => {
    await t.close();
  });

  it('writes it in batches and streams it in chunks, every row once', async () => {
    const [{ n }] = await t.server.dataSource.query(`SELECT COUNT(*) AS n FROM segment_assignments WHERE version_id = ${Number(versionId)}`);
    const expected = Number(n);
    expect(expected).toBeGreaterThan(BULK);
    const heapBefore = process.memoryUsage().heapUsed;
    let heapPeak = heapBefore;
    const sampler = setInterval(() => (heapPeak = Math.max(heapPeak, process.memoryUsage().heapUsed)), 5);
    const { result: done, queries } = await t.server.queries.measure(async () => {
      const created = await t.gql(`mutation { createSegmentExport(format: CSV, columns: ["customer_id", "external_id", "email", "segment_name", "orders", "spend", "last_order_at"]) { id } }`);
      return waitForExport(t, created.data.createSegmentExport.id);
    });
    // Two statements a batch of 5,000 (the rows, then their order statistics): read in batches, not at once.
    expect(queries).toBeGreaterThanOrEqual(2 * Math.ceil(expected / 5000));
    expect(done).toMatchObject({ status: 'SUCCEEDED', rowCount: expected });
    // Read the download as a stream, counting lines, never holding the body.
    const res = await fetch(t.server.url.replace('/graphql', done.url), { headers: { authorization: `Bearer ${t.keys.analyst}` } });
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
    clearInterval(sampler);
    expect(header).toBe('customer_id,external_id,email,segment_name,orders,spend,last_order_at');
    expect(lines).toBe(expected + 1);
    expect(bytes).toBe(size);
    expect(chunks).toBeGreaterThan(10);
    const grewMb = (heapPeak - heapBefore) / 1e6;
    process.stdout.write(`export of ${expected} rows: ${(size / 1e6).toFixed(1)} MB file, ${queries} statements, ${chunks} chunks downloaded, heap peak +${grewMb.toFixed(1)} MB (garbage included)\n`);
  }, 300_000);
});
