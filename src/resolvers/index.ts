import { NonEmptyArray } from 'type-graphql';
import { CustomerFeaturesResolver, OrderItemResolver, OrderResolver, ProductResolver, ReviewResolver } from './catalog.resolver';
import { CustomerResolver } from './customer.resolver';
import { ImportResolver } from './import.resolver';
import { ApiKeyResolver, SegmentExportResolver, SegmentStatsResolver } from './delivery.resolver';
import { EvaluationResolver, ModelVersionEvaluationResolver, SegmentWordsResolver } from './evaluation.resolver';
import { EvaluationRunResolver } from './evaluation-run.resolver';
import {
  CustomerHistoryResolver,
  MembershipChangeResolver,
  MembershipResolver,
  ModelScheduleResolver,
  SegmentSizeHistoryResolver,
  SegmentSnapshotResolver,
  TrainingScheduleResolver,
  VersionDriftResolver,
  WebhookResolver,
} from './continuous.resolver';
import {
  CustomerSegmentResolver,
  ModelVersionResolver,
  SegmentAssignmentResolver,
  SegmentResolver,
  SegmentationModelResolver,
  SegmenterResolver,
  TrainingRunResolver,
} from './training.resolver';

/** Every resolver of the API. */
// type-graphql's own type for resolver classes.
// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
export const CatalogResolvers: NonEmptyArray<Function> = [
  CustomerResolver,
  ProductResolver,
  OrderResolver,
  OrderItemResolver,
  ReviewResolver,
  CustomerFeaturesResolver,
  ImportResolver,
  SegmenterResolver,
  SegmentationModelResolver,
  TrainingRunResolver,
  ModelVersionResolver,
  SegmentResolver,
  SegmentAssignmentResolver,
  CustomerSegmentResolver,
  EvaluationResolver,
  EvaluationRunResolver,
  ModelVersionEvaluationResolver,
  SegmentWordsResolver,
  ApiKeyResolver,
  SegmentStatsResolver,
  SegmentExportResolver,
  MembershipResolver,
  MembershipChangeResolver,
  CustomerHistoryResolver,
  SegmentSizeHistoryResolver,
  SegmentSnapshotResolver,
  VersionDriftResolver,
  TrainingScheduleResolver,
  ModelScheduleResolver,
  WebhookResolver,
];
