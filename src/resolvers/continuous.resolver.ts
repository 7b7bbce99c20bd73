import { Arg, Args, Authorized, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root, Subscription } from 'type-graphql';
import { Customer, MembershipChange, ModelVersion, Segment, SegmentSnapshot, SegmentationModel, TrainingSchedule, Webhook, WebhookDelivery } from '../entities';
import { Expensive } from '../auth/query-limits';
import { badUserInput, notFound } from '../errors';
import { Topic } from '../pubsub/pubsub';
import { Services } from '../services';
import { MembershipEvent } from '../services/membership.service';
import { Context } from './context';
import { parseId } from './ids';
import { ConnectionArgs, connectionComplexity } from './types/connection.type';
import { CustomerType } from './types/customer.type';
import { ModelVersionType, SegmentType, SegmentationModelType } from './types/training.type';
import {
  AsOfPolicyEnum,
  CreateWebhookInput,
  MembershipChangeConnection,
  MembershipChangeType,
  MembershipEventKind,
  PromotionGateInput,
  RescoreJobType,
  ScheduleDecisionType,
  SegmentMembershipEventType,
  SegmentSizePointType,
  SegmentSnapshotType,
  SnapshotMemberType,
  SnapshotSegmentType,
  TrainingScheduleType,
  VersionDriftType,
  WebhookDeliveryConnection,
  WebhookType,
} from './types/continuous.type';

/** Membership: history, sizes over time, snapshots, re-scoring on demand, and the live stream of changes. */
@Resolver(() => SegmentMembershipEventType)
export class MembershipResolver {
  @Authorized('analyst')
  @Expensive()
  @Mutation(() => [RescoreJobType], { description: 'Re-scores these customers now with every aliased version (reason `manual`); returns the queued jobs.' })
  rescoreCustomers(@Ctx() ctx: Context, @Arg('ids', () => [ID]) ids: string[]) {
    return ctx.services.membership.rescoreNow(ids.map((id) => parseId(id, 'ids')));
  }

  @Authorized('analyst')
  @Query(() => RescoreJobType, { nullable: true })
  rescoreJob(@Ctx() ctx: Context, @Arg('id', () => ID) id: string) {
    return ctx.services.membership.getJob(parseId(id));
  }

  @Authorized('analyst')
  @Expensive()
  @Mutation(() => SegmentSnapshotType, { description: "Freezes the alias's membership now under a unique name." })
  createSegmentSnapshot(@Ctx() ctx: Context, @Arg('alias') alias: string, @Arg('name') name: string): Promise<SegmentSnapshot> {
    return ctx.services.membership.createSnapshot(alias, name, ctx.actor);
  }

  @Query(() => [SegmentSnapshotType])
  segmentSnapshots(@Ctx() ctx: Context): Promise<SegmentSnapshot[]> {
    return ctx.services.membership.listSnapshots();
  }

  @Query(() => SegmentSnapshotType, { nullable: true })
  segmentSnapshot(@Ctx() ctx: Context, @Arg('id', () => ID) id: string): Promise<SegmentSnapshot> {
    return ctx.services.membership.getSnapshot(parseId(id));
  }

  @Subscription(() => SegmentMembershipEventType, {
    description: 'Customers entering and leaving segments of an alias (of one segment when segmentId is given), as re-scoring finds them.',
    subscribe: ({ args, context }) => membershipEvents((context as Context).services, String(args.alias), args.segmentId ? parseId(String(args.segmentId), 'segmentId') : null),
  })
  segmentMembershipChanged(@Root() event: SegmentMembershipEventType, @Arg('alias') _alias: string, @Arg('segmentId', () => ID, { nullable: true }) _segmentId?: string): SegmentMembershipEventType {
    return event;
  }

  @FieldResolver(() => CustomerType)
  async customer(@Root() event: SegmentMembershipEventType, @Ctx() ctx: Context): Promise<Customer> {
    return (await ctx.loaders.customer.load(event.customerId)) ?? Promise.reject(notFound('customer', event.customerId));
  }

  @FieldResolver(() => SegmentType)
  async segment(@Root() event: SegmentMembershipEventType, @Ctx() ctx: Context): Promise<Segment> {
    return (await ctx.loaders.segment.load(event.segmentId)) ?? Promise.reject(notFound('segment', event.segmentId));
  }
}

