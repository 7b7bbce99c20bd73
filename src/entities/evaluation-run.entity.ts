import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { RunStatus } from './training-run.entity';

/**
 * One evaluation of model versions on a time split (features before `asOf`, outcomes in the following
 * `horizonDays`): queued, run in a worker thread off the request path, its metrics stored in version_evaluations.
 */
@Entity('evaluation_runs')
export class EvaluationRun {
  @PrimaryGeneratedColumn()
  id: number;

  /** The versions, in the order they were asked for. */
  @Column({ name: 'version_ids', type: 'simple-json' })
  versionIds: number[];

  @Column({ name: 'as_of', type: Date })
  asOf: Date;

  @Column({ name: 'horizon_days', type: 'integer' })
  horizonDays: number;

  /** Bootstrap resamples of the stability metrics. */
  @Column({ type: 'integer' })
  bootstraps: number;

  /** Recompute versions already evaluated on this split (otherwise they are skipped). */
  @Column({ type: 'boolean', default: false })
  refresh: boolean;

  @Column({ type: 'varchar', length: 16 })
  status: RunStatus;

  /** 0..1, never decreasing. */
  @Column({ type: 'float', default: 0 })
  progress: number;

  @Column({ type: 'text', nullable: true })
  message: string | null;

  @Column({ type: 'text', nullable: true })
  error: string | null;

  /** The API key that asked (null: AUTH=off or the CLI); the per-key queue limit counts on it. */
  @Column({ name: 'requested_by_key_id', type: 'integer', nullable: true })
  requestedByKeyId: number | null;

  @Column({ name: 'queued_at', type: Date })
  queuedAt: Date;

  @Column({ name: 'started_at', type: Date, nullable: true })
  startedAt: Date | null;

  @Column({ name: 'finished_at', type: Date, nullable: true })
  finishedAt: Date | null;

  /** The worker holding the job (several machines: `<host>:<pid>:<n>`); null while queued or in the embedded mode. */
  @Column({ name: 'worker_id', type: 'varchar', length: 120, nullable: true })
  workerId: string | null;

  /** When the holding worker last said it is alive: a lease older than JOB_LOCK_MS is a dead worker's, taken over. */
  @Column({ name: 'heartbeat_at', type: Date, nullable: true })
  heartbeatAt: Date | null;

  /** How many times a worker started it (more than 1: taken over from a worker that died or stopped). */
  @Column({ type: 'integer', default: 0 })
  attempts: number;

  /** Several machines: when someone asked to cancel it; the worker holding it sees it at its next heartbeat. */
  @Column({ name: 'cancel_requested_at', type: Date, nullable: true })
  cancelRequestedAt: Date | null;
}
