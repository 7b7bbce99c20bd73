import { Job, Queue } from 'bullmq';
import { AppPubSub, Topic } from '../pubsub/pubsub';
import { EnqueueOptions, JobExecutors, JobKind, JobQueue } from './job-queue';
import { RedisClients } from './redis';
import { WorkerRegistry } from './worker-registry';
import { withTimeout } from './with-timeout';

/** BullMQ queue names. GPU training has its own queue: only workers with a GPU backend take from it. */
export const QUEUE_NAMES = ['training', 'training-gpu', 'evaluation', 'export', 'rescore'] as const;
export type QueueName = (typeof QUEUE_NAMES)[number];

export function queueOf(kind: JobKind, gpu: boolean): QueueName {
  return kind === 'training' && gpu ? 'training-gpu' : kind;
}

/** One job per row, under a stable id: adding it again (the reconciler) is a no-op while it exists. */
export function jobIdOf(kind: JobKind, id: string): string {
  return `${kind}-${id}`;
}

/** How long a request waits for Redis to take a job before answering anyway. */
const ENQUEUE_WAIT_MS = 2000;

export interface JobData {
  kind: JobKind;
  id: string;
  requestId?: string;
}

/**
 * Several machines: jobs go to BullMQ queues in Redis and any worker process (`segmentql worker`, or an API instance
 * with WORKERS=embedded) takes them. Cancelling removes a waiting job, or tells every worker over the pubsub.
 */
export class BullMqJobQueue implements JobQueue {
  readonly distributed = true;
  private readonly queues = new Map<QueueName, Queue<JobData>>();

  constructor(
    private readonly redis: RedisClients,
    private readonly executors: JobExecutors,
    private readonly pubsub: AppPubSub,
    readonly workers: WorkerRegistry,
    private readonly log: (line: string) => void,
    /** JOB_LOCK_MS: a holder silent this long is dead. */
    private readonly lockMs: number,
  ) {}

  queue(name: QueueName): Queue<JobData> {
    let queue = this.queues.get(name);
    if (!queue) {
      queue = new Queue<JobData>(name, { connection: this.redis.jobs, prefix: this.redis.prefix });
      queue.on('error', (err) => this.log(`queue ${name}: ${err.message}`));
      this.queues.set(name, queue);
    }
    return queue;
  }

  async enqueue(kind: JobKind, id: string, options: EnqueueOptions = {}): Promise<void> {
    const data: JobData = { kind, id, ...(options.requestId ? { requestId: options.requestId } : {}) };
    const queue = this.queue(queueOf(kind, options.gpu === true));
    if (options.replaceEnded) {
      const old = await queue.getJob(jobIdOf(kind, id));
      if (old && ['completed', 'failed'].includes(await old.getState())) await old.remove();
    }
    const added = queue.add(kind, data, {
      jobId: jobIdOf(kind, id),
      removeOnComplete: true,
      removeOnFail: { count: 1000 },
    });
    // The row is committed QUEUED already: while Redis is down the request does not wait for it, and the workers'
    // reconciler queues the job once Redis is back.
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<'late'>((resolve) => (timer = setTimeout(() => resolve('late'), ENQUEUE_WAIT_MS)));
    const outcome = await Promise.race([added.then(() => 'added' as const), late]).finally(() => clearTimeout(timer));
    if (outcome === 'late') {
      added.catch(() => undefined);
      this.log(`${kind} ${id}: Redis did not take the job within ${ENQUEUE_WAIT_MS} ms; it stays QUEUED and is queued when Redis answers`);
    }
  }

  async cancel(kind: JobKind, id: string): Promise<void> {
    const executor = this.executors[kind];
    // The request is written in the row first: whoever holds the job, or takes it later, sees it there.
    await executor.requestCancel(id);
    // Best effort, within a second (Redis may be down): a job still waiting leaves its queue.
    await withTimeout(this.removeWaiting(kind, id), 1000).catch(() => undefined);
    // No live worker holds it (waiting, or its worker is dead): it ends now. Otherwise its holder stops at its next
    // heartbeat, or at once when it hears this message.
    if (!(await executor.abandon(id, 'CANCELLED', 'cancelled before it started', this.lockMs))) {
      await this.pubsub.publish(Topic.JOB_CANCEL, { kind, id });
      await executor.cancel(id);
    }
  }

  private async removeWaiting(kind: JobKind, id: string): Promise<void> {
    for (const name of kind === 'training' ? (['training', 'training-gpu'] as const) : [kind]) {
      const job: Job<JobData> | undefined = await this.queue(name).getJob(jobIdOf(kind, id));
      const state = job ? await job.getState() : null;
      if (job && (state === 'waiting' || state === 'delayed' || state === 'prioritized')) await job.remove().catch(() => undefined);
    }
  }

  /** Waiting, active, delayed and failed counts per queue (/healthz, /metrics). */
  async counts(): Promise<Record<QueueName, { waiting: number; active: number; delayed: number; failed: number }>> {
    const out = {} as Record<QueueName, { waiting: number; active: number; delayed: number; failed: number }>;
    for (const name of QUEUE_NAMES) {
      const c = await this.queue(name).getJobCounts('waiting', 'active', 'delayed', 'failed', 'prioritized');
      out[name] = { waiting: (c.waiting ?? 0) + (c.prioritized ?? 0), active: c.active ?? 0, delayed: c.delayed ?? 0, failed: c.failed ?? 0 };
    }
    return out;
  }

  /** Whether a job for this row is in its queue (waiting, delayed or active). */
  async has(kind: JobKind, id: string, gpu: boolean): Promise<boolean> {
    const job = await this.queue(queueOf(kind, gpu)).getJob(jobIdOf(kind, id));
    if (!job) return false;
    const state = await job.getState();
    return state !== 'completed' && state !== 'failed' && state !== 'unknown';
  }

  async close(): Promise<void> {
    await Promise.all([...this.queues.values()].map((q) => q.close()));
  }
}
