import fs from 'node:fs';
import path from 'node:path';
import {
  GraphQLArgument,
  GraphQLField,
  GraphQLInputType,
  GraphQLNamedType,
  GraphQLObjectType,
  GraphQLSchema,
  buildSchema,
  getNamedType,
  getNullableType,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isListType,
  isNonNullType,
  isObjectType,
  isScalarType,
  isUnionType,
} from 'graphql';
import { Random } from '../../src/ml/random';
import { TEST_KIND } from '../helpers/database';
import { REPO_ROOT } from '../helpers/paths';
import { startTestServer, TestServer } from '../helpers/server';
import { collect, wsClient } from '../helpers/subscriptions';
import { trainVersion } from '../helpers/training';

/**
 * Throws at least 10,000 generated operations at a live server: random fields of the real schema with random
 * selections (deep nesting included), arguments of the right type, the wrong type, huge numbers, unicode and
 * injection-like strings, as inline literals or variables; plus broken documents and bodies. Not one may end in
 * INTERNAL_SERVER_ERROR or an HTTP 500, and the server must answer normally afterwards.
 */
const OPERATIONS = Number(process.env.FUZZ_OPERATIONS ?? 10_000);
// No field is left out: training runs are capped per key, and the fuzzer's own keys have ids no generated ID names.
const SKIP = new Set<string>();
const WS_OPERATIONS = Number(process.env.FUZZ_WS_OPERATIONS ?? 1_000);
const NASTY_STRINGS = [
  '',
  ' ',
  "' OR 1=1 --",
  "'; DROP TABLE customers; --",
  '" OR ""="',
  '%_%',
  '\\',
  '../../etc/passwd',
  '<script>alert(1)</script>',
  '${7*7}',
  '{{7*7}}',
  '\u0000',
  'null',
  'NaN',
  '💥🔥👩‍👩‍👧',
  'ﷺ مرحبا עברית',
  'x'.repeat(5000),
  '2011-12-09T12:50:00Z',
  '0001-01-01',
  'exp_00000000',
  'sq_invalid',
  'WyJ4IiwxXQ',
  Buffer.from('[1e308, -1]').toString('base64url'),
  Buffer.from('["2011-01-01", "x"]').toString('base64url'),
  'production',
];
const NASTY_NUMBERS = [0, -1, 1, 2, 99, 100, 101, 2 ** 31, -(2 ** 31) - 1, 2 ** 53, 1e308, -1e308, 1.5, 0.0001, -0.5, 4e9];

/** A list nested `depth` deep: `[[[...]]]`. */
function nested(depth: number): unknown {
  let v: unknown = [];
  for (let i = 0; i < depth; i++) v = [v];
  return v;
}

class Fuzzer {
  private vars: Array<{ name: string; type: string; value: unknown }> = [];

  constructor(
    private readonly schema: GraphQLSchema,
    private readonly random: Random,
  ) {}