/** The subscription's stream: each change of the alias as EXITED (its old segment) then ENTERED (its new one). */
export async function* membershipEvents(services: Services, alias: string, segmentId: number | null): AsyncGenerator<SegmentMembershipEventType> {
  const batches = services.pubsub.subscribe(Topic.MEMBERSHIP_CHANGED, alias);
  try {
    for await (const batch of batches) {
      for (const e of batch.events as MembershipEvent[]) {
        const changedAt = new Date(e.changedAt);
        const base = { customerId: e.customerId, alias: e.alias, versionId: e.versionId, fromSegmentId: e.fromSegmentId, toSegmentId: e.toSegmentId, reason: e.reason as never, changedAt };
        if (e.fromSegmentId !== null && (segmentId === null || segmentId === e.fromSegmentId)) yield { ...base, kind: MembershipEventKind.EXITED, segmentId: e.fromSegmentId };
        if (e.toSegmentId !== null && (segmentId === null || segmentId === e.toSegmentId)) yield { ...base, kind: MembershipEventKind.ENTERED, segmentId: e.toSegmentId };
      }
    }
  } finally {
    await batches.return?.();
  }
}

@Resolver(() => MembershipChangeType)
export class MembershipChangeResolver {
  @FieldResolver(() => SegmentType, { nullable: true })
  fromSegment(@Root() change: MembershipChange, @Ctx() ctx: Context): Promise<Segment | null> | null {
    return change.fromSegmentId === null ? null : ctx.loaders.segment.load(change.fromSegmentId);
  }

  @FieldResolver(() => SegmentType, { nullable: true })
  toSegment(@Root() change: MembershipChange, @Ctx() ctx: Context): Promise<Segment | null> | null {
    return change.toSegmentId === null ? null : ctx.loaders.segment.load(change.toSegmentId);
  }
}

@Resolver(() => CustomerType)
export class CustomerHistoryResolver {
  @FieldResolver(() => MembershipChangeConnection, { complexity: connectionComplexity, description: "The customer's membership changes under every alias, newest first." })
  segmentHistory(@Root() customer: Customer, @Ctx() ctx: Context, @Args() page: ConnectionArgs) {
    return ctx.loaders.customerHistory.load({ parentId: customer.id, ...page });
  }
}

@Resolver(() => SegmentType)
export class SegmentSizeHistoryResolver {
  @FieldResolver(() => [SegmentSizePointType], { description: 'The size at the end of each day (UTC) it changed, and today, oldest first.' })
  sizeHistory(@Root() segment: Segment, @Ctx() ctx: Context) {
    return ctx.loaders.segmentSizeHistory.load(segment.id);
  }
}

@Resolver(() => SegmentSnapshotType)
export class SegmentSnapshotResolver {
  @FieldResolver(() => [SnapshotSegmentType], { description: 'Each segment with its frozen size and share.' })
  async segments(@Root() snapshot: SegmentSnapshot, @Ctx() ctx: Context): Promise<SnapshotSegmentType[]> {
    const sizes = await ctx.services.membership.snapshotSizes(snapshot.id);
    return sizes.map((s) => ({ ...s, share: snapshot.customers ? s.size / snapshot.customers : 0 }));
  }

  @FieldResolver(() => [SnapshotMemberType], { description: 'Members by customer id, ascending (page with `afterCustomerId`), of one segment or all.' })
  members(
    @Root() snapshot: SegmentSnapshot,
    @Ctx() ctx: Context,
    @Arg('segmentId', () => ID, { nullable: true }) segmentId?: string | null,
    @Arg('afterCustomerId', () => ID, { nullable: true }) after?: string | null,
    @Arg('first', () => Int, { defaultValue: 1000 }) first = 1000,
  ): Promise<SnapshotMemberType[]> {
    if (first < 1 || first > 10_000) throw badUserInput('first must be 1 to 10000', { argument: 'first' });
    return ctx.services.membership.snapshotMembers(snapshot.id, segmentId ? parseId(segmentId, 'segmentId') : null, after ? parseId(after, 'afterCustomerId') : 0, first);
  }
}

@Resolver(() => ModelVersionType)
export class VersionDriftResolver {
  @Authorized('analyst')
  @FieldResolver(() => VersionDriftType, { nullable: true, description: 'Drift of the inputs and the segment shares since training; null for versions made before drift was tracked.' })
  drift(@Root() version: ModelVersion, @Ctx() ctx: Context) {
    return ctx.services.drift.get(version.id);
  }
}

