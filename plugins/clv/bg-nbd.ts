import { minimize, minimizeSmooth } from '../../src/sdk';
import { digamma, hyp2f1, logGamma } from './special-functions';

/**
 * Each customer's purchase history as the BG/NBD model reads it (Fader, Hardie & Lee 2005), in one time unit:
 * `x` repeat purchases (distinct purchase days after the first), `tx` the time from the first purchase to the last,
 * `T` the time from the first purchase to the end of the calibration period.
 */
export interface RfmSummaries {
  x: ArrayLike<number>;
  tx: ArrayLike<number>;
  T: ArrayLike<number>;
}

/** Fitted BG/NBD parameters: purchase rates λ ~ Gamma(r, α), dropout probabilities p ~ Beta(a, b). */
export interface BgNbdParams {
  r: number;
  alpha: number;
  a: number;
  b: number;
}

export interface BgNbdFit {
  params: BgNbdParams;
  /** The log-likelihood at the fitted parameters (summed over customers). */
  logLikelihood: number;
  converged: boolean;
  iterations: number;
  message: string;
  /** Distinct (x, tx, T) triples the likelihood was evaluated on. */
  distinctHistories: number;
}

/** Customers with the same (x, tx, T) share one likelihood term: daily data has far fewer triples than customers. */
interface Compressed {
  /** Per triple: index into `xs`, `txs`, `Ts`, and the number of customers. */
  xIndex: Int32Array;
  txIndex: Int32Array;
  TIndex: Int32Array;
  weight: Float64Array;
  xs: number[];
  txs: number[];
  Ts: number[];
}