  private pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.random.next() * items.length)];
  }

  private chance(p: number): boolean {
    return this.random.next() < p;
  }

  /** A value for an input type: usually plausible, sometimes of the wrong kind. */
  value(type: GraphQLInputType, depth = 0): unknown {
    if (this.chance(0.04)) return this.wrongValue();
    if (!isNonNullType(type) && this.chance(0.15)) return null;
    const t = getNullableType(type);
    if (isListType(t)) {
      const n = this.chance(0.05) ? 150 : Math.floor(this.random.next() * 4);
      return Array.from({ length: n }, () => this.value(t.ofType as GraphQLInputType, depth + 1));
    }
    if (isEnumType(t)) return this.chance(0.9) ? this.pick(t.getValues()).name : 'NOT_A_VALUE';
    if (isInputObjectType(t)) {
      if (depth > 4) return {};
      const out: Record<string, unknown> = {};
      for (const field of Object.values(t.getFields())) if (isNonNullType(field.type) || this.chance(0.4)) out[field.name] = this.value(field.type, depth + 1);
      if (this.chance(0.05)) out.unknownField = 1;
      return out;
    }
    switch ((t as GraphQLNamedType).name) {
      case 'Int':
        return this.pick(NASTY_NUMBERS.filter((n) => Number.isInteger(n)));
      case 'Float':
        return this.pick(NASTY_NUMBERS);
      case 'Boolean':
        return this.chance(0.5);
      case 'ID':
        return this.pick(['1', '2', '3', '0', '-1', '999999999', '1e3', 'abc', '9'.repeat(40), ...NASTY_STRINGS.slice(0, 5)]);
      case 'DateTime':
        return this.pick(['2011-06-01T00:00:00Z', '2026-01-01T00:00:00.000Z', '1900-01-01T00:00:00Z', '9999-12-31T23:59:59Z', 'yesterday', '2011-13-45T99:00:00Z', '']);
      case 'JSON':
        return this.pick([{}, { k: 3 }, { k: -5, nInit: 1e9 }, [1, 2], 'text', 42, null, { epochs: 'many' }, { a: { b: { c: [1, { d: 'x'.repeat(100) }] } } }, { k: nested(40) }, { k: nested(2_000) }, { features: nested(33) }]);
      default:
        return this.pick(NASTY_STRINGS);
    }
  }

  private wrongValue(): unknown {
    return this.pick<unknown>([1e308, -1, 'text', true, [], {}, [[[]]], { nested: { deeper: [1, 'a', null] } }, this.pick(NASTY_STRINGS), 2 ** 53 + 1]);
  }

  /** A GraphQL literal for a JS value (enum names are written bare when `enums` says so). */
  literal(value: unknown, enumLike: boolean): string {
    if (value === null || value === undefined) return 'null';
    if (typeof value === 'string') return enumLike && /^[A-Z_]+$/.test(value) ? value : JSON.stringify(value);
    if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '0';
    if (typeof value === 'boolean') return String(value);
    if (Array.isArray(value)) {
      // Deep chains of one-element lists (nested(20_000)) are written without recursion: the server must survive
      // them, the fuzzer's own stack need not.
      let depth = 0;
      let inner: unknown = value;
      while (Array.isArray(inner) && inner.length === 1 && Array.isArray(inner[0])) {
        inner = inner[0];
        depth++;
      }
      if (depth > 100) return `${'['.repeat(depth)}${this.literal(inner, enumLike)}${']'.repeat(depth)}`;
      return `[${value.map((v) => this.literal(v, enumLike)).join(', ')}]`;
    }
    return `{${Object.entries(value as Record<string, unknown>)
      .map(([k, v]) => `${k}: ${this.literal(v, true)}`)
      .join(', ')}}`;
  }

  private args(args: readonly GraphQLArgument[]): string {
    const parts: string[] = [];
    for (const arg of args) {
      if (!isNonNullType(arg.type) && !this.chance(0.5) && !['first', 'last'].includes(arg.name)) continue;
      if (['first', 'last'].includes(arg.name) && this.chance(0.15)) continue;
      const value = this.value(arg.type);
      if (this.chance(0.5)) {
        const name = `v${this.vars.length}`;
        // Sometimes the variable is declared with a wrong type.
        const type = this.chance(0.05) ? this.pick(['Int', 'String!', '[ID!]!', 'Boolean']) : String(arg.type);
        this.vars.push({ name, type, value });
        parts.push(`${arg.name}: $${name}`);
      } else {
        parts.push(`${arg.name}: ${this.literal(value, isEnumType(getNamedType(arg.type)) || isInputObjectType(getNamedType(arg.type)))}`);
      }
    }
    if (this.chance(0.03)) parts.push('unknownArgument: 1');
    return parts.length ? `(${parts.join(', ')})` : '';
  }

  private selection(type: GraphQLObjectType, depth: number, maxDepth: number): string {
    const fields = Object.values(type.getFields()).filter((f) => !SKIP.has(f.name));
    const chosen = new Set<GraphQLField<unknown, unknown>>();
    // Few fields at the root: one invalid field fails the whole operation, and most should get as far as resolvers.
    const count = 1 + Math.floor(this.random.next() * Math.min(depth === 0 ? 2 : 4, fields.length));
    while (chosen.size < count) chosen.add(this.pick(fields));
    const parts: string[] = [];
    for (const field of chosen) {
      const named = getNamedType(field.type);
      const alias = this.chance(0.05) ? `a${Math.floor(this.random.next() * 1000)}: ` : '';
      if (isObjectType(named)) {
        if (depth >= maxDepth) continue;
        parts.push(`${alias}${field.name}${this.args(field.args)} { ${this.selection(named, depth + 1, maxDepth) || '__typename'} }`);
      } else if (isInterfaceType(named) || isUnionType(named)) {
        parts.push(`${alias}${field.name}${this.args(field.args)} { __typename }`);
      } else if (isScalarType(named) || isEnumType(named)) {
        parts.push(`${alias}${field.name}${this.args(field.args)}`);
      }
    }
    if (this.chance(0.02)) parts.push('notAField');
    return parts.join(' ');
  }

  /** One request body (or a broken one). */
  operation(): string {
    this.vars = [];
    const roll = this.random.next();
    if (roll < 0.03) return '{"query": "{ customers(first: 1) {'; // broken JSON
    if (roll < 0.06) return JSON.stringify({ query: this.pick(['{', '}}}', 'query {', 'mutation', '{ customers(first: 1) { edges { node { id } }', '#', 'subscription { trainingRunProgress(runId: 1) { id } }', 'fragment F on Customer { ...F } { customers(first: 1) { edges { node { ...F } } } }']) });
    if (roll < 0.08) return JSON.stringify({ query: 123, variables: 'x' });
    if (roll < 0.11) {
      // Automatic persisted queries, well and badly formed.
      const persistedQuery = this.pick<unknown>([{ version: 1, sha256Hash: 'ab'.repeat(32) }, { version: 2, sha256Hash: 'x' }, { version: 1 }, { version: 1, sha256Hash: 5 }, 'x', [], null, { version: '1', sha256Hash: {} }]);
      return JSON.stringify({ ...(this.chance(0.5) ? { query: '{ whoami { role } }' } : {}), extensions: { persistedQuery } });
    }
    const mutation = this.chance(0.25);
    const root = (mutation ? this.schema.getMutationType() : this.schema.getQueryType())!;
    const maxDepth = this.chance(0.1) ? 20 : 1 + Math.floor(this.random.next() * 6);
    const body = this.selection(root, 0, maxDepth) || '__typename';
    const declared = this.vars.length ? `(${this.vars.map((v) => `$${v.name}: ${v.type}`).join(', ')})` : '';
    const query = `${mutation ? 'mutation' : 'query'} Fuzz${declared} { ${body} }`;
    const variables = Object.fromEntries(this.vars.map((v) => [v.name, v.value]));
    return JSON.stringify(this.chance(0.03) ? { query, variables, operationName: 'Other' } : { query, variables });
  }
}

