"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.simulateCustomers = simulateCustomers;
const sdk_1 = require("../../src/sdk");
/**
 * Customers drawn from the BG/NBD and Gamma-Gamma generative stories: λ ~ Gamma(r, rate α), p ~ Beta(a, b),
 * purchases a Poisson process of rate λ from time 0, after each repeat purchase the customer leaves with probability
 * p; each purchase's value ~ Gamma(p_gg, rate ν), ν ~ Gamma(q, rate γ). T per customer uniform in [minT, maxT];
 * with `wholeDays`, times are whole days (T and purchase times floored, purchases on one day merged), in `unit`s of
 * `daysPerUnit` days, as daily data would give.
 */
function simulateCustomers(n, bg, gg, options) {
    const rng = new sdk_1.Random(options.seed);
    const per = options.daysPerUnit ?? 7;
    const out = { x: new Float64Array(n), tx: new Float64Array(n), T: new Float64Array(n), m: new Float64Array(n) };
    for (let i = 0; i < n; i++) {
        let T = options.minT + rng.next() * (options.maxT - options.minT);
        if (options.wholeDays)
            T = Math.floor(T * per) / per;
        const lambda = rng.gamma(bg.r, 1 / bg.alpha);
        const dropout = rng.beta(bg.a, bg.b);
        const nu = rng.gamma(gg.q, 1 / gg.gamma);
        let t = 0;
        let x = 0;
        let tx = 0;
        let lastDay = 0;
        let total = 0;
        for (;;) {
            t += rng.exponential(1 / lambda);
            if (t > T)
                break;
            if (options.wholeDays) {
                const day = Math.floor(t * per);
                if (day === lastDay)
                    continue; // the same day as the previous purchase: one purchase day
                if (day / per > T)
                    break;
                lastDay = day;
                tx = day / per;
            }
            else
                tx = t;
            x++;
            total += rng.gamma(gg.p, 1 / nu);
            if (rng.chance(dropout))
                break;
        }
        out.x[i] = x;
        out.tx[i] = tx;
        out.T[i] = T;
        out.m[i] = x > 0 ? total / x : 0;
    }
    return out;
}
//# sourceMappingURL=simulate.js.map