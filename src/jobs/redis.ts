import Redis, { RedisOptions } from 'ioredis';
import { DistributedConfig } from '../config/config';
import { withTimeout } from './with-timeout';

/**
 * The Redis connections of one process (several machines). Each has one job: BullMQ's (which waits through an outage
 * rather than failing a command), the pubsub's two (a subscribed connection can do nothing else), and a fast-failing
 * one for rate limits and health, so that a Redis outage never makes a read request wait.
 */
export interface RedisClients {
  prefix: string;
  /** BullMQ queues and workers, the worker registry, leases of the reconciler: retries until Redis is back. */
  jobs: Redis;
  publish: Redis;
  subscribe: Redis;
  /** Rate limits and /healthz: a command fails at once while Redis is down (callers fall back). */
  fast: Redis;
  close(): Promise<void>;
}

export function connectRedis(config: DistributedConfig, log: (line: string) => void): RedisClients {
  const patient: RedisOptions = { maxRetriesPerRequest: null, lazyConnect: false };
  const make = (name: string, options: RedisOptions) => {
    const client = new Redis(config.redisUrl, { connectionName: `segmentql-${name}`, ...options });
    let down = false;
    client.on('error', (err) => {
      if (!down) log(`redis (${name}): ${err.message}`);
      down = true;
    });
    client.on('ready', () => {
      if (down) log(`redis (${name}): connected again`);
      down = false;
    });
    return client;
  };
  const clients = {
    jobs: make('jobs', patient),
    publish: make('publish', patient),
    subscribe: make('subscribe', patient),
    fast: make('fast', { maxRetriesPerRequest: 0, enableOfflineQueue: false, commandTimeout: 500 }),
  };
  return {
    prefix: config.prefix,
    ...clients,
    async close() {
      // QUIT waits for an answer that never comes while Redis is down: then the connection is just dropped.
      await Promise.all(Object.values(clients).map((c) => withTimeout(c.quit(), 1000).catch(() => c.disconnect())));
    },
  };
}
