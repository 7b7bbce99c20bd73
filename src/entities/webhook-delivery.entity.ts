import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** PENDING: waiting for its next attempt; SENDING: a process is sending it; DELIVERED; FAILED: gave up. */
export const DELIVERY_STATUSES = ['PENDING', 'SENDING', 'DELIVERED', 'FAILED'] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

/** One POST to a webhook, carrying a batch of events; every attempt updates it. */
@Entity('webhook_deliveries')
export class WebhookDelivery {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ name: 'webhook_id', type: 'integer' })
  webhookId: number;

  /** The exact body sent (and signed). */
  @Column({ type: 'text' })
  body: string;

  @Column({ name: 'event_count', type: 'integer' })
  eventCount: number;

  /** The distinct event types in the batch, comma-separated. */
  @Column({ name: 'event_types', type: 'varchar', length: 400 })
  eventTypes: string;

  @Column({ type: 'varchar', length: 16 })
  status: DeliveryStatus;

  @Column({ type: 'integer', default: 0 })
  attempts: number;

  @Column({ name: 'next_attempt_at', type: Date })
  nextAttemptAt: Date;

  @Column({ name: 'last_error', type: 'text', nullable: true })
  lastError: string | null;

  @Column({ name: 'response_code', type: 'integer', nullable: true })
  responseCode: number | null;

  @Column({ name: 'claimed_by', type: 'varchar', length: 120, nullable: true })
  claimedBy: string | null;

  @Column({ name: 'claimed_at', type: Date, nullable: true })
  claimedAt: Date | null;

  @Column({ name: 'created_at', type: Date })
  createdAt: Date;

  @Column({ name: 'delivered_at', type: Date, nullable: true })
  deliveredAt: Date | null;
}