describe(`fuzzing the API on ${TEST_KIND}`, () => {
  let t: TestServer;
  /** The fuzzer's own keys, made after 200 others so that no generated ID (revokeApiKey) names them. */
  let keys: { admin: string; viewer: string };
  beforeAll(async () => {
    t = await startTestServer({ seedDemo: true });
    await trainVersion(t, 'rfm', 'kmeans', { k: 4 }, 'production');
    for (let i = 0; i < 200; i++) await t.server.services.apiKeys.create('viewer', `decoy ${i}`, 'fuzz');
    keys = {
      admin: (await t.server.services.apiKeys.create('admin', 'fuzz admin', 'fuzz')).secret,
      viewer: (await t.server.services.apiKeys.create('viewer', 'fuzz viewer', 'fuzz')).secret,
    };
  }, 120_000);
  afterAll(async () => {
    await t.close();
  });

  it(`answers ${OPERATIONS} generated operations without one internal error, and stays up`, async () => {
    const schema = buildSchema(fs.readFileSync(path.join(REPO_ROOT, 'schema', 'schema.graphql'), 'utf8'));
    const fuzzer = new Fuzzer(schema, new Random(20261128));
    const codes = new Map<string, number>();
    const internal: string[] = [];
    let sent = 0;
    const worker = async () => {
      while (sent < OPERATIONS) {
        sent++;
        const body = fuzzer.operation();
        const key = sent % 10 === 0 ? keys.viewer : keys.admin;
        const res = await fetch(t.server.url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` }, body });
        const text = await res.text();
        let parsed: any = null;
        try {
          parsed = JSON.parse(text);
        } catch {
          // a non-JSON answer is itself a finding below
        }
        const errorCodes: string[] = parsed?.errors?.map((e: any) => e.extensions?.code ?? 'none') ?? [];
        for (const code of errorCodes.length ? errorCodes : ['ok']) codes.set(code, (codes.get(code) ?? 0) + 1);
        if (res.status >= 500 || !parsed || errorCodes.includes('INTERNAL_SERVER_ERROR')) {
          const error = parsed?.errors?.find((e: any) => e.extensions?.code === 'INTERNAL_SERVER_ERROR');
          internal.push(`${res.status} ${error ? JSON.stringify(error) : text.slice(0, 300)} <- ${body.slice(0, 3000)}`);
        }
      }
    };
    await Promise.all(Array.from({ length: 8 }, worker));
    process.stdout.write(`fuzz: ${sent} operations, outcomes ${JSON.stringify(Object.fromEntries([...codes].sort((a, b) => b[1] - a[1])))}\n`);
    expect(internal.slice(0, 5)).toEqual([]);
    expect(sent).toBeGreaterThanOrEqual(OPERATIONS);
    expect((codes.get('ok') ?? 0) + (codes.get('none') ?? 0)).toBeGreaterThan(OPERATIONS / 20);
    const health = await fetch(t.server.url.replace('/graphql', '/healthz'));
    expect(health.status).toBe(200);
    expect((await t.gql('{ segments { id } }')).errors).toBeUndefined();
  }, 600_000);

  it(`answers ${WS_OPERATIONS} generated operations over graphql-ws without one internal or unformatted error`, async () => {
    const schema = buildSchema(fs.readFileSync(path.join(REPO_ROOT, 'schema', 'schema.graphql'), 'utf8'));
    const fuzzer = new Fuzzer(schema, new Random(20261201));
    const client = wsClient(t.server.url, keys.admin);
    const internal: string[] = [];
    const outcomes = new Map<string, number>();
    try {
      for (let i = 0; i < WS_OPERATIONS; i++) {
        let payload: { query: string; variables?: Record<string, unknown>; operationName?: string };
        try {
          payload = JSON.parse(fuzzer.operation());
        } catch {
          continue; // a broken JSON body has no WebSocket equivalent
        }
        if (typeof payload.query !== 'string') continue;
        const { errors } = await collect(client, payload.query, payload.variables ?? {}).catch((err: unknown) => ({ messages: [], errors: [err] }));
        const codes = (errors as any[]).map((e) => e?.extensions?.code ?? (typeof e?.code === 'number' ? `close ${e.code}` : 'none'));
        for (const code of codes.length ? codes : ['ok']) outcomes.set(code, (outcomes.get(code) ?? 0) + 1);
        // An error without a code went out unformatted (its message may hold SQL or paths); 4500 closes the socket.
        if (codes.includes('INTERNAL_SERVER_ERROR') || codes.includes('none') || codes.some((c) => /^close (1006|1011|4500)$/.test(c))) internal.push(`${JSON.stringify(errors).slice(0, 300)} <- ${payload.query.slice(0, 2000)}`);
      }
    } finally {
      await client.dispose();
    }
    process.stdout.write(`fuzz over graphql-ws: outcomes ${JSON.stringify(Object.fromEntries([...outcomes].sort((a, b) => b[1] - a[1])))}\n`);
    expect(internal.slice(0, 5)).toEqual([]);
    expect(outcomes.get('ok') ?? 0).toBeGreaterThan(WS_OPERATIONS / 20);
  }, 600_000);
});
