"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.bgNbdLogLikelihoodGradient = bgNbdLogLikelihoodGradient;
exports.bgNbdLogLikelihood = bgNbdLogLikelihood;
exports.fitBgNbd = fitBgNbd;
exports.probabilityAlive = probabilityAlive;
exports.expectedPurchases = expectedPurchases;
exports.probabilityOfPurchase = probabilityOfPurchase;
exports.medianTimeToNextPurchase = medianTimeToNextPurchase;
const sdk_1 = require("../../src/sdk");
const special_functions_1 = require("./special-functions");
function compress(data) {
    const n = data.x.length;
    if (data.tx.length !== n || data.T.length !== n)
        throw new Error('x, tx and T must have one value per customer');
    const distinct = (values) => {
        const index = new Map();
        const list = [];
        const of = new Int32Array(n);
        for (let i = 0; i < n; i++) {
            const v = values[i];
            let k = index.get(v);
            if (k === undefined) {
                k = list.length;
                list.push(v);
                index.set(v, k);
            }
            of[i] = k;
        }
        return { list, of };
    };
    for (let i = 0; i < n; i++) {
        const x = data.x[i];
        if (!(Number.isInteger(x) && x >= 0) || !(data.tx[i] >= 0) || !(data.T[i] >= data.tx[i]) || (x > 0 && !(data.tx[i] > 0))) {
            throw new Error(`customer ${i}: (x, tx, T) = (${x}, ${data.tx[i]}, ${data.T[i]}) is not a purchase history (x an integer >= 0, 0 <= tx <= T, tx > 0 when x > 0)`);
        }
    }
    const xs = distinct(data.x);
    const txs = distinct(data.tx);
    const Ts = distinct(data.T);
    const triples = new Map();
    const xIndex = [];
    const txIndex = [];
    const TIndex = [];
    const weight = [];
    const nx = xs.list.length;
    const ntx = txs.list.length;
    for (let i = 0; i < n; i++) {
        // A unique integer per triple of indices (well below 2^53 for any realistic number of distinct values).
        const key = (Ts.of[i] * ntx + txs.of[i]) * nx + xs.of[i];
        const k = triples.get(key);
        if (k !== undefined)
            weight[k]++;
        else {
            triples.set(key, weight.length);
            xIndex.push(xs.of[i]);
            txIndex.push(txs.of[i]);
            TIndex.push(Ts.of[i]);
            weight.push(1);
        }
    }
    return { xIndex: Int32Array.from(xIndex), txIndex: Int32Array.from(txIndex), TIndex: Int32Array.from(TIndex), weight: Float64Array.from(weight), xs: xs.list, txs: txs.list, Ts: Ts.list };
}
function logLikelihoodOf(c, { r, alpha, a, b }) {
    if (!(r > 0 && alpha > 0 && a > 0 && b > 0))
        return -Infinity;
    // Terms that depend on x alone, then on tx or T alone: a handful of logGamma and log calls per evaluation.
    const lgR = (0, special_functions_1.logGamma)(r);
    const lgB = (0, special_functions_1.logGamma)(b);
    const lgAB = (0, special_functions_1.logGamma)(a + b);
    const rLogAlpha = r * Math.log(alpha);
    const logA = Math.log(a);
    const a12 = c.xs.map((x) => (0, special_functions_1.logGamma)(r + x) - lgR + rLogAlpha + lgAB + (0, special_functions_1.logGamma)(b + x) - lgB - (0, special_functions_1.logGamma)(a + b + x));
    const a4x = c.xs.map((x) => (x > 0 ? logA - Math.log(b + x - 1) : -Infinity));
    const logAlphaT = c.Ts.map((T) => Math.log(alpha + T));
    const logAlphaTx = c.txs.map((tx) => Math.log(alpha + tx));
    let sum = 0;
    for (let k = 0; k < c.weight.length; k++) {
        const xi = c.xIndex[k];
        const x = c.xs[xi];
        const a3 = -(r + x) * logAlphaT[c.TIndex[k]];
        let term = a3;
        if (x > 0) {
            const a4 = a4x[xi] - (r + x) * logAlphaTx[c.txIndex[k]];
            term = Math.max(a3, a4) + Math.log1p(Math.exp(-Math.abs(a3 - a4)));
        }
        sum += c.weight[k] * (a12[xi] + term);
    }
    return sum;
}
/**
 * The log-likelihood and its gradient with respect to (ln r, ln α, ln a, ln b). Per customer, with
 * w = e^A3 / (e^A3 + e^A4) (1 without repeat purchases):
 * ∂/∂r = ψ(r+x) − ψ(r) + ln α − w ln(α+T) − (1−w) ln(α+tx);  ∂/∂α = r/α − (r+x) [w/(α+T) + (1−w)/(α+tx)];
 * ∂/∂a = ψ(a+b) − ψ(a+b+x) + (1−w)/a;  ∂/∂b = ψ(a+b) + ψ(b+x) − ψ(b) − ψ(a+b+x) − (1−w)/(b+x−1).
 */
