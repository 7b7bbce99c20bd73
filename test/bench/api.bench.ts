/**
 * npm run bench:api — the API under load, as frontends and BI tools use it, on the full UCI Online Retail data
 * (ONLINE_RETAIL_CSV): (a) a customer's segment, (b) a segment's page of 100 customers with features, (c)
 * segmentStats by country; requests/s, p50 and p99 with autocannon (10 connections, BENCH_SECONDS each, default 15,
 * after one warm-up request) over loopback, against the real server in its own process (`node dist/src/main.js`),
 * idle and while a `gpt` training run is in progress, on SQLite and on PostgreSQL (BENCH_DATABASES, default
 * sqlite,postgres; PostgreSQL at BENCH_PG_URL or postgres://postgres@127.0.0.1:5432/test, in a fresh database). Also counts the SQL statements one request costs at
 * page sizes 10 and 100. segmentStats answers are reused for a minute, so (c) measures that cache; (d),
 * `segment_stats_by_country_uncached`, is the same query computed on every request, by a second server process on
 * the same database with SEGMENT_STATS_CACHE_SECONDS=0 (idle only). Then the abuse scenarios of the hardening issue:
 * the p99 of (a) while (a) an analyst sends 40 aliased comparisons and 40 aliased evaluations again and again (and
 * single evaluations, which run as jobs), (b) a viewer sends 50 aliased NDJSON exports again and again (and single
 * ones, within the quotas), (c) 1,000 requests a second arrive with a key that does not exist
 * (`p99_ratio_abuse_vs_idle`, goal <= 2 each). The last line is one JSON object.
 */
import { spawn, ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import { Client } from 'pg';
import { loadConfig, parseDatabaseUrl } from '../../src/config/config';
import { startServer } from '../../src/server';
import { REPO_ROOT } from '../helpers/paths';
import { freshPostgres } from './fresh-postgres';

const DATA = process.env.ONLINE_RETAIL_CSV ?? path.join(REPO_ROOT, '..', 'shared', 'datasets', 'online-retail', 'online_retail.csv.gz');
const DATABASES = (process.env.BENCH_DATABASES ?? 'sqlite,postgres').split(',');
const SECONDS = Number(process.env.BENCH_SECONDS ?? 15);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 10);
const PG_URL = process.env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const CLI = path.join(REPO_ROOT, 'dist', 'src', 'cli', 'main.js');
const op = (name: string) => fs.readFileSync(path.join(REPO_ROOT, 'schema', 'operations', `${name}.graphql`), 'utf8');

function run(args: string[], env: Record<string, string>): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.on('close', (code) => (code === 0 ? resolve(out) : reject(new Error(`segmentql ${args.join(' ')} exited ${code}`))));
  });
}

async function freshApiDatabase(): Promise<string> {
  return (await freshPostgres(PG_URL, `segmentql_bench_api_${process.pid}`)).url;
}

interface Measured {
  rps: number;
  p50: number;
  p99: number;
  errors: number;
}

async function load(url: string, key: string, body: string): Promise<Measured> {
  // One request first, in both phases alike: the measurement is of a warm server, not of a cache filling up.
  await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` }, body }).then((r) => r.text());
  const result = await autocannon({ url, method: 'POST', connections: CONNECTIONS, duration: SECONDS, headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` }, body });
  return { rps: Math.round(result.requests.average), p50: result.latency.p50, p99: result.latency.p99, errors: result.errors + result.non2xx + result.timeouts };
}

