"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.logGamma = logGamma;
exports.hyp2f1 = hyp2f1;
exports.digamma = digamma;
// Lanczos approximation (g = 7, n = 9): about 15 significant digits for positive arguments.
const LANCZOS = [
    0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059, 12.507343278686905, -0.13857109526572012,
    9.9843695780195716e-6, 1.5056327351493116e-7,
];
const HALF_LOG_2PI = 0.5 * Math.log(2 * Math.PI);
/** ln Γ(x) for x > 0. */
function logGamma(x) {
    if (x < 0.5)
        return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * x))) - logGamma(1 - x);
    const z = x - 1;
    let sum = LANCZOS[0];
    for (let i = 1; i < 9; i++)
        sum += LANCZOS[i] / (z + i);
    const t = z + 7.5;
    return HALF_LOG_2PI + (z + 0.5) * Math.log(t) - t + Math.log(sum);
}
/**
 * Gauss's hypergeometric function 2F1(a, b; c; z) for 0 <= z < 1 by its power series, summed until a term no longer
 * changes the sum (relative 1e-15), as lifetimes does for the BG/NBD conditional expectation (there z = t / (α + T + t)
 * stays well below 1). Throws if 100,000 terms do not converge.
 */
function hyp2f1(a, b, c, z) {
    if (z === 0)
        return 1;
    if (!(z > 0 && z < 1))
        throw new RangeError(`hyp2f1 needs 0 <= z < 1, got ${z}`);
    let term = 1;
    let sum = 1;
    for (let k = 0; k < 100_000; k++) {
        term *= ((a + k) * (b + k)) / ((c + k) * (k + 1)) * z;
        sum += term;
        if (Math.abs(term) <= 1e-15 * Math.abs(sum))
            return sum;
    }
    throw new Error(`hyp2f1(${a}, ${b}; ${c}; ${z}) did not converge`);
}
/** ψ(x) = d/dx ln Γ(x) for x > 0: the recurrence up to x >= 10, then the asymptotic series. */
function digamma(x) {
    let result = 0;
    while (x < 10) {
        result -= 1 / x;
        x += 1;
    }
    const f = 1 / (x * x);
    return result + Math.log(x) - 0.5 / x - f * (1 / 12 - f * (1 / 120 - f * (1 / 252 - f * (1 / 240 - f * (1 / 132)))));
}
//# sourceMappingURL=special-functions.js.map