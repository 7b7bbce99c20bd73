import { createPubSub } from '@graphql-yoga/subscription';
import { EvaluationRun, TrainingRun } from '../entities';

/**
 * The one place that knows topic names and payload types. In memory today; createPubSub takes an event target, so a
 * Redis-backed one can replace it for several server processes.
 */
export const Topic = {
  TRAINING_RUN: 'TRAINING_RUN',
  EVALUATION_RUN: 'EVALUATION_RUN',
  API_KEY_REVOKED: 'API_KEY_REVOKED',
} as const;

export type TopicMap = {
  /** A run's state, published on every status change and (throttled) progress update; keyed by run id. */
  [Topic.TRAINING_RUN]: [runId: number, run: TrainingRun];
  /** An evaluation run's state, the same way; keyed by evaluation run id. */
  [Topic.EVALUATION_RUN]: [runId: number, run: EvaluationRun];
  /**
   * A key was revoked (by this process): the socket server closes that key's open sockets with 4403. Other processes
   * learn of revocations from the database's `api_keys` revision (see ApiKeyService); a shared pubsub would tell them
   * at once as well.
   */
  [Topic.API_KEY_REVOKED]: [event: { keyId: number }];
};

export function createAppPubSub() {
  return createPubSub<TopicMap>();
}

export type AppPubSub = ReturnType<typeof createAppPubSub>;