/** Sends one operation and names what came back: `ok`, or the first error's code (or the HTTP status). */
async function outcome(url: string, key: string, query: string): Promise<string> {
  try {
    const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` }, body: JSON.stringify({ query }) });
    const body = (await res.json()) as { errors?: Array<{ extensions?: { code?: string } }> };
    return body.errors ? (body.errors[0].extensions?.code ?? `HTTP_${res.status}`) : 'ok';
  } catch (err) {
    return `NETWORK_${(err as Error).name}`;
  }
}

async function benchDatabase(kind: string, dir: string): Promise<Record<string, unknown>> {
  const databaseUrl = kind === 'postgres' ? await freshApiDatabase() : `sqlite:${path.join(dir, 'api.sqlite')}`;
  const env = { DATABASE_URL: databaseUrl, MODELS_DIR: path.join(dir, `models-${kind}`), EXPORTS_DIR: path.join(dir, `exports-${kind}`), RATE_LIMIT_PER_MINUTE: '0', SEED_DEMO: 'false' };
  const started = Date.now();
  await run(['import', '--format', 'online-retail', DATA, '--json'], env);
  console.log(`${kind}: imported Online Retail in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  const key = (await run(['keys', 'create', '--role', 'analyst', '--name', 'bench'], env)).trim();
  const admin = (await run(['keys', 'create', '--role', 'admin', '--name', 'bench admin'], env)).trim();
  const port = 42000 + Math.floor(Math.random() * 3000);
  const server: ChildProcess = spawn(process.execPath, [path.join(REPO_ROOT, 'dist', 'src', 'main.js')], { env: { ...process.env, ...env, PORT: String(port) }, stdio: ['ignore', 'ignore', 'inherit'] });
  const url = `http://127.0.0.1:${port}/graphql`;
  const gql = async (query: string, variables: Record<string, unknown> = {}, as = admin) => {
    const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${as}` }, body: JSON.stringify({ query, variables }) });
    const body = (await res.json()) as { data?: any; errors?: unknown[] };
    if (body.errors) throw new Error(JSON.stringify(body.errors));
    return body.data;
  };
  const out: Record<string, unknown> = {};
  try {
    for (let i = 0; i < 300; i++) {
      if (await fetch(url.replace('/graphql', '/healthz')).then((r) => r.ok, () => false)) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    const waitFor = async (runId: string, until: (r: any) => boolean) => {
      for (;;) {
        const r = (await gql(`query($id: ID!) { trainingRun(id: $id) { status progress error modelVersion { id } } }`, { id: runId })).trainingRun;
        if (until(r)) return r;
        if (['FAILED', 'CANCELLED'].includes(r.status)) throw new Error(`run ${runId}: ${r.status} ${r.error}`);
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
    };
    const kmeans = await gql(`mutation { registerModel(input: { name: "rfm", segmenter: "kmeans", params: { k: 0, kMin: 3, kMax: 8 } }) { id } }`);
    const kmRun = (await gql(`mutation($m: ID!) { startTrainingRun(modelId: $m) { id } }`, { m: kmeans.registerModel.id })).startTrainingRun.id;
    const version = (await waitFor(kmRun, (r) => r.status === 'SUCCEEDED')).modelVersion.id;
    await gql(`mutation($v: ID!) { setModelAlias(versionId: $v, alias: "production") { id } }`, { v: version });
    const segments = (await gql(op('Segments'))).segments as Array<{ id: string; size: number }>;
    const largest = segments.reduce((a, b) => (b.size > a.size ? b : a));
    const customer = (await gql(`{ customers(first: 1, filter: { externalIds: ["17850"] }) { edges { node { id } } } }`)).customers.edges[0].node.id;
    const bodies = {
      customer_segment: JSON.stringify({ query: op('CustomerSegment'), variables: { id: customer } }),
      segment_page_100: JSON.stringify({ query: op('SegmentCustomersPage'), variables: { segmentId: largest.id, first: 100 } }),
      segment_stats_by_country: JSON.stringify({ query: op('SegmentStats'), variables: { groupBy: ['COUNTRY'] } }),
    };
    for (const [name, body] of Object.entries(bodies)) {
      const check = (await (await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` }, body })).json()) as { errors?: unknown };
      if (check.errors) throw new Error(`${name}: ${JSON.stringify(check.errors)}`);
    }
    for (const [name, body] of Object.entries(bodies)) {
      const m = await load(url, key, body);
      console.log(`${kind} idle ${name}: ${m.rps} req/s, p50 ${m.p50} ms, p99 ${m.p99} ms${m.errors ? `, ${m.errors} errors` : ''}`);
      for (const [k, v] of Object.entries(m)) out[`${kind}_idle_${name}_${k}`] = v;
    }
    // segmentStats without its cache: every request runs the aggregate (a second server process, the cache off).
    {
      const uncachedPort = port + 3000;
      const uncachedUrl = `http://127.0.0.1:${uncachedPort}/graphql`;
      const uncached = spawn(process.execPath, [path.join(REPO_ROOT, 'dist', 'src', 'main.js')], { env: { ...process.env, ...env, PORT: String(uncachedPort), SEGMENT_STATS_CACHE_SECONDS: '0' }, stdio: ['ignore', 'ignore', 'inherit'] });
      try {
        for (let i = 0; i < 300; i++) {
          if (await fetch(uncachedUrl.replace('/graphql', '/healthz')).then((r) => r.ok, () => false)) break;
          await new Promise((r) => setTimeout(r, 100));
        }
        const m = await load(uncachedUrl, key, bodies.segment_stats_by_country);
        console.log(`${kind} idle segment_stats_by_country_uncached: ${m.rps} req/s, p50 ${m.p50} ms, p99 ${m.p99} ms${m.errors ? `, ${m.errors} errors` : ''}`);
        for (const [k, v] of Object.entries(m)) out[`${kind}_idle_segment_stats_by_country_uncached_${k}`] = v;
      } finally {
        uncached.kill('SIGTERM');
        await new Promise((r) => uncached.once('exit', r));
      }
    }
    // The same while a gpt model trains on the whole data set (worker thread in the server's process).
    const gpt = await gql(`mutation { registerModel(input: { name: "sequences", segmenter: "gpt" }) { id } }`);
    const gptRun = (await gql(`mutation($m: ID!) { startTrainingRun(modelId: $m) { id } }`, { m: gpt.registerModel.id })).startTrainingRun.id;
    await waitFor(gptRun, (r) => r.status === 'RUNNING' && r.progress > 0.05);
    let ratio = 0;
    for (const [name, body] of Object.entries(bodies)) {
      const m = await load(url, key, body);
      const state = (await gql(`query($id: ID!) { trainingRun(id: $id) { status progress } }`, { id: gptRun })).trainingRun;
      if (state.status !== 'RUNNING') throw new Error(`the gpt run was ${state.status} before the measurement of ${name} ended`);
      const idle = out[`${kind}_idle_${name}_p99`] as number;
      console.log(`${kind} training ${name}: ${m.rps} req/s, p50 ${m.p50} ms, p99 ${m.p99} ms (${(m.p99 / idle).toFixed(2)}x idle p99; gpt at ${(state.progress * 100).toFixed(0)}%)`);
      for (const [k, v] of Object.entries(m)) out[`${kind}_training_${name}_${k}`] = v;
      out[`${kind}_p99_ratio_${name}`] = Math.round((m.p99 / idle) * 100) / 100;
      ratio = Math.max(ratio, m.p99 / idle);
    }
    out[`${kind}_p99_ratio_training_vs_idle`] = Math.round(ratio * 100) / 100;
    await gql(`mutation($id: ID!) { cancelTrainingRun(id: $id) { status } }`, { id: gptRun });
    await waitFor(gptRun, (r) => r.status !== 'RUNNING');

    // Abuse: a cheap query's p99 (customer_segment) while another client attacks, against its idle p99.
    const viewer = (await gql(`mutation { createApiKey(role: VIEWER, name: "abuser") { secret } }`)).createApiKey.secret as string;
    const aliased = (n: number, field: string) => `${Array.from({ length: n }, (_, i) => `a${i}: ${field}`).join(' ')}`;
    const scenarios: Record<string, () => Promise<string>> = {
      // (a) an analyst's request of 40 aliased comparisons, and of 40 aliased evaluations (refresh), again and again,
      // plus single evaluations (each a job in a worker thread, up to EVALUATION_QUEUE_LIMIT queued).
      comparisons: async () => {
        const body = (i: number) => (i % 3 === 0 ? `{ ${aliased(40, `compareModelVersions(ids: ["${version}"]) { rows { versionId } }`)} }` : i % 3 === 1 ? `mutation { ${aliased(40, `evaluateModelVersion(id: "${version}", refresh: true) { id }`)} }` : `mutation { evaluateModelVersion(id: "${version}", refresh: true) { id } }`);
        return outcome(url, key, body(counter++));
      },
      // (b) a viewer's request of 50 aliased NDJSON exports, again and again, plus single exports (within the quotas).
      exports: async () => outcome(url, viewer, counter++ % 2 === 0 ? `mutation { ${aliased(50, 'createSegmentExport(alias: "production", format: NDJSON) { id }')} }` : 'mutation { createSegmentExport(alias: "production", format: NDJSON) { id } }'),
      // (c) requests without a key, or with a random one (each a lookup unless limited): see `flood` below.
      unauthenticated: async () => '',
    };
    let counter = 0;
    const idleCheap = out[`${kind}_idle_customer_segment_p99`] as number;
    let abuseRatio = 0;
    for (const [name, attack] of Object.entries(scenarios)) {
      const outcomes: Record<string, number> = {};
      let stop = false;
      let flood: ReturnType<typeof autocannon> | null = null;
      const attackers =
        name === 'unauthenticated'
          ? []
          : Array.from({ length: 2 }, async () => {
              while (!stop) {
                const code = await attack();
                outcomes[code] = (outcomes[code] ?? 0) + 1;
              }
            });
      if (name === 'unauthenticated') {
        flood = autocannon({ url, method: 'POST', connections: 20, overallRate: 1000, duration: SECONDS + 2, headers: { 'content-type': 'application/json', authorization: 'Bearer sq_not_a_key_0123456789abcdef' }, body: bodies.customer_segment });
      }
      const m = await load(url, key, bodies.customer_segment);
      stop = true;
      if (flood) {
        (flood as unknown as { stop(): void }).stop();
        const r = await flood;
        Object.assign(outcomes, { sent_per_second: Math.round(r.requests.average), non2xx: r.non2xx, '2xx': r['2xx'] });
      }
      await Promise.all(attackers);
      const r = Math.round((m.p99 / idleCheap) * 100) / 100;
      console.log(`${kind} abuse ${name}: customer_segment ${m.rps} req/s, p50 ${m.p50} ms, p99 ${m.p99} ms (${r}x idle p99); attack outcomes ${JSON.stringify(outcomes)}`);
      out[`${kind}_abuse_${name}_customer_segment_p99`] = m.p99;
      out[`${kind}_p99_ratio_abuse_${name}`] = r;
      out[`${kind}_abuse_${name}_outcomes`] = outcomes;
      abuseRatio = Math.max(abuseRatio, r);
    }
    out[`${kind}_p99_ratio_abuse_vs_idle`] = abuseRatio;
  } finally {
    server.kill('SIGTERM');
    await new Promise((r) => server.once('exit', r));
  }

  // Statements per request, in-process on the same database: the same at page size 10 and 100.
  const local = await startServer({ ...loadConfig({ ...process.env, ...env }), port: 0, database: parseDatabaseUrl(databaseUrl) }, { log: () => undefined });
  try {
    const key2 = (await local.services.apiKeys.create('analyst', 'count', 'bench')).secret;
    const ask = (body: string) => fetch(local.url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${key2}` }, body }).then((r) => r.json());
    await ask(JSON.stringify({ query: '{ whoami { role } }' })); // the key is checked once, then cached
    const segments = (await local.services.training.segmentsFor(null, 'production')).sort((a, b) => b.size - a.size);
    for (const first of [10, 100]) {
      const { queries } = await local.queries.measure(() => ask(JSON.stringify({ query: op('SegmentCustomersPage'), variables: { segmentId: String(segments[0].id), first } })));
      out[`${kind}_statements_segment_page_${first}`] = queries;
      const customers = await local.queries.measure(() => ask(JSON.stringify({ query: op('Customers'), variables: { first, filter: { segmentId: String(segments[0].id) }, orderBy: { field: 'SPEND', direction: 'DESC' } } })));
      out[`${kind}_statements_customers_page_${first}`] = customers.queries;
    }
    out[`${kind}_statements_segment_stats`] = (await local.queries.measure(() => ask(JSON.stringify({ query: op('SegmentStats'), variables: { groupBy: ['COUNTRY'] } })))).queries;
  } finally {
    await local.close();
  }
  if (kind === 'postgres') {
    const admin = new Client({ connectionString: PG_URL });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${new URL(databaseUrl).pathname.slice(1)} WITH (FORCE)`);
    await admin.end();
  }
  return out;
}

async function main(): Promise<void> {
  if (!fs.existsSync(DATA)) throw new Error(`Online Retail data not found at ${DATA} (set ONLINE_RETAIL_CSV)`);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'segmentql-api-bench-'));
  const result: Record<string, unknown> = { data: path.basename(DATA), seconds_per_scenario: SECONDS, connections: CONNECTIONS, cores: os.cpus().length };
  try {
    for (const kind of DATABASES) Object.assign(result, await benchDatabase(kind, dir));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  result.p99_ratio_training_vs_idle = Math.max(...DATABASES.map((k) => result[`${k}_p99_ratio_training_vs_idle`] as number));
  result.p99_ratio_abuse_vs_idle = Math.max(...DATABASES.map((k) => result[`${k}_p99_ratio_abuse_vs_idle`] as number));
  console.log(JSON.stringify(result));
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
