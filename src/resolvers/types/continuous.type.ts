import { Field, Float, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { ConnectionType } from './connection.type';
import { DateTimeScalar } from './scalars';

/** Why a membership changed (the same words as in webhook payloads). */
export enum MembershipReasonEnum {
  new_customer = 'new_customer',
  new_order = 'new_order',
  retrained = 'retrained',
  alias_moved = 'alias_moved',
  manual = 'manual',
}
registerEnumType(MembershipReasonEnum, { name: 'MembershipReason', description: 'Why a customer changed segment.' });

export enum MembershipEventKind {
  ENTERED = 'ENTERED',
  EXITED = 'EXITED',
}
registerEnumType(MembershipEventKind, { name: 'MembershipEventKind' });

export enum AsOfPolicyEnum {
  LATEST_DATA = 'LATEST_DATA',
  HOLDOUT = 'HOLDOUT',
}
registerEnumType(AsOfPolicyEnum, {
  name: 'AsOfPolicy',
  description: 'LATEST_DATA: train on everything (the gate evaluates on the last horizon, which the candidate has seen); HOLDOUT: train up to horizonDays before the end, so the split is unseen.',
});

@ObjectType('MembershipChange', { description: "One change of a customer's segment under an alias." })
export class MembershipChangeType {
  @Field(() => ID)
  id: number;

  @Field(() => ID)
  customerId: number;

  @Field()
  alias: string;

  @Field(() => ID)
  versionId: number;

  @Field(() => ID, { nullable: true, description: 'Null: the customer had no segment under the alias.' })
  fromSegmentId: number | null;

  @Field(() => ID, { nullable: true, description: "Null: the customer left the alias's version (the alias moved to a version without them)." })
  toSegmentId: number | null;

  @Field(() => MembershipReasonEnum)
  reason: MembershipReasonEnum;

  @Field(() => DateTimeScalar)
  changedAt: Date;
}

export const MembershipChangeConnection = ConnectionType('MembershipChange', MembershipChangeType);

@ObjectType('SegmentMembershipEvent', { description: 'A customer entered or left a segment of an alias (subscription).' })
export class SegmentMembershipEventType {
  @Field(() => MembershipEventKind)
  kind: MembershipEventKind;

  @Field(() => ID)
  customerId: number;

  @Field()
  alias: string;

  @Field(() => ID)
  versionId: number;

  @Field(() => ID, { description: 'The segment entered (ENTERED) or left (EXITED).' })
  segmentId: number;

  @Field(() => ID, { nullable: true })
  fromSegmentId: number | null;

  @Field(() => ID, { nullable: true })
  toSegmentId: number | null;

  @Field(() => MembershipReasonEnum)
  reason: MembershipReasonEnum;

  @Field(() => DateTimeScalar)
  changedAt: Date;
}

@ObjectType('SegmentSizePoint', { description: "A segment's size at the end of a day (UTC) on which it changed, and today's." })
export class SegmentSizePointType {
  @Field({ description: 'YYYY-MM-DD' })
  day: string;

  @Field(() => Int)
  size: number;
}

@ObjectType('SnapshotSegment')
export class SnapshotSegmentType {
  @Field(() => ID)
  segmentId: number;

  @Field(() => Int)
  size: number;

  @Field(() => Float)
  share: number;
}

@ObjectType('SegmentSnapshot', { description: "A named, frozen copy of an alias's membership." })
export class SegmentSnapshotType {
  @Field(() => ID)
  id: number;

  @Field()
  name: string;

  @Field()
  alias: string;

  @Field(() => ID)
  versionId: number;

  @Field(() => Int)
  customers: number;

  @Field()
  createdBy: string;

  @Field(() => DateTimeScalar)
  createdAt: Date;
}

@ObjectType('SnapshotMember')
export class SnapshotMemberType {
  @Field(() => ID)
  customerId: number;

  @Field(() => ID)
  segmentId: number;
}

@ObjectType('RescoreJob', { description: 'A batch of re-scoring (customers written since the last batch, re-assigned by every aliased version).' })
export class RescoreJobType {
  @Field(() => ID)
  id: number;

  @Field()
  status: string;

  @Field(() => Int)
  customers: number;

  @Field(() => Int, { description: 'Customer x version assignments computed.' })
  rescored: number;

  @Field(() => Int, { description: 'Memberships that changed.' })
  changed: number;

  @Field(() => String, { nullable: true })
  error: string | null;

  @Field(() => DateTimeScalar)
  createdAt: Date;

  @Field(() => DateTimeScalar, { nullable: true })
  startedAt: Date | null;

  @Field(() => DateTimeScalar, { nullable: true })
  finishedAt: Date | null;
}

@ObjectType('Webhook')
export class WebhookType {
  @Field(() => ID)
  id: number;

  @Field()
  url: string;

  @Field(() => [String])
  events: string[];

  @Field({ description: 'Membership events carry the customer (external id, email, name).' })
  includePersonalData: boolean;

  @Field()
  enabled: boolean;

  @Field(() => String, { nullable: true })
  disabledReason: string | null;

  @Field(() => Int, { description: 'Failed attempts in a row (WEBHOOK_DISABLE_AFTER of them disable the webhook).' })
  consecutiveFailures: number;

  @Field()
  createdBy: string;

  @Field(() => DateTimeScalar)
  createdAt: Date;
}

@ObjectType('WebhookDelivery', { description: 'One POST carrying a batch of events, with its attempts.' })
export class WebhookDeliveryType {
  @Field(() => ID)
  id: number;

  @Field({ description: 'PENDING, SENDING, DELIVERED or FAILED.' })
  status: string;

  @Field(() => Int)
  attempts: number;

  @Field(() => Int)
  eventCount: number;

  @Field(() => [String])
  eventTypes: string[];

  @Field(() => DateTimeScalar)
  nextAttemptAt: Date;

  @Field(() => String, { nullable: true })
  lastError: string | null;

  @Field(() => Int, { nullable: true })
  responseCode: number | null;

  @Field(() => DateTimeScalar)
  createdAt: Date;

  @Field(() => DateTimeScalar, { nullable: true })
  deliveredAt: Date | null;
}

export const WebhookDeliveryConnection = ConnectionType('WebhookDelivery', WebhookDeliveryType);

@InputType('CreateWebhookInput')
export class CreateWebhookInput {
  @Field()
  url: string;

  @Field(() => [String], { description: 'segment.entered, segment.exited, version.created, alias.moved, training.finished, schedule.failed, drift.detected' })
  events: string[];

  @Field({ description: 'Signs every delivery (HMAC-SHA256); 16 to 200 characters; never returned.' })
  secret: string;

  @Field(() => Boolean, { nullable: true, description: 'Membership events carry the customer (external id, email, name).' })
  includePersonalData?: boolean | null;
}

@ObjectType('PromotionGate')
export class PromotionGateType {
  @Field()
  alias: string;

  @Field()
  metric: string;

  @Field(() => Float)
  minDelta: number;

  @Field(() => Float, { nullable: true })
  maxStabilityDrop: number | null;

  @Field(() => Int)
  horizonDays: number;
}

@InputType('PromotionGateInput')
export class PromotionGateInput {
  @Field({ description: 'The alias the candidate may replace (the champion is the version it points at).' })
  alias: string;

  @Field({ description: 'A comparison metric (churnAuc, futureLogSpendR2, hitRateAt10, ...).' })
  metric: string;

  @Field(() => Float, { nullable: true, description: 'The candidate must beat the champion by at least this much (default 0).' })
  minDelta?: number | null;

  @Field(() => Float, { nullable: true, description: 'Most the stability (bootstrap ARI) may fall; null: not checked.' })
  maxStabilityDrop?: number | null;

  @Field(() => Int, { nullable: true, description: 'The evaluation horizon (default 90).' })
  horizonDays?: number | null;
}

@ObjectType('ScheduleDecision', { description: 'What a scheduled round decided, and the numbers it decided on.' })
export class ScheduleDecisionType {
  @Field(() => ID)
  id: number;

  @Field({ description: 'PROMOTED, NOT_PROMOTED or FAILED.' })
  outcome: string;

  @Field()
  promoted: boolean;

  @Field()
  reason: string;

  @Field(() => ID, { nullable: true })
  runId: number | null;

  @Field(() => ID, { nullable: true })
  candidateVersionId: number | null;

  @Field(() => ID, { nullable: true })
  championVersionId: number | null;

  @Field()
  alias: string;

  @Field()
  metric: string;

  @Field(() => Float, { nullable: true })
  candidateValue: number | null;

  @Field(() => Float, { nullable: true })
  championValue: number | null;

  @Field(() => Float, { nullable: true })
  candidateStability: number | null;

  @Field(() => Float, { nullable: true })
  championStability: number | null;

  @Field(() => DateTimeScalar, { nullable: true })
  splitAsOf: Date | null;

  @Field(() => Int, { nullable: true })
  horizonDays: number | null;

  @Field(() => DateTimeScalar)
  decidedAt: Date;
}

@ObjectType('TrainingSchedule')
export class TrainingScheduleType {
  @Field(() => ID)
  id: number;

  @Field(() => ID)
  modelId: number;

  @Field({ description: 'Five fields, UTC.' })
  cron: string;

  @Field(() => AsOfPolicyEnum)
  asOfPolicy: AsOfPolicyEnum;

  @Field(() => PromotionGateType)
  gate: PromotionGateType;

  @Field()
  enabled: boolean;

  @Field(() => DateTimeScalar)
  nextRunAt: Date;

  @Field(() => DateTimeScalar, { nullable: true })
  lastRunAt: Date | null;

  @Field({ description: 'IDLE, TRAINING or EVALUATING.' })
  state: string;

  @Field({ description: 'The last round failed (also in /healthz, and sent as schedule.failed).' })
  failing: boolean;

  @Field(() => String, { nullable: true })
  lastError: string | null;
}

@ObjectType('FeaturePsi')
export class FeaturePsiType {
  @Field()
  feature: string;

  @Field(() => Float)
  psi: number;
}

@ObjectType('VersionDrift', { description: "Population stability of a version's inputs and segments, now against at training time." })
export class VersionDriftType {
  @Field(() => [FeaturePsiType], { description: "Each input feature's PSI (training deciles vs every customer now)." })
  features: FeaturePsiType[];

  @Field(() => Float, { description: "PSI of the segment shares now (the re-scored assignments) against at training time." })
  segmentShareShift: number;

  @Field(() => Float)
  maxPsi: number;

  @Field({ description: 'A PSI passed DRIFT_PSI_THRESHOLD.' })
  drifted: boolean;

  @Field({ description: 'Drifted, or the data reaches more than DRIFT_STALE_DAYS past the version\'s asOf.' })
  stale: boolean;

  @Field(() => DateTimeScalar)
  dataAsOf: Date;

  @Field(() => DateTimeScalar)
  computedAt: Date;
}