function logLikelihoodAndGradient(c, { r, alpha, a, b }) {
    if (!(r > 0 && alpha > 0 && a > 0 && b > 0))
        return { value: -Infinity, gradient: [0, 0, 0, 0] };
    const lgR = (0, special_functions_1.logGamma)(r);
    const lgB = (0, special_functions_1.logGamma)(b);
    const lgAB = (0, special_functions_1.logGamma)(a + b);
    const logAlpha = Math.log(alpha);
    const logA = Math.log(a);
    const psiR = (0, special_functions_1.digamma)(r);
    const psiB = (0, special_functions_1.digamma)(b);
    const psiAB = (0, special_functions_1.digamma)(a + b);
    const nx = c.xs.length;
    const a12 = new Float64Array(nx);
    const a4x = new Float64Array(nx);
    // Per distinct x: the parts of the r, a and b derivatives that depend on x alone.
    const dR = new Float64Array(nx);
    const dA = new Float64Array(nx);
    const dB = new Float64Array(nx);
    for (let k = 0; k < nx; k++) {
        const x = c.xs[k];
        a12[k] = (0, special_functions_1.logGamma)(r + x) - lgR + r * logAlpha + lgAB + (0, special_functions_1.logGamma)(b + x) - lgB - (0, special_functions_1.logGamma)(a + b + x);
        a4x[k] = x > 0 ? logA - Math.log(b + x - 1) : -Infinity;
        const psiABX = (0, special_functions_1.digamma)(a + b + x);
        dR[k] = (0, special_functions_1.digamma)(r + x) - psiR + logAlpha;
        dA[k] = psiAB - psiABX;
        dB[k] = psiAB + (0, special_functions_1.digamma)(b + x) - psiB - psiABX;
    }
    const logAlphaT = c.Ts.map((T) => Math.log(alpha + T));
    const invAlphaT = c.Ts.map((T) => 1 / (alpha + T));
    const logAlphaTx = c.txs.map((tx) => Math.log(alpha + tx));
    const invAlphaTx = c.txs.map((tx) => 1 / (alpha + tx));
    let value = 0;
    let gr = 0;
    let galpha = 0;
    let ga = 0;
    let gb = 0;
    for (let k = 0; k < c.weight.length; k++) {
        const xi = c.xIndex[k];
        const x = c.xs[xi];
        const ti = c.TIndex[k];
        const weight = c.weight[k];
        const a3 = -(r + x) * logAlphaT[ti];
        let term = a3;
        let w = 1;
        let lnTx = 0;
        let invTx = 0;
        if (x > 0) {
            const txi = c.txIndex[k];
            lnTx = logAlphaTx[txi];
            invTx = invAlphaTx[txi];
            const a4 = a4x[xi] - (r + x) * lnTx;
            const e = Math.exp(-Math.abs(a3 - a4));
            term = Math.max(a3, a4) + Math.log1p(e);
            w = a3 >= a4 ? 1 / (1 + e) : e / (1 + e);
        }
        const v = 1 - w;
        value += weight * (a12[xi] + term);
        gr += weight * (dR[xi] - w * logAlphaT[ti] - v * lnTx);
        galpha += weight * (r / alpha - (r + x) * (w * invAlphaT[ti] + v * invTx));
        ga += weight * (dA[xi] + v / a);
        gb += weight * (dB[xi] - (x > 0 ? v / (b + x - 1) : 0));
    }
    return { value, gradient: [gr * r, galpha * alpha, ga * a, gb * b] };
}
/** The log-likelihood and its gradient with respect to the logarithms of (r, α, a, b). */
function bgNbdLogLikelihoodGradient(data, params) {
    return logLikelihoodAndGradient(compress(data), params);
}
/** The BG/NBD log-likelihood of the data at `params` (summed over customers). */
function bgNbdLogLikelihood(data, params) {
    return logLikelihoodOf(compress(data), params);
}
/**
 * Maximum-likelihood BG/NBD: BFGS with the analytic gradient on the logarithms of (r, α, a, b), started from 1 each
 * (Nelder-Mead takes over if BFGS stalls).
 */
