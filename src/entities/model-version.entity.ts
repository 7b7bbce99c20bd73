import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** One successful run's result, immutable: artifact, metrics, segments and assignments. */
@Entity('model_versions')
@Index('uq_model_versions_number', ['modelId', 'number'], { unique: true })
// One version per run: a run taken over after its worker died mid-commit cannot make a second.
@Index('ux_model_versions_run', ['runId'], { unique: true })
export class ModelVersion {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ name: 'model_id', type: 'integer' })
  modelId: number;

  @Column({ type: 'integer' })
  number: number;

  @Column({ name: 'run_id', type: 'integer' })
  runId: number;

  @Column({ type: 'varchar', length: 64 })
  segmenter: string;

  @Column({ name: 'segmenter_version', type: 'varchar', length: 32 })
  segmenterVersion: string;

  @Column({ type: 'simple-json' })
  params: Record<string, unknown>;

  @Column({ name: 'feature_names', type: 'simple-json' })
  featureNames: string[];

  @Column({ name: 'artifact_path', type: 'varchar', length: 500 })
  artifactPath: string;

  @Column({ name: 'artifact_sha256', type: 'varchar', length: 64 })
  artifactSha256: string;

  @Column({ type: 'simple-json' })
  metrics: Record<string, unknown>;

  /** Days after `asOf` its per-customer predictions are for; null when the version does not predict. */
  @Column({ name: 'prediction_horizon_days', type: 'integer', nullable: true })
  predictionHorizonDays: number | null;

  @Column({ name: 'as_of', type: Date })
  asOf: Date;

  @CreateDateColumn({ name: 'created_at' })
  createdAt: Date;
}
