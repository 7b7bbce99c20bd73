import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** A version's metrics on one time split (features before `asOf`, outcomes in the following `horizonDays`). */
@Entity('version_evaluations')
export class VersionEvaluation {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ name: 'version_id', type: 'integer' })
  versionId: number;

  @Column({ name: 'as_of', type: Date })
  asOf: Date;

  @Column({ name: 'horizon_days', type: 'integer' })
  horizonDays: number;

  @Column({ type: 'simple-json' })
  metrics: Record<string, unknown>;

  @Column({ name: 'created_at', type: Date })
  createdAt: Date;
}
