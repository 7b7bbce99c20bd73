import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DEMO_END } from '../../src/demo/synthetic-shop';
import { RESCORE_BATCH_MAX } from '../../src/services/membership.service';
import { SIGNATURE_HEADER, WebhookService, verifySignature } from '../../src/services/webhook.service';
import { runSegmentql } from '../helpers/cli';
import { TestServer, startTestServer } from '../helpers/server';
import { TEST_KIND } from '../helpers/database';
import { collect, wsClient } from '../helpers/subscriptions';
import { download, trainVersion, waitForExport } from '../helpers/training';
import { WebhookReceiver } from '../helpers/webhook-receiver';

const SECRET = 'a-receiver-secret-of-some-length';
const DAY = 86_400_000;

/**
 * Continuous segmentation on a real server (the demo shop), a real HTTP receiver for webhooks and a real graphql-ws
 * client: an order moves a customer and both see it, signed deliveries with retries and the disable rule, re-scoring
 * of a CLI import in batches, schedules with promotion gates, drift. Runs on SQLite and (DATABASE_URL) PostgreSQL.
 */
describe('continuous segmentation', () => {
  let t: TestServer;
  let receiver: WebhookReceiver;
  let versionId: string;

  const waitUntil = async <T>(check: () => Promise<T | null | undefined | false>, timeoutMs = 30_000, what = 'condition'): Promise<T> => {
    const until = Date.now() + timeoutMs;
    for (;;) {
      const value = await check();
      if (value) return value;
      if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  };
  const createWebhook = async (pathName: string, events: string[], extra: Record<string, unknown> = {}) => {
    const r = await t.gql(`mutation($input: CreateWebhookInput!) { createWebhook(input: $input) { id enabled } }`, {
      input: { url: `${receiver.url}${pathName}`, events, secret: SECRET, ...extra },
    });
    expect(r.errors).toBeUndefined();
    return r.data.createWebhook.id as string;
  };
  const segmentOf = async (customerId: string, alias = 'production') => {
    const r = await t.gql(`query($id: ID!, $a: String!) { customer(id: $id) { segment(alias: $a) { segment { id } } } }`, { id: customerId, a: alias });
    return r.data.customer.segment?.segment.id as string | undefined;
  };

  beforeAll(async () => {
    receiver = new WebhookReceiver();
    await receiver.start();
    t = await startTestServer({
      seedDemo: true,
      env: { WEBHOOK_ALLOW_PRIVATE: 'true', WEBHOOK_BACKOFF_MS: '100', WEBHOOK_MAX_ATTEMPTS: '6', WEBHOOK_DISABLE_AFTER: '4', DRIFT_MIN_INTERVAL_SECONDS: '0', SCHEDULE_TICK_MS: '200' },
    });
    versionId = await trainVersion(t, 'rfm', 'kmeans', { k: 4 }, 'production');
  });

  afterAll(async () => {
    await t?.close();
    await receiver?.stop();
  });

  it('an order upserted through GraphQL moves a customer: the subscription and the webhook see it exit and enter (new_order) within two seconds', async () => {
    await createWebhook('/members', ['segment.entered', 'segment.exited']);
    // The customer: one outside the segment with the highest mean spend; a very large order must take them there.
    const segments = (await t.gql(`{ segments(alias: "production") { id size profile { mean { monetary } } } }`)).data.segments as Array<{ id: string; size: number; profile: { mean: { monetary: number } } }>;
    const richest = segments.reduce((a, b) => (b.profile.mean.monetary > a.profile.mean.monetary ? b : a));
    const other = segments.find((s) => s.id !== richest.id)!;
    const page = await t.gql(`query($id: ID!) { segment(id: $id) { customers(first: 1) { edges { node { id externalId } } } } }`, { id: other.id });
    const customer = page.data.segment.customers.edges[0].node as { id: string; externalId: string };
    expect(await segmentOf(customer.id)).toBe(other.id);

    const client = wsClient(t.server.url, t.keys.viewer);
    const seen: any[] = [];
    const stream = collect(client, `subscription { segmentMembershipChanged(alias: "production") { kind customerId segmentId fromSegmentId toSegmentId reason customer { id email } } }`, {}, (m) =>
      seen.push(m.segmentMembershipChanged),
    ).catch((err) => ({ messages: [], errors: [err] }));
    // A second subscriber follows only the richest segment: it sees the customer enter, not leave the other one.
    const filtered: any[] = [];
    const one = wsClient(t.server.url, t.keys.viewer);
    const oneStream = collect(one, `subscription($s: ID!) { segmentMembershipChanged(alias: "production", segmentId: $s) { kind customerId segmentId } }`, { s: richest.id }, (m) =>
      filtered.push(m.segmentMembershipChanged),
    ).catch((err) => ({ messages: [], errors: [err] }));
    await new Promise((resolve) => setTimeout(resolve, 500)); // the sockets are open and subscribed

    const started = Date.now();
    const upsert = await t.gql(`mutation($input: [OrderInput!]!) { upsertOrders(input: $input) { created errors { message } } }`, {
      input: [{ externalId: 'BIG-1', customerExternalId: customer.externalId, placedAt: new Date(DEMO_END.getTime() - DAY).toISOString(), items: [{ productExternalId: 'SKU-1000', quantity: 1000, unitPrice: 5000 }] }],
    });
    expect(upsert.data.upsertOrders).toEqual({ created: 1, errors: [] });

    const mine = (e: any) => String(e.customerId) === customer.id;
    await receiver.waitFor(() => receiver.events('/members').filter((e) => String(e.data.customerId) === customer.id).length >= 2, 5000);
    const webhookAt = Date.now() - started;
    await waitUntil(async () => seen.filter(mine).length >= 2, 5000, 'the subscription');
    const subscriptionAt = Date.now() - started;
    await waitUntil(async () => filtered.some(mine), 5000, 'the filtered subscription');
    await client.dispose();
    await one.dispose();
    const ended = await stream;
    expect(ended.errors).toEqual([]);
    expect((await oneStream).errors).toEqual([]);
    expect(filtered.filter(mine).map((e) => [e.kind, String(e.segmentId)])).toEqual([['ENTERED', richest.id]]);
    expect(webhookAt).toBeLessThan(2000);
    expect(subscriptionAt).toBeLessThan(2000);

    const now = await segmentOf(customer.id);
    expect(now).toBe(richest.id);
    // The subscription: EXITED the old segment, ENTERED the new one, reason new_order; a viewer sees no email.
    const events = seen.filter(mine);
    expect(events.map((e) => [e.kind, String(e.segmentId), e.reason])).toEqual([
      ['EXITED', other.id, 'new_order'],
      ['ENTERED', richest.id, 'new_order'],
    ]);
    expect(events[0].customer).toEqual({ id: customer.id, email: null });
    // The webhook: the same, signed, ids only (no personal data).
    const delivery = receiver.on('/members').find((r) => r.body.includes(`"customerId":${customer.id}`))!;
    expect(verifySignature(SECRET, delivery.body, String(delivery.headers[SIGNATURE_HEADER.toLowerCase()]))).toBe(true);
    expect(verifySignature('another-secret-of-some-length', delivery.body, String(delivery.headers[SIGNATURE_HEADER.toLowerCase()]))).toBe(false);
    const hooked = receiver.events('/members').filter((e) => String(e.data.customerId) === customer.id);
    expect(hooked.map((e) => [e.type, String(e.data.segmentId), e.data.reason])).toEqual([
      ['segment.exited', other.id, 'new_order'],
      ['segment.entered', richest.id, 'new_order'],
    ]);
    expect(delivery.body).not.toContain('@');
    expect(hooked[0].data.customer).toBeUndefined();

    // History and sizes.
    const history = await t.gql(`query($id: ID!) { customer(id: $id) { segmentHistory(first: 5) { totalCount edges { node { alias versionId fromSegmentId toSegmentId reason } } } } }`, { id: customer.id });
    expect(history.data.customer.segmentHistory.edges[0].node).toEqual({ alias: 'production', versionId, fromSegmentId: other.id, toSegmentId: richest.id, reason: 'new_order' });
    const after = (await t.gql(`{ segments(alias: "production") { id size sizeHistory { day size } } }`)).data.segments as Array<{ id: string; size: number; sizeHistory: Array<{ size: number }> }>;
    expect(after.find((s) => s.id === other.id)!.size).toBe(other.size - 1);
    expect(after.find((s) => s.id === richest.id)!.size).toBe(richest.size + 1);
    expect(after.find((s) => s.id === richest.id)!.sizeHistory.at(-1)!.size).toBe(richest.size + 1);
  });

  it('a delivery the receiver answers 500 twice is retried with backoff until it is delivered, and every attempt is recorded', async () => {
    receiver.plan('/flaky', [500, 500, 200]);
    const id = await createWebhook('/flaky', ['alias.moved']);
    const moved = await t.gql(`mutation($v: ID!) { setModelAlias(versionId: $v, alias: "staging") { id } }`, { v: versionId });
    expect(moved.errors).toBeUndefined();
    await receiver.waitFor(() => receiver.on('/flaky').some((r) => r.status === 200));
    const attempts = receiver.on('/flaky');
    expect(attempts.map((r) => r.status)).toEqual([500, 500, 200]);
    // The same body each time, each attempt signed afresh; waits grow (backoff 100 ms, then 400 ms).
    expect(new Set(attempts.map((r) => r.body)).size).toBe(1);
    for (const r of attempts) expect(verifySignature(SECRET, r.body, String(r.headers[SIGNATURE_HEADER.toLowerCase()]))).toBe(true);
    expect(attempts[1].at - attempts[0].at).toBeGreaterThanOrEqual(90);
    expect(attempts[2].at - attempts[1].at).toBeGreaterThanOrEqual(390);
    expect(JSON.parse(attempts[2].body).events[0]).toMatchObject({ type: 'alias.moved', data: { alias: 'staging', toVersionId: Number(versionId), fromVersionId: null } });
    const deliveries = await waitUntil(async () => {
      const r = await t.gql(`query($id: ID!) { webhook(id: $id) { consecutiveFailures deliveries(first: 5) { edges { node { status attempts responseCode lastError eventTypes } } } } }`, { id });
      const node = r.data.webhook.deliveries.edges[0]?.node;
      return node?.status === 'DELIVERED' ? r.data.webhook : null;
    });
    expect(deliveries.deliveries.edges[0].node).toEqual({ status: 'DELIVERED', attempts: 3, responseCode: 200, lastError: null, eventTypes: ['alias.moved'] });
    expect(deliveries.consecutiveFailures).toBe(0);
    // The move is in every customer's history under staging (alias_moved: they had no segment there before).
    const customer = (await t.gql(`{ customers(first: 1) { edges { node { id segmentHistory(first: 10) { edges { node { alias reason fromSegmentId } } } } } } }`)).data.customers.edges[0].node;
    expect(customer.segmentHistory.edges.map((e: any) => e.node)).toContainEqual({ alias: 'staging', reason: 'alias_moved', fromSegmentId: null });
  });

  it('a webhook that keeps failing is disabled with the reason after WEBHOOK_DISABLE_AFTER failed attempts in a row', async () => {
    receiver.plan('/down', [503]);
    const id = await createWebhook('/down', ['alias.moved']);
    await t.gql(`mutation($v: ID!) { setModelAlias(versionId: $v, alias: "canary") { id } }`, { v: versionId });
    const hook = await waitUntil(async () => {
      const r = await t.gql(`query($id: ID!) { webhook(id: $id) { enabled disabledReason consecutiveFailures deliveries(first: 5) { edges { node { status attempts responseCode lastError } } } } }`, { id });
      return r.data.webhook.enabled ? null : r.data.webhook;
    }, 20_000, 'the webhook to be disabled');
    expect(receiver.on('/down')).toHaveLength(4);
    expect(hook.consecutiveFailures).toBe(4);
    expect(hook.disabledReason).toMatch(/disabled after 4 failed attempts in a row \(last: the receiver answered 503\)/);
    expect(hook.deliveries.edges[0].node).toMatchObject({ status: 'FAILED', attempts: 4, responseCode: 503 });
    // A disabled webhook gets nothing more, until an admin enables it again.
    await t.gql(`mutation($v: ID!) { setModelAlias(versionId: $v, alias: "canary-2") { id } }`, { v: versionId });
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(receiver.on('/down')).toHaveLength(4);
    const enabled = await t.gql(`mutation($id: ID!) { setWebhookEnabled(id: $id, enabled: true) { enabled consecutiveFailures disabledReason } }`, { id });
    expect(enabled.data.setWebhookEnabled).toEqual({ enabled: true, consecutiveFailures: 0, disabledReason: null });
    await t.gql(`mutation($id: ID!) { deleteWebhook(id: $id) }`, { id });
  });

  it('only admins manage webhooks; URLs, events and secrets are checked', async () => {
    const create = `mutation($input: CreateWebhookInput!) { createWebhook(input: $input) { id } }`;
    const analyst = await t.gql(create, { input: { url: `${receiver.url}/x`, events: ['alias.moved'], secret: SECRET } }, { authorization: `Bearer ${t.keys.analyst}` });
    expect(analyst.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const list = await t.gql(`{ webhooks { id } }`, {}, { authorization: `Bearer ${t.keys.viewer}` });
    expect(list.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    // Without WEBHOOK_ALLOW_PRIVATE (the default), receivers on this machine or the internal network are refused.
    const strict = new WebhookService(t.server.dataSource, { backoffMs: 100, maxAttempts: 2, disableAfter: 2, timeoutMs: 1000, pollMs: 1000, sender: 'test', allowPrivate: false, log: () => undefined });
    for (const url of [`${receiver.url}/x`, 'http://localhost:9/x', 'http://169.254.169.254/latest/meta-data', 'http://10.1.2.3/x', 'http://[::1]:8080/x']) {
      await expect(strict.create({ url, events: ['alias.moved'], secret: SECRET }, 'test')).rejects.toThrow(/loopback, private or link-local address/);
    }
    for (const [input, pattern] of [
      [{ url: 'ftp://example.com/x', events: ['alias.moved'], secret: SECRET }, /http or https/],
      [{ url: 'not a url', events: ['alias.moved'], secret: SECRET }, /is not a URL/],
      [{ url: 'https://user:pw@example.com/x', events: ['alias.moved'], secret: SECRET }, /credentials/],
      [{ url: 'https://example.com/x', events: ['segment.moved'], secret: SECRET }, /unknown event "segment.moved"/],
      [{ url: 'https://example.com/x', events: ['alias.moved'], secret: 'short' }, /16 to 200 characters/],
    ] as const) {
      const r = await t.gql(create, { input });
      expect(r.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
      expect(r.errors?.[0].message).toMatch(pattern);
    }
  });

  it('a new customer gets a segment (new_customer); a webhook created with includePersonalData gets who they are', async () => {
    await createWebhook('/personal', ['segment.entered'], { includePersonalData: true });
    const created = await t.gql(`mutation { upsertCustomers(input: [{ externalId: "NEW-1", email: "new-1@example.com", name: "New One" }]) { created } }`);
    expect(created.data.upsertCustomers.created).toBe(1);
    const order = await t.gql(`mutation($input: [OrderInput!]!) { upsertOrders(input: $input) { created } }`, {
      input: [{ externalId: 'NEW-1-1', customerExternalId: 'NEW-1', placedAt: new Date(DEMO_END.getTime() - 3 * DAY).toISOString(), items: [{ productExternalId: 'SKU-1002', quantity: 2, unitPrice: 12 }] }],
    });
    expect(order.data.upsertOrders.created).toBe(1);
    const entered = await receiver.waitFor(() => receiver.events('/personal').find((e) => e.data.customer?.externalId === 'NEW-1' && e.data.alias === 'production'));
    expect(entered.data).toMatchObject({ reason: 'new_customer', fromSegmentId: null, customer: { externalId: 'NEW-1', email: 'new-1@example.com', name: 'New One' } });
    const id = (await t.gql(`{ customers(filter: { externalIds: ["NEW-1"] }, first: 1) { edges { node { id } } } }`)).data.customers.edges[0].node.id;
    expect(await segmentOf(id)).toBe(String(entered.data.segmentId));
  });

  it('rescoreCustomers re-scores by hand (reason manual) and says how many it did', async () => {
    const customers = (await t.gql(`{ customers(first: 2) { edges { node { id } } } }`)).data.customers.edges.map((e: any) => e.node.id);
    const rescored = await t.gql(`mutation($ids: [ID!]!) { rescoreCustomers(ids: $ids) { id status customers } }`, { ids: customers });
    expect(rescored.errors).toBeUndefined();
    expect(rescored.data.rescoreCustomers).toHaveLength(1);
    const jobId = rescored.data.rescoreCustomers[0].id;
    const job = await waitUntil(async () => {
      const r = await t.gql(`query($id: ID!) { rescoreJob(id: $id) { status customers rescored changed } }`, { id: jobId });
      return r.data.rescoreJob.status === 'SUCCEEDED' ? r.data.rescoreJob : null;
    });
    // The two customers, and whatever else was waiting (a flush takes every waiting customer), each scored once per
    // aliased version (every alias so far points at the same version).
    expect(job.customers).toBeGreaterThanOrEqual(2);
    expect(job.rescored).toBe(job.customers);
    const unknown = await t.gql(`mutation { rescoreCustomers(ids: ["99999999"]) { id } }`);
    expect(unknown.errors?.[0].extensions?.code).toBe('NOT_FOUND');
  });

  it('an alias moved to a version scores the customers that version never saw', async () => {
    const later = await trainVersion(t, 'later', 'kmeans', { k: 3 });
    await t.gql(`mutation { upsertCustomers(input: [{ externalId: "NEW-2" }]) { created } }`);
    await t.gql(`mutation($input: [OrderInput!]!) { upsertOrders(input: $input) { created } }`, {
      input: [{ externalId: 'NEW-2-1', customerExternalId: 'NEW-2', placedAt: new Date(DEMO_END.getTime() - 2 * DAY).toISOString(), items: [{ productExternalId: 'SKU-1004', quantity: 1, unitPrice: 30 }] }],
    });
    const id = (await t.gql(`{ customers(filter: { externalIds: ["NEW-2"] }, first: 1) { edges { node { id } } } }`)).data.customers.edges[0].node.id;
    // Re-scored by the aliased versions only: the unaliased one has no segment for them.
    await waitUntil(async () => (await segmentOf(id)) !== undefined, 10_000, 'production to score NEW-2');
    const before = await t.gql(`query($id: ID!) { customer(id: $id) { segment(alias: "later") { segment { id } } } }`, { id });
    expect(before.errors?.[0].extensions?.code).toBe('NOT_FOUND'); // no alias "later" yet
    await t.gql(`mutation($v: ID!) { setModelAlias(versionId: $v, alias: "later") { id } }`, { v: later });
    const segment = await waitUntil(async () => segmentOf(id, 'later'), 10_000, 'the moved alias to score NEW-2');
    const history = await t.gql(`query($id: ID!) { customer(id: $id) { segmentHistory(first: 10) { edges { node { alias versionId reason toSegmentId } } } } }`, { id });
    expect(history.data.customer.segmentHistory.edges.map((e: any) => e.node)).toContainEqual({ alias: 'later', versionId: later, reason: 'new_customer', toSegmentId: segment });
  });

  it('a snapshot freezes the membership: later moves do not change it', async () => {
    const snap = await t.gql(`mutation { createSegmentSnapshot(alias: "production", name: "before the sale") { id customers versionId segments { segmentId size share } } }`);
    expect(snap.errors).toBeUndefined();
    const snapshot = snap.data.createSegmentSnapshot;
    const live = (await t.gql(`{ segments(alias: "production") { id size } }`)).data.segments as Array<{ id: string; size: number }>;
    expect(snapshot.segments.map((s: any) => [s.segmentId, s.size])).toEqual(live.map((s) => [s.id, s.size]));
    expect(snapshot.customers).toBe(live.reduce((a, s) => a + s.size, 0));
    const again = await t.gql(`mutation { createSegmentSnapshot(alias: "production", name: "before the sale") { id } }`);
    expect(again.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    const members = await t.gql(`query($id: ID!) { segmentSnapshot(id: $id) { members(first: 3) { customerId segmentId } } }`, { id: snapshot.id });
    expect(members.data.segmentSnapshot.members).toHaveLength(3);
  });

  it('a CLI import of a file is re-scored in batches of at most RESCORE_BATCH_MAX customers: new customers get a segment', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'segmentql-continuous-'));
    const file = path.join(dir, 'cdnow.csv');
    const customers = 6000;
    const lines = ['customer_id,date,number_of_cds,dollar_value'];
    for (let c = 1; c <= customers; c++) {
      lines.push(`${c},2026-0${1 + (c % 5)}-1${c % 9},${1 + (c % 3)},${(10 + (c % 97)).toFixed(2)}`);
      if (c % 2 === 0) lines.push(`${c},2026-06-2${c % 9},1,${(5 + (c % 31)).toFixed(2)}`);
    }
    fs.writeFileSync(file, lines.join('\n') + '\n');
    const before = Number((await t.server.dataSource.query('SELECT COUNT(*) AS n FROM rescore_jobs'))[0].n);
    const changesBefore = Number((await t.server.dataSource.query(`SELECT COUNT(*) AS n FROM membership_changes WHERE reason = 'new_customer' AND alias = 'production'`))[0].n);
    const imported = await runSegmentql(['import', '--format', 'cdnow', file, '--json'], { DATABASE_URL: t.db.url });
    expect(imported.code).toBe(0);
    // The server's sweep finds the customers the CLI recorded and queues their jobs.
    const jobs = await waitUntil(async () => {
      const rows: Array<{ id: number; status: string; customers: number }> = await t.server.dataSource.query(`SELECT id, status, customers FROM rescore_jobs ORDER BY id`);
      const mine = rows.slice(before);
      const total = mine.reduce((a, r) => a + Number(r.customers), 0);
      return total >= customers && mine.every((r) => r.status === 'SUCCEEDED') ? mine : null;
    }, 60_000, 'the import to be re-scored');
    expect(jobs.length).toBeGreaterThanOrEqual(Math.ceil(customers / RESCORE_BATCH_MAX));
    expect(jobs.length).toBeLessThanOrEqual(4);
    for (const job of jobs) expect(Number(job.customers)).toBeLessThanOrEqual(RESCORE_BATCH_MAX);
    const [{ n }] = await t.server.dataSource.query(`SELECT COUNT(*) AS n FROM membership_changes WHERE reason = 'new_customer' AND alias = 'production'`);
    expect(Number(n) - changesBefore).toBe(customers);
    const [{ waiting }] = await t.server.dataSource.query('SELECT COUNT(*) AS waiting FROM rescore_pending');
    expect(Number(waiting)).toBe(0);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('upserts arriving together share re-scoring jobs: the first is queued at once, the rest gathered for a second', async () => {
    const before = Number((await t.server.dataSource.query('SELECT COUNT(*) AS n FROM rescore_jobs'))[0].n);
    const ids = (await t.server.dataSource.query(`SELECT external_id FROM customers WHERE external_id LIKE 'C%' ORDER BY id LIMIT 8`)) as Array<{ external_id: string }>;
    await Promise.all(
      ids.map((c, i) =>
        t.gql(`mutation($input: [OrderInput!]!) { upsertOrders(input: $input) { created } }`, {
          input: [{ externalId: `TOGETHER-${i}`, customerExternalId: c.external_id, placedAt: new Date(DEMO_END.getTime() - 2 * DAY).toISOString(), items: [{ productExternalId: 'SKU-1003', quantity: 1, unitPrice: 9 }] }],
        }),
      ),
    );
    const jobs = await waitUntil(async () => {
      const rows: Array<{ status: string; customers: number }> = (await t.server.dataSource.query('SELECT status, customers FROM rescore_jobs ORDER BY id')).slice(before);
      return rows.reduce((a, r) => a + Number(r.customers), 0) >= ids.length && rows.every((r) => r.status === 'SUCCEEDED') ? rows : null;
    }, 20_000, 'the upserts to be re-scored');
    expect(jobs.length).toBeLessThanOrEqual(3);
    expect(jobs.length).toBeLessThan(ids.length);
  });

  it('an export and the stats of a snapshot read its frozen membership, not the live one', async () => {
    const snapshot = (await t.gql(`{ segmentSnapshots { id name customers } }`)).data.segmentSnapshots.find((s: any) => s.name === 'before the sale');
    const live = (await t.gql(`{ segments(alias: "production") { size } }`)).data.segments.reduce((a: number, s: any) => a + s.size, 0);
    expect(live).toBeGreaterThan(snapshot.customers); // the import added customers since
    const created = await t.gql(`mutation($s: ID!) { createSegmentExport(snapshotId: $s, format: CSV) { id } }`, { s: snapshot.id });
    expect(created.errors).toBeUndefined();
    const done = await waitForExport(t, created.data.createSegmentExport.id);
    expect(done.status).toBe('SUCCEEDED');
    expect(done.rowCount).toBe(snapshot.customers);
    const file = await download(t, new URL(done.url, t.server.url).pathname, t.keys.admin);
    const [header, first] = file.text.trim().split('\n');
    expect(first.split(',')[header.split(',').indexOf('distance')]).toBe(''); // a snapshot keeps no distance
    // segmentStats of the snapshot counts its frozen members (the live stats count the imported customers too).
    const stats = await t.gql(`query($s: ID!) { segmentStats(snapshotId: $s) { customers } }`, { s: snapshot.id });
    expect(stats.data.segmentStats.reduce((a: number, r: any) => a + r.customers, 0)).toBe(snapshot.customers);
    const liveStats = await t.gql(`{ segmentStats(alias: "production") { customers } }`);
    expect(liveStats.data.segmentStats.reduce((a: number, r: any) => a + r.customers, 0)).toBe(live);
    const both = await t.gql(`mutation($s: ID!) { createSegmentExport(snapshotId: $s, alias: "production", format: CSV) { id } }`, { s: snapshot.id });
    expect(both.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  });

  describe('schedules with promotion gates', () => {
    let modelId: string;
    let championId: string;

    beforeAll(async () => {
      championId = await trainVersion(t, 'scheduled', 'kmeans', { k: 3 }, 'gated');
      modelId = (await t.gql(`query($id: ID!) { modelVersion(id: $id) { model { id } } }`, { id: championId })).data.modelVersion.model.id;
      await createWebhook('/training', ['training.finished', 'version.created']);
    });

    const decisionsOf = async () =>
      (await t.gql(`query($id: ID!) { model(id: $id) { schedule { state failing lastError nextRunAt decisions { outcome promoted reason candidateVersionId championVersionId candidateValue championValue metric } } } }`, { id: modelId }))
        .data.model.schedule;
    const roundEnds = async (count: number) => waitUntil(async () => {
      const s = await decisionsOf();
      return s.decisions.length >= count && s.state === 'IDLE' ? s : null;
    }, 90_000, 'the scheduled round');

    it('a gate that cannot pass records NOT_PROMOTED with its numbers and leaves the alias', async () => {
      const set = await t.gql(`mutation($m: ID!) { setTrainingSchedule(modelId: $m, cron: "0 3 * * *", gate: { alias: "gated", metric: "churnAuc", minDelta: 5 }) { state nextRunAt gate { alias metric minDelta horizonDays } } }`, { m: modelId });
      expect(set.errors).toBeUndefined();
      expect(set.data.setTrainingSchedule.gate).toEqual({ alias: 'gated', metric: 'churnAuc', minDelta: 5, horizonDays: 90 });
      expect(new Date(set.data.setTrainingSchedule.nextRunAt).getUTCHours()).toBe(3);
      await t.gql(`mutation($m: ID!) { runTrainingScheduleNow(modelId: $m) { state } }`, { m: modelId });
      const s = await roundEnds(1);
      const d = s.decisions[0];
      expect(d).toMatchObject({ outcome: 'NOT_PROMOTED', promoted: false, championVersionId: championId, metric: 'churnAuc' });
      expect(d.candidateVersionId).not.toBe(championId);
      expect(typeof d.candidateValue).toBe('number');
      expect(typeof d.championValue).toBe('number');
      expect(d.reason).toMatch(/gain .* < minDelta 5/);
      // The round's training run was announced: training.finished, then version.created with the candidate.
      const created = await receiver.waitFor(() => receiver.events('/training').find((e) => e.type === 'version.created' && String(e.data.versionId) === d.candidateVersionId));
      const finished = receiver.events('/training').find((e) => e.type === 'training.finished' && e.data.runId === created.data.runId);
      expect(finished?.data).toMatchObject({ status: 'SUCCEEDED', modelId: Number(modelId), versionId: Number(d.candidateVersionId) });
      const alias = await t.gql(`{ aliasHistory(alias: "gated", first: 5) { edges { node { versionId } } } }`);
      expect(alias.data.aliasHistory.edges.map((e: any) => e.node.versionId)).toEqual([championId]);
      expect(s.failing).toBe(false);
    });

    it('a gate that holds moves the alias, records alias history (moved by the schedule) and memberships as retrained', async () => {
      await t.gql(`mutation($m: ID!) { setTrainingSchedule(modelId: $m, cron: "0 3 * * *", gate: { alias: "gated", metric: "churnAuc", minDelta: -5 }) { id } }`, { m: modelId });
      await t.gql(`mutation($m: ID!) { runTrainingScheduleNow(modelId: $m) { state } }`, { m: modelId });
      const s = await roundEnds(2);
      const d = s.decisions[0];
      expect(d).toMatchObject({ outcome: 'PROMOTED', promoted: true, championVersionId: championId });
      const alias = await t.gql(`{ aliasHistory(alias: "gated", first: 5) { edges { node { versionId previousVersionId movedBy } } } }`);
      expect(alias.data.aliasHistory.edges[0].node).toMatchObject({ versionId: d.candidateVersionId, previousVersionId: championId });
      expect(alias.data.aliasHistory.edges[0].node.movedBy).toMatch(/^schedule:\d+$/);
      const [{ n }] = await t.server.dataSource.query(`SELECT COUNT(*) AS n FROM membership_changes WHERE alias = 'gated' AND reason = 'retrained'`);
      expect(Number(n)).toBeGreaterThan(0);
    });

    it('a schedule missed while the server was down runs once; a failing round is visible on the model, in /healthz and as schedule.failed', async () => {
      await createWebhook('/schedules', ['schedule.failed']);
      // HOLDOUT with a ten-year horizon leaves no data to train on: the round fails.
      await t.gql(`mutation($m: ID!) { setTrainingSchedule(modelId: $m, cron: "0 3 * * *", asOfPolicy: HOLDOUT, gate: { alias: "gated", metric: "churnAuc", horizonDays: 3650 }) { id } }`, { m: modelId });
      // Missed: its time passed long ago (as after a night with the server down).
      await t.server.dataSource.query(`UPDATE training_schedules SET next_run_at = ${TEST_KIND === 'postgres' ? "now() - interval '3 days'" : "datetime('now', '-3 days')"}`);
      const s = await roundEnds(3);
      expect(s.decisions[0].outcome).toBe('FAILED');
      expect(s.failing).toBe(true);
      expect(s.lastError).toBeTruthy();
      // Once, not once per missed day: the next run is the next 03:00 from now, and no other round follows.
      expect(new Date(s.nextRunAt).getTime()).toBeGreaterThan(Date.now());
      await new Promise((resolve) => setTimeout(resolve, 1000)); // five more ticks
      expect((await decisionsOf()).decisions).toHaveLength(3);
      const health = (await (await fetch(t.server.url.replace('/graphql', '/healthz'))).json()) as any;
      expect(health.status).toBe('degraded');
      expect(health.schedules.failing).toEqual([Number(modelId)]);
      const failed = await receiver.waitFor(() => receiver.events('/schedules').find((e) => e.type === 'schedule.failed'));
      expect(failed.data).toMatchObject({ modelId: Number(modelId) });
      await t.gql(`mutation($m: ID!) { removeTrainingSchedule(modelId: $m) }`, { m: modelId });
      const healthy = (await (await fetch(t.server.url.replace('/graphql', '/healthz'))).json()) as any;
      expect(healthy.schedules.failing).toEqual([]);
    });

    it('refuses a cron, metric or alias it cannot use', async () => {
      for (const [cron, gate, pattern] of [
        ['every night', '{ alias: "gated", metric: "churnAuc" }', /cron "every night" must have 5 fields/],
        ['61 3 * * *', '{ alias: "gated", metric: "churnAuc" }', /is not a cron expression/],
        ['0 3 * * *', '{ alias: "gated", metric: "accuracy" }', /gate.metric "accuracy" must be one of/],
        ['0 3 * * *', '{ alias: "Gated!", metric: "churnAuc" }', /gate.alias/],
      ] as const) {
        const r = await t.gql(`mutation($m: ID!, $c: String!) { setTrainingSchedule(modelId: $m, cron: $c, gate: ${gate}) { id } }`, { m: modelId, c: cron });
        expect(r.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
        expect(r.errors?.[0].message).toMatch(pattern);
      }
    });
  });

  it('drift: none on the data the version was trained on; a shifted copy passes PSI 0.2 and sends drift.detected', async () => {
    // A fresh version on today's data (the earlier tests added orders and customers).
    const fresh = await trainVersion(t, 'drift', 'kmeans', { k: 4 }, 'drift');
    const q = `query($id: ID!) { modelVersion(id: $id) { drift { maxPsi drifted stale segmentShareShift features { feature psi } } } }`;
    const same = (await t.gql(q, { id: fresh })).data.modelVersion.drift;
    expect(same.maxPsi).toBeLessThan(0.05);
    expect(same.drifted).toBe(false);
    expect(same.features.length).toBeGreaterThan(0);
    await createWebhook('/drift', ['drift.detected']);
    // Shift: every customer buys again, a lot, on the data's last day.
    const ids = (await t.server.dataSource.query(`SELECT external_id FROM customers ORDER BY id`)) as Array<{ external_id: string }>;
    const orders = ids
      .map((c, i) => ({ externalId: `SHIFT-${i}`, customerExternalId: c.external_id, placedAt: new Date(DEMO_END.getTime() - DAY).toISOString(), items: [{ productExternalId: 'SKU-1001', quantity: 20, unitPrice: 400 }] }));
    for (let i = 0; i < orders.length; i += 1000) {
      const r = await t.gql(`mutation($input: [OrderInput!]!) { upsertOrders(input: $input) { created } }`, { input: orders.slice(i, i + 1000) });
      expect(r.errors).toBeUndefined();
    }
    const alert = await receiver.waitFor(() => receiver.events('/drift').find((e) => e.type === 'drift.detected' && String(e.data.versionId) === fresh), 60_000);
    expect(alert.data.maxPsi).toBeGreaterThan(0.2);
    expect(alert.data.aliases).toEqual(['drift']);
    // Once per crossing: computing again while still drifted sends nothing more.
    await t.server.services.drift.compute(Number(fresh));
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(receiver.events('/drift').filter((e) => String(e.data.versionId) === fresh)).toHaveLength(1);
    const shifted = (await t.gql(q, { id: fresh })).data.modelVersion.drift;
    expect(shifted.drifted).toBe(true);
    expect(shifted.stale).toBe(true);
    expect(Math.max(...shifted.features.map((f: any) => f.psi))).toBeGreaterThan(0.2);
  }, 180_000);
});
