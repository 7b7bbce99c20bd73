/** What `minimize` found. */
export interface MinimizeResult {
  x: number[];
  /** The objective at `x`. */
  value: number;
  iterations: number;
  evaluations: number;
  /** True when both tolerances were met before `maxIterations`. */
  converged: boolean;
  message: string;
}

export interface MinimizeOptions {
  /** Stop when every vertex is within `xTolerance` of the best, in every coordinate (default 1e-10). */
  xTolerance?: number;
  /** ... and every vertex's value within `fTolerance` of the best (default 1e-10). */
  fTolerance?: number;
  maxIterations?: number;
  /** The first simplex's step along each axis (default: 5% of the coordinate, or 0.00025 where it is 0, as scipy). */
  initialStep?: number;
  /** Restarts from the best point with a fresh simplex, until one no longer improves (guards against a collapsed simplex). */
  restarts?: number;
}

/**
 * Unconstrained minimisation by Nelder-Mead (the downhill simplex, with scipy's default coefficients and its
 * stopping rule). Derivative-free: the objective may be any finite function; return `Infinity` (or NaN) to refuse
 * a point. Parameters that must be positive are best optimised on a log scale by the caller.
 */
export function minimize(f: (x: number[]) => number, x0: readonly number[], options: MinimizeOptions = {}): MinimizeResult {
  const n = x0.length;
  const xTol = options.xTolerance ?? 1e-10;
  const fTol = options.fTolerance ?? 1e-10;
  const maxIterations = options.maxIterations ?? 200 * n * 10;
  let evaluations = 0;
  const evaluate = (x: number[]) => {
    evaluations++;
    const v = f(x);
    return Number.isFinite(v) ? v : Infinity;
  };
  let best = { x: [...x0], value: evaluate([...x0]) };
  let iterations = 0;
  let converged = false;
  for (let attempt = 0; attempt <= (options.restarts ?? 1); attempt++) {
    const run = simplexSearch(evaluate, best.x, n, xTol, fTol, maxIterations - iterations, options.initialStep);
    iterations += run.iterations;
    converged = run.converged;
    const improved = run.value < best.value - fTol;
    if (run.value <= best.value) best = { x: run.x, value: run.value };
    if (!improved && attempt > 0) break;
    if (iterations >= maxIterations) break;
  }
  return {
    x: best.x,
    value: best.value,
    iterations,
    evaluations,
    converged,
    message: converged ? 'converged' : `stopped after ${iterations} iterations (the limit) before the tolerances were met`,
  };
}

function simplexSearch(evaluate: (x: number[]) => number, start: number[], n: number, xTol: number, fTol: number, maxIterations: number, step?: number) {
  // scipy's coefficients: reflection 1, expansion 2, contraction 0.5, shrink 0.5.
  const simplex: number[][] = [[...start]];
  for (let i = 0; i < n; i++) {
    const v = [...start];
    v[i] = step !== undefined ? v[i] + step : v[i] !== 0 ? v[i] * 1.05 : 0.00025;
    simplex.push(v);
  }
  let values = simplex.map(evaluate);
  let iterations = 0;
  const order = () => {
    const idx = values.map((_, i) => i).sort((a, b) => values[a] - values[b]);
    const s = idx.map((i) => simplex[i]);
    const v = idx.map((i) => values[i]);
    for (let i = 0; i <= n; i++) simplex[i] = s[i];
    values = v;
  };
  order();
  let converged = false;
  while (iterations < maxIterations) {
    let xSpread = 0;
    let fSpread = 0;
    for (let i = 1; i <= n; i++) {
      fSpread = Math.max(fSpread, Math.abs(values[i] - values[0]));
      for (let j = 0; j < n; j++) xSpread = Math.max(xSpread, Math.abs(simplex[i][j] - simplex[0][j]));
    }
    if (xSpread <= xTol && fSpread <= fTol) {
      converged = true;
      break;
    }
    iterations++;
    const centroid = new Array<number>(n).fill(0);
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) centroid[j] += simplex[i][j] / n;
    const worst = simplex[n];
    const along = (t: number) => centroid.map((c, j) => c + t * (worst[j] - c));
    const reflected = along(-1);
    const fr = evaluate(reflected);
    let shrink = false;
    if (fr < values[0]) {
      const expanded = along(-2);
      const fe = evaluate(expanded);
      if (fe < fr) {
        simplex[n] = expanded;
        values[n] = fe;
      } else {
        simplex[n] = reflected;
        values[n] = fr;
      }
    } else if (fr < values[n - 1]) {
      simplex[n] = reflected;
      values[n] = fr;
    } else if (fr < values[n]) {
      const outside = along(-0.5);
      const fc = evaluate(outside);
      if (fc <= fr) {
        simplex[n] = outside;
        values[n] = fc;
      } else shrink = true;
    } else {
      const inside = along(0.5);
      const fcc = evaluate(inside);
      if (fcc < values[n]) {
        simplex[n] = inside;
        values[n] = fcc;
      } else shrink = true;
    }
    if (shrink) {
      for (let i = 1; i <= n; i++) {
        simplex[i] = simplex[i].map((v, j) => simplex[0][j] + 0.5 * (v - simplex[0][j]));
        values[i] = evaluate(simplex[i]);
      }
    }
    order();
  }
  return { x: simplex[0], value: values[0], iterations, converged };
}
