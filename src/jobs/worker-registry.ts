import type Redis from 'ioredis';

/** What a worker process announces: where it runs, what it takes, and what it can run. */
export interface WorkerInfo {
  id: string;
  host: string;
  pid: number;
  /** BullMQ queues it takes jobs from (training-gpu only with a GPU backend). */
  queues: string[];
  concurrency: number;
  /** TensorFlow.js backends installed there. */
  backends: Array<{ name: string; available: boolean }>;
  gpu: boolean;
  plugins: Array<{ code: string; version: string }>;
  /** Jobs it holds now, as `kind:id`. */
  running: string[];
  startedAt: string;
  lastSeenAt: string;
  /** True once it got SIGTERM: it takes nothing new. */
  stopping: boolean;
}

/**
 * Live workers, each a Redis key that expires unless renewed: a worker that dies disappears within `ttlMs`. Only
 * for showing and routing (is a GPU worker up?); who holds a job is the database's lease (src/jobs/job-lease.ts).
 */
export class WorkerRegistry {
  constructor(
    /** Announcements wait out a Redis outage. */
    private readonly redis: Redis,
    /** Reads answer requests: they fail at once while Redis is down. */
    private readonly reader: Redis,
    private readonly prefix: string,
    private readonly ttlMs: number,
  ) {}

  private key(id: string): string {
    return `${this.prefix}:workers:${id}`;
  }

  async announce(info: WorkerInfo): Promise<void> {
    await this.redis.set(this.key(info.id), JSON.stringify(info), 'PX', this.ttlMs);
  }

  async remove(id: string): Promise<void> {
    await this.redis.del(this.key(id));
  }

  async list(): Promise<WorkerInfo[]> {
    const keys: string[] = [];
    let cursor = '0';
    do {
      const [next, batch] = await this.reader.scan(cursor, 'MATCH', `${this.prefix}:workers:*`, 'COUNT', 200);
      keys.push(...batch);
      cursor = next;
    } while (cursor !== '0');
    if (keys.length === 0) return [];
    const values = await this.reader.mget(...keys);
    return values
      .filter((v): v is string => v !== null)
      .map((v) => JSON.parse(v) as WorkerInfo)
      .sort((a, b) => a.id.localeCompare(b.id));
  }
}
