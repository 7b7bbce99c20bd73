import type { Request, Response } from 'express';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { DataSource } from 'typeorm';
import { BullMqJobQueue } from './jobs/bullmq-job-queue';

/** The paths a request is counted under (never the raw URL: an export id per series would grow without end). */
function routeOf(path: string): string {
  if (path === '/graphql' || path === '/healthz' || path === '/metrics') return path;
  if (path.startsWith('/exports/')) return '/exports/:id';
  return 'other';
}

/** Node's own metrics (event-loop lag, memory, GC), collected once per process however many servers it runs. */
let processRegistry: Registry | null = null;
function processMetrics(): Registry {
  if (!processRegistry) {
    processRegistry = new Registry();
    collectDefaultMetrics({ register: processRegistry, prefix: 'segmentql_' });
  }
  return processRegistry;
}

/**
 * GET /metrics in Prometheus's text format: requests and their latencies, queue depths (several machines), runs by
 * status, and Node's own (event-loop lag, memory). One registry per server, so that several in one process (tests)
 * do not collide.
 */
export class Metrics {
  private readonly registry = new Registry();
  private readonly requests: Counter<'method' | 'route' | 'status'>;
  private readonly latency: Histogram<'method' | 'route'>;

  constructor(dataSource: DataSource, jobs: BullMqJobQueue | null) {
    this.requests = new Counter({ name: 'segmentql_http_requests_total', help: 'HTTP requests by route and status.', labelNames: ['method', 'route', 'status'], registers: [this.registry] });
    this.latency = new Histogram({
      name: 'segmentql_http_request_duration_seconds',
      help: 'HTTP request latency by route.',
      labelNames: ['method', 'route'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers: [this.registry],
    });
    new Gauge({
      name: 'segmentql_runs',
      help: 'Training and evaluation runs by status.',
      labelNames: ['kind', 'status'],
      registers: [this.registry],
      async collect() {
        this.reset();
        for (const [kind, table] of [
          ['training', 'training_runs'],
          ['evaluation', 'evaluation_runs'],
        ] as const) {
          const rows: Array<{ status: string; n: string | number }> = await dataSource.query(`SELECT status, count(*) AS n FROM ${table} GROUP BY status`);
          for (const r of rows) this.set({ kind, status: r.status }, Number(r.n));
        }
      },
    });
    if (jobs) {
      new Gauge({
        name: 'segmentql_queue_jobs',
        help: 'BullMQ jobs by queue and state (several machines).',
        labelNames: ['queue', 'state'],
        registers: [this.registry],
        async collect() {
          this.reset();
          const counts = await Promise.race([jobs.counts(), new Promise<null>((resolve) => setTimeout(() => resolve(null), 1000).unref())]).catch(() => null);
          if (!counts) return;
          for (const [queue, c] of Object.entries(counts)) for (const [state, n] of Object.entries(c)) this.set({ queue, state }, n);
        },
      });
    }
  }

  get contentType(): string {
    return this.registry.contentType;
  }

  render(): Promise<string> {
    return Registry.merge([processMetrics(), this.registry]).metrics();
  }

  /** Counts the request when its response is finished, and writes its log line when there is a request log. */
  observe(req: Request, res: Response, requestLog?: (entry: Record<string, unknown>) => void): void {
    const started = process.hrtime.bigint();
    // Now: a mounted router rewrites req.path while it handles the request.
    const route = routeOf(req.path);
    res.once('finish', () => {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      this.requests.inc({ method: req.method, route, status: String(res.statusCode) });
      this.latency.observe({ method: req.method, route }, seconds);
      requestLog?.({ requestId: res.locals.requestId, method: req.method, route, status: res.statusCode, ms: Math.round(seconds * 1000) });
    });
  }
}
