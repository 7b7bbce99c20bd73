/**
 * Per-key token buckets: `perMinute` requests a minute on average, bursts of up to a quarter of that (at least 10).
 * In memory: each server process limits on its own.
 */
export class RateLimiter {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();
  private readonly capacity: number;
  private readonly perMs: number;

  constructor(readonly perMinute: number) {
    this.capacity = Math.max(10, Math.ceil(perMinute / 4));
    this.perMs = perMinute / 60_000;
  }

  get enabled(): boolean {
    return this.perMinute > 0;
  }

  /** Takes one token; returns 0 when allowed, else the seconds to wait before the next one. */
  take(key: string, now = Date.now()): number {
    if (!this.enabled) return 0;
    const bucket = this.refill(key, now, true)!;
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return 0;
    }
    return this.waitFor(bucket);
  }

  /** Gives back a token taken for something that turned out not to count. */
  refund(key: string, now = Date.now()): void {
    const bucket = this.refill(key, now, false);
    if (bucket) bucket.tokens = Math.min(this.capacity, bucket.tokens + 1);
  }

  private refill(key: string, now: number, create: boolean): { tokens: number; at: number } | undefined {
    let bucket = this.buckets.get(key);
    if (!bucket) {
      if (!create) return undefined;
      // Bounded: the oldest bucket goes (a flood of new keys cannot reset everyone else's buckets at once).
      if (this.buckets.size >= MAX_BUCKETS) this.buckets.delete(this.buckets.keys().next().value!);
      this.buckets.set(key, (bucket = { tokens: this.capacity, at: now }));
    }
    bucket.tokens = Math.min(this.capacity, bucket.tokens + (now - bucket.at) * this.perMs);
    bucket.at = now;
    return bucket;
  }

  private waitFor(bucket: { tokens: number }): number {
    return Math.max(1, Math.ceil((1 - bucket.tokens) / this.perMs / 1000));
  }
}

const MAX_BUCKETS = 100_000;
