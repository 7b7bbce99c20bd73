import http from 'node:http';
import { AddressInfo } from 'node:net';

/** One request a receiver got. */
export interface Received {
  path: string;
  headers: http.IncomingHttpHeaders;
  body: string;
  at: number;
  status: number;
}

/**
 * A real HTTP server standing in for another system's webhook endpoint. Each path answers with the statuses given
 * for it in turn (the last one repeats); unknown paths answer 200.
 */
export class WebhookReceiver {
  readonly received: Received[] = [];
  private readonly plans = new Map<string, number[]>();
  private server: http.Server | null = null;
  url = '';

  /** `plan('/flaky', [500, 500, 200])`: the first two requests get 500, every later one 200. */
  plan(path: string, statuses: number[]): void {
    this.plans.set(path, [...statuses]);
  }

  async start(): Promise<void> {
    this.server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const path = req.url ?? '/';
        const plan = this.plans.get(path);
        const status = plan ? (plan.length > 1 ? plan.shift()! : plan[0]) : 200;
        this.received.push({ path, headers: req.headers, body: Buffer.concat(chunks).toString('utf8'), at: Date.now(), status });
        res.writeHead(status, { 'content-type': 'text/plain' }).end(status < 300 ? 'ok' : 'no');
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  /** Requests to a path, in arrival order. */
  on(path: string): Received[] {
    return this.received.filter((r) => r.path === path);
  }

  /** Every event delivered (2xx) to a path, flattened from the batches. */
  events(path: string): Array<{ id: string; type: string; occurredAt: string; data: Record<string, any> }> {
    return this.on(path)
      .filter((r) => r.status < 300)
      .flatMap((r) => JSON.parse(r.body).events);
  }

  async waitFor<T>(check: () => T | undefined | null | false, timeoutMs = 15_000): Promise<T> {
    const until = Date.now() + timeoutMs;
    for (;;) {
      const value = check();
      if (value) return value;
      if (Date.now() > until) throw new Error(`waited ${timeoutMs} ms in vain; received: ${JSON.stringify(this.received.map((r) => ({ path: r.path, status: r.status, body: r.body.slice(0, 300) })))}`);
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  }

  async stop(): Promise<void> {
    const closed = new Promise((resolve) => this.server?.close(resolve));
    this.server?.closeAllConnections();
    await closed;
  }
}
