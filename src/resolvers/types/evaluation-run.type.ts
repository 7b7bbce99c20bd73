import { Field, Float, ID, Int, ObjectType } from 'type-graphql';
import { DateTimeScalar } from './scalars';
import { RunStatusEnum } from './training.type';

@ObjectType('EvaluationRun', { description: 'An evaluation of versions on one time split, run as a job: queued, with progress, cancellable; its metrics are stored per version.' })
export class EvaluationRunType {
  @Field(() => ID)
  id: number;

  @Field(() => [ID], { description: 'The versions it evaluates, in the order asked.' })
  versionIds: number[];

  @Field(() => DateTimeScalar, { description: 'The split: features before it, outcomes after it.' })
  asOf: Date;

  @Field(() => Int)
  horizonDays: number;

  @Field(() => Int, { description: 'Bootstrap resamples of the stability metrics.' })
  bootstraps: number;

  @Field({ description: 'Versions already evaluated on this split are recomputed (otherwise skipped).' })
  refresh: boolean;

  @Field(() => RunStatusEnum)
  status: RunStatusEnum;

  @Field(() => Float, { description: '0..1, never decreasing within an attempt (a run taken over by another worker starts again from 0).' })
  progress: number;

  @Field(() => String, { nullable: true, description: 'What it is doing (e.g. "version 3 (1 of 2): bootstrap 4 of 10").' })
  message: string | null;

  @Field(() => String, { nullable: true })
  error: string | null;

  @Field(() => DateTimeScalar)
  queuedAt: Date;

  @Field(() => DateTimeScalar, { nullable: true })
  startedAt: Date | null;

  @Field(() => DateTimeScalar, { nullable: true })
  finishedAt: Date | null;

  @Field(() => Int, { description: 'How many times a worker started it: more than 1 when it was taken over from a worker that died or stopped.' })
  attempts: number;
}
