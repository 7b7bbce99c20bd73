import { minimize, minimizeSmooth } from '../../src/sdk';
import { digamma, logGamma } from './special-functions';

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

/**
 * The log-likelihood and its gradient with respect to (ln p, ln q, ln γ); per distinct x, with L = Σ ln(γ + m x) and
 * I = Σ 1/(γ + m x) over its customers: ∂/∂p = x [N (ψ(px+q) − ψ(px) + ln x) + Σ ln m − L],
 * ∂/∂q = N (ψ(px+q) − ψ(q) + ln γ) − L, ∂/∂γ = N q/γ − (px+q) I.
 */
function logLikelihoodAndGradient(d: Prepared, { p, q, gamma }: GammaGammaParams): { value: number; gradient: number[] } {
  if (!(p > 0 && q > 0 && gamma > 0)) return { value: -Infinity, gradient: [0, 0, 0] };
  const nx = d.xs.length;
  const L = new Float64Array(nx);
  const I = new Float64Array(nx);
  for (let i = 0; i < d.mx.length; i++) {
    const k = d.xIndex[i];
    const denominator = gamma + d.mx[i];
    L[k] += Math.log(denominator);
    I[k] += 1 / denominator;
  }
  const lgQ = logGamma(q);
  const psiQ = digamma(q);
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
    const psiPXQ = digamma(px + q);
    value += N * (logGamma(px + q) - logGamma(px) - lgQ + q * logG + px * logX) + (px - 1) * d.sumLogM[k] - (px + q) * L[k];
    gp += x * (N * (psiPXQ - digamma(px) + logX) + d.sumLogM[k] - L[k]);
    gq += N * (psiPXQ - psiQ + logG) - L[k];
    gg += (N * q) / gamma - (px + q) * I[k];
  }
  return { value, gradient: [gp * p, gq * q, gg * gamma] };
}

/** The log-likelihood and its gradient with respect to the logarithms of (p, q, γ). */
export function gammaGammaLogLikelihoodGradient(x: ArrayLike<number>, m: ArrayLike<number>, params: GammaGammaParams): { value: number; gradient: number[] } {
  return logLikelihoodAndGradient(prepare(x, m), params);
}

/** The Gamma-Gamma log-likelihood of mean repeat-purchase values `m` over `x` repeat purchases (customers with x >= 1). */
export function gammaGammaLogLikelihood(x: ArrayLike<number>, m: ArrayLike<number>, params: GammaGammaParams): number {
  return logLikelihoodOf(prepare(x, m), params);
}

/**
 * Maximum-likelihood Gamma-Gamma on the customers with at least one repeat purchase and a positive mean value:
 * BFGS with the analytic gradient on ln(p, q, γ), started from 1 each (Nelder-Mead takes over if BFGS stalls).
 */
export function fitGammaGamma(x: ArrayLike<number>, m: ArrayLike<number>, options: { maxIterations?: number } = {}): GammaGammaFit {
  const d = prepare(x, m);
  if (d.mx.length < 2) throw new Error(`Gamma-Gamma needs at least 2 customers with a repeat purchase, got ${d.mx.length}`);
  const toParams = (v: number[]): GammaGammaParams => ({ p: Math.exp(v[0]), q: Math.exp(v[1]), gamma: Math.exp(v[2]) });
  const negative = (v: number[]) => {
    const { value, gradient } = logLikelihoodAndGradient(d, toParams(v));
    return { value: -value, gradient: gradient.map((g) => -g) };
  };
  let result = minimizeSmooth(negative, [0, 0, 0], { maxIterations: options.maxIterations ?? 1000 });
  if (!result.converged) {
    const simplex = minimize((v) => -logLikelihoodOf(d, toParams(v)), result.x, { maxIterations: 10_000, restarts: 1 });
    result = minimizeSmooth(negative, simplex.x, { maxIterations: options.maxIterations ?? 1000 });
  }
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
