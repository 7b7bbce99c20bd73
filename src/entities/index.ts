import { Customer } from './customer.entity';
import { Order } from './order.entity';
import { OrderItem } from './order-item.entity';
import { Product } from './product.entity';
import { Review } from './review.entity';
import { ModelAlias } from './model-alias.entity';
import { ModelVersion } from './model-version.entity';
import { SegmentAssignment } from './segment-assignment.entity';
import { Segment } from './segment.entity';
import { SegmentationModel } from './segmentation-model.entity';
import { TrainingRun } from './training-run.entity';
import { VersionEvaluation } from './version-evaluation.entity';
import { ModelAliasHistory } from './model-alias-history.entity';
import { ApiKey } from './api-key.entity';
import { SegmentExport } from './segment-export.entity';
import { EvaluationRun } from './evaluation-run.entity';
import { CustomerPrediction } from './customer-prediction.entity';
import { RescoreJob } from './rescore-job.entity';
import { MembershipChange } from './membership-change.entity';
import { SegmentSnapshot } from './segment-snapshot.entity';
import { Webhook } from './webhook.entity';
import { WebhookDelivery } from './webhook-delivery.entity';
import { TrainingSchedule } from './training-schedule.entity';
import { ScheduleDecision } from './schedule-decision.entity';

export { Customer, Order, OrderItem, Product, Review, SegmentationModel, TrainingRun, ModelVersion, ModelAlias, ModelAliasHistory, Segment, SegmentAssignment, VersionEvaluation, ApiKey, SegmentExport, EvaluationRun, CustomerPrediction, RescoreJob, MembershipChange, SegmentSnapshot, Webhook, WebhookDelivery, TrainingSchedule, ScheduleDecision };
export { ROLES, type Role } from './api-key.entity';
export { VALUE_TIERS, type ValueTier } from './customer-prediction.entity';
export { EXPORT_STATUSES, type ExportStatus, type ExportFormat } from './segment-export.entity';
export { RUN_STATUSES, FINISHED_STATUSES, type RunStatus } from './training-run.entity';
export { MEMBERSHIP_REASONS, type MembershipReason } from './membership-change.entity';
export { WEBHOOK_EVENTS, type WebhookEventType } from './webhook.entity';
export { DELIVERY_STATUSES, type DeliveryStatus } from './webhook-delivery.entity';
export { AS_OF_POLICIES, type AsOfPolicy, type PromotionGate, type ScheduleState } from './training-schedule.entity';
export { type DecisionOutcome } from './schedule-decision.entity';
export { ORDER_STATUSES, type OrderStatus } from './order.entity';

/** Every entity, for the DataSource. */
export const ENTITIES = [Customer, Product, Order, OrderItem, Review, SegmentationModel, TrainingRun, ModelVersion, ModelAlias, ModelAliasHistory, Segment, SegmentAssignment, VersionEvaluation, ApiKey, SegmentExport, EvaluationRun, CustomerPrediction, RescoreJob, MembershipChange, SegmentSnapshot, Webhook, WebhookDelivery, TrainingSchedule, ScheduleDecision];
