import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** Which segment of a version a customer is in, and how far from its centre. */
@Entity('segment_assignments')
@Index('idx_segment_assignments_segment', ['segmentId', 'customerId'])
export class SegmentAssignment {
  @PrimaryColumn({ name: 'version_id', type: 'integer' })
  versionId: number;

  @PrimaryColumn({ name: 'customer_id', type: 'integer' })
  customerId: number;

  @Column({ name: 'segment_id', type: 'integer' })
  segmentId: number;

  @Column({ type: 'float' })
  distance: number;
}
