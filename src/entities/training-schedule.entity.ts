import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** LATEST_DATA: train on everything up to now; HOLDOUT: train up to `horizonDays` before the end, so the gate's split is unseen. */
export const AS_OF_POLICIES = ['LATEST_DATA', 'HOLDOUT'] as const;
export type AsOfPolicy = (typeof AS_OF_POLICIES)[number];

/** When a candidate replaces the alias's version: `metric` better by `minDelta`, stability not worse by more than `maxStabilityDrop`. */
export interface PromotionGate {
  alias: string;
  metric: string;
  minDelta: number;
  maxStabilityDrop: number | null;
  horizonDays: number;
}

/** IDLE: waiting for `nextRunAt`; TRAINING / EVALUATING: a scheduled round is under way. */
export type ScheduleState = 'IDLE' | 'TRAINING' | 'EVALUATING';

/** A model's retraining schedule (cron) with its promotion gate. */
@Entity('training_schedules')
export class TrainingSchedule {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ name: 'model_id', type: 'integer' })
  modelId: number;

  @Column({ type: 'varchar', length: 120 })
  cron: string;

  @Column({ name: 'as_of_policy', type: 'varchar', length: 16 })
  asOfPolicy: AsOfPolicy;

  @Column({ type: 'simple-json' })
  gate: PromotionGate;

  @Column({ type: 'boolean', default: true })
  enabled: boolean;

  @Column({ name: 'next_run_at', type: Date })
  nextRunAt: Date;

  @Column({ name: 'last_run_at', type: Date, nullable: true })
  lastRunAt: Date | null;

  @Column({ type: 'varchar', length: 24 })
  state: ScheduleState;

  @Column({ name: 'run_id', type: 'integer', nullable: true })
  runId: number | null;

  @Column({ name: 'evaluation_run_id', type: 'integer', nullable: true })
  evaluationRunId: number | null;

  @Column({ name: 'candidate_version_id', type: 'integer', nullable: true })
  candidateVersionId: number | null;

  /** The last round failed (training, evaluation or promotion broke): shown on the model, in /healthz, sent as schedule.failed. */
  @Column({ type: 'boolean', default: false })
  failing: boolean;

  @Column({ name: 'last_error', type: 'text', nullable: true })
  lastError: string | null;

  @Column({ name: 'created_by', type: 'varchar', length: 200 })
  createdBy: string;

  @Column({ name: 'created_at', type: Date })
  createdAt: Date;

  @Column({ name: 'updated_at', type: Date })
  updatedAt: Date;
}
