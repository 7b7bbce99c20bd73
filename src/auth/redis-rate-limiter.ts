import type Redis from 'ioredis';
import { RateLimiter } from './rate-limiter';

/** Per-key limits as `take` answers them: 0 when allowed, else the seconds to wait. */
export interface KeyRateLimiter {
  readonly perMinute: number;
  take(key: string): number | Promise<number>;
}

/**
 * The same token bucket as RateLimiter, kept in Redis and updated by one script (atomic, on Redis's clock), so that
 * N API instances give one key its limit once, not N times. While Redis cannot answer, each instance falls back to
 * its own in-memory bucket: requests are still limited, and never wait for Redis.
 */
export class RedisRateLimiter implements KeyRateLimiter {
  private readonly capacity: number;
  private readonly perMs: number;
  private readonly local: RateLimiter;
  private loggedAt = 0;

  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
    readonly perMinute: number,
    private readonly log: (line: string) => void = () => undefined,
  ) {
    this.local = new RateLimiter(perMinute);
    this.capacity = Math.max(10, Math.ceil(perMinute / 4));
    this.perMs = perMinute / 60_000;
  }

  async take(key: string): Promise<number> {
    if (this.perMinute <= 0) return 0;
    try {
      const wait = await this.redis.eval(TOKEN_BUCKET, 1, `${this.prefix}:ratelimit:${key}`, this.capacity, this.perMs);
      return Number(wait);
    } catch (err) {
      // Once in a while, not once per request, while Redis is down.
      if (Date.now() - this.loggedAt > 30_000) {
        this.loggedAt = Date.now();
        this.log(`rate limit in Redis unavailable (${(err as Error).message}); limiting in this process`);
      }
      return this.local.take(key);
    }
  }
}

/** KEYS[1]: the bucket; ARGV: capacity, tokens per ms. Returns the seconds to wait (0: a token was taken). */
const TOKEN_BUCKET = `
local capacity = tonumber(ARGV[1])
local per_ms = tonumber(ARGV[2])
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local bucket = redis.call('HMGET', KEYS[1], 'tokens', 'at')
local tokens = tonumber(bucket[1]) or capacity
local at = tonumber(bucket[2]) or now
tokens = math.min(capacity, tokens + math.max(0, now - at) * per_ms)
local wait = 0
if tokens >= 1 then
  tokens = tokens - 1
else
  wait = math.max(1, math.ceil((1 - tokens) / per_ms / 1000))
end
redis.call('HSET', KEYS[1], 'tokens', tostring(tokens), 'at', tostring(now))
redis.call('PEXPIRE', KEYS[1], math.ceil(capacity / per_ms) + 1000)
return wait
`;
