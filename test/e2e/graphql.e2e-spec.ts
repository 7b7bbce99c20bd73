import crypto from 'node:crypto';
import { TEST_KIND } from '../helpers/database';
import { startTestServer, TestServer } from '../helpers/server';

describe(`GraphQL over HTTP on ${TEST_KIND}`, () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer({ seedDemo: true });
  });
  afterAll(() => t.close());

  it('answers /healthz with the database and version', async () => {
    const res = await fetch(t.server.url.replace('/graphql', '/healthz'));
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok', version: expect.any(String), database: { kind: TEST_KIND, reachable: true }, schedules: { failing: [] } });
    // Needs no key, so a flood must not cost a computation per request: those that arrive together share one.
    const { result: codes, queries } = await t.server.queries.measure(() => Promise.all(Array.from({ length: 200 }, () => fetch(t.server.url.replace('/graphql', '/healthz')).then((r) => r.status))));
    expect(new Set(codes)).toEqual(new Set([200]));
    process.stdout.write(`200 parallel /healthz: ${queries} statements\n`);
    // Two statements a computation, 400 without sharing. On PostgreSQL a computation waits on the network and later
    // requests join it; SQLite answers within the request's own turn, so there each request computes (nothing to share).
    if (TEST_KIND === 'postgres') expect(queries).toBeLessThan(300);
  });

  it("answers a client's persisted-query mistakes with Apollo's PERSISTED_QUERY_* codes, and refuses more than 100 externalIds", async () => {
    const post = async (body: unknown) => {
      const res = await fetch(t.server.url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${t.keys.admin}` }, body: JSON.stringify(body) });
      return { status: res.status, body: (await res.json()) as any };
    };
    const query = '{ whoami { role } }';
    const hash = crypto.createHash('sha256').update(query).digest('hex');
    const codeOf = (r: { body: any }) => r.body.errors?.[0]?.extensions?.code;
    expect(codeOf(await post({ extensions: { persistedQuery: { version: 2, sha256Hash: hash } } }))).toBe('PERSISTED_QUERY_NOT_SUPPORTED');
    expect(codeOf(await post({ extensions: { persistedQuery: { version: 1, sha256Hash: hash } } }))).toBe('PERSISTED_QUERY_NOT_FOUND');
    expect(codeOf(await post({ query, extensions: { persistedQuery: { version: 1, sha256Hash: '0'.repeat(64) } } }))).toBe('PERSISTED_QUERY_HASH_MISMATCH');
    // Registered with its query, then sent by hash alone.
    expect((await post({ query, extensions: { persistedQuery: { version: 1, sha256Hash: hash } } })).body.data).toEqual({ whoami: { role: 'ADMIN' } });
    expect((await post({ extensions: { persistedQuery: { version: 1, sha256Hash: hash } } })).body.data).toEqual({ whoami: { role: 'ADMIN' } });

    const ids = (n: number) => Array.from({ length: n }, (_, i) => `C${String(i).padStart(6, '0')}`);
    const ok = await t.gql(`query($ids: [String!]) { customers(first: 5, filter: { externalIds: $ids }) { totalCount } }`, { ids: ids(100) });
    expect(ok.errors).toBeUndefined();
    const tooMany = await t.gql(`query($ids: [String!]) { customers(first: 5, filter: { externalIds: $ids }) { totalCount } }`, { ids: ids(101) });
    expect(tooMany.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('pages through customers with cursors and a total count, in either direction', async () => {
    const query = `query($first: Int!, $after: String, $orderBy: CustomerOrder) {
      customers(first: $first, after: $after, orderBy: $orderBy) { totalCount edges { cursor node { id externalId } } pageInfo { hasNextPage hasPreviousPage endCursor } } }`;
    const seen: string[] = [];
    let after: string | null = null;
    for (let page = 0; page < 3; page++) {
      const res: any = await t.gql(query, { first: 40, after, orderBy: { field: 'EXTERNAL_ID', direction: 'DESC' } });
      expect(res.errors).toBeUndefined();
      const c = res.data.customers;
      expect(c.totalCount).toBe(2000);
      expect(c.pageInfo.hasPreviousPage).toBe(page > 0);
      seen.push(...c.edges.map((e: any) => e.node.externalId));
      after = c.pageInfo.endCursor;
    }
    expect(seen).toHaveLength(120);
    expect(seen).toEqual([...seen].sort().reverse());
    expect(seen[0]).toBe('C002000');
    expect(new Set(seen).size).toBe(120);
  });

  it('filters customers', async () => {
    const res: any = await t.gql(`{ customers(first: 5, filter: { country: "France" }) { totalCount edges { node { country } } } }`);
    expect(res.data.customers.totalCount).toBeGreaterThan(100);
    expect(res.data.customers.edges.every((e: any) => e.node.country === 'France')).toBe(true);
  });

  it('refuses bad paging and ids with BAD_USER_INPUT, unknown ids with NOT_FOUND', async () => {
    for (const q of ['{ customers(first: 0) { totalCount } }', '{ customers(first: 101) { totalCount } }', '{ products(first: -1) { totalCount } }']) {
      const res = await t.gql(q);
      expect(res.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    }
    expect((await t.gql('{ customers(first: 5, after: "garbage") { totalCount } }')).errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect((await t.gql('{ customer(id: "abc") { id } }')).errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    const missing = await t.gql('{ customer(id: "999999") { id } }');
    expect(missing.errors?.[0].extensions?.code).toBe('NOT_FOUND');
    expect(missing.data).toEqual({ customer: null });
    // first or last is required: a clear BAD_USER_INPUT rather than a schema error, as either may be given.
    expect((await t.gql('{ customers { totalCount } }')).errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('serves a customer with orders, items, products, reviews and features', async () => {
    const res: any = await t.gql(`{ customer(id: "1") {
        externalId groundTruthLabel
        orders(first: 3) { totalCount edges { node { externalId placedAt status total items { lineNo quantity unitPrice amount product { title category price } } } } pageInfo { hasNextPage endCursor } }
        reviews(first: 2) { totalCount edges { node { rating text product { title } } } }
        features { frequency monetary recencyDays tenureDays averageOrderValue returnRate distinctProducts categoryShares { category share } asOf textProfile { productTitles } }
      } }`);
    expect(res.errors).toBeUndefined();
    const c = res.data.customer;
    const orders = c.orders.edges.map((e: any) => e.node);
    expect(orders.length).toBeGreaterThan(0);
    const times = orders.map((o: any) => Date.parse(o.placedAt));
    expect(times).toEqual([...times].sort((a, b) => b - a));
    for (const o of orders) expect(o.total).toBeCloseTo(o.items.reduce((s: number, i: any) => s + i.amount, 0), 6);
    expect(c.features.frequency).toBeGreaterThan(0);
    expect(c.features.textProfile.productTitles.length).toBeGreaterThan(0);
    const shares = c.features.categoryShares.map((s: any) => s.share) as number[];
    expect(shares.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 4);
    expect(shares).toEqual([...shares].sort((a, b) => b - a)); // largest first
    expect(new Set(c.features.categoryShares.map((s: any) => s.category)).size).toBe(shares.length);

    // The next page continues where the first stopped.
    const next: any = await t.gql(`query($after: String) { customer(id: "1") { orders(first: 3, after: $after) { edges { node { placedAt } } } } }`, {
      after: c.orders.pageInfo.endCursor,
    });
    if (c.orders.totalCount > 3) expect(Date.parse(next.data.customer.orders.edges[0].node.placedAt)).toBeLessThanOrEqual(times[2]);
  });

  it('serves features as of a date', async () => {
    const res: any = await t.gql(`{ customer(id: "1") { early: features(asOf: "2025-01-01T00:00:00Z") { frequency asOf } late: features { frequency } } }`);
    expect(res.data.customer.early.asOf).toBe('2025-01-01T00:00:00.000Z');
    expect(res.data.customer.early.frequency).toBeLessThan(res.data.customer.late.frequency);
  });

  it('lists products with a filter', async () => {
    const res: any = await t.gql(`{ products(first: 100, filter: { category: "Books" }) { totalCount edges { node { title category price } } } }`);
    expect(res.data.products.totalCount).toBe(24);
    expect(res.data.products.edges.every((e: any) => e.node.category === 'Books' && e.node.price > 0)).toBe(true);
  });

  it('refuses implausible order dates, so one stray order cannot move every customer\'s recency', async () => {
    const recent = `{ customers(first: 1, filter: { maxRecencyDays: 30 }) { totalCount edges { node { externalId } } } }`;
    const before: any = await t.gql(recent);
    expect(before.data.customers.totalCount).toBeGreaterThan(10);
    const customer = before.data.customers.edges[0].node.externalId;
    const order = (externalId: string, placedAt: string) => ({ externalId, customerExternalId: customer, placedAt, items: [{ chargeCode: 'POST', quantity: 1, unitPrice: 1 }] });
    const threeDaysAhead = new Date(Date.now() + 3 * 86_400_000).toISOString();
    const input = [order('far-future', '9999-12-31T00:00:00Z'), order('year-one', '0001-01-01T00:00:00Z'), order('ahead', threeDaysAhead)];
    const mutation = `mutation($input: [OrderInput!]!, $onError: OnError) { upsertOrders(input: $input, onError: $onError) { committed created errors { path message code } } }`;
    for (const onError of ['ABORT', 'SKIP']) {
      const res: any = await t.gql(mutation, { input, onError });
      expect(res.data.upsertOrders.created).toBe(0);
      expect(res.data.upsertOrders.errors).toEqual([
        { path: ['input', '0', 'placedAt'], message: '"9999-12-31T00:00:00.000Z" is in the future (a date may be at most one day after now)', code: 'BAD_USER_INPUT' },
        { path: ['input', '1', 'placedAt'], message: '"0001-01-01T00:00:00.000Z" is before 1990-01-01 (the earliest date accepted)', code: 'BAD_USER_INPUT' },
        { path: ['input', '2', 'placedAt'], message: `"${threeDaysAhead}" is in the future (a date may be at most one day after now)`, code: 'BAD_USER_INPUT' },
      ]);
    }
    expect(((await t.gql(recent)) as any).data.customers.totalCount).toBe(before.data.customers.totalCount);
  });
});

describe(`GraphQL upserts on ${TEST_KIND}`, () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer();
  });
  afterAll(() => t.close());

  const result = 'received created updated skipped committed errors { path message code }';

  it('upserts customers idempotently by externalId', async () => {
    const mutation = `mutation($input: [CustomerInput!]!) { upsertCustomers(input: $input) { ${result} } }`;
    const input = [
      { externalId: 'a1', email: 'a1@example.com', country: 'Germany', signupAt: '2024-01-01T00:00:00Z', attributes: { vip: true } },
      { externalId: 'a2', name: 'Zoë' },
    ];
    expect((await t.gql(mutation, { input })).data.upsertCustomers).toEqual({ received: 2, created: 2, updated: 0, skipped: 0, committed: true, errors: [] });
    expect((await t.gql(mutation, { input: [{ externalId: 'a1', city: 'Berlin' }] })).data.upsertCustomers).toMatchObject({ created: 0, updated: 1 });
    const res: any = await t.gql(`{ customers(first: 10, filter: { externalIds: ["a1"] }) { edges { node { email city country signupAt attributes } } } }`);
    // A partial update keeps what it does not name.
    expect(res.data.customers.edges[0].node).toEqual({ email: 'a1@example.com', city: 'Berlin', country: 'Germany', signupAt: '2024-01-01T00:00:00.000Z', attributes: { vip: true } });
  });

  it('reports every bad row with its input path; ABORT writes nothing, SKIP writes the rest', async () => {
    const mutation = `mutation($input: [CustomerInput!]!, $onError: OnError) { upsertCustomers(input: $input, onError: $onError) { ${result} } }`;
    const input = [{ externalId: 'b1' }, { externalId: 'b2', email: 'nope' }, { externalId: 'b3', birthYear: 1700 }, { externalId: 'b1' }];
    const aborted = (await t.gql(mutation, { input })).data.upsertCustomers;
    expect(aborted).toMatchObject({ received: 4, created: 0, skipped: 4, committed: false });
    expect(aborted.errors).toEqual([
      { path: ['input', '1', 'email'], message: '"nope" is not an email address', code: 'BAD_USER_INPUT' },
      { path: ['input', '2', 'birthYear'], message: '1700 is below 1900', code: 'BAD_USER_INPUT' },
      { path: ['input', '3', 'externalId'], message: '"b1" also appears at index 0', code: 'BAD_USER_INPUT' },
    ]);
    expect((await t.gql(`{ customers(first: 5, filter: { externalIds: ["b1"] }) { totalCount } }`)).data.customers.totalCount).toBe(0);
    const skipped = (await t.gql(mutation, { input, onError: 'SKIP' })).data.upsertCustomers;
    expect(skipped).toMatchObject({ received: 4, created: 1, skipped: 3, committed: true });
  });

  it('refuses batches over the limit and wrong types at the GraphQL layer', async () => {
    const input = Array.from({ length: 1001 }, (_, i) => ({ externalId: `x${i}` }));
    const res = await t.gql(`mutation($input: [CustomerInput!]!) { upsertCustomers(input: $input) { received } }`, { input });
    expect(res.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(res.errors?.[0].message).toMatch(/at most 1000 rows/);
    const wrongType = await t.gql(`mutation { upsertCustomers(input: [{ externalId: "y", birthYear: "old" }]) { received } }`);
    expect(wrongType.errors?.[0].extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    // An empty list (found by the fuzzer: it was an internal error) writes nothing and says so.
    for (const kind of ['Customers', 'Products', 'Orders', 'Reviews']) {
      const empty = await t.gql(`mutation { upsert${kind}(input: [], onError: SKIP) { received created skipped committed } }`);
      expect(empty.errors).toBeUndefined();
      expect(empty.data[`upsert${kind}`]).toEqual({ received: 0, created: 0, skipped: 0, committed: true });
    }
  });

  it('upserts products, orders with items (replacing them) and reviews, resolving references', async () => {
    const products = await t.gql(`mutation { upsertProducts(input: [
      { externalId: "p1", title: "Teapot", category: "Kitchen", price: 24.5 },
      { externalId: "p2", title: "Mug", category: "Kitchen", price: 6.25 } ]) { ${result} } }`);
    expect(products.data.upsertProducts).toMatchObject({ created: 2, committed: true });
    const orders = `mutation($input: [OrderInput!]!, $onError: OnError) { upsertOrders(input: $input, onError: $onError) { ${result} } }`;
    const input = [
      { externalId: 'o1', customerExternalId: 'a1', placedAt: '2024-02-01T10:00:00Z', items: [{ productExternalId: 'p1', quantity: 1, unitPrice: 24.5 }, { productExternalId: 'p2', quantity: 4, unitPrice: 6.25 }, { chargeCode: 'POST', quantity: 1, unitPrice: 3.95 }] },
      { externalId: 'o2', customerExternalId: 'a1', placedAt: '2024-02-03T10:00:00Z', status: 'RETURNED', items: [{ productExternalId: 'p2', quantity: 1, unitPrice: 6.25 }] },
      { externalId: 'o3', customerExternalId: 'ghost', placedAt: '2024-02-03T10:00:00Z', items: [{ productExternalId: 'p2', quantity: 1, unitPrice: 6.25 }] },
      { externalId: 'o4', customerExternalId: 'a1', placedAt: '2024-02-03T10:00:00Z', items: [{ productExternalId: 'p404', quantity: 1, unitPrice: 1 }] },
    ];
    const aborted = (await t.gql(orders, { input })).data.upsertOrders;
    expect(aborted.committed).toBe(false);
    expect(aborted.errors).toEqual([
      { path: ['input', '2'], message: 'unknown customer "ghost"', code: 'NOT_FOUND' },
      { path: ['input', '3'], message: 'unknown product "p404"', code: 'NOT_FOUND' },
    ]);
    expect((await t.gql(orders, { input, onError: 'SKIP' })).data.upsertOrders).toMatchObject({ created: 2, skipped: 2, committed: true });

    // Replacing o1's items: one line left.
    await t.gql(orders, { input: [{ ...input[0], items: [{ productExternalId: 'p1', quantity: 2, unitPrice: 24.5 }] }] });
    const reviews = await t.gql(`mutation { upsertReviews(input: [{ externalId: "r1", customerExternalId: "a1", productExternalId: "p1", rating: 5, text: "Lovely", reviewedAt: "2024-02-10T00:00:00Z" },
      { externalId: "r2", customerExternalId: "a1", productExternalId: "p1", rating: 9, reviewedAt: "2024-02-10T00:00:00Z" }], onError: SKIP) { ${result} } }`);
    expect(reviews.data.upsertReviews).toMatchObject({ created: 1, skipped: 1, errors: [{ path: ['input', '1', 'rating'], message: '9 is above 5', code: 'BAD_USER_INPUT' }] });

    const res: any = await t.gql(`{ customers(first: 1, filter: { externalIds: ["a1"] }) { edges { node {
      orders(first: 10) { edges { node { externalId status total items { lineNo quantity amount product { externalId } } } } }
      reviews(first: 5) { edges { node { rating text product { title } } } }
      features(asOf: "2024-03-01T00:00:00Z") { frequency grossSpend returnedSpend monetary categoryShares { category share } }
    } } } }`);
    const node = res.data.customers.edges[0].node;
    expect(node.orders.edges.map((e: any) => e.node)).toEqual([
      { externalId: 'o2', status: 'RETURNED', total: -6.25, items: [{ lineNo: 1, quantity: -1, amount: -6.25, product: { externalId: 'p2' } }] },
      { externalId: 'o1', status: 'PLACED', total: 49, items: [{ lineNo: 1, quantity: 2, amount: 49, product: { externalId: 'p1' } }] },
    ]);
    expect(node.reviews.edges).toEqual([{ node: { rating: 5, text: 'Lovely', product: { title: 'Teapot' } } }]);
    expect(node.features).toEqual({ frequency: 1, grossSpend: 49, returnedSpend: 6.25, monetary: 42.75, categoryShares: [{ category: 'Kitchen', share: 1 }] });
  });
});
