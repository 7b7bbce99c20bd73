import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** Why a customer's membership changed. */
export const MEMBERSHIP_REASONS = ['new_customer', 'new_order', 'retrained', 'alias_moved', 'manual'] as const;
export type MembershipReason = (typeof MEMBERSHIP_REASONS)[number];

/** One change of a customer's segment under an alias: from (null: had none) and to, in which version, when and why. */
@Entity('membership_changes')
export class MembershipChange {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ name: 'customer_id', type: 'integer' })
  customerId: number;

  @Column({ type: 'varchar', length: 64 })
  alias: string;

  @Column({ name: 'version_id', type: 'integer' })
  versionId: number;

  @Column({ name: 'from_segment_id', type: 'integer', nullable: true })
  fromSegmentId: number | null;

  @Column({ name: 'to_segment_id', type: 'integer', nullable: true })
  toSegmentId: number | null;

  @Column({ type: 'varchar', length: 16 })
  reason: MembershipReason;

  @Column({ name: 'changed_at', type: Date })
  changedAt: Date;
}
