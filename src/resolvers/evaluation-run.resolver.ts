import { Arg, Authorized, Ctx, ID, Int, Mutation, Query, Resolver, Root, Subscription } from 'type-graphql';
import { Expensive } from '../auth/query-limits';
import { EvaluationRun } from '../entities';
import { Topic } from '../pubsub/pubsub';
import { followState } from '../pubsub/follow-state';
import { Services } from '../services';
import { DEFAULT_HORIZON_DAYS } from '../services/evaluation.service';
import { Context } from './context';
import { parseId } from './ids';
import { EvaluationRunType } from './types/evaluation-run.type';
import { DateTimeScalar } from './types/scalars';

/** Evaluations as jobs: start, follow, cancel (analysts). Nothing here computes a metric. */
@Resolver(() => EvaluationRunType)
export class EvaluationRunResolver {
  @Authorized('analyst')
  @Expensive()
  @Mutation(() => EvaluationRunType, {
    description:
      'Queues an evaluation of versions on one time split and returns it at once (QUEUED); the split defaults to the earliest asOf the versions were trained at. The same versions and split already queued or running answer that run. A key may have EVALUATION_QUEUE_LIMIT runs queued or running (RATE_LIMITED beyond).',
  })
  startEvaluation(
    @Ctx() ctx: Context,
    @Arg('versionIds', () => [ID]) versionIds: string[],
    @Arg('asOf', () => DateTimeScalar, { nullable: true }) asOf?: Date | null,
    @Arg('horizonDays', () => Int, { defaultValue: DEFAULT_HORIZON_DAYS }) horizonDays?: number,
    @Arg('refresh', { defaultValue: false, description: 'Recompute versions already evaluated on this split.' }) refresh?: boolean,
  ): Promise<EvaluationRun> {
    return ctx.services.evaluation.start(
      versionIds.map((id) => parseId(id, 'versionIds')),
      asOf ?? null,
      horizonDays,
      { refresh, keyId: ctx.principal.keyId, requestId: ctx.requestId },
    );
  }

  @Authorized('analyst')
  @Query(() => EvaluationRunType, { nullable: true })
  evaluationRun(@Ctx() ctx: Context, @Arg('id', () => ID) id: string): Promise<EvaluationRun> {
    return ctx.services.evaluation.getRun(parseId(id));
  }

  @Authorized('analyst')
  @Mutation(() => EvaluationRunType, { description: 'Cancels a queued evaluation at once, or a running one at its next checkpoint (between bootstraps).' })
  cancelEvaluation(@Ctx() ctx: Context, @Arg('id', () => ID) id: string): Promise<EvaluationRun> {
    return ctx.services.evaluation.cancelRun(parseId(id));
  }

  @Authorized('analyst')
  @Subscription(() => EvaluationRunType, {
    description: "An evaluation run's state: first its current state, then every status change and progress update; completes when the run ends.",
    subscribe: ({ args, context }) => evaluationRunUpdates((context as Context).services, parseId(String(args.id), 'id')),
  })
  evaluationRunProgress(@Root() run: EvaluationRun, @Arg('id', () => ID) _id: string): EvaluationRun {
    return run;
  }
}

/** The subscription's stream: current state first (a late subscriber is not blind), then updates, never backwards. */
export async function* evaluationRunUpdates(services: Services, runId: number): AsyncGenerator<EvaluationRun> {
  const updates = services.pubsub.subscribe(Topic.EVALUATION_RUN, runId);
  try {
    yield* followState(updates, () => services.evaluation.getRun(runId));
  } finally {
    await updates.return?.();
  }
}
