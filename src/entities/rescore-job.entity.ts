import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { RunStatus } from './training-run.entity';

/**
 * One batch of re-scoring: the customers written since the last batch (their `rescore_pending` rows carry this job's
 * id), re-assigned by every aliased version. A job row like the others (status, lease), so that with several machines
 * any worker may run it and a dead worker's batch is taken over.
 */
@Entity('rescore_jobs')
export class RescoreJob {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'varchar', length: 16 })
  status: RunStatus;

  /** Customers in the batch. */
  @Column({ type: 'integer', default: 0 })
  customers: number;

  /** Customer x version assignments computed. */
  @Column({ type: 'integer', default: 0 })
  rescored: number;

  /** Memberships that changed (history rows written). */
  @Column({ type: 'integer', default: 0 })
  changed: number;

  @Column({ type: 'text', nullable: true })
  error: string | null;

  @Column({ name: 'created_at', type: Date })
  createdAt: Date;

  @Column({ name: 'started_at', type: Date, nullable: true })
  startedAt: Date | null;

  @Column({ name: 'finished_at', type: Date, nullable: true })
  finishedAt: Date | null;

  @Column({ name: 'worker_id', type: 'varchar', length: 120, nullable: true })
  workerId: string | null;

  @Column({ name: 'heartbeat_at', type: Date, nullable: true })
  heartbeatAt: Date | null;

  @Column({ type: 'integer', default: 0 })
  attempts: number;

  @Column({ name: 'cancel_requested_at', type: Date, nullable: true })
  cancelRequestedAt: Date | null;
}
