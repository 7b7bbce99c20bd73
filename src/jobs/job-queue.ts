import type { EntityTarget, ObjectLiteral } from 'typeorm';

/** The kinds of long work. Each has one executor per process (its runner) and, with Redis, one BullMQ queue. */
export type JobKind = 'training' | 'evaluation' | 'export' | 'rescore';
export const JOB_KINDS: readonly JobKind[] = ['training', 'evaluation', 'export', 'rescore'];

export interface EnqueueOptions {
  /** Only a worker with a GPU backend may take it (training runs with `accelerator: GPU`). */
  gpu?: boolean;
  /** The request that asked for it, carried into the worker's logs. */
  requestId?: string;
  /** The reconciler: a failed or completed job left under the same id is removed first (else adding is a no-op). */
  replaceEnded?: boolean;
}

/**
 * Where services send long work. One interface, two modes: in one process the job goes to the executor's own queue
 * (a worker thread runs it); with REDIS_URL it goes to a BullMQ queue and any worker process takes it. Services never
 * know which.
 */
export interface JobQueue {
  readonly distributed: boolean;
  /** Queues a job whose row (QUEUED) is already committed. */
  enqueue(kind: JobKind, id: string, options?: EnqueueOptions): Promise<void>;
  /**
   * Stops a job wherever it is: one still waiting is removed and recorded CANCELLED at once; one running is asked to
   * stop (in this process, or by a message the worker holding it hears) and ends CANCELLED at its next checkpoint.
   */
  cancel(kind: JobKind, id: string): Promise<void>;
  close(): Promise<void>;
}

/**
 * What runs one kind of job in a process: the training runner, the evaluation runner, the export service. The same
 * code runs a job in either mode; only who calls `runNow` differs.
 */
export interface JobExecutor {
  readonly kind: JobKind;
  /** The job rows' entity (status, worker_id, heartbeat_at, attempts): what leases are taken on. */
  readonly entity: EntityTarget<ObjectLiteral>;
  /** One process: queue on this process's own queue. */
  enqueue(id: string): void;
  /**
   * Stops the job if this process has it (queued here, or running here). `handBack`: this worker stops, the job goes
   * back to QUEUED for another one (never over a cancellation asked for by a user).
   */
  cancel(id: string, options?: { handBack?: boolean }): Promise<void>;
  /**
   * Runs the job now (a BullMQ worker's processor) and resolves when it has ended; a RUNNING row is taken over.
   * `owner`: the worker holding the row's lease; every write is conditional on it, so a worker that lost the lease
   * (another took the job over) writes nothing more.
   */
  runNow(id: string, owner?: string): Promise<void>;
  /**
   * Ends a job that will never run here (removed from its queue, or given up on) and tells subscribers; with
   * `unheldForMs`, only when no live worker holds it. Returns whether it ended it.
   */
  abandon(id: string, status: 'CANCELLED' | 'FAILED', message: string, unheldForMs?: number): Promise<boolean>;
  /** Several machines: writes the cancellation into the row, where the holder's heartbeat and every claim see it. */
  requestCancel(id: string): Promise<void>;
}

export type JobExecutors = Record<JobKind, JobExecutor>;

/** One process: every job runs on its executor's own queue. */
export class EmbeddedJobQueue implements JobQueue {
  readonly distributed = false;

  constructor(private readonly executors: JobExecutors) {}

  async enqueue(kind: JobKind, id: string): Promise<void> {
    this.executors[kind].enqueue(id);
  }

  async cancel(kind: JobKind, id: string): Promise<void> {
    await this.executors[kind].cancel(id);
  }

  async close(): Promise<void> {}
}
