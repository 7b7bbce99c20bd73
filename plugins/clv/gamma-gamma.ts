import { minimize } from '../../src/sdk';
import { logGamma } from './special-functions';

/** Gamma-Gamma parameters (Fader & Hardie 2013): spend per purchase ~ Gamma(p, ν), ν ~ Gamma(q, γ). */
export interface GammaGammaParams {
  p: number;
  q: number;
  gamma: number;
}

export interface GammaGammaFit {
  params: GammaGammaParams;
  logLikelihood: number;
  converged: boolean;
  iterations: number;
  message: string;
  /** Customers fitted on (those with at least one repeat purchase). */
  customers: number;
}

/** The customers the model is fitted on: `x` >= 1 repeat purchases whose mean value is `m` > 0. */
interface Prepared {
  /** Per distinct x: the x, how many customers have it, and the sum of their ln m. */
  xs: number[];
  counts: number[];
  sumLogM: number[];
  /** Per customer: index into `xs`, and m·x. */
  xIndex: Int32Array;
  mx: Float64Array;
}

function prepare(x: ArrayLike<number>, m: ArrayLike<number>): Prepared {
  const index = new Map<number, number>();
  const xs: number[] = [];
  const counts: number[] = [];
  const sumLogM: number[] = [];
  const xIndex: number[] = [];
  const mx: number[] = [];
  for (let i = 0; i < x.length; i++) {
    if (!(x[i] >= 1) || !(m[i] > 0)) continue;
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

function logLikelihoodOf(d: Prepared, { p, q, gamma }: GammaGammaParams): number {
  if (!(p > 0 && q > 0 && gamma > 0)) return -Infinity;
  // Per customer: lnΓ(px+q) − lnΓ(px) − lnΓ(q) + q ln γ + (px−1) ln m + px ln x − (px+q) ln(γ + m x); everything but
  // the last term is summed per distinct x.
  let sum = 0;
  const lgQ = logGamma(q);
  const qLogGamma = q * Math.log(gamma);
  for (let k = 0; k < d.xs.length; k++) {
    const px = p * d.xs[k];
    sum += d.counts[k] * (logGamma(px + q) - logGamma(px) - lgQ + qLogGamma + px * Math.log(d.xs[k])) + (px - 1) * d.sumLogM[k];
  }
  for (let i = 0; i < d.mx.length; i++) sum -= (p * d.xs[d.xIndex[i]] + q) * Math.log(gamma + d.mx[i]);
  return sum;
}

/** The Gamma-Gamma log-likelihood of mean repeat-purchase values `m` over `x` repeat purchases (customers with x >= 1). */
export function gammaGammaLogLikelihood(x: ArrayLike<number>, m: ArrayLike<number>, params: GammaGammaParams): number {
  return logLikelihoodOf(prepare(x, m), params);
}

/**
 * Maximum-likelihood Gamma-Gamma on the customers with at least one repeat purchase and a positive mean value:
 * Nelder-Mead on ln(p, q, γ), started from 1 each.
 */
export function fitGammaGamma(x: ArrayLike<number>, m: ArrayLike<number>, options: { maxIterations?: number } = {}): GammaGammaFit {
  const d = prepare(x, m);
  if (d.mx.length < 2) throw new Error(`Gamma-Gamma needs at least 2 customers with a repeat purchase, got ${d.mx.length}`);
  const toParams = (v: number[]): GammaGammaParams => ({ p: Math.exp(v[0]), q: Math.exp(v[1]), gamma: Math.exp(v[2]) });
  const result = minimize((v) => -logLikelihoodOf(d, toParams(v)), [0, 0, 0], { maxIterations: options.maxIterations ?? 10_000, restarts: 3 });
  return { params: toParams(result.x), logLikelihood: -result.value, converged: result.converged, iterations: result.iterations, message: result.message, customers: d.mx.length };
}

/**
 * E[spend per purchase | m, x]: the posterior mean (Fader & Hardie 2013, eq. 5) — a weighted average of the
 * population mean pγ/(q−1) and the customer's own mean m; the population mean for a customer without repeat purchases.
 */
export function expectedSpendPerPurchase({ p, q, gamma }: GammaGammaParams, x: number, m: number): number {
  if (q <= 1) return Number.NaN;
  if (!(x >= 1) || !(m > 0)) return (p * gamma) / (q - 1);
  return (p * (gamma + m * x)) / (p * x + q - 1);
}
