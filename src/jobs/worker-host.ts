import os from 'node:os';
import crypto from 'node:crypto';
import { DataSource } from 'typeorm';
import { DelayedError, Job, WaitingError, Worker } from 'bullmq';
import { AppPubSub, Topic } from '../pubsub/pubsub';
import { BullMqJobQueue, JobData, QueueName } from './bullmq-job-queue';
import { JOB_KINDS, JobExecutors } from './job-queue';
import { JobLeases } from './job-lease';
import { RedisClients } from './redis';
import { WorkerInfo } from './worker-registry';
import { withTimeout } from './with-timeout';

export interface WorkerHostOptions {
  queues: QueueName[];
  /** Jobs taken at once, per queue. */
  concurrency: number;
  /** JOB_LOCK_MS: the lease and BullMQ's lock; a worker silent this long is dead. */
  lockMs: number;
  /** WORKER_SHUTDOWN_SECONDS: how long `stop` lets running jobs finish before handing them back. */
  shutdownSeconds: number;
  capabilities: Pick<WorkerInfo, 'backends' | 'gpu' | 'plugins'>;
  log: (line: string) => void;
}

/** A worker id that says where it runs: `<host>:<pid>:<random>`. */
export function newWorkerId(): string {
  return `${os.hostname()}:${process.pid}:${crypto.randomBytes(3).toString('hex')}`;
}

/**
 * Runs jobs from BullMQ queues in this process (`segmentql worker`, or an API instance with WORKERS=embedded), with
 * the same executors as one process. For every job it takes the row's lease, beats while the job runs, and lets go
 * when it ends; it announces itself, hears cancellations, re-queues what Redis lost, and on `stop` finishes or hands
 * back what it holds.
 */
export class WorkerHost {
  readonly id = newWorkerId();
  private readonly leases: JobLeases;
  private readonly workers: Worker<JobData>[] = [];
  /** Jobs held now, `kind:id`. */
  private readonly held = new Set<string>();
  private readonly handedBack = new Set<string>();
  private readonly startedAt = new Date().toISOString();
  private timer: NodeJS.Timeout | null = null;
  private cancels: AsyncIterator<unknown> | null = null;
  private stopping = false;
  private ticking = false;

  constructor(
    dataSource: DataSource,
    private readonly redis: RedisClients,
    private readonly queue: BullMqJobQueue,
    private readonly executors: JobExecutors,
    private readonly pubsub: AppPubSub,
    private readonly options: WorkerHostOptions,
  ) {
    this.leases = new JobLeases(dataSource, this.id, options.lockMs);
  }

  /** How often the lease is renewed and the worker announced. */
  private get beatMs(): number {
    return Math.max(200, Math.min(5000, Math.floor(this.options.lockMs / 4)));
  }

  async start(): Promise<void> {
    const cancels = this.pubsub.subscribe(Topic.JOB_CANCEL);
    this.cancels = cancels;
    void (async () => {
      for await (const { kind, id } of cancels) if (this.held.has(`${kind}:${id}`)) await this.executors[kind].cancel(id);
    })().catch((err) => this.options.log(`worker ${this.id}: listening for cancellations failed: ${(err as Error).message}`));
    await this.tick();
    for (const name of this.options.queues) {
      const worker = new Worker<JobData>(name, (job, token) => this.process(job, token), {
        connection: this.redis.jobs,
        prefix: this.redis.prefix,
        concurrency: this.options.concurrency,
        lockDuration: this.options.lockMs,
        stalledInterval: this.options.lockMs,
        // A job whose worker died is taken over (stalled-job detection); one that keeps killing workers fails.
        maxStalledCount: 3,
      });
      worker.on('error', (err) => this.options.log(`worker ${this.id} (${name}): ${err.message}`));
      worker.on('failed', (job, err) => {
        // BullMQ gave up on it (stalled too often, or the database failed under the claim): the row must not stay
        // QUEUED or RUNNING for ever — unless a live worker holds it after all. The reconciler retries what is left.
        if (job && !(err instanceof DelayedError) && !(err instanceof WaitingError)) {
          void this.executors[job.data.kind]
            .abandon(job.data.id, 'FAILED', `the job failed: ${err.message}`, this.options.lockMs)
            .catch((e) => this.options.log(`worker ${this.id}: recording the failure of ${job.data.kind} ${job.data.id} failed: ${(e as Error).message}`));
        }
      });
      this.workers.push(worker);
    }
    this.timer = setInterval(() => void this.tick(), this.beatMs);
    this.timer.unref();
    this.options.log(`worker ${this.id} takes ${this.options.queues.join(', ')} (concurrency ${this.options.concurrency})`);
  }

