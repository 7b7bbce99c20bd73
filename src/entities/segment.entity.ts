import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** One segment of a model version: its size, centre and feature profile. */
@Entity('segments')
@Index('uq_segments_version_index', ['versionId', 'index'], { unique: true })
export class Segment {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ name: 'version_id', type: 'integer' })
  versionId: number;

  @Column({ name: 'segment_index', type: 'integer' })
  index: number;

  /** A placeholder until segments are named from their profiles. */
  @Column({ type: 'varchar', length: 200 })
  name: string;

  @Column({ type: 'integer' })
  size: number;

  @Column({ type: 'simple-json', nullable: true })
  centroid: Record<string, number> | null;

  /** Mean of each training feature (original units) over the segment's customers. */
  @Column({ type: 'simple-json' })
  profile: Record<string, number>;
}
