import fs from 'node:fs';
import path from 'node:path';
import { parse as parseCsv } from 'csv-parse/sync';
import { buildSchema, parse, validate } from 'graphql';
import { runSegmentql } from '../helpers/cli';
import { TEST_KIND } from '../helpers/database';
import { REPO_ROOT } from '../helpers/paths';
import { startTestServer, TestServer } from '../helpers/server';
import { collect, wsClient } from '../helpers/subscriptions';
import { download, trainVersion, waitForExport } from '../helpers/training';

/**
 * What frontends and BI tools do: the committed example operations, paging both ways, filters and sorts checked
 * against each customer's features, segment aggregates checked against the same, and bulk exports (HTTP and CLI).
 */
const OPERATIONS_DIR = path.join(REPO_ROOT, 'schema', 'operations');
const operation = (name: string) => fs.readFileSync(path.join(OPERATIONS_DIR, `${name}.graphql`), 'utf8');

interface Member {
  id: string;
  country: string | null;
  segmentId: string | null;
  segmentIndex: number | null;
  monetary: number;
  frequency: number;
  recencyDays: number | null;
  lastPurchaseAt: string | null;
}

describe(`delivery to frontends and BI tools on ${TEST_KIND}`, () => {
  let t: TestServer;
  let versionId: string;
  let runId: string;
  /** Customers with a segment in production, and all customers. */
  const members: Member[] = [];
  const everyone: Member[] = [];

  beforeAll(async () => {
    t = await startTestServer({ seedDemo: true });
    versionId = await trainVersion(t, 'rfm', 'kmeans', { k: 5 }, 'production');
    runId = (await t.gql(`query($id: ID!) { modelVersion(id: $id) { run { id } } }`, { id: versionId })).data.modelVersion.run.id;
    // Every customer's features and segment, a page of 100 at a time (the reference the aggregates are checked on).
    let after: string | null = null;
    for (;;) {
      const page: any = await t.gql(
        `query($after: String) { customers(first: 100, after: $after) { pageInfo { hasNextPage endCursor }
           edges { node { id country features { monetary frequency recencyDays lastPurchaseAt } segment { segment { id index } } } } } }`,
        { after },
      );
      for (const { node } of page.data.customers.edges) {
        const customer = { id: node.id, country: node.country, segmentId: node.segment?.segment.id ?? null, segmentIndex: node.segment?.segment.index ?? null, ...node.features };
        everyone.push(customer);
        if (node.segment) members.push(customer);
      }
      if (!page.data.customers.pageInfo.hasNextPage) break;
      after = page.data.customers.pageInfo.endCursor;
    }
  }, 180_000);
  afterAll(async () => {
    await t.close();
  });

  it('keeps every example operation valid against the committed schema and runs each of them', async () => {
    const schema = buildSchema(fs.readFileSync(path.join(REPO_ROOT, 'schema', 'schema.graphql'), 'utf8'));
    const files = fs.readdirSync(OPERATIONS_DIR).filter((f) => f.endsWith('.graphql'));
    expect(files.length).toBeGreaterThanOrEqual(8);
    const segments = (await t.gql(operation('Segments'))).data.segments;
    const exportId = (await t.gql(operation('CreateSegmentExport'), { format: 'CSV' })).data.createSegmentExport.id;
    await waitForExport(t, exportId);
    const doomed = (await t.gql(operation('CreateSegmentExport'), { format: 'CSV', columns: ['customer_id'] })).data.createSegmentExport.id;
    await waitForExport(t, doomed);
    const variables: Record<string, Record<string, unknown>> = {
      CustomerSegment: { id: members[0].id },
      CustomerPredictions: { id: members[0].id },
      SegmentCustomersPage: { segmentId: segments[0].id, first: 10 },
      Customers: { first: 10, filter: { segmentId: segments[0].id, minSpend: 0 }, orderBy: { field: 'SPEND', direction: 'DESC' } },
      SegmentStats: { groupBy: ['COUNTRY'] },
      CreateSegmentExport: { format: 'NDJSON', columns: ['customer_id', 'segment_name'] },
      SegmentExport: { id: exportId },
      DeleteSegmentExport: { id: doomed },
      CompareModelVersions: { ids: [versionId] },
      StartEvaluation: { versionIds: [versionId] },
      TrainingRunProgress: { runId },
    };
    for (const file of files) {
      const name = file.replace(/\.graphql$/, '');
      const text = operation(name);
      expect([name, validate(schema, parse(text)).map((e) => e.message)]).toEqual([name, []]);
      if (/^\s*(#.*\n\s*)*subscription/.test(text)) {
        const ws = wsClient(t.server.url, t.keys.analyst);
        const { messages, errors } = await collect<any>(ws, text, variables[name] ?? {});
        await ws.dispose();
        expect(errors).toEqual([]);
        expect(messages[messages.length - 1].trainingRunProgress.status).toBe('SUCCEEDED');
        continue;
      }
      const res = await t.gql(text, variables[name] ?? {});
      expect([name, res.errors]).toEqual([name, undefined]);
    }
  });

  it('pages through a segment forward and backward with the same customers in the same order', async () => {
    const segment = (await t.gql(operation('Segments'))).data.segments.find((s: any) => s.size > 25);
    const forward: string[] = [];
    let after: string | null = null;
    let pages = 0;
    for (;;) {
      const res: any = await t.gql(operation('SegmentCustomersPage'), { segmentId: segment.id, first: 10, after });
      const c = res.data.segment.customers;
      expect(c.totalCount).toBe(segment.size);
      expect(c.pageInfo.hasPreviousPage).toBe(after !== null);
      forward.push(...c.edges.map((e: any) => e.node.id));
      pages++;
      if (!c.pageInfo.hasNextPage) break;
      after = c.pageInfo.endCursor;
    }
    expect(pages).toBe(Math.ceil(segment.size / 10));
    const backward: string[] = [];
    let before: string | null = null;
    for (;;) {
      const res: any = await t.gql(operation('SegmentCustomersPage'), { segmentId: segment.id, last: 7, before });
      const c = res.data.segment.customers;
      expect(c.pageInfo.hasNextPage).toBe(before !== null);
      backward.unshift(...c.edges.map((e: any) => e.node.id));
      if (!c.pageInfo.hasPreviousPage) break;
      before = c.pageInfo.startCursor;
    }
    expect(backward).toEqual(forward);
    expect(new Set(forward).size).toBe(segment.size);
    // Distances never decrease along the list.
    const first = (await t.gql(operation('SegmentCustomersPage'), { segmentId: segment.id, first: 100 })).data.segment.customers.edges.map((e: any) => e.distance);
    expect(first).toEqual([...first].sort((a: number, b: number) => a - b));
  });

  it('refuses paging without first or last, with both, or over 100, with BAD_USER_INPUT', async () => {
    for (const args of ['', 'first: 0', 'first: 101', 'last: 101', 'first: 5, last: 5', 'first: 5, before: "x"', 'last: 5, after: "x"', 'first: 5, after: "not-a-cursor"']) {
      const res = await t.gql(`{ customers(${args}) { totalCount } }`.replace('()', ''));
      expect([args, res.errors?.[0]?.extensions?.code]).toEqual([args, 'BAD_USER_INPUT']);
    }
    for (const query of ['{ models(last: 500) { totalCount } }', '{ trainingRuns(first: -1) { totalCount } }', '{ products(last: 0) { totalCount } }', '{ aliasHistory(first: 1000) { totalCount } }']) {
      expect((await t.gql(query)).errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    }
  });

  it('filters by segment, country, spend, recency and last order date, as the features say', async () => {
    const q = `query($filter: CustomerFilter) { customers(first: 1, filter: $filter) { totalCount } }`;
    const count = async (filter: Record<string, unknown>) => {
      const res = await t.gql(q, { filter });
      expect(res.errors).toBeUndefined();
      return res.data.customers.totalCount as number;
    };
    const bySegment = members.filter((m) => m.segmentId === members[0].segmentId);
    expect(await count({ segmentId: members[0].segmentId })).toBe(bySegment.length);
    const spends = everyone.map((m) => m.monetary).sort((a, b) => a - b);
    const median = spends[Math.floor(spends.length / 2)];
    expect(await count({ minSpend: median })).toBe(everyone.filter((m) => m.monetary >= median - 1e-6).length);
    expect(await count({ maxSpend: median, country: members[0].country })).toBe(everyone.filter((m) => m.monetary <= median + 1e-6 && m.country === members[0].country).length);
    // Recency is counted from the data's latest order (the features' default asOf is one second after it).
    expect(await count({ maxRecencyDays: 30 })).toBe(everyone.filter((m) => m.recencyDays !== null && m.recencyDays <= 30 + 2 / 86400).length);
    expect(await count({ minRecencyDays: 90 })).toBe(everyone.filter((m) => m.recencyDays !== null && m.recencyDays >= 90 - 2 / 86400).length);
    const cut = everyone.map((m) => m.lastPurchaseAt).filter(Boolean).sort()[Math.floor(everyone.length / 3)]!;
    expect(await count({ lastOrderAfter: cut })).toBe(everyone.filter((m) => m.lastPurchaseAt !== null && m.lastPurchaseAt >= cut).length);
    expect(await count({ lastOrderBefore: cut, segmentId: members[0].segmentId })).toBe(bySegment.filter((m) => m.lastPurchaseAt !== null && m.lastPurchaseAt <= cut).length);
    expect((await t.gql(q, { filter: { minRecencyDays: -1 } })).errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect((await t.gql(q, { filter: { segmentId: 'abc' } })).errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('sorts by spend, orders, recency and last order date, and pages a sorted list without gaps or repeats', async () => {
    for (const [field, key, direction] of [
      ['SPEND', 'monetary', 'DESC'],
      ['ORDERS', 'frequency', 'ASC'],
      ['LAST_ORDER_AT', 'lastPurchaseAt', 'DESC'],
      ['RECENCY', 'recencyDays', 'ASC'],
    ] as const) {
      const seen: any[] = [];
      let after: string | null = null;
      for (;;) {
        const res: any = await t.gql(operation('Customers'), { first: 97, after, orderBy: { field, direction } });
        expect(res.errors).toBeUndefined();
        seen.push(...res.data.customers.edges.map((e: any) => e.node));
        if (!res.data.customers.pageInfo.hasNextPage) break;
        after = res.data.customers.pageInfo.endCursor;
      }
      const total = (await t.gql(`{ customers(first: 1) { totalCount } }`)).data.customers.totalCount;
      expect([field, seen.length, new Set(seen.map((c) => c.id)).size]).toEqual([field, total, total]);
      const values = seen.map((c) => c.features[key]).filter((v) => v !== null);
      const sorted = [...values].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
      if (direction === 'DESC') sorted.reverse();
      expect(values).toEqual(sorted);
    }
    // The last page backward is the end of the list forward.
    const forward = (await t.gql(operation('Customers'), { first: 100, orderBy: { field: 'SPEND', direction: 'ASC' } })).data.customers.edges.map((e: any) => e.node.id);
    const lastPage = await t.gql(operation('Customers'), { last: 10, orderBy: { field: 'SPEND', direction: 'DESC' } });
    expect(lastPage.data.customers.edges.map((e: any) => e.node.id).reverse()).toEqual(forward.slice(0, 10));
  });

  it('aggregates segments by country, month and cohort in SQL, consistent with every customer\u2019s features', async () => {
    const res = await t.gql(operation('SegmentStats'), { groupBy: ['COUNTRY'] });
    expect(res.errors).toBeUndefined();
    const rows = res.data.segmentStats;
    const expected = new Map<string, { customers: number; spend: number; orders: number; recency: number[] }>();
    for (const m of members) {
      const key = `${m.segmentIndex}|${m.country}`;
      const e = expected.get(key) ?? { customers: 0, spend: 0, orders: 0, recency: [] };
      e.customers++;
      e.spend += m.monetary;
      e.orders += m.frequency;
      if (m.recencyDays !== null) e.recency.push(m.recencyDays);
      expected.set(key, e);
    }
    expect(rows.length).toBe(expected.size);
    for (const r of rows) {
      const e = expected.get(`${r.segment.index}|${r.country}`)!;
      expect(r.customers).toBe(e.customers);
      expect(r.orders).toBe(e.orders);
      expect(r.spend).toBeCloseTo(e.spend, 2);
      expect(r.averageSpend).toBeCloseTo(e.spend / e.customers, 4);
      // Features count recency from one second after the latest order; the aggregates from the latest order.
      if (e.recency.length) expect(Math.abs(r.averageRecencyDays - e.recency.reduce((a, b) => a + b, 0) / e.recency.length)).toBeLessThan(2 / 86400);
    }
    const bySegment = (await t.gql(operation('SegmentStats'), {})).data.segmentStats;
    const byMonth = (await t.gql(operation('SegmentStats'), { groupBy: ['MONTH'] })).data.segmentStats;
    const byCohort = (await t.gql(operation('SegmentStats'), { groupBy: ['COHORT', 'COUNTRY'] })).data.segmentStats;
    for (const s of bySegment) {
      const months = byMonth.filter((r: any) => r.segment.id === s.segment.id);
      expect(months.every((r: any) => /^\d{4}-\d{2}$/.test(r.month) && r.customers <= s.customers)).toBe(true);
      expect(months.reduce((a: number, r: any) => a + r.spend, 0)).toBeCloseTo(s.spend, 2);
      expect(months.reduce((a: number, r: any) => a + r.orders, 0)).toBe(s.orders);
      const cohorts = byCohort.filter((r: any) => r.segment.id === s.segment.id);
      expect(cohorts.reduce((a: number, r: any) => a + r.customers, 0)).toBe(s.customers);
    }
    expect((await t.gql(operation('SegmentStats'), { alias: 'nope' })).errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect((await t.gql(operation('SegmentStats'), { groupBy: ['COUNTRY', 'COUNTRY'] })).errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('exports every assignment as CSV and NDJSON, streamed from GET /exports/<id>, the same as the CLI writes', async () => {
    const columns = ['customer_id', 'external_id', 'email', 'country', 'segment_index', 'segment_name', 'distance', 'orders', 'spend', 'last_order_at', 'recency_days'];
    const created = await t.gql(operation('CreateSegmentExport'), { alias: 'production', format: 'CSV', columns }, { authorization: `Bearer ${t.keys.analyst}` });
    expect(created.errors).toBeUndefined();
    const done = await waitForExport(t, created.data.createSegmentExport.id);
    expect(done).toMatchObject({ status: 'SUCCEEDED', rowCount: members.length, piiMasked: false });
    const file = await download(t, done.url, t.keys.analyst);
    expect(file.status).toBe(200);
    expect(file.headers.get('content-type')).toMatch(/^text\/csv/);
    const records = parseCsv(file.text, { columns: true }) as Array<Record<string, string>>;
    expect(Object.keys(records[0])).toEqual(columns);
    expect(records.length).toBe(members.length);
    expect(new Set(records.map((r) => r.customer_id)).size).toBe(members.length);
    const byId = new Map(members.map((m) => [m.id, m]));
    for (const r of records) {
      const m = byId.get(r.customer_id)!;
      expect(Number(r.segment_index)).toBe(m.segmentIndex);
      expect(Number(r.spend)).toBeCloseTo(m.monetary, 2);
      expect(Number(r.orders)).toBe(m.frequency);
      expect(r.last_order_at).toBe(m.lastPurchaseAt ?? '');
      if (r.last_order_at) expect(r.last_order_at).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
    }
    expect(records.some((r) => r.email.includes('@'))).toBe(true);

    const ndjson = await t.gql(operation('CreateSegmentExport'), { modelVersionId: versionId, format: 'NDJSON', columns: ['customer_id', 'segment_name', 'spend'] });
    const nd = await waitForExport(t, ndjson.data.createSegmentExport.id);
    const lines = (await download(t, nd.url, t.keys.admin)).text.trim().split('\n').map((l) => JSON.parse(l));
    expect(lines.length).toBe(members.length);
    expect(Object.keys(lines[0])).toEqual(['customer_id', 'segment_name', 'spend']);
    expect(typeof lines[0].spend).toBe('number');

    // The CLI, on the database directly and through the server's API, writes the same rows.
    const env = { DATABASE_URL: t.db.url };
    const local = await runSegmentql(['export', '--alias', 'production', '--format', 'csv', '--columns', columns.join(',')], env);
    expect(local.code).toBe(0);
    expect(local.stdout).toBe(file.text);
    const remote = await runSegmentql(['export', '--format', 'csv', '--columns', columns.join(','), '--url', t.server.url, '--key', t.keys.analyst], {});
    expect([remote.code, remote.stderr]).toEqual([0, expect.stringContaining(`exported ${members.length} rows`)]);
    expect(remote.stdout).toBe(file.text);

    const bad = await t.gql(operation('CreateSegmentExport'), { format: 'CSV', columns: ['customer_id', 'password'] });
    expect(bad.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(bad.errors?.[0]?.message).toContain('known:');
    expect((await download(t, '/exports/exp_missing', t.keys.admin)).status).toBe(404);

    // Exports are listed newest first, a page at a time, both ways.
    const list = `query($first: Int, $after: String, $last: Int, $before: String) { segmentExports(first: $first, after: $after, last: $last, before: $before) {
      totalCount pageInfo { hasNextPage hasPreviousPage startCursor endCursor } edges { node { id createdAt } } } }`;
    const ids: string[] = [];
    let after: string | null = null;
    for (;;) {
      const page: any = await t.gql(list, { first: 1, after });
      expect(page.errors).toBeUndefined();
      ids.push(...page.data.segmentExports.edges.map((e: any) => e.node.id));
      if (!page.data.segmentExports.pageInfo.hasNextPage) break;
      after = page.data.segmentExports.pageInfo.endCursor;
    }
    const all = await t.gql(list, { last: 100 });
    expect(all.data.segmentExports.totalCount).toBe(ids.length);
    expect(all.data.segmentExports.edges.map((e: any) => e.node.id)).toEqual(ids);
    expect(ids).toContain(created.data.createSegmentExport.id);
  });
  // Last: it changes the data the other tests compare against.
  it("exports one segment's customers (segmentId), and answers NOT_FOUND for a version that does not exist", async () => {
    const segments = (await t.gql(`{ segments(alias: "production") { id name size } }`)).data.segments;
    const target = segments[1];
    const created = await t.gql(`mutation($s: ID!) { createSegmentExport(segmentId: $s, format: CSV) { id segmentId versionId alias } }`, { s: target.id });
    expect(created.errors).toBeUndefined();
    expect(created.data.createSegmentExport).toMatchObject({ segmentId: target.id, versionId: String(versionId), alias: null });
    const done = await waitForExport(t, created.data.createSegmentExport.id);
    expect(done).toMatchObject({ status: 'SUCCEEDED', rowCount: target.size });
    const records = parseCsv((await download(t, done.url, t.keys.admin)).text, { columns: true }) as Array<Record<string, string>>;
    expect(records.length).toBe(target.size);
    expect(new Set(records.map((r) => r.segment_name))).toEqual(new Set([target.name]));
    const inMembers = new Set(members.filter((m) => m.segmentIndex === Number(records[0].segment_index)).map((m) => m.id));
    expect(records.every((r) => inMembers.has(r.customer_id))).toBe(true);
    // With an alias that points at another version: a clear error, nothing queued.
    const other = await t.gql(`mutation($s: ID!) { createSegmentExport(segmentId: $s, modelVersionId: "999999", format: CSV) { id } }`, { s: target.id });
    expect(other.errors?.[0].extensions?.code).toBe('NOT_FOUND');
  });

  it('sees new orders in spend filters, sorts and aggregates at once (the customer summary follows every write)', async () => {
    const richest = everyone.reduce((a, b) => (b.monetary > a.monetary ? b : a));
    const target = everyone.find((m) => m.segmentId !== null && m.id !== richest.id)!;
    const externalId = (await t.gql(`query($id: ID!) { customer(id: $id) { externalId } }`, { id: target.id })).data.customer.externalId;
    const product = (await t.gql(`{ products(first: 1) { edges { node { externalId } } } }`)).data.products.edges[0].node.externalId;
    // Summed over the segments: continuous segmentation may move the customer to another segment at any moment.
    const totals = async () => {
      const rows = (await t.gql(operation('SegmentStats'), { modelVersionId: versionId })).data.segmentStats as Array<{ customers: number; orders: number; spend: number }>;
      return rows.reduce((a, r) => ({ customers: a.customers + r.customers, orders: a.orders + r.orders, spend: a.spend + r.spend }), { customers: 0, orders: 0, spend: 0 });
    };
    const statsBefore = await totals();
    const extra = richest.monetary + 1000;
    const latest = everyone.map((m) => m.lastPurchaseAt).filter(Boolean).sort().pop()!;
    const placedAt = new Date(new Date(latest).getTime() + 86_400_000).toISOString();
    const upsert = await t.gql(
      `mutation($input: [OrderInput!]!) { upsertOrders(input: $input) { created errors { message } } }`,
      { input: [{ externalId: 'big-one', customerExternalId: externalId, placedAt, items: [{ productExternalId: product, quantity: 1, unitPrice: extra }] }] },
    );
    expect(upsert.data.upsertOrders).toEqual({ created: 1, errors: [] });
    const top = await t.gql(operation('Customers'), { first: 1, orderBy: { field: 'SPEND', direction: 'DESC' } });
    expect(top.data.customers.edges[0].node.id).toBe(target.id);
    expect(top.data.customers.edges[0].node.features.monetary).toBeCloseTo(target.monetary + extra, 2);
    const rich = await t.gql(`query($min: Float) { customers(first: 5, filter: { minSpend: $min }) { totalCount edges { node { id } } } }`, { min: target.monetary + extra - 0.01 });
    expect(rich.data.customers.edges.map((e: any) => e.node.id)).toEqual([target.id]);
    const recent = await t.gql(operation('Customers'), { first: 1, orderBy: { field: 'LAST_ORDER_AT', direction: 'DESC' } });
    expect(recent.data.customers.edges[0].node.id).toBe(target.id);
    const statsAfter = await totals();
    expect(statsAfter.spend - statsBefore.spend).toBeCloseTo(extra, 2);
    expect(statsAfter.orders - statsBefore.orders).toBe(1);
    expect(statsAfter.customers).toBe(statsBefore.customers);
  });

});
