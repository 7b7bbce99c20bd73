"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.gammaGammaLogLikelihoodGradient = gammaGammaLogLikelihoodGradient;
exports.gammaGammaLogLikelihood = gammaGammaLogLikelihood;
exports.fitGammaGamma = fitGammaGamma;
exports.expectedSpendPerPurchase = expectedSpendPerPurchase;
const sdk_1 = require("../../src/sdk");
const special_functions_1 = require("./special-functions");
function prepare(x, m) {
    const index = new Map();
    const xs = [];
    const counts = [];
    const sumLogM = [];
    const xIndex = [];
    const mx = [];
    for (let i = 0; i < x.length; i++) {
        if (!(x[i] >= 1) || !(m[i] > 0))
            continue;
        let k = index.get(x[i]);
        if (k === undefined) {
            k = xs.length;
            index.set(x[i], k);
            xs.push(x[i]);
            counts.push(0);
            sumLogM.push(0);
        }
        counts[k]++;
        sumLogM[k] += Math.log(m[i]);
        xIndex.push(k);
        mx.push(m[i] * x[i]);
    }
    return { xs, counts, sumLogM, xIndex: Int32Array.from(xIndex), mx: Float64Array.from(mx) };
}
function logLikelihoodOf(d, { p, q, gamma }) {
    if (!(p > 0 && q > 0 && gamma > 0))
        return -Infinity;
    // Per customer: lnΓ(px+q) − lnΓ(px) − lnΓ(q) + q ln γ + (px−1) ln m + px ln x − (px+q) ln(γ + m x); everything but
    // the last term is summed per distinct x.
    let sum = 0;
    const lgQ = (0, special_functions_1.logGamma)(q);
    const qLogGamma = q * Math.log(gamma);
    for (let k = 0; k < d.xs.length; k++) {
        const px = p * d.xs[k];
        sum += d.counts[k] * ((0, special_functions_1.logGamma)(px + q) - (0, special_functions_1.logGamma)(px) - lgQ + qLogGamma + px * Math.log(d.xs[k])) + (px - 1) * d.sumLogM[k];
    }
    for (let i = 0; i < d.mx.length; i++)
        sum -= (p * d.xs[d.xIndex[i]] + q) * Math.log(gamma + d.mx[i]);
    return sum;
}
/**
 * The log-likelihood and its gradient with respect to (ln p, ln q, ln γ); per distinct x, with L = Σ ln(γ + m x) and
 * I = Σ 1/(γ + m x) over its customers: ∂/∂p = x [N (ψ(px+q) − ψ(px) + ln x) + Σ ln m − L],
 * ∂/∂q = N (ψ(px+q) − ψ(q) + ln γ) − L, ∂/∂γ = N q/γ − (px+q) I.
 */
function logLikelihoodAndGradient(d, { p, q, gamma }) {
    if (!(p > 0 && q > 0 && gamma > 0))
        return { value: -Infinity, gradient: [0, 0, 0] };
    const nx = d.xs.length;
    const L = new Float64Array(nx);
    const I = new Float64Array(nx);
    for (let i = 0; i < d.mx.length; i++) {
        const k = d.xIndex[i];
        const denominator = gamma + d.mx[i];
        L[k] += Math.log(denominator);
        I[k] += 1 / denominator;
    }
    const lgQ = (0, special_functions_1.logGamma)(q);
    const psiQ = (0, special_functions_1.digamma)(q);
    const logG = Math.log(gamma);
    let value = 0;
    let gp = 0;
    let gq = 0;
    let gg = 0;
    for (let k = 0; k < nx; k++) {
        const x = d.xs[k];
        const N = d.counts[k];
        const px = p * x;
        const logX = Math.log(x);
        const psiPXQ = (0, special_functions_1.digamma)(px + q);
        value += N * ((0, special_functions_1.logGamma)(px + q) - (0, special_functions_1.logGamma)(px) - lgQ + q * logG + px * logX) + (px - 1) * d.sumLogM[k] - (px + q) * L[k];
        gp += x * (N * (psiPXQ - (0, special_functions_1.digamma)(px) + logX) + d.sumLogM[k] - L[k]);
        gq += N * (psiPXQ - psiQ + logG) - L[k];
        gg += (N * q) / gamma - (px + q) * I[k];
    }
    return { value, gradient: [gp * p, gq * q, gg * gamma] };
}
/** The log-likelihood and its gradient with respect to the logarithms of (p, q, γ). */
function gammaGammaLogLikelihoodGradient(x, m, params) {
    return logLikelihoodAndGradient(prepare(x, m), params);
}
/** The Gamma-Gamma log-likelihood of mean repeat-purchase values `m` over `x` repeat purchases (customers with x >= 1). */
function gammaGammaLogLikelihood(x, m, params) {
    return logLikelihoodOf(prepare(x, m), params);
}
/**
 * Maximum-likelihood Gamma-Gamma on the customers with at least one repeat purchase and a positive mean value:
 * BFGS with the analytic gradient on ln(p, q, γ), started from 1 each (Nelder-Mead takes over if BFGS stalls).
 */
function fitGammaGamma(x, m, options = {}) {
    const d = prepare(x, m);
    if (d.mx.length < 2)
        throw new Error(`Gamma-Gamma needs at least 2 customers with a repeat purchase, got ${d.mx.length}`);
    const toParams = (v) => ({ p: Math.exp(v[0]), q: Math.exp(v[1]), gamma: Math.exp(v[2]) });
    const negative = (v) => {
        const { value, gradient } = logLikelihoodAndGradient(d, toParams(v));
        return { value: -value, gradient: gradient.map((g) => -g) };
    };
    let result = (0, sdk_1.minimizeSmooth)(negative, [0, 0, 0], { maxIterations: options.maxIterations ?? 1000 });
    if (!result.converged) {
        const simplex = (0, sdk_1.minimize)((v) => -logLikelihoodOf(d, toParams(v)), result.x, { maxIterations: 10_000, restarts: 1 });
        result = (0, sdk_1.minimizeSmooth)(negative, simplex.x, { maxIterations: options.maxIterations ?? 1000 });
    }
    return { params: toParams(result.x), logLikelihood: -result.value, converged: result.converged, iterations: result.iterations, message: result.message, customers: d.mx.length };
}
/**
 * E[spend per purchase | m, x]: the posterior mean (Fader & Hardie 2013, eq. 5) — a weighted average of the
 * population mean pγ/(q−1) and the customer's own mean m; the population mean for a customer without repeat purchases.
 */
function expectedSpendPerPurchase({ p, q, gamma }, x, m) {
    if (q <= 1)
        return Number.NaN;
    if (!(x >= 1) || !(m > 0))
        return (p * gamma) / (q - 1);
    return (p * (gamma + m * x)) / (p * x + q - 1);
}
//# sourceMappingURL=gamma-gamma.js.map