"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.RateLimiter = void 0;
/**
 * Per-key token buckets: `perMinute` requests a minute on average, bursts of up to a quarter of that (at least 10).
 * In memory: each server process limits on its own.
 */
class RateLimiter {
    perMinute;
    buckets = new Map();
    capacity;
    perMs;
    constructor(perMinute) {
        this.perMinute = perMinute;
        this.capacity = Math.max(10, Math.ceil(perMinute / 4));
        this.perMs = perMinute / 60_000;
    }
    get enabled() {
        return this.perMinute > 0;
    }
    /** Takes one token; returns 0 when allowed, else the seconds to wait before the next one. */
    take(key, now = Date.now()) {
        if (!this.enabled)
            return 0;
        const bucket = this.refill(key, now, true);
        if (bucket.tokens >= 1) {
            bucket.tokens -= 1;
            return 0;
        }
        return this.waitFor(bucket);
    }
    /** Gives back a token taken for something that turned out not to count. */
    refund(key, now = Date.now()) {
        const bucket = this.refill(key, now, false);
        if (bucket)
            bucket.tokens = Math.min(this.capacity, bucket.tokens + 1);
    }
    refill(key, now, create) {
        let bucket = this.buckets.get(key);
        if (!bucket) {
            if (!create)
                return undefined;
            // Bounded: the oldest bucket goes (a flood of new keys cannot reset everyone else's buckets at once).
            if (this.buckets.size >= MAX_BUCKETS)
                this.buckets.delete(this.buckets.keys().next().value);
            this.buckets.set(key, (bucket = { tokens: this.capacity, at: now }));
        }
        bucket.tokens = Math.min(this.capacity, bucket.tokens + (now - bucket.at) * this.perMs);
        bucket.at = now;
        return bucket;
    }
    waitFor(bucket) {
        return Math.max(1, Math.ceil((1 - bucket.tokens) / this.perMs / 1000));
    }
}
exports.RateLimiter = RateLimiter;
const MAX_BUCKETS = 100_000;
//# sourceMappingURL=rate-limiter.js.map