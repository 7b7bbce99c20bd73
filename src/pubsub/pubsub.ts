import { createPubSub } from '@graphql-yoga/subscription';
import { createRedisEventTarget } from '@graphql-yoga/redis-event-target';
import type { TypedEventTarget } from '@graphql-yoga/typed-event-target';
import type Redis from 'ioredis';
import { EvaluationRun, TrainingRun } from '../entities';
import type { JobKind } from '../jobs/job-queue';
import type { MembershipEvent } from '../services/membership.service';

/**
 * The one place that knows topic names and payload types. In memory in one process; with REDIS_URL on Redis's
 * pub/sub (the Redis event target of the same pubsub), so that what a worker publishes reaches every API instance.
 */
export const Topic = {
  TRAINING_RUN: 'TRAINING_RUN',
  EVALUATION_RUN: 'EVALUATION_RUN',
  API_KEY_REVOKED: 'API_KEY_REVOKED',
  JOB_CANCEL: 'JOB_CANCEL',
  SHOP_REVISION: 'SHOP_REVISION',
  MEMBERSHIP_CHANGED: 'MEMBERSHIP_CHANGED',
} as const;

export type TopicMap = {
  /** A run's state, published on every status change and (throttled) progress update; keyed by run id. */
  [Topic.TRAINING_RUN]: [runId: number, run: TrainingRun];
  /** An evaluation run's state, the same way; keyed by evaluation run id. */
  [Topic.EVALUATION_RUN]: [runId: number, run: EvaluationRun];
  /**
   * A key was revoked: every instance's socket server closes that key's open sockets with 4403 and forgets the key.
   * With Redis every instance hears it at once; the database's `api_keys` revision covers the CLI and missed messages.
   */
  [Topic.API_KEY_REVOKED]: [event: { keyId: number }];
  /** Stop a job wherever it runs (several machines: the worker holding it hears this). */
  [Topic.JOB_CANCEL]: [event: { kind: JobKind; id: string }];
  /** Shop data was written by some process: caches derived from it (segmentStats, features) are stale everywhere. */
  [Topic.SHOP_REVISION]: [event: { origin: string }];
  /** Customers moved between segments of an alias (one message per re-scoring job and alias); keyed by alias. */
  [Topic.MEMBERSHIP_CHANGED]: [alias: string, batch: { alias: string; events: MembershipEvent[] }];
};

/** Redis connections for the pubsub: one publishes, one only subscribes (a subscribed connection can do nothing else). */
export interface RedisPubSubClients {
  publish: Redis;
  subscribe: Redis;
  /** Channel prefix (REDIS_PREFIX): deployments and test runs sharing a Redis do not hear each other. */
  prefix: string;
}

export function createAppPubSub(redis?: RedisPubSubClients, log: (line: string) => void = () => undefined) {
  if (!redis) return createPubSub<TopicMap>();
  const target = createRedisEventTarget({ publishClient: guarded(redis.publish, log), subscribeClient: guarded(redis.subscribe, log), serializer: DATE_PRESERVING_JSON });
  return createPubSub<TopicMap>({ eventTarget: prefixed(target, `${redis.prefix}:pubsub:`) });
}

export type AppPubSub = ReturnType<typeof createAppPubSub>;

/** JSON that gives Dates back as Dates (a run's queuedAt is a Date on every instance, as in one process). */
export const DATE_PRESERVING_JSON = {
  stringify(message: unknown): string {
    return JSON.stringify(message, function (this: Record<string, unknown>, key, value) {
      return this[key] instanceof Date ? { $date: (this[key] as Date).toISOString() } : value;
    });
  },
  parse(message: string): unknown {
    return JSON.parse(message, (_key, value) => (value && typeof value === 'object' && typeof value.$date === 'string' && Object.keys(value).length === 1 ? new Date(value.$date) : value));
  },
};

/**
 * The Redis client as the event target uses it, with the commands it sends and never awaits (PUBLISH, SUBSCRIBE,
 * UNSUBSCRIBE) logging their failures: an unhandled rejection (a closed connection, an ACL refusal) would end the
 * process. What a lost message costs, subscriptions make up for by reading the state again (follow-state.ts).
 */
function guarded(client: Redis, log: (line: string) => void): Redis {
  return new Proxy(client, {
    get(target, property, receiver) {
      const value = Reflect.get(target, property, receiver);
      if (typeof value !== 'function') return value;
      if (property === 'publish' || property === 'subscribe' || property === 'unsubscribe') {
        return (...args: unknown[]) =>
          (value as (...a: unknown[]) => Promise<unknown>).apply(target, args).catch((err: Error) => log(`redis ${String(property)} failed: ${err.message}`));
      }
      return value.bind(target);
    },
  });
}

/** The same event target, with every topic under a prefix. */
function prefixed(target: TypedEventTarget<CustomEvent>, prefix: string): TypedEventTarget<CustomEvent> {
  return {
    addEventListener: (type, listener) => target.addEventListener(prefix + type, listener),
    removeEventListener: (type, listener) => target.removeEventListener(prefix + type, listener),
    dispatchEvent: (event) => target.dispatchEvent(new CustomEvent(prefix + event.type, { detail: (event as CustomEvent).detail })),
  } as TypedEventTarget<CustomEvent>;
}
