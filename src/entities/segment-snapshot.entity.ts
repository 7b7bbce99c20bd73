import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** A named, frozen copy of an alias's membership at one moment (its members in `segment_snapshot_members`). */
@Entity('segment_snapshots')
export class SegmentSnapshot {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'varchar', length: 200 })
  name: string;

  @Column({ type: 'varchar', length: 64 })
  alias: string;

  @Column({ name: 'version_id', type: 'integer' })
  versionId: number;

  @Column({ type: 'integer' })
  customers: number;

  @Column({ name: 'created_by', type: 'varchar', length: 200 })
  createdBy: string;

  @Column({ name: 'created_at', type: Date })
  createdAt: Date;
}
