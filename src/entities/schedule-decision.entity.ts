import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** PROMOTED, NOT_PROMOTED (the gate did not hold), FAILED (no candidate or no evaluation). */
export type DecisionOutcome = 'PROMOTED' | 'NOT_PROMOTED' | 'FAILED';

/** What a scheduled round decided, with the numbers it decided on. */
@Entity('schedule_decisions')
export class ScheduleDecision {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ name: 'schedule_id', type: 'integer' })
  scheduleId: number;

  @Column({ name: 'model_id', type: 'integer' })
  modelId: number;

  @Column({ name: 'run_id', type: 'integer', nullable: true })
  runId: number | null;

  @Column({ name: 'candidate_version_id', type: 'integer', nullable: true })
  candidateVersionId: number | null;

  @Column({ name: 'champion_version_id', type: 'integer', nullable: true })
  championVersionId: number | null;

  @Column({ type: 'varchar', length: 64 })
  alias: string;

  @Column({ type: 'varchar', length: 64 })
  metric: string;

  @Column({ name: 'candidate_value', type: 'float', nullable: true })
  candidateValue: number | null;

  @Column({ name: 'champion_value', type: 'float', nullable: true })
  championValue: number | null;

  @Column({ name: 'candidate_stability', type: 'float', nullable: true })
  candidateStability: number | null;

  @Column({ name: 'champion_stability', type: 'float', nullable: true })
  championStability: number | null;

  @Column({ name: 'split_as_of', type: Date, nullable: true })
  splitAsOf: Date | null;

  @Column({ name: 'horizon_days', type: 'integer', nullable: true })
  horizonDays: number | null;

  @Column({ type: 'boolean' })
  promoted: boolean;

  @Column({ type: 'varchar', length: 24 })
  outcome: DecisionOutcome;

  @Column({ type: 'text' })
  reason: string;

  @Column({ name: 'decided_at', type: Date })
  decidedAt: Date;
}
