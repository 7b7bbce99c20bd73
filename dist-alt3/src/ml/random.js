"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.Random = void 0;
/** A small seeded PRNG (mulberry32): the demo data and tests must come out the same for the same seed. */
class Random {
    state;
    constructor(seed) {
        this.state = seed >>> 0;
    }
    /** Uniform in [0, 1). */
    next() {
        let t = (this.state = (this.state + 0x6d2b79f5) >>> 0);
        t = Math.imul(t ^ (t >>> 15), t | 1);
        t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
        return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    }
    int(min, maxInclusive) {
        return min + Math.floor(this.next() * (maxInclusive - min + 1));
    }
    pick(items) {
        return items[Math.floor(this.next() * items.length)];
    }
    chance(p) {
        return this.next() < p;
    }
    /** Normal via Box-Muller. */
    normal(mean = 0, sd = 1) {
        const u = 1 - this.next();
        const v = this.next();
        return mean + sd * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    }
    /** A shuffled copy (Fisher-Yates, from the end). */
    shuffled(items) {
        const out = [...items];
        for (let i = out.length - 1; i > 0; i--) {
            const j = Math.floor(this.next() * (i + 1));
            [out[i], out[j]] = [out[j], out[i]];
        }
        return out;
    }
    /** Exponential with the given mean. */
    exponential(mean) {
        return -Math.log(1 - this.next()) * mean;
    }
    /** Gamma with the given shape and scale (Marsaglia & Tsang 2000; shape < 1 by the boost u^(1/shape)). */
    gamma(shape, scale = 1) {
        if (shape < 1)
            return this.gamma(shape + 1, scale) * Math.pow(1 - this.next(), 1 / shape);
        const d = shape - 1 / 3;
        const c = 1 / Math.sqrt(9 * d);
        for (;;) {
            let x;
            let v;
            do {
                x = this.normal();
                v = 1 + c * x;
            } while (v <= 0);
            v = v * v * v;
            const u = 1 - this.next();
            if (Math.log(u) < 0.5 * x * x + d - d * v + d * Math.log(v))
                return d * v * scale;
        }
    }
    /** Beta(a, b), as X / (X + Y) of two gammas. */
    beta(a, b) {
        const x = this.gamma(a);
        return x / (x + this.gamma(b));
    }
}
exports.Random = Random;
//# sourceMappingURL=random.js.map