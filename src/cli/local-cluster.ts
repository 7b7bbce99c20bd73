import { ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';

/** One process of a local cluster: an API instance or a worker. */
export interface ClusterProcess {
  name: string;
  proc: ChildProcess;
  /** Everything it wrote to stderr so far. */
  output(): string;
  /** Resolves with its exit code (or signal) when it exits. */
  exited: Promise<number | string | null>;
}

export interface ClusterApi extends ClusterProcess {
  port: number;
  /** http://127.0.0.1:<port>/graphql */
  url: string;
}

export interface LocalClusterOptions {
  databaseUrl: string;
  redisUrl: string;
  /** REDIS_PREFIX of this cluster (several can share a Redis). */
  prefix?: string;
  apis?: number;
  workers?: number;
  /** First API port; the others follow (default: free ports). */
  basePort?: number;
  /** Each process gets its own MODELS_DIR and EXPORTS_DIR under it: they share no disk, as on separate machines. */
  dir: string;
  /** More environment for every process (JOB_LOCK_MS, RATE_LIMIT_PER_MINUTE, SEGMENTQL_PLUGINS, ...). */
  env?: Record<string, string>;
  /** Where the processes' log lines go, prefixed with their names (default: nowhere). */
  onLine?: (name: string, line: string) => void;
}

const ROOT = path.resolve(__dirname, '..', '..', '..');
const MAIN = path.join(ROOT, 'dist', 'src', 'main.js');
const CLI = path.join(ROOT, 'dist', 'src', 'cli', 'main.js');

/**
 * Several machines on this one (`npm run cluster:local`, the cluster tests and `npm run bench:cluster`): API
 * instances with WORKERS=none and `segmentql worker` processes on one PostgreSQL and one Redis. The first API starts
 * alone (it runs migrations, seeds the demo shop into an empty database and prints the admin key); the rest follow.
 */
export class LocalCluster {
  readonly apis: ClusterApi[] = [];
  readonly workers: ClusterProcess[] = [];
  adminKey: string | null = null;
  private workerCount = 0;

  constructor(readonly options: LocalClusterOptions) {}

  private env(name: string, extra: Record<string, string>): NodeJS.ProcessEnv {
    const dir = path.join(this.options.dir, name);
    fs.mkdirSync(dir, { recursive: true });
    return {
      ...process.env,
      DATABASE_URL: this.options.databaseUrl,
      REDIS_URL: this.options.redisUrl,
      REDIS_PREFIX: this.options.prefix ?? 'segmentql',
      MODELS_DIR: path.join(dir, 'models'),
      EXPORTS_DIR: path.join(dir, 'exports'),
      ...this.options.env,
      ...extra,
    };
  }

  private spawnProcess(name: string, args: string[], env: NodeJS.ProcessEnv): ClusterProcess {
    const proc = spawn(process.execPath, args, { cwd: ROOT, env, stdio: ['ignore', 'ignore', 'pipe'] });
    let output = '';
    let partial = '';
    proc.stderr!.on('data', (chunk: Buffer) => {
      output += chunk;
      partial += chunk;
      const lines = partial.split('\n');
      partial = lines.pop()!;
      for (const line of lines) this.options.onLine?.(name, line);
    });
    const exited = new Promise<number | string | null>((resolve) =>
      proc.once('exit', (code, signal) => {
        this.options.onLine?.(name, `exited (${signal ?? `code ${code}`})`);
        resolve(code ?? signal);
      }),
    );
    return { name, proc, output: () => output, exited };
  }

  /** Starts an API instance (WORKERS=none unless `env` says otherwise) and waits until /healthz answers. */
  async startApi(env: Record<string, string> = {}): Promise<ClusterApi> {
    const index = this.apis.length;
    const name = `api-${String.fromCharCode(97 + index)}`;
    const port = this.options.basePort ? this.options.basePort + index : await freePort();
    const p = this.spawnProcess(name, [MAIN], this.env(name, { PORT: String(port), WORKERS: 'none', SEED_DEMO: index === 0 ? 'auto' : 'false', ...env }));
    const listening = await waitFor(p, /listening on http:\/\/localhost:(\d+)\//, 120_000);
    const api: ClusterApi = { ...p, port: Number(listening[1]), url: `http://127.0.0.1:${listening[1]}/graphql` };
    this.adminKey ??= /admin API key: (\S+)/.exec(p.output())?.[1] ?? null;
    this.apis.push(api);
    return api;
  }

  /** Starts a worker and waits until it takes jobs. */
  async startWorker(args: string[] = [], env: Record<string, string> = {}): Promise<ClusterProcess> {
    const name = `worker-${++this.workerCount}`;
    const p = this.spawnProcess(name, [CLI, 'worker', ...args], this.env(name, env));
    await waitFor(p, /segmentql worker \S+ ready/, 120_000);
    this.workers.push(p);
    return p;
  }

  /** Replaces API instance `index` (after it exited) with a new process on the same port. */
  async restartApi(index: number): Promise<ClusterApi> {
    const old = this.apis[index];
    const name = old.name;
    const p = this.spawnProcess(name, [MAIN], this.env(name, { PORT: String(old.port), WORKERS: 'none', SEED_DEMO: 'false' }));
    await waitFor(p, /listening on http:\/\/localhost:(\d+)\//, 120_000);
    const api: ClusterApi = { ...p, port: old.port, url: old.url };
    this.apis[index] = api;
    return api;
  }

  async start(): Promise<this> {
    const apis = this.options.apis ?? 2;
    const workers = this.options.workers ?? 2;
    await this.startApi();
    for (let i = 1; i < apis; i++) await this.startApi();
    for (let i = 0; i < workers; i++) await this.startWorker();
    return this;
  }

  /**
   * SIGTERM to every process still running, then waits for them; SIGKILL after `graceMs` (default: the workers'
   * WORKER_SHUTDOWN_SECONDS plus 15 s, so that they finish or hand back their jobs first).
   */
  async stop(graceMs = (Number(this.options.env?.WORKER_SHUTDOWN_SECONDS ?? process.env.WORKER_SHUTDOWN_SECONDS ?? 30) + 15) * 1000): Promise<void> {
    const all = [...this.apis, ...this.workers].filter((p) => p.proc.exitCode === null && p.proc.signalCode === null);
    for (const p of all) p.proc.kill('SIGTERM');
    const timer = setTimeout(() => {
      for (const p of all) {
        if (p.proc.exitCode !== null || p.proc.signalCode !== null) continue;
        this.options.onLine?.(p.name, `did not stop within ${Math.round(graceMs / 1000)} s of SIGTERM: killed (SIGKILL)`);
        p.proc.kill('SIGKILL');
      }
    }, graceMs);
    await Promise.all(all.map((p) => p.exited));
    clearTimeout(timer);
  }
}

/** A port nothing listens on now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const port = (server.address() as net.AddressInfo).port;
      server.close(() => resolve(port));
    });
  });
}

/** Waits for a log line matching `pattern`; fails with the process's output if it exits or takes too long. */
export async function waitFor(p: ClusterProcess, pattern: RegExp, timeoutMs: number): Promise<RegExpExecArray> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const match = pattern.exec(p.output());
    if (match) return match;
    if (p.proc.exitCode !== null || p.proc.signalCode !== null) throw new Error(`${p.name} exited before ${pattern}:\n${p.output()}`);
    if (Date.now() > deadline) throw new Error(`${p.name}: no ${pattern} within ${timeoutMs} ms:\n${p.output()}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** `segmentql cluster-local`: 2 API instances and 2 workers on this machine, until Ctrl-C. */
export async function runLocalCluster(options: { apis?: number; workers?: number; port?: number }, out: NodeJS.WriteStream): Promise<number> {
  const databaseUrl = process.env.DATABASE_URL ?? '';
  const redisUrl = process.env.REDIS_URL ?? '';
  if (!/^postgres(ql)?:\/\//.test(databaseUrl) || !/^rediss?:\/\//.test(redisUrl)) {
    out.write('cluster-local needs PostgreSQL and Redis: DATABASE_URL=postgres://... REDIS_URL=redis://... npm run cluster:local\n');
    return 2;
  }
  const cluster = new LocalCluster({
    databaseUrl,
    redisUrl,
    prefix: process.env.REDIS_PREFIX,
    apis: options.apis ?? 2,
    workers: options.workers ?? 2,
    basePort: options.port ?? 4000,
    dir: path.resolve(process.env.CLUSTER_DIR ?? 'data/cluster'),
    onLine: (name, line) => out.write(`${name.padEnd(9)}| ${line}\n`),
  });
  const stopping = new Promise<void>((resolve) => {
    process.once('SIGINT', () => resolve());
    process.once('SIGTERM', () => resolve());
  });
  try {
    await cluster.start();
  } catch (err) {
    out.write(`${(err as Error).message}\n`);
    await cluster.stop();
    return 1;
  }
  out.write(`\ncluster up: ${cluster.apis.map((a) => `http://localhost:${a.port}/graphql`).join(', ')}; ${cluster.workers.length} workers. Ctrl-C stops every process.\n`);
  if (cluster.adminKey) out.write(`admin API key (shown once): ${cluster.adminKey}\n`);
  await stopping;
  out.write('stopping the cluster...\n');
  await cluster.stop();
  return 0;
}
