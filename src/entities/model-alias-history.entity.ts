import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** One move of an alias: which version it pointed at before and after, who moved it and when. */
@Entity('model_alias_history')
export class ModelAliasHistory {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'varchar', length: 64 })
  alias: string;

  @Column({ name: 'version_id', type: 'integer' })
  versionId: number;

  @Column({ name: 'previous_version_id', type: 'integer', nullable: true })
  previousVersionId: number | null;

  @Column({ name: 'moved_by', type: 'varchar', length: 200 })
  movedBy: string;

  @Column({ name: 'moved_at', type: Date })
  movedAt: Date;
}