function fitBgNbd(data, options = {}) {
    const c = compress(data);
    if (c.weight.length === 0)
        throw new Error('BG/NBD needs at least one customer');
    const start = options.start ?? { r: 1, alpha: 1, a: 1, b: 1 };
    const toParams = (v) => ({ r: Math.exp(v[0]), alpha: Math.exp(v[1]), a: Math.exp(v[2]), b: Math.exp(v[3]) });
    const negative = (v) => {
        const { value, gradient } = logLikelihoodAndGradient(c, toParams(v));
        return { value: -value, gradient: gradient.map((g) => -g) };
    };
    let result = (0, sdk_1.minimizeSmooth)(negative, [start.r, start.alpha, start.a, start.b].map(Math.log), { maxIterations: options.maxIterations ?? 1000 });
    if (!result.converged) {
        // BFGS can stall on a badly scaled start: Nelder-Mead from where it stopped, then BFGS again to finish.
        const simplex = (0, sdk_1.minimize)((v) => negative(v).value, result.x, { maxIterations: 10_000, restarts: 1 });
        result = (0, sdk_1.minimizeSmooth)(negative, simplex.x, { maxIterations: options.maxIterations ?? 1000 });
    }
    return {
        params: toParams(result.x),
        logLikelihood: -result.value,
        converged: result.converged,
        iterations: result.iterations,
        message: result.message,
        distinctHistories: c.weight.length,
    };
}
/** P(alive at T | x, tx, T). */
function probabilityAlive({ r, alpha, a, b }, x, tx, T) {
    if (x === 0)
        return 1;
    const logRatio = Math.log(a / (b + x - 1)) + (r + x) * Math.log((alpha + T) / (alpha + tx));
    return 1 / (1 + Math.exp(logRatio));
}
/** E[number of purchases in (T, T + t] | x, tx, T] (FHL 2005, eq. 10). */
function expectedPurchases(params, x, tx, T, t) {
    const { r, alpha, a, b } = params;
    if (t <= 0)
        return 0;
    const z = t / (alpha + T + t);
    const hyp = (0, special_functions_1.hyp2f1)(r + x, b + x, a + b + x - 1, z);
    const first = ((a + b + x - 1) / (a - 1)) * (1 - Math.pow((alpha + T) / (alpha + T + t), r + x) * hyp);
    const second = x > 0 ? 1 + (a / (b + x - 1)) * Math.pow((alpha + T) / (alpha + tx), r + x) : 1;
    return first / second;
}
/**
 * P(at least one purchase in (T, T + t] | x, tx, T): alive at T (dropout happens only just after a purchase, so an
 * alive customer stays alive until the next one) and the first arrival of a Poisson process whose rate has the
 * posterior Gamma(r + x, α + T) falls within t.
 */
function probabilityOfPurchase(params, x, tx, T, t) {
    const { r, alpha } = params;
    return probabilityAlive(params, x, tx, T) * (1 - Math.pow((alpha + T) / (alpha + T + t), r + x));
}
/**
 * The median time from T to the next purchase: the t at which a purchase in (T, T + t] becomes more likely than not;
 * null when it never does (P(alive) <= 0.5).
 */
function medianTimeToNextPurchase(params, x, tx, T) {
    const alive = probabilityAlive(params, x, tx, T);
    if (alive <= 0.5)
        return null;
    const q = Math.pow(1 - 0.5 / alive, 1 / (params.r + x));
    return (params.alpha + T) * (1 / q - 1);
}
//# sourceMappingURL=bg-nbd.js.map