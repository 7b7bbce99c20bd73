import crypto from 'node:crypto';
import { Client, createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { clientAddress } from '../../src/auth/http-auth';
import { loadConfig } from '../../src/config/config';
import { runSegmentql } from '../helpers/cli';
import { TEST_KIND } from '../helpers/database';
import { startTestServer, TestServer } from '../helpers/server';

/**
 * Issue 17 (items 2, 3, 11): a revoked key loses an open socket at once and every process's HTTP at once (also when
 * revoked from the CLI, another process); failed authentications are limited per client address and unknown keys
 * cost no query when sent again; introspection follows INTROSPECTION.
 */
describe(`key revocation, failed authentications and introspection on ${TEST_KIND}`, () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer({ seedDemo: true });
  }, 120_000);
  afterAll(() => t.close());

  const post = (url: string, query: string, key?: string | null) =>
    fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...(key ? { authorization: `Bearer ${key}` } : {}) }, body: JSON.stringify({ query }) });

  async function newKey(role: 'VIEWER' | 'ANALYST' | 'ADMIN', name: string): Promise<{ id: string; secret: string }> {
    const made = await t.gql(`mutation($n: String!) { createApiKey(role: ${role}, name: $n) { secret key { id } } }`, { n: name });
    return { id: made.data.createApiKey.key.id, secret: made.data.createApiKey.secret };
  }

  /** A socket that stays open (not lazy) and records how it was closed. */
  function openSocket(url: string, key: string): { client: Client; closed: Promise<number>; connected: Promise<void> } {
    let onClosed!: (code: number) => void;
    let onConnected!: () => void;
    const closed = new Promise<number>((resolve) => (onClosed = resolve));
    const connected = new Promise<void>((resolve) => (onConnected = resolve));
    const client = createClient({
      url: url.replace(/^http/, 'ws'),
      webSocketImpl: WebSocket,
      lazy: false,
      retryAttempts: 0,
      connectionParams: { authorization: `Bearer ${key}` },
      on: { connected: () => onConnected(), closed: (event) => onClosed((event as { code: number }).code) },
      onNonLazyError: () => undefined,
    });
    return { client, closed, connected };
  }

  /** One operation over the socket: its data, or its first error code, or `closed <code>`. */
  function run(client: Client, query: string): Promise<string> {
    return new Promise((resolve) => {
      let answer = 'no answer';
      client.subscribe(
        { query },
        {
          next: (value) => (answer = value.errors ? String(value.errors[0].extensions?.code ?? value.errors[0].message) : JSON.stringify(value.data)),
          error: (err) => resolve(Array.isArray(err) ? String(err[0]?.extensions?.code ?? err[0]?.message) : `closed ${(err as { code?: number }).code}`),
          complete: () => resolve(answer),
        },
      );
    });
  }

  async function within<T>(promise: Promise<T>, ms: number): Promise<T | 'timeout'> {
    let timer: NodeJS.Timeout | undefined;
    try {
      return await Promise.race([promise, new Promise<'timeout'>((r) => (timer = setTimeout(() => r('timeout'), ms)))]);
    } finally {
      clearTimeout(timer);
    }
  }

  it('closes the open sockets of a key revoked with revokeApiKey (4403) and refuses anything more on them', async () => {
    const key = await newKey('ANALYST', 'socket to revoke');
    const socket = openSocket(t.server.url, key.secret);
    try {
      await socket.connected;
      expect(await run(socket.client, '{ whoami { role } }')).toBe('{"whoami":{"role":"ANALYST"}}');
      expect(await run(socket.client, '{ customers(first: 1) { edges { node { email } } } }')).toMatch(/@/);
      const revoked = await t.gql(`mutation($id: ID!) { revokeApiKey(id: $id) { revokedAt } }`, { id: key.id });
      expect(revoked.data.revokeApiKey.revokedAt).toBeTruthy();
      // Closed by the server at once (the revocation event), not when the client next asks.
      expect(await within(socket.closed, 5_000)).toBe(4403);
      expect(await run(socket.client, '{ customers(first: 1) { edges { node { email } } } }')).not.toMatch(/@/);
      expect((await post(t.server.url, '{ whoami { role } }', key.secret)).status).toBe(401);
    } finally {
      await socket.client.dispose();
    }
  });

  it('refuses a key revoked by another process (the CLI) on the very next HTTP request and socket operation', async () => {
    const key = await newKey('ANALYST', 'revoked from the cli');
    // Both the key and the revision are in this process's cache now.
    for (let i = 0; i < 3; i++) expect((await post(t.server.url, '{ whoami { role } }', key.secret)).status).toBe(200);
    const socket = openSocket(t.server.url, key.secret);
    try {
      await socket.connected;
      expect(await run(socket.client, '{ whoami { role } }')).toBe('{"whoami":{"role":"ANALYST"}}');
      const cli = await runSegmentql(['keys', 'revoke', key.id], { DATABASE_URL: t.db.url });
      expect({ code: cli.code, stderr: cli.stderr }).toEqual({ code: 0, stderr: '' });
      const res = await post(t.server.url, '{ whoami { role } }', key.secret);
      expect(res.status).toBe(401);
      expect(((await res.json()) as any).errors[0].extensions.code).toBe('UNAUTHENTICATED');
      // The socket's next operation is refused (and the socket closed with 4403), and it is closed without one too.
      expect(await run(socket.client, '{ customers(first: 1) { edges { node { email } } } }')).toMatch(/^(UNAUTHENTICATED|closed 4403)$/);
      expect(await within(socket.closed, 5_000)).toBe(4403);
    } finally {
      await socket.client.dispose();
    }
  }, 60_000);

  it('closes a socket of a key revoked by another process within seconds, also when it asks for nothing', async () => {
    const key = await newKey('VIEWER', 'idle socket');
    const socket = openSocket(t.server.url, key.secret);
    try {
      await socket.connected;
      expect(await run(socket.client, '{ whoami { role } }')).toBe('{"whoami":{"role":"VIEWER"}}');
      expect((await runSegmentql(['keys', 'revoke', key.id], { DATABASE_URL: t.db.url })).code).toBe(0);
      expect(await within(socket.closed, 10_000)).toBe(4403);
    } finally {
      await socket.client.dispose();
    }
  }, 60_000);

  it('checks the key revision with one read per request and looks a cached key up no more', async () => {
    const keys = t.server.services.apiKeys;
    await post(t.server.url, '{ whoami { role } }', t.keys.viewer);
    const before = { ...keys.queries };
    for (let i = 0; i < 20; i++) expect((await post(t.server.url, '{ whoami { role } }', t.keys.viewer)).status).toBe(200);
    expect(keys.queries.revisionReads - before.revisionReads).toBe(20);
    expect(keys.queries.keyLookups - before.keyLookups).toBe(0);
    // Requests arriving together share one read at most per event-loop turn.
    const together = { ...keys.queries };
    const statuses = await Promise.all(Array.from({ length: 20 }, () => post(t.server.url, '{ whoami { role } }', t.keys.viewer).then((r) => r.status)));
    expect(statuses).toEqual(new Array(20).fill(200));
    expect(keys.queries.revisionReads - together.revisionReads).toBeLessThanOrEqual(20);
  });

  it('remembers an unknown key for a few seconds: sending it again costs no query', async () => {
    const wrong = `sq_${crypto.randomBytes(24).toString('base64url')}`;
    expect((await post(t.server.url, '{ whoami { role } }', wrong)).status).toBe(401);
    const again = await t.server.queries.measure(async () => {
      for (let i = 0; i < 50; i++) expect((await post(t.server.url, '{ whoami { role } }', wrong)).status).toBe(401);
    });
    expect(again.statements).toEqual([]);
  });

  it('keeps valid keys cached through a flood of random keys (they cannot evict them)', async () => {
    const keys = t.server.services.apiKeys;
    expect(await keys.authenticate(t.keys.analyst)).toMatchObject({ role: 'analyst' });
    for (let i = 0; i < 10_050; i++) expect(await keys.authenticate(`sq_${crypto.randomBytes(24).toString('base64url')}`)).toBeNull();
    const valid = await t.server.queries.measure(() => keys.authenticate(t.keys.analyst));
    expect(valid.result).toMatchObject({ role: 'analyst' });
    expect(valid.statements.filter((sql) => /\bFROM\s+"?api_keys\b/i.test(sql))).toEqual([]);
  }, 120_000);

  it('limits failed authentications per client address (429 RATE_LIMITED with Retry-After), before any lookup', async () => {
    const limited = await startTestServer({ db: t.db, modelsDir: t.modelsDir, env: { AUTH_FAILURE_LIMIT_PER_MINUTE: '60' } });
    try {
      const url = limited.server.url;
      // A key used before the flood keeps working from the flooding address.
      expect((await post(url, '{ whoami { role } }', limited.keys.viewer)).status).toBe(200);
      const keyless: number[] = [];
      const started = Date.now();
      for (let i = 0; i < 300; i++) keyless.push((await post(url, '{ whoami { role } }')).status);
      // A burst of a quarter of the minute's budget (15 of 60), then one a second.
      const allowed = 15 + Math.ceil((Date.now() - started) / 1000);
      expect(keyless.slice(0, 15)).toEqual(new Array(15).fill(401));
      expect(keyless.filter((s) => s === 401).length).toBeLessThanOrEqual(allowed);
      expect(keyless.filter((s) => s === 429).length).toBeGreaterThanOrEqual(300 - allowed);
      const refused = await post(url, '{ whoami { role } }');
      expect(refused.status).toBe(429);
      expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
      const body = (await refused.json()) as any;
      expect(body.errors[0].extensions).toMatchObject({ code: 'RATE_LIMITED' });
      expect(body.errors[0].message).toMatch(/failed authentications/);
      // Random keys from the same address are refused without a lookup.
      const keys = limited.server.services.apiKeys;
      const before = keys.queries.keyLookups;
      const random = await Promise.all(Array.from({ length: 200 }, () => post(url, '{ whoami { role } }', `sq_${crypto.randomBytes(24).toString('base64url')}`).then((r) => r.status)));
      expect(random.filter((s) => s === 429).length).toBeGreaterThanOrEqual(190);
      expect(keys.queries.keyLookups - before).toBe(random.filter((s) => s === 401).length);
      expect((await post(url, '{ whoami { role } }', limited.keys.viewer)).status).toBe(200);
      // A socket without a valid key from that address is closed with 4429 (once the tokens that came back are spent).
      while ((await post(url, '{ whoami { role } }')).status !== 429);
      const socket = openSocket(url, 'sq_not-a-key');
      expect(await within(socket.closed, 5_000)).toBe(4429);
      await socket.client.dispose();
    } finally {
      await limited.close({ keepData: true });
    }
    // One budget per IPv4 address, per IPv6 /64.
    expect(['127.0.0.1', '::ffff:127.0.0.1', '2001:db8::1', '2001:db8:0:0:ffff::9', 'fe80::1%eth0'].map(clientAddress)).toEqual(['127.0.0.1', '127.0.0.1', '2001:db8:0:0::/64', '2001:db8:0:0::/64', 'fe80:0:0:0::/64']);
    expect(loadConfig({}).authFailureLimitPerMinute).toBe(60);
    expect(() => loadConfig({ AUTH_FAILURE_LIMIT_PER_MINUTE: '-1' })).toThrow(/AUTH_FAILURE_LIMIT_PER_MINUTE/);
  }, 60_000);

  it('answers introspection unless INTROSPECTION=off (the default in production)', async () => {
    expect(loadConfig({}).introspection).toBe(true);
    expect(loadConfig({ NODE_ENV: 'development' }).introspection).toBe(true);
    expect(loadConfig({ NODE_ENV: 'production' }).introspection).toBe(false);
    expect(loadConfig({ NODE_ENV: 'production', INTROSPECTION: 'on' }).introspection).toBe(true);
    expect(loadConfig({ INTROSPECTION: 'off' }).introspection).toBe(false);
    expect(() => loadConfig({ INTROSPECTION: 'sometimes' })).toThrow(/INTROSPECTION/);

    const introspect = '{ __schema { queryType { name } } }';
    expect((await t.gql(introspect)).data.__schema.queryType.name).toBe('Query');
    const closed = await startTestServer({ db: t.db, modelsDir: t.modelsDir, env: { INTROSPECTION: 'off' } });
    try {
      const res = (await (await post(closed.server.url, introspect, closed.keys.admin)).json()) as any;
      expect(res.data).toBeUndefined();
      expect(res.errors[0].message).toMatch(/introspection/i);
      expect((await closed.gql('{ __type(name: "Customer") { name } }')).errors?.[0].message).toMatch(/introspection/i);
      expect((await closed.gql('{ whoami { role } }')).data.whoami.role).toBe('ADMIN');
      const socket = openSocket(closed.server.url, closed.keys.admin);
      try {
        await socket.connected;
        // Refused over the socket as over HTTP: a validation error, with its code (the data otherwise).
        expect(await run(socket.client, introspect)).toBe('GRAPHQL_VALIDATION_FAILED');
        // Two operations and no operationName: graphql-ws's own refusal, coded as the client's.
        expect(await run(socket.client, 'query A { whoami { role } } query B { whoami { role } }')).toBe('BAD_REQUEST');
      } finally {
        await socket.client.dispose();
      }
    } finally {
      await closed.close({ keepData: true });
    }
  });
});
