import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A name (`production`, `staging`) pointing at one model version; moved by setModelAlias. */
@Entity('model_aliases')
export class ModelAlias {
  @PrimaryColumn({ type: 'varchar', length: 64 })
  alias: string;

  @Column({ name: 'version_id', type: 'integer' })
  versionId: number;

  @Column({ name: 'updated_at', type: Date })
  updatedAt: Date;
}
