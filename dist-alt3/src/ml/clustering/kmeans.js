"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.PARALLEL_MIN_ROWS = void 0;
exports.threadCount = threadCount;
exports.inertiaOf = inertiaOf;
exports.absoluteTolerance = absoluteTolerance;
exports.kmeans = kmeans;
exports.nearest = nearest;
const node_os_1 = __importDefault(require("node:os"));
const random_1 = require("../random");
const kernels_1 = require("./kernels");
const row_pool_1 = require("./row-pool");
/** Rows from which the automatic thread count uses every core: below it, starting threads costs more than it saves. */
exports.PARALLEL_MIN_ROWS = 200_000;
function threadCount(n, requested = 0) {
    if (requested > 0)
        return requested;
    return n >= exports.PARALLEL_MIN_ROWS ? Math.max(1, Math.min(node_os_1.default.cpus().length, 8)) : 1;
}
/** Sums a field over the threads' slots, in thread order. */
function combine(s, threads, offset, length) {
    const L = (0, kernels_1.layout)(s.k, s.d);
    const total = new Float64Array(length);
    for (let t = 0; t < threads; t++)
        for (let j = 0; j < length; j++)
            total[j] += s.partials[t * L.slot + offset + j];
    return total;
}
function createState(x, n, d, k, shared) {
    const L = (0, kernels_1.layout)(k, d);
    const alloc = (bytes) => (shared ? new SharedArrayBuffer(bytes) : new ArrayBuffer(bytes));
    let data = x;
    if (shared && !(x.buffer instanceof SharedArrayBuffer)) {
        data = new Float64Array(alloc(n * d * 8));
        data.set(x.subarray(0, n * d));
    }
    const state = {
        n,
        d,
        k,
        x: data,
        norms: new Float64Array(alloc(n * 8)),
        closest: new Float64Array(alloc(n * 8)),
        labels: new Int32Array(alloc(n * 4)),
        upper: new Float64Array(alloc(n * 8)),
        lower: new Float64Array(alloc(n * 8)),
        params: new Float64Array(alloc(L.paramsLength * 8)),
        partials: new Float64Array(alloc(L.slot * 8 * 8)),
    };
    (0, kernels_1.rowNorms)(data, n, d, state.norms);
    return state;
}
/** Greedy k-means++ (as scikit-learn): each new centre is the best of 2 + ln k candidates drawn by D². */
function kmeansPlusPlus(s, pool, rng) {
    const { n, d, k, x, closest, params } = s;
    const L = (0, kernels_1.layout)(k, d);
    const centers = new Float64Array(k * d);
    const first = Math.floor(rng.next() * n);
    centers.set(x.subarray(first * d, first * d + d), 0);
    params[L.candidates] = first;
    pool.run(kernels_1.Kernel.CLOSEST_INIT);
    let potential = combine(s, pool.threads, L.potentials, 1)[0];
    const trials = Math.min(kernels_1.MAX_TRIALS, 2 + Math.floor(Math.log(k)));
    for (let c = 1; c < k; c++) {
        // Candidates: points drawn with probability proportional to their squared distance to the nearest centre.
        const draws = Array.from({ length: trials }, (_, t) => [rng.next() * potential, t]).sort((a, b) => a[0] - b[0]);
        let cumulative = 0;
        let i = 0;
        for (const [r, t] of draws) {
            while (i < n - 1 && cumulative + closest[i] < r)
                cumulative += closest[i++];
            params[L.candidates + t] = i;
        }
        params[L.scalars] = trials;
        pool.run(kernels_1.Kernel.SCORE);
        const potentials = combine(s, pool.threads, L.potentials, trials);
        let best = 0;
        for (let t = 1; t < trials; t++)
            if (potentials[t] < potentials[best])
                best = t;
        const chosen = params[L.candidates + best];
        centers.set(x.subarray(chosen * d, chosen * d + d), c * d);
        params[L.candidates] = chosen;
        pool.run(kernels_1.Kernel.UPDATE_CLOSEST);
        potential = combine(s, pool.threads, L.potentials, 1)[0];
    }
    return centers;
}
/**
 * Lloyd's algorithm with Hamerly's bounds: each point keeps an upper bound on the distance to its centre and a lower
 * bound on the distance to any other; when the bounds say the assignment cannot change, the k distances are skipped.
 * After the first iterations almost every point is skipped. Results equal plain Lloyd's (same assignments each step).
 */
