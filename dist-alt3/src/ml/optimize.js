"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.minimize = minimize;
exports.minimizeSmooth = minimizeSmooth;
/**
 * Unconstrained minimisation by Nelder-Mead (the downhill simplex, with scipy's default coefficients and its
 * stopping rule). Derivative-free: the objective may be any finite function; return `Infinity` (or NaN) to refuse
 * a point. Parameters that must be positive are best optimised on a log scale by the caller.
 */
function minimize(f, x0, options = {}) {
    const n = x0.length;
    const xTol = options.xTolerance ?? 1e-10;
    const fTol = options.fTolerance ?? 1e-10;
    const maxIterations = options.maxIterations ?? 200 * n * 10;
    let evaluations = 0;
    const evaluate = (x) => {
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
        if (run.value <= best.value)
            best = { x: run.x, value: run.value };
        if (!improved && attempt > 0)
            break;
        if (iterations >= maxIterations)
            break;
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
function simplexSearch(evaluate, start, n, xTol, fTol, maxIterations, step) {
    // scipy's coefficients: reflection 1, expansion 2, contraction 0.5, shrink 0.5.
    const simplex = [[...start]];
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
        for (let i = 0; i <= n; i++)
            simplex[i] = s[i];
        values = v;
    };
    order();
    let converged = false;
    while (iterations < maxIterations) {
        let xSpread = 0;
        let fSpread = 0;
        for (let i = 1; i <= n; i++) {
            fSpread = Math.max(fSpread, Math.abs(values[i] - values[0]));
            for (let j = 0; j < n; j++)
                xSpread = Math.max(xSpread, Math.abs(simplex[i][j] - simplex[0][j]));
        }
        if (xSpread <= xTol && fSpread <= fTol) {
            converged = true;
            break;
        }
        iterations++;
        const centroid = new Array(n).fill(0);
        for (let i = 0; i < n; i++)
            for (let j = 0; j < n; j++)
                centroid[j] += simplex[i][j] / n;
        const worst = simplex[n];
        const along = (t) => centroid.map((c, j) => c + t * (worst[j] - c));
        const reflected = along(-1);
        const fr = evaluate(reflected);
        let shrink = false;
        if (fr < values[0]) {
            const expanded = along(-2);
            const fe = evaluate(expanded);
            if (fe < fr) {
                simplex[n] = expanded;
                values[n] = fe;
            }
            else {
                simplex[n] = reflected;
                values[n] = fr;
            }
        }
        else if (fr < values[n - 1]) {
            simplex[n] = reflected;
            values[n] = fr;
        }
        else if (fr < values[n]) {
            const outside = along(-0.5);
            const fc = evaluate(outside);
            if (fc <= fr) {
                simplex[n] = outside;
                values[n] = fc;
            }
            else
                shrink = true;
        }
        else {
            const inside = along(0.5);
            const fcc = evaluate(inside);
            if (fcc < values[n]) {
                simplex[n] = inside;
                values[n] = fcc;
            }
            else
                shrink = true;
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
/**
 * Unconstrained minimisation of a smooth function by BFGS (inverse-Hessian updates, backtracking line search on the
 * Armijo condition, updates skipped when the curvature condition fails). Stops when the largest gradient component is
 * below `gradientTolerance` x max(1, |f|), or when a step no longer changes f (relative 1e-15) while the gradient is
 * below 1e-6 x max(1, |f|); a stall with a larger gradient is reported as not converged. Far fewer evaluations
 * than Nelder-Mead when the gradient is known in closed form.
 */
function minimizeSmooth(fg, x0, options = {}) {
    const n = x0.length;
    const gTol = options.gradientTolerance ?? 1e-10;
    const maxIterations = options.maxIterations ?? 500;
    let evaluations = 0;
    const evaluate = (x) => {
        evaluations++;
        const r = fg(x);
        return Number.isFinite(r.value) && r.gradient.every(Number.isFinite) ? r : { value: Infinity, gradient: r.gradient };
    };
    let x = [...x0];
    let current = evaluate(x);
    if (!Number.isFinite(current.value))
        throw new Error('the objective is not finite at the starting point');
    // H: the inverse Hessian estimate, identity at first (scaled after the first step).
    let H = scaledIdentity(n, 1);
    let iterations = 0;
    let converged = false;
    let message = '';
    let restartedAt = -2;
    const dot = (a, b) => a.reduce((s, v, i) => s + v * b[i], 0);
    while (iterations < maxIterations) {
        const gMax = Math.max(...current.gradient.map(Math.abs));
        if (gMax <= gTol * Math.max(1, Math.abs(current.value))) {
            converged = true;
            message = 'converged (gradient)';
            break;
        }
        iterations++;
        let direction = H.map((row) => -dot(row, current.gradient));
        let slope = dot(direction, current.gradient);
        if (!(slope < 0)) {
            // Not a descent direction: start again from steepest descent.
            H = scaledIdentity(n, 1);
            direction = current.gradient.map((g) => -g);
            slope = dot(direction, current.gradient);
        }
        let step = 1;
        let next = current;
        let xNext = x;
        for (let k = 0; k < 60; k++) {
            xNext = x.map((v, i) => v + step * direction[i]);
            next = evaluate(xNext);
            if (next.value <= current.value + 1e-4 * step * slope)
                break;
            step *= 0.5;
        }
        if (!(next.value <= current.value)) {
            // No decrease along the direction: at the optimum (to the precision of f) if the gradient is small there;
            // otherwise the quasi-Newton model is stale, so start again from steepest descent, once.
            const small = Math.max(...current.gradient.map(Math.abs)) <= 1e-6 * Math.max(1, Math.abs(current.value));
            if (small) {
                converged = true;
                message = 'converged (no further decrease, gradient small)';
                break;
            }
            if (restartedAt === iterations - 1) {
                message = 'stopped: no decrease along steepest descent although the gradient is not small';
                break;
            }
            restartedAt = iterations;
            H = scaledIdentity(n, 1);
            continue;
        }
        const s = xNext.map((v, i) => v - x[i]);
        const y = next.gradient.map((g, i) => g - current.gradient[i]);
        const sy = dot(s, y);
        const change = Math.abs(current.value - next.value);
        x = xNext;
        const previous = current;
        current = next;
        if (sy > 1e-12 * Math.sqrt(dot(s, s) * dot(y, y))) {
            if (iterations === 1) {
                const scale = sy / dot(y, y);
                H = scaledIdentity(n, scale);
            }
            // H <- (I - ρ s yᵀ) H (I - ρ y sᵀ) + ρ s sᵀ
            const rho = 1 / sy;
            const Hy = H.map((row) => dot(row, y));
            const yHy = dot(y, Hy);
            H = H.map((row, i) => row.map((v, j) => v - rho * (s[i] * Hy[j] + Hy[i] * s[j]) + (rho * rho * yHy + rho) * s[i] * s[j]));
        }
        if (change <= 1e-15 * Math.max(1, Math.abs(previous.value)) && Math.max(...current.gradient.map(Math.abs)) <= 1e-6 * Math.max(1, Math.abs(current.value))) {
            converged = true;
            message = 'converged (no further decrease)';
            break;
        }
    }
    if (!converged && !message)
        message = `stopped after ${iterations} iterations (the limit) before the gradient vanished`;
    return { x, value: current.value, iterations, evaluations, converged, message };
}
/** `scale` times the n x n identity matrix. */
function scaledIdentity(n, scale) {
    return Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => (i === j ? scale : 0)));
}
//# sourceMappingURL=optimize.js.map