/**
 * npm run bench:stream — continuous segmentation on the full UCI Online Retail data (ONLINE_RETAIL_CSV), the server in
 * its own process (`node dist/src/main.js`) on SQLite (BENCH_DATABASES=sqlite,postgres adds PostgreSQL at
 * BENCH_PG_URL, in a fresh database), a webhook receiver in this process:
 * (1) one `upsertOrders` of 1,000 orders for 1,000 existing customers (one order each, one to five products bought
 *     by others); each membership event's latency is its arrival at the receiver minus the moment the mutation was
 *     sent: `p99_event_latency_ms` (goal <= 2,000), over `events` events;
 * (2) re-scoring throughput: `rescoreCustomers` of every customer, with only a k-means version aliased
 *     (`rescore_customers_per_s_kmeans`), then with a gpt version aliased too (its share: the second job's time minus
 *     the first's; `rescore_customers_per_s_gpt`; gpt trained with epochs 1, k 6, default architecture);
 * (3) the p99 of a segment page (100 customers, schema/operations/SegmentCustomersPage.graphql), idle and while
 *     re-scoring of every customer by both versions runs again and again (`p99_ratio_rescoring_vs_idle`, goal <= 1.5);
 *     autocannon, BENCH_CONNECTIONS (default 4) for BENCH_SECONDS (default 15).
 * The last line is one JSON object.
 */
import { spawn, ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import { REPO_ROOT } from '../helpers/paths';
import { WebhookReceiver } from '../helpers/webhook-receiver';
import { freshPostgres } from './fresh-postgres';

const DATA = process.env.ONLINE_RETAIL_CSV ?? path.join(REPO_ROOT, '..', 'shared', 'datasets', 'online-retail', 'online_retail.csv.gz');
const DATABASES = (process.env.BENCH_DATABASES ?? 'sqlite').split(',');
const PG_URL = process.env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const SECONDS = Number(process.env.BENCH_SECONDS ?? 15);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 4);
const op = (name: string) => fs.readFileSync(path.join(REPO_ROOT, 'schema', 'operations', `${name}.graphql`), 'utf8');

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

function cli(args: string[], env: Record<string, string>): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(REPO_ROOT, 'dist', 'src', 'cli', 'main.js'), ...args], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (c) => (out += c));
    child.on('close', (code) => (code === 0 ? resolve(out) : reject(new Error(`segmentql ${args.join(' ')} exited ${code}`))));
  });
}

