/**
 * npm run bench:cluster — several machines on this one: 2 API instances (WORKERS=none) and `segmentql worker`
 * processes on PostgreSQL (BENCH_PG_URL, default postgres://postgres@127.0.0.1:5432/test, in a fresh database) and a
 * redis-server of the bench's own, on the demo shop (SEED_DEMO, 2,000 customers by default).
 * (1) Queue overhead: `startTrainingRun` through API A answers at t0; a graphql-ws subscriber on API B (on a socket
 *     already open, subscribing as soon as the id is known) gets the run's first RUNNING message at t1 — published by
 *     the worker that took the job from Redis. `dispatch_p50_ms` / `dispatch_p99_ms` over the runs whose subscription
 *     began while the run was still QUEUED (`dispatch_samples` of BENCH_RUNS, default 100, small k-means runs, one at
 *     a time; goal p99 <= 100 ms); `answer_to_worker_start_*` over every run: the worker's `startedAt` minus t0.
 * (2) Throughput: BENCH_BATCH (default 40) small k-means runs queued at once, time until the last SUCCEEDED, with 1
 *     worker (`runs_per_s_1`) and then with 2 (`runs_per_s_2`).
 * (3) The p99 of a segment page (100 customers, schema/operations/SegmentCustomersPage.graphql) on A, idle and while
 *     both workers train a gpt run each (`p99_ratio_training_vs_idle`, goal <= 1.5); autocannon, BENCH_CONNECTIONS
 *     (default 4) connections for BENCH_SECONDS (default 10) each.
 * The last line is one JSON object.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import { createClient, Client } from 'graphql-ws';
import WebSocket from 'ws';
import { LocalCluster, ClusterApi } from '../../src/cli/local-cluster';
import { TestRedis } from '../helpers/redis-server';
import { REPO_ROOT } from '../helpers/paths';
import { freshPostgres } from './fresh-postgres';

const PG_URL = process.env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const RUNS = Number(process.env.BENCH_RUNS ?? 100);
const BATCH = Number(process.env.BENCH_BATCH ?? 40);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 4);
const op = (name: string) => fs.readFileSync(path.join(REPO_ROOT, 'schema', 'operations', `${name}.graphql`), 'utf8');

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

async function main(): Promise<void> {
  const db = await freshPostgres(PG_URL, `segmentql_bench_cluster_${process.pid}`);
  const redis = await TestRedis.start();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'segmentql-bench-cluster-'));
  const cluster = new LocalCluster({
    databaseUrl: db.url,
    redisUrl: redis.url,
    prefix: 'bench',
    dir,
    env: { RATE_LIMIT_PER_MINUTE: '0', TRAINING_QUEUE_LIMIT: '100000', ...(process.env.SEED_DEMO ? { SEED_DEMO: process.env.SEED_DEMO } : {}) },
  });
  let ws: Client | null = null;
  try {
    const A = await cluster.startApi();
    const B = await cluster.startApi();
    await cluster.startWorker();
    const key = cluster.adminKey!;
    const gql = async (api: ClusterApi, query: string, variables?: Record<string, unknown>) => {
      const res = (await (await fetch(api.url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` }, body: JSON.stringify({ query, variables }) })).json()) as {
        data?: any;
        errors?: unknown;
      };
      if (res.errors) throw new Error(JSON.stringify(res.errors));
      return res.data;
    };
    const status = async (id: string) => (await gql(B, `query($id: ID!) { trainingRun(id: $id) { status error progress modelVersion { id } } }`, { id })).trainingRun;
    const model = (await gql(A, `mutation { registerModel(input: { name: "rfm", segmenter: "kmeans", params: { k: 4 } }) { id } }`)).registerModel.id;
    const start = async (m = model) => (await gql(A, `mutation($m: ID!) { startTrainingRun(modelId: $m) { id } }`, { m })).startTrainingRun.id as string;
    const waitAll = async (ids: string[]) => {
      for (const id of ids) {
        for (;;) {
          const r = await status(id);
          if (r.status === 'SUCCEEDED') break;
          if (r.status === 'FAILED' || r.status === 'CANCELLED') throw new Error(`run ${id}: ${r.status} ${r.error}`);
          await new Promise((resolve) => setTimeout(resolve, 50));
        }
      }
    };
    // A warm-up run: features and the worker's first thread are not what is measured.
    const first = await start();
    await waitAll([first]);
    await gql(A, `mutation($v: ID!) { setModelAlias(versionId: $v, alias: "production") { id } }`, { v: (await status(first)).modelVersion.id });

    // (1) dispatch: start through A, first RUNNING message at a subscriber on B. The subscriber can only subscribe once
    // the id is known (when the mutation answers): a sample counts when the subscription's first message (the state
    // it read) still says QUEUED, so that the RUNNING message after it is the worker's, delivered through Redis. When
    // the worker was quicker than the subscription, the sample is not counted; every run gives `startedAt` (written
    // by the worker as it starts) minus the answer's time, the queue's share alone.
    ws = createClient({ url: B.url.replace(/^http/, 'ws'), webSocketImpl: WebSocket, lazy: false, retryAttempts: 0, connectionParams: { authorization: `Bearer ${key}` }, onNonLazyError: () => undefined });
    const dispatch: number[] = [];
    const toWorker: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const id = await start();
      const t0 = performance.now();
      const answeredAt = Date.now();
      let first: string | null = null;
      let arrival: number | null = null;
      let startedAt: number | null = null;
      await new Promise<void>((resolve, reject) => {
        ws!.subscribe<{ trainingRunProgress: { status: string; startedAt: string | null } }>(
          { query: `subscription($id: ID!) { trainingRunProgress(runId: $id) { status startedAt } }`, variables: { id } },
          {
            next: (m) => {
              const run = m.data?.trainingRunProgress;
              if (!run) return;
              first ??= run.status;
              if (run.status !== 'QUEUED' && arrival === null) arrival = performance.now();
              if (run.startedAt) startedAt = new Date(run.startedAt).getTime();
            },
            error: reject,
            complete: () => resolve(),
          },
        );
      });
      if (first === 'QUEUED' && arrival !== null) dispatch.push(arrival - t0);
      if (startedAt !== null) toWorker.push(Math.max(0, startedAt - answeredAt));
    }

    // (2) throughput with 1 worker, then 2.
    const batch = async () => {
      const t = performance.now();
      const ids: string[] = [];
      for (let i = 0; i < BATCH; i++) ids.push(await start());
      await waitAll(ids);
      return BATCH / ((performance.now() - t) / 1000);
    };
    const runsPerS1 = await batch();
    await cluster.startWorker();
    const runsPerS2 = await batch();

    // (3) a segment page on A, idle and while both workers train a gpt run each.
    const segments = (await gql(A, op('Segments'))).segments as Array<{ id: string; size: number }>;
    const largest = segments.reduce((a, b) => (b.size > a.size ? b : a));
    const body = JSON.stringify({ query: op('SegmentCustomersPage'), variables: { segmentId: largest.id, first: 100 } });
    const measure = async () => {
      const result = await autocannon({ url: A.url, method: 'POST', connections: CONNECTIONS, duration: SECONDS, headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` }, body });
      return { p50: result.latency.p50, p99: result.latency.p99, rps: result.requests.average, errors: result.errors + result.non2xx };
    };
    const idle = await measure();
    const gpt = (await gql(A, `mutation { registerModel(input: { name: "gpt", segmenter: "gpt", params: { k: 4, epochs: 50, patience: 100 } }) { id } }`)).registerModel.id;
    const gptRuns = [await start(gpt), await start(gpt)];
    for (const id of gptRuns) {
      for (;;) {
        const r = await status(id);
        if (r.status === 'RUNNING' && r.progress > 0.02) break;
        if (r.status !== 'QUEUED' && r.status !== 'RUNNING') throw new Error(`gpt run ${id} ended (${r.status} ${r.error}) before the measurement`);
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
    }
    const training = await measure();
    const stillTraining = await Promise.all(gptRuns.map(status));
    for (const id of gptRuns) await gql(A, `mutation($id: ID!) { cancelTrainingRun(id: $id) { id } }`, { id });

    const summary = {
      bench: 'cluster',
      apis: 2,
      customers: Number((await gql(A, `{ customers(first: 1) { totalCount } }`)).customers.totalCount),
      cores: os.cpus().length,
      runs: RUNS,
      dispatch_samples: dispatch.length,
      dispatch_p50_ms: dispatch.length ? Math.round(percentile(dispatch, 50) * 10) / 10 : null,
      dispatch_p99_ms: dispatch.length ? Math.round(percentile(dispatch, 99) * 10) / 10 : null,
      dispatch_goal_p99_ms: 100,
      answer_to_worker_start_p50_ms: Math.round(percentile(toWorker, 50)),
      answer_to_worker_start_p99_ms: Math.round(percentile(toWorker, 99)),
      batch: BATCH,
      runs_per_s_1: Math.round(runsPerS1 * 100) / 100,
      runs_per_s_2: Math.round(runsPerS2 * 100) / 100,
      segment_page_idle: idle,
      segment_page_training: training,
      gpt_runs_still_running_at_end: stillTraining.filter((r) => r.status === 'RUNNING').length,
      p99_ratio_training_vs_idle: Math.round((training.p99 / Math.max(1, idle.p99)) * 100) / 100,
      p99_ratio_goal: 1.5,
    };
    process.stdout.write(`${JSON.stringify(summary)}\n`);
  } finally {
    await ws?.dispose();
    await cluster.stop();
    await redis.kill();
    await db.drop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((err) => {
  process.stderr.write(`${(err as Error).stack ?? String(err)}\n`);
  process.exit(1);
});