@Resolver(() => TrainingScheduleType)
export class TrainingScheduleResolver {
  @Authorized('admin')
  @Mutation(() => TrainingScheduleType, {
    description: "Retrains the model on a cron schedule (UTC); a candidate replaces the gate's alias only when the gate holds against the version it points at.",
  })
  setTrainingSchedule(
    @Ctx() ctx: Context,
    @Arg('modelId', () => ID) modelId: string,
    @Arg('cron') cron: string,
    @Arg('gate', () => PromotionGateInput) gate: PromotionGateInput,
    @Arg('asOfPolicy', () => AsOfPolicyEnum, { defaultValue: AsOfPolicyEnum.LATEST_DATA }) asOfPolicy: AsOfPolicyEnum,
  ): Promise<TrainingSchedule> {
    return ctx.services.schedules.set(parseId(modelId, 'modelId'), { cron, asOfPolicy, gate }, ctx.actor);
  }

  @Authorized('admin')
  @Mutation(() => TrainingScheduleType, { description: "Starts the schedule's round now (training, evaluation, gate); the cron decides the next ones." })
  runTrainingScheduleNow(@Ctx() ctx: Context, @Arg('modelId', () => ID) modelId: string): Promise<TrainingSchedule> {
    return ctx.services.schedules.runNow(parseId(modelId, 'modelId'));
  }

  @Authorized('admin')
  @Mutation(() => Boolean)
  removeTrainingSchedule(@Ctx() ctx: Context, @Arg('modelId', () => ID) modelId: string): Promise<boolean> {
    return ctx.services.schedules.remove(parseId(modelId, 'modelId'));
  }

  @FieldResolver(() => [ScheduleDecisionType], { description: 'Newest first.' })
  decisions(@Root() schedule: TrainingSchedule, @Ctx() ctx: Context, @Arg('limit', () => Int, { defaultValue: 20 }) limit: number) {
    if (limit < 1 || limit > 100) throw badUserInput('limit must be 1 to 100', { argument: 'limit' });
    return ctx.services.schedules.decisions(schedule.id, limit);
  }
}

@Resolver(() => SegmentationModelType)
export class ModelScheduleResolver {
  @FieldResolver(() => TrainingScheduleType, { nullable: true })
  schedule(@Root() model: SegmentationModel, @Ctx() ctx: Context): Promise<TrainingSchedule | null> {
    return ctx.loaders.modelSchedule.load(model.id);
  }
}

@Resolver(() => WebhookType)
export class WebhookResolver {
  @Authorized('admin')
  @Query(() => [WebhookType])
  webhooks(@Ctx() ctx: Context): Promise<Webhook[]> {
    return ctx.services.webhooks.list();
  }

  @Authorized('admin')
  @Query(() => WebhookType, { nullable: true })
  webhook(@Ctx() ctx: Context, @Arg('id', () => ID) id: string): Promise<Webhook> {
    return ctx.services.webhooks.get(parseId(id));
  }

  @Authorized('admin')
  @Mutation(() => WebhookType, { description: 'Registers a destination for events; every delivery is signed with the secret (header Segmentql-Signature).' })
  createWebhook(@Ctx() ctx: Context, @Arg('input', () => CreateWebhookInput) input: CreateWebhookInput): Promise<Webhook> {
    return ctx.services.webhooks.create(input, ctx.actor);
  }

  @Authorized('admin')
  @Mutation(() => WebhookType, { description: 'Enables a webhook again (its failures forgotten), or disables it.' })
  setWebhookEnabled(@Ctx() ctx: Context, @Arg('id', () => ID) id: string, @Arg('enabled') enabled: boolean): Promise<Webhook> {
    return ctx.services.webhooks.setEnabled(parseId(id), enabled);
  }

  @Authorized('admin')
  @Mutation(() => Boolean)
  deleteWebhook(@Ctx() ctx: Context, @Arg('id', () => ID) id: string): Promise<boolean> {
    return ctx.services.webhooks.remove(parseId(id));
  }

  @Authorized('admin')
  @FieldResolver(() => WebhookDeliveryConnection, { complexity: connectionComplexity, description: 'Newest first.' })
  async deliveries(@Root() hook: Webhook, @Ctx() ctx: Context, @Args() page: ConnectionArgs) {
    const connection = await ctx.services.webhooks.deliveries(hook.id, page);
    return { ...connection, edges: connection.edges.map((e) => ({ ...e, node: { ...e.node, eventTypes: (e.node as WebhookDelivery).eventTypes.split(',') } })) };
  }
}