async function benchDatabase(kind: string, dir: string, receiver: WebhookReceiver): Promise<Record<string, number>> {
  const databaseUrl = kind === 'postgres' ? (await freshPostgres(PG_URL, `segmentql_bench_stream_${process.pid}`)).url : `sqlite:${path.join(dir, 'stream.sqlite')}`;
  const env = { DATABASE_URL: databaseUrl, MODELS_DIR: path.join(dir, `models-${kind}`), EXPORTS_DIR: path.join(dir, `exports-${kind}`), RATE_LIMIT_PER_MINUTE: '0', SEED_DEMO: 'false', TRAINING_QUEUE_LIMIT: '100', WEBHOOK_ALLOW_PRIVATE: 'true' };
  const started = Date.now();
  await cli(['import', '--format', 'online-retail', DATA, '--json'], env);
  console.log(`${kind}: imported Online Retail in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  const admin = (await cli(['keys', 'create', '--role', 'admin', '--name', 'bench admin'], env)).trim();
  const port = 45000 + Math.floor(Math.random() * 3000);
  const server: ChildProcess = spawn(process.execPath, [path.join(REPO_ROOT, 'dist', 'src', 'main.js')], { env: { ...process.env, ...env, PORT: String(port) }, stdio: ['ignore', 'ignore', 'inherit'] });
  const url = `http://127.0.0.1:${port}/graphql`;
  const gql = async (query: string, variables: Record<string, unknown> = {}) => {
    const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${admin}` }, body: JSON.stringify({ query, variables }) });
    const body = (await res.json()) as { data?: any; errors?: unknown[] };
    if (body.errors) throw new Error(JSON.stringify(body.errors));
    return body.data;
  };
  const out: Record<string, number> = {};
  try {
    for (let i = 0; i < 300; i++) {
      if (await fetch(url.replace('/graphql', '/healthz')).then((r) => r.ok, () => false)) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    const train = async (name: string, segmenter: string, params: Record<string, unknown>, alias: string) => {
      const model = (await gql(`mutation($i: RegisterModelInput!) { registerModel(input: $i) { id } }`, { i: { name, segmenter, params } })).registerModel.id;
      const runId = (await gql(`mutation($m: ID!) { startTrainingRun(modelId: $m) { id } }`, { m: model })).startTrainingRun.id;
      const t0 = Date.now();
      for (;;) {
        const r = (await gql(`query($id: ID!) { trainingRun(id: $id) { status error modelVersion { id } } }`, { id: runId })).trainingRun;
        if (r.status === 'SUCCEEDED') {
          await gql(`mutation($v: ID!, $a: String!) { setModelAlias(versionId: $v, alias: $a) { id } }`, { v: r.modelVersion.id, a: alias });
          console.log(`${kind}: trained ${segmenter} in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
          return r.modelVersion.id as string;
        }
        if (r.status !== 'QUEUED' && r.status !== 'RUNNING') throw new Error(`${segmenter}: ${r.status} ${r.error}`);
        await new Promise((r) => setTimeout(r, 500));
      }
    };
    /** Waits for a re-scoring job to end; returns it. */
    const job = async (id: string) => {
      for (;;) {
        const j = (await gql(`query($id: ID!) { rescoreJob(id: $id) { status customers rescored changed startedAt finishedAt } }`, { id })).rescoreJob;
        if (j && !['QUEUED', 'RUNNING'].includes(j.status)) return j;
        await new Promise((r) => setTimeout(r, 50));
      }
    };
    await train('rfm', 'kmeans', { k: 0, kMin: 3, kMax: 8 }, 'production');
    // Every customer id (pages of 100).
    const customers: Array<{ id: string; externalId: string }> = [];
    let after: string | null = null;
    for (;;) {
      const page: any = (await gql(`query($after: String) { customers(first: 100, after: $after) { edges { cursor node { id externalId } } pageInfo { hasNextPage } } }`, { after })).customers;
      customers.push(...page.edges.map((e: any) => e.node));
      if (!page.pageInfo.hasNextPage) break;
      after = page.edges.at(-1).cursor;
    }
    const products = (await gql(`{ products(first: 100) { edges { node { externalId } } } }`)).products.edges.map((e: any) => e.node.externalId as string);

    // (1) Event latency.
    const hook = (await gql(`mutation($i: CreateWebhookInput!) { createWebhook(input: $i) { id } }`, { i: { url: `${receiver.url}/${kind}`, events: ['segment.entered', 'segment.exited'], secret: 'bench-secret-of-enough-length' } })).createWebhook.id;
    const chosen = customers.filter((_, i) => i % 4 === 0).slice(0, 1000);
    const placedAt = '2011-12-09T12:00:00Z';
    const orders = chosen.map((c, i) => ({
      externalId: `STREAM-${i}`,
      customerExternalId: c.externalId,
      placedAt,
      items: Array.from({ length: 1 + (i % 5) }, (_, j) => ({ productExternalId: products[(i * 7 + j * 13) % products.length], quantity: 1 + ((i + j) % 12), unitPrice: 1 + ((i * 3 + j) % 20) })),
    }));
    const sentAt = Date.now();
    await gql(`mutation($input: [OrderInput!]!) { upsertOrders(input: $input) { created } }`, { input: orders });
    const answeredMs = Date.now() - sentAt;
    // The jobs of a fresh database are numbered from 1: wait for every job that exists to end.
    let changed = 0;
    let rescored = 0;
    for (let id = 1; ; id++) {
      if (id > 1 && !(await gql(`query($id: ID!) { rescoreJob(id: $id) { id } }`, { id: String(id) })).rescoreJob) break;
      const j = await job(String(id));
      changed += j.changed;
      rescored += j.rescored;
    }
    // Every delivery the jobs made has been sent (and answered 200 by the receiver).
    let expected = 0;
    for (;;) {
      const edges = (await gql(`query($id: ID!) { webhook(id: $id) { deliveries(first: 100) { edges { node { status eventCount } } } } }`, { id: hook })).webhook.deliveries.edges as Array<{ node: { status: string; eventCount: number } }>;
      if (edges.length > 0 && edges.every((e) => e.node.status === 'DELIVERED')) {
        expected = edges.reduce((a, e) => a + e.node.eventCount, 0);
        break;
      }
      if (edges.some((e) => e.node.status === 'FAILED')) throw new Error('a delivery failed');
      await new Promise((r) => setTimeout(r, 50));
    }
    await receiver.waitFor(() => receiver.events(`/${kind}`).length >= expected, 60_000);
    const latencies = receiver.on(`/${kind}`).flatMap((r) => JSON.parse(r.body).events.map(() => r.at - sentAt));
    out[`${kind}_upsert_answer_ms`] = answeredMs;
    out[`${kind}_customers_rescored`] = rescored;
    out[`${kind}_events`] = latencies.length;
    out[`${kind}_p50_event_latency_ms`] = percentile(latencies, 50);
    out[`${kind}_p99_event_latency_ms`] = percentile(latencies, 99);
    console.log(`${kind}: ${orders.length} orders answered in ${answeredMs} ms; ${changed} customers moved; ${latencies.length} events, p50 ${out[`${kind}_p50_event_latency_ms`]} ms, p99 ${out[`${kind}_p99_event_latency_ms`]} ms`);

    // (2) Throughput: every customer by k-means, then by k-means and gpt.
    const ids = customers.map((c) => c.id);
    const rescoreAll = async () => {
      const jobs = (await gql(`mutation($ids: [ID!]!) { rescoreCustomers(ids: $ids) { id } }`, { ids })).rescoreCustomers as Array<{ id: string }>;
      let seconds = 0;
      let n = 0;
      for (const { id } of jobs) {
        const j = await job(id);
        seconds += (new Date(j.finishedAt).getTime() - new Date(j.startedAt).getTime()) / 1000;
        n += j.customers;
      }
      return { seconds, customers: n };
    };
    const kmeansOnly = await rescoreAll();
    out[`${kind}_rescore_customers_per_s_kmeans`] = Math.round(kmeansOnly.customers / kmeansOnly.seconds);
    await train('sequences', 'gpt', { epochs: 1, k: 6 }, 'taste');
    await rescoreAll(); // warm-up: the gpt artifact is loaded by the first job
    const both = await rescoreAll();
    out[`${kind}_rescore_customers_per_s_gpt`] = Math.round(both.customers / Math.max(0.001, both.seconds - kmeansOnly.seconds));
    console.log(`${kind}: re-scoring ${both.customers} customers: k-means ${kmeansOnly.seconds.toFixed(2)} s, k-means + gpt ${both.seconds.toFixed(2)} s`);

    // (3) A segment page's p99, idle and while re-scoring runs.
    const segments = (await gql(op('Segments'))).segments as Array<{ id: string; size: number }>;
    const largest = segments.reduce((a, b) => (b.size > a.size ? b : a));
    const body = JSON.stringify({ query: op('SegmentCustomersPage'), variables: { segmentId: largest.id, first: 100 } });
    const load = async () => {
      await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${admin}` }, body }).then((r) => r.text());
      const result = await autocannon({ url, method: 'POST', connections: CONNECTIONS, duration: SECONDS, headers: { 'content-type': 'application/json', authorization: `Bearer ${admin}` }, body });
      return { p99: result.latency.p99, rps: Math.round(result.requests.average), errors: result.errors + result.non2xx + result.timeouts };
    };
    const idle = await load();
    let busy = true;
    let rounds = 0;
    const background = (async () => {
      while (busy) {
        await rescoreAll();
        rounds++;
      }
    })();
    await new Promise((r) => setTimeout(r, 500));
    const during = await load();
    busy = false;
    await background;
    out[`${kind}_idle_segment_page_p99_ms`] = idle.p99;
    out[`${kind}_rescoring_segment_page_p99_ms`] = during.p99;
    out[`${kind}_p99_ratio_rescoring_vs_idle`] = Math.round((during.p99 / idle.p99) * 100) / 100;
    out[`${kind}_rescoring_rounds_during_load`] = rounds;
    console.log(`${kind}: segment page p99 idle ${idle.p99} ms (${idle.rps} req/s), while re-scoring ${during.p99} ms (${during.rps} req/s, ${rounds} rounds of ${ids.length} customers)`);
    if (idle.errors + during.errors > 0) throw new Error(`${idle.errors + during.errors} failed requests`);
  } finally {
    server.kill('SIGTERM');
    await new Promise((r) => server.once('exit', r));
  }
  return out;
}

async function main(): Promise<void> {
  if (!fs.existsSync(DATA)) throw new Error(`Online Retail data not found at ${DATA} (set ONLINE_RETAIL_CSV)`);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'segmentql-stream-bench-'));
  const receiver = new WebhookReceiver();
  await receiver.start();
  const result: Record<string, unknown> = { data: path.basename(DATA), cores: os.cpus().length, seconds_per_load: SECONDS, connections: CONNECTIONS };
  try {
    for (const kind of DATABASES) Object.assign(result, await benchDatabase(kind, dir, receiver));
  } finally {
    await receiver.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
  for (const metric of ['p99_event_latency_ms', 'rescore_customers_per_s_kmeans', 'rescore_customers_per_s_gpt', 'p99_ratio_rescoring_vs_idle']) {
    const values = DATABASES.map((k) => result[`${k}_${metric}`] as number);
    result[metric] = metric.startsWith('p99') ? Math.max(...values) : Math.min(...values);
  }
  console.log(JSON.stringify(result));
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
