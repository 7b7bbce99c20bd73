import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export const RUN_STATUSES = ['QUEUED', 'RUNNING', 'SUCCEEDED', 'FAILED', 'CANCELLED'] as const;
export type RunStatus = (typeof RUN_STATUSES)[number];
export const FINISHED_STATUSES: readonly RunStatus[] = ['SUCCEEDED', 'FAILED', 'CANCELLED'];

/** One training of a model: queued, run off the request path, and ended with a version or an error. */
@Entity('training_runs')
@Index('idx_training_runs_model', ['modelId', 'id'])
export class TrainingRun {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ name: 'model_id', type: 'integer' })
  modelId: number;

  @Index()
  @Column({ type: 'varchar', length: 16 })
  status: RunStatus;

  /** The model's params with this run's overrides, validated. */
  @Column({ type: 'simple-json' })
  params: Record<string, unknown>;

  @Column({ type: 'integer' })
  seed: number;

  @Column({ type: 'float' })
  progress: number;

  @Column({ type: 'integer', nullable: true })
  step: number | null;

  @Column({ name: 'total_steps', type: 'integer', nullable: true })
  totalSteps: number | null;

  @Column({ type: 'integer', nullable: true })
  epoch: number | null;

  @Column({ type: 'float', nullable: true })
  loss: number | null;

  @Column({ name: 'validation_loss', type: 'float', nullable: true })
  validationLoss: number | null;

  @Column({ name: 'sequences_per_second', type: 'float', nullable: true })
  sequencesPerSecond: number | null;

  @Column({ name: 'eta_seconds', type: 'float', nullable: true })
  etaSeconds: number | null;

  @Column({ type: 'text', nullable: true })
  message: string | null;

  @Column({ type: 'varchar', length: 64, nullable: true })
  backend: string | null;

  @Column({ type: 'text', nullable: true })
  error: string | null;

  /** Features as of this date (default: the data's latest order). */
  @Column({ name: 'as_of', type: Date, nullable: true })
  asOf: Date | null;

  @Column({ name: 'queued_at', type: Date })
  queuedAt: Date;

  @Column({ name: 'started_at', type: Date, nullable: true })
  startedAt: Date | null;

  @Column({ name: 'finished_at', type: Date, nullable: true })
  finishedAt: Date | null;

  @Column({ name: 'model_version_id', type: 'integer', nullable: true })
  modelVersionId: number | null;

  /** The API key that started it (null from the CLI, or before keys were recorded). */
  @Column({ name: 'created_by_key_id', type: 'integer', nullable: true })
  createdByKeyId: number | null;

  /** ANY, or GPU: then only a worker with a GPU backend takes it, and it waits QUEUED while none is up. */
  @Column({ type: 'varchar', length: 8, default: 'ANY' })
  accelerator: 'ANY' | 'GPU';

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