function compress(data: RfmSummaries): Compressed {
  const n = data.x.length;
  if (data.tx.length !== n || data.T.length !== n) throw new Error('x, tx and T must have one value per customer');
  const distinct = (values: ArrayLike<number>) => {
    const index = new Map<number, number>();
    const list: number[] = [];
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
  const triples = new Map<number, number>();
  const xIndex: number[] = [];
  const txIndex: number[] = [];
  const TIndex: number[] = [];
  const weight: number[] = [];
  const nx = xs.list.length;
  const ntx = txs.list.length;
  for (let i = 0; i < n; i++) {
    // A unique integer per triple of indices (well below 2^53 for any realistic number of distinct values).
    const key = (Ts.of[i] * ntx + txs.of[i]) * nx + xs.of[i];
    const k = triples.get(key);
    if (k !== undefined) weight[k]++;
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

function logLikelihoodOf(c: Compressed, { r, alpha, a, b }: BgNbdParams): number {
  if (!(r > 0 && alpha > 0 && a > 0 && b > 0)) return -Infinity;
  // Terms that depend on x alone, then on tx or T alone: a handful of logGamma and log calls per evaluation.
  const lgR = logGamma(r);
  const lgB = logGamma(b);
  const lgAB = logGamma(a + b);
  const rLogAlpha = r * Math.log(alpha);
  const logA = Math.log(a);
  const a12 = c.xs.map((x) => logGamma(r + x) - lgR + rLogAlpha + lgAB + logGamma(b + x) - lgB - logGamma(a + b + x));
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
function logLikelihoodAndGradient(c: Compressed, { r, alpha, a, b }: BgNbdParams): { value: number; gradient: number[] } {
  if (!(r > 0 && alpha > 0 && a > 0 && b > 0)) return { value: -Infinity, gradient: [0, 0, 0, 0] };
  const lgR = logGamma(r);
  const lgB = logGamma(b);
  const lgAB = logGamma(a + b);
  const logAlpha = Math.log(alpha);
  const logA = Math.log(a);
  const psiR = digamma(r);
  const psiB = digamma(b);
  const psiAB = digamma(a + b);
  const nx = c.xs.length;
  const a12 = new Float64Array(nx);
  const a4x = new Float64Array(nx);
  // Per distinct x: the parts of the r, a and b derivatives that depend on x alone.
  const dR = new Float64Array(nx);
  const dA = new Float64Array(nx);
  const dB = new Float64Array(nx);
  for (let k = 0; k < nx; k++) {
    const x = c.xs[k];
    a12[k] = logGamma(r + x) - lgR + r * logAlpha + lgAB + logGamma(b + x) - lgB - logGamma(a + b + x);
    a4x[k] = x > 0 ? logA - Math.log(b + x - 1) : -Infinity;
    const psiABX = digamma(a + b + x);
    dR[k] = digamma(r + x) - psiR + logAlpha;
    dA[k] = psiAB - psiABX;
    dB[k] = psiAB + digamma(b + x) - psiB - psiABX;
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
export function bgNbdLogLikelihoodGradient(data: RfmSummaries, params: BgNbdParams): { value: number; gradient: number[] } {
  return logLikelihoodAndGradient(compress(data), params);
}

/** The BG/NBD log-likelihood of the data at `params` (summed over customers). */
export function bgNbdLogLikelihood(data: RfmSummaries, params: BgNbdParams): number {
  return logLikelihoodOf(compress(data), params);
}

/**
 * Maximum-likelihood BG/NBD: BFGS with the analytic gradient on the logarithms of (r, α, a, b), started from 1 each
 * (Nelder-Mead takes over if BFGS stalls).
 */
export function fitBgNbd(data: RfmSummaries, options: { start?: BgNbdParams; maxIterations?: number } = {}): BgNbdFit {
  const c = compress(data);
  if (c.weight.length === 0) throw new Error('BG/NBD needs at least one customer');
  const start = options.start ?? { r: 1, alpha: 1, a: 1, b: 1 };
  const toParams = (v: number[]): BgNbdParams => ({ r: Math.exp(v[0]), alpha: Math.exp(v[1]), a: Math.exp(v[2]), b: Math.exp(v[3]) });
  const negative = (v: number[]) => {
    const { value, gradient } = logLikelihoodAndGradient(c, toParams(v));
    return { value: -value, gradient: gradient.map((g) => -g) };
  };
  let result = minimizeSmooth(negative, [start.r, start.alpha, start.a, start.b].map(Math.log), { maxIterations: options.maxIterations ?? 1000 });
  if (!result.converged) {
    // BFGS can stall on a badly scaled start: Nelder-Mead from where it stopped, then BFGS again to finish.
    const simplex = minimize((v) => negative(v).value, result.x, { maxIterations: 10_000, restarts: 1 });
    result = minimizeSmooth(negative, simplex.x, { maxIterations: options.maxIterations ?? 1000 });
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
export function probabilityAlive({ r, alpha, a, b }: BgNbdParams, x: number, tx: number, T: number): number {
  if (x === 0) return 1;
  const logRatio = Math.log(a / (b + x - 1)) + (r + x) * Math.log((alpha + T) / (alpha + tx));
  return 1 / (1 + Math.exp(logRatio));
}

/** E[number of purchases in (T, T + t] | x, tx, T] (FHL 2005, eq. 10). */
export function expectedPurchases(params: BgNbdParams, x: number, tx: number, T: number, t: number): number {
  const { r, alpha, a, b } = params;
  if (t <= 0) return 0;
  const z = t / (alpha + T + t);
  const hyp = hyp2f1(r + x, b + x, a + b + x - 1, z);
  const first = ((a + b + x - 1) / (a - 1)) * (1 - Math.pow((alpha + T) / (alpha + T + t), r + x) * hyp);
  const second = x > 0 ? 1 + (a / (b + x - 1)) * Math.pow((alpha + T) / (alpha + tx), r + x) : 1;
  return first / second;
}

/**
 * P(at least one purchase in (T, T + t] | x, tx, T): alive at T (dropout happens only just after a purchase, so an
 * alive customer stays alive until the next one) and the first arrival of a Poisson process whose rate has the
 * posterior Gamma(r + x, α + T) falls within t.
 */
export function probabilityOfPurchase(params: BgNbdParams, x: number, tx: number, T: number, t: number): number {
  const { r, alpha } = params;
  return probabilityAlive(params, x, tx, T) * (1 - Math.pow((alpha + T) / (alpha + T + t), r + x));
}

/**
 * The median time from T to the next purchase: the t at which a purchase in (T, T + t] becomes more likely than not;
 * null when it never does (P(alive) <= 0.5).
 */
export function medianTimeToNextPurchase(params: BgNbdParams, x: number, tx: number, T: number): number | null {
  const alive = probabilityAlive(params, x, tx, T);
  if (alive <= 0.5) return null;
  const q = Math.pow(1 - 0.5 / alive, 1 / (params.r + x));
  return (params.alpha + T) * (1 / q - 1);
}