  private async process(job: Job<JobData>, token: string | undefined): Promise<void> {
    const { kind, id, requestId } = job.data;
    const executor = this.executors[kind];
    const key = `${kind}:${id}`;
    const later = async () => {
      await job.moveToDelayed(Date.now() + Math.max(500, this.options.lockMs / 2), token);
      throw new DelayedError();
    };
    // Already running here (BullMQ gave a job it took for stalled back to this same process): never twice at once.
    if (this.held.has(key)) return later();
    const claim = await this.leases.claim(executor.entity, id);
    if (claim === 'finished') return;
    if (claim === 'cancelled') {
      // Cancelled before any worker started it (or while its worker was dead): it ends here, unless a live worker
      // holds it — that one stops at its next heartbeat.
      await executor.abandon(id, 'CANCELLED', 'cancelled', this.options.lockMs);
      return;
    }
    // A live worker holds it (or one that died recently, not yet silent for JOB_LOCK_MS): look again later.
    if (claim === 'held') return later();
    this.held.add(key);
    const requestNote = requestId ? ` (request ${requestId})` : '';
    this.options.log(`worker ${this.id}: ${key} started${requestNote}`);
    let lost = false;
    const beat = setInterval(() => {
      this.leases
        .renew(executor.entity, id)
        .then(async (state) => {
          if (!this.held.has(key) || state === 'ok' || state === 'finished') return;
          if (state === 'cancelled') return executor.cancel(id);
          // Another worker took the job over (this one was silent too long): stop; the lease guards every write.
          lost = true;
          this.options.log(`worker ${this.id}: lost the lease of ${key} to another worker; stopping it here`);
          return executor.cancel(id);
        })
        .catch((err) => this.options.log(`worker ${this.id}: renewing the lease of ${key} failed: ${(err as Error).message}`));
    }, this.beatMs);
    try {
      await executor.runNow(id, this.leases.workerId);
    } finally {
      clearInterval(beat);
      this.held.delete(key);
      await this.leases.release(executor.entity, id).catch((err) => this.options.log(`worker ${this.id}: releasing ${key} failed: ${(err as Error).message}`));
    }
    if (this.handedBack.delete(key) && !lost) {
      this.options.log(`worker ${this.id}: ${key} handed back${requestNote}`);
      await job.moveToWait(token);
      throw new WaitingError();
    }
    this.options.log(`worker ${this.id}: ${key} ${lost ? 'left to the worker that took it over' : 'ended'}${requestNote}`);
  }

  /** Announces this worker, and (one process at a time) re-queues what no queue and no live worker holds. */
  private async tick(): Promise<void> {
    if (this.ticking) return;
    this.ticking = true;
    try {
      await this.queue.workers.announce(this.info());
      if (!this.stopping) await this.reconcile();
    } catch (err) {
      this.options.log(`worker ${this.id}: ${(err as Error).message}`);
    } finally {
      this.ticking = false;
    }
  }

  info(): WorkerInfo {
    return {
      id: this.id,
      host: os.hostname(),
      pid: process.pid,
      queues: this.options.queues,
      concurrency: this.options.concurrency,
      ...this.options.capabilities,
      running: [...this.held],
      startedAt: this.startedAt,
      lastSeenAt: new Date().toISOString(),
      stopping: this.stopping,
    };
  }

  /**
   * Jobs the database says are unfinished, that no live worker holds and no queue has — Redis restarted (it keeps
   * nothing on disk), or an API instance stopped between committing a row and queueing it — are queued again.
   */
  async reconcile(): Promise<number> {
    const lock = await this.redis.jobs.set(`${this.redis.prefix}:reconciler`, this.id, 'PX', this.beatMs * 2, 'NX');
    if (lock !== 'OK') return 0;
    let requeued = 0;
    for (const kind of JOB_KINDS) {
      for (const row of await this.leases.unfinished(this.executors[kind].entity)) {
        if (row.held) continue;
        if (row.cancelled) {
          await this.executors[kind].abandon(row.id, 'CANCELLED', 'cancelled', this.options.lockMs);
          continue;
        }
        if (await this.queue.has(kind, row.id, row.gpu)) continue;
        await this.queue.enqueue(kind, row.id, { gpu: row.gpu, replaceEnded: true });
        requeued++;
        this.options.log(`worker ${this.id}: queued ${kind} ${row.id} again (${row.status}, in no queue and held by no live worker)`);
      }
    }
    return requeued;
  }

  /**
   * Stops taking jobs; running ones may finish within WORKER_SHUTDOWN_SECONDS, then they are handed back (QUEUED
   * again, their lease given up) for another worker to take at once.
   */
  async stop(): Promise<void> {
    if (this.stopping) return;
    this.stopping = true;
    await withTimeout(this.queue.workers.announce(this.info()), 1000).catch(() => undefined);
    const closing = Promise.all(this.workers.map((w) => w.close()));
    let deadline: NodeJS.Timeout | undefined;
    const expired = new Promise<'deadline'>((resolve) => (deadline = setTimeout(() => resolve('deadline'), this.options.shutdownSeconds * 1000)));
    if ((await Promise.race([closing.then(() => 'closed' as const), expired])) === 'deadline') {
      for (const key of [...this.held]) {
        const [kind, id] = [key.slice(0, key.indexOf(':')), key.slice(key.indexOf(':') + 1)] as [keyof JobExecutors, string];
        this.handedBack.add(key);
        await this.executors[kind].cancel(id, { handBack: true });
      }
      await withTimeout(closing, 15_000).catch((err) => this.options.log(`worker ${this.id}: closing its queues: ${(err as Error).message}`));
    }
    clearTimeout(deadline);
    if (this.timer) clearInterval(this.timer);
    await this.cancels?.return?.();
    await withTimeout(this.queue.workers.remove(this.id), 1000).catch(() => undefined);
  }
}