function lloyd(s, pool, init, maxIter, tolAbs, onIteration) {
    const { d, k, params } = s;
    const L = (0, kernels_1.layout)(k, d);
    const centers = Float64Array.from(init);
    const previous = new Float64Array(k * d);
    params.set(centers, L.centers);
    pool.run(kernels_1.Kernel.ASSIGN_ALL);
    let iterations = 0;
    for (let iter = 0; iter < maxIter; iter++) {
        iterations = iter + 1;
        // Update step, from the sums the assignment pass left.
        const sums = combine(s, pool.threads, L.sums, k * d);
        const counts = combine(s, pool.threads, L.counts, k);
        previous.set(centers);
        let totalShift = 0;
        let maxShift = 0;
        let maxIndex = 0;
        let secondShift = 0;
        for (let c = 0; c < k; c++) {
            if (counts[c] > 0)
                for (let f = 0; f < d; f++)
                    centers[c * d + f] = sums[c * d + f] / counts[c];
            const moved = (0, kernels_1.sqDist)(centers, c, previous, c, d);
            totalShift += moved;
            const shift = Math.sqrt(moved);
            params[L.shift + c] = shift;
            if (shift > maxShift) {
                secondShift = maxShift;
                maxShift = shift;
                maxIndex = c;
            }
            else if (shift > secondShift)
                secondShift = shift;
        }
        const converged = totalShift <= tolAbs;
        for (let c = 0; c < k; c++) {
            let nearest = Infinity;
            for (let o = 0; o < k; o++)
                if (o !== c)
                    nearest = Math.min(nearest, (0, kernels_1.sqDist)(centers, c, centers, o, d));
            params[L.half + c] = Math.sqrt(nearest) / 2;
        }
        params.set(centers, L.centers);
        params[L.scalars + 1] = maxIndex;
        params[L.scalars + 2] = maxShift;
        params[L.scalars + 3] = secondShift;
        // Assignment step (bounded); on convergence it is the last, so labels match the final centres (as scikit-learn).
        pool.run(kernels_1.Kernel.BOUNDS_ASSIGN);
        onIteration?.(iterations);
        if (converged)
            break;
    }
    pool.run(kernels_1.Kernel.INERTIA);
    const inertia = combine(s, pool.threads, L.inertia, 1)[0];
    return { centroids: centers, labels: Int32Array.from(s.labels), inertia, iterations };
}
function inertiaOf(x, n, d, centers, labels) {
    let s = 0;
    for (let i = 0; i < n; i++)
        s += (0, kernels_1.sqDist)(x, i, centers, labels[i], d);
    return s;
}
/** The absolute tolerance scikit-learn derives from `tol`: tol x the mean of the per-feature variances. */
function absoluteTolerance(x, n, d, tol) {
    // Row by row (the matrix is row-major): one pass for the means, one for the variances.
    const mean = new Float64Array(d);
    for (let i = 0; i < n; i++)
        for (let f = 0, row = i * d; f < d; f++)
            mean[f] += x[row + f];
    for (let f = 0; f < d; f++)
        mean[f] /= n;
    let total = 0;
    for (let i = 0; i < n; i++) {
        for (let f = 0, row = i * d; f < d; f++) {
            const diff = x[row + f] - mean[f];
            total += diff * diff;
        }
    }
    return (total / n / d) * tol;
}
/**
 * `nInit` seeded restarts of k-means++ then Lloyd; the lowest inertia wins. With several threads the passes over the
 * rows are split between helper threads (same result for the same seed and thread count).
 */
function kmeans(x, n, d, options) {
    const rng = new random_1.Random(options.seed);
    const threads = Math.min(threadCount(n, options.threads ?? 0), Math.max(1, n));
    const state = createState(x, n, d, options.k, threads > 1);
    const pool = new row_pool_1.RowPool(state, threads);
    try {
        const tolAbs = absoluteTolerance(state.x, n, d, options.tol);
        let best = null;
        for (let restart = 0; restart < options.nInit; restart++) {
            const init = kmeansPlusPlus(state, pool, rng);
            const result = lloyd(state, pool, init, options.maxIter, tolAbs, (iteration) => options.checkpoint?.(iteration, restart, NaN));
            if (!best || result.inertia < best.inertia)
                best = result;
        }
        return best;
    }
    finally {
        pool.close();
    }
}
/** Nearest centre and its Euclidean distance for each row. */
function nearest(x, n, d, centers, k) {
    const labels = new Int32Array(n);
    const distances = new Float64Array(n);
    const groups = (0, kernels_1.packCentres)(centers, 0, k, d);
    const norms = (0, kernels_1.rowNorms)(x, n, d);
    const out = new Float64Array(4);
    for (let i = 0; i < n; i++) {
        const r = (0, kernels_1.nearestTwo)(x, i, norms[i], groups, out);
        labels[i] = r.label;
        distances[i] = Math.sqrt(r.best);
    }
    return { labels, distances };
}
//# sourceMappingURL=kmeans.js.map