import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** What a webhook may subscribe to. */
export const WEBHOOK_EVENTS = ['segment.entered', 'segment.exited', 'version.created', 'alias.moved', 'training.finished', 'schedule.failed', 'drift.detected'] as const;
export type WebhookEventType = (typeof WEBHOOK_EVENTS)[number];

/** A destination for events: deliveries are signed with `secret` (HMAC-SHA256), retried, and recorded. */
@Entity('webhooks')
export class Webhook {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'varchar', length: 2000 })
  url: string;

  @Column({ type: 'simple-json' })
  events: WebhookEventType[];

  /** Needed in clear to sign; never returned by the API. */
  @Column({ type: 'varchar', length: 200 })
  secret: string;

  /** Membership events carry the customer's external id, email and name (asked for by an analyst or admin). */
  @Column({ name: 'include_personal_data', type: 'boolean', default: false })
  includePersonalData: boolean;

  @Column({ type: 'boolean', default: true })
  enabled: boolean;

  @Column({ name: 'disabled_reason', type: 'text', nullable: true })
  disabledReason: string | null;

  /** Failed attempts in a row (any delivery); reset by a success. WEBHOOK_DISABLE_AFTER of them disable the webhook. */
  @Column({ name: 'consecutive_failures', type: 'integer', default: 0 })
  consecutiveFailures: number;

  @Column({ name: 'created_by', type: 'varchar', length: 200 })
  createdBy: string;

  @Column({ name: 'created_at', type: Date })
  createdAt: Date;
}
