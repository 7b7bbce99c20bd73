import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** A registered model: a name, a segmenter and its params. Its trained versions are `ModelVersion`s. */
@Entity('segmentation_models')
export class SegmentationModel {
  @PrimaryGeneratedColumn()
  id: number;

  @Index({ unique: true })
  @Column({ type: 'varchar', length: 200 })
  name: string;

  @Column({ type: 'varchar', length: 64 })
  segmenter: string;

  /** Validated params with defaults filled in. */
  @Column({ type: 'simple-json' })
  params: Record<string, unknown>;

  /** Explicit opt-in to features derived from protected attributes (gender, age); off by default. */
  @Column({ name: 'allow_protected_attributes', type: 'boolean', default: false })
  allowProtectedAttributes: boolean;

  /**
   * The highest version number handed out (committed or not): the counter ModelVersionStore reserves numbers from
   * with one atomic UPDATE. Never read, inserted or updated by the ORM, so that saving a model cannot move it back.
   */
  @Column({ name: 'last_version_number', type: 'integer', default: 0, select: false, insert: false, update: false })
  lastVersionNumber?: number;

  @CreateDateColumn({ name: 'created_at' })
  createdAt: Date;
}
