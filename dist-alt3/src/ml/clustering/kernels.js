"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.PackedFour = exports.Kernel = exports.MAX_TRIALS = void 0;
exports.layout = layout;
exports.sqDist = sqDist;
exports.rowNorms = rowNorms;
exports.fourDistances = fourDistances;
exports.packCentres = packCentres;
exports.nearestTwo = nearestTwo;
exports.runKernel = runKernel;
/**
 * The row-range kernels of k-means: every pass over the data is one of these, run on [start, end) of the rows, so
 * the same code serves one thread or several (see row-pool.ts). Results that span rows (potentials, centre sums,
 * counts, inertia) go to the calling thread's slot of `partials` and are combined in thread order, which keeps a
 * fit deterministic for a given thread count.
 */
exports.MAX_TRIALS = 8;
exports.Kernel = {
    CLOSEST_INIT: 0,
    SCORE: 1,
    UPDATE_CLOSEST: 2,
    ASSIGN_ALL: 3,
    BOUNDS_ASSIGN: 4,
    INERTIA: 5,
};
/** Offsets into `params` and into each thread's slot of `partials`. */
function layout(k, d) {
    const centers = 0;
    const shift = centers + k * d;
    const half = shift + k;
    const candidates = half + k;
    const scalars = candidates + exports.MAX_TRIALS;
    const paramsLength = scalars + 8;
    const potentials = 0;
    const sums = potentials + exports.MAX_TRIALS;
    const counts = sums + k * d;
    const inertia = counts + k;
    const slot = inertia + 1;
    return { centers, shift, half, candidates, scalars, paramsLength, potentials, sums, counts, inertia, slot };
}
/** Scalars in params: [0] candidate count, [1] index of the centre that moved most, [2] its shift, [3] the second largest shift. */
function sqDist(a, i, b, j, d) {
    let s = 0;
    const ai = i * d;
    const bj = j * d;
    for (let f = 0; f < d; f++) {
        const diff = a[ai + f] - b[bj + f];
        s += diff * diff;
    }
    return s;
}
function rowNorms(x, n, d, out = new Float64Array(n)) {
    for (let i = 0; i < n; i++) {
        let s = 0;
        for (let f = 0, row = i * d; f < d; f++)
            s += x[row + f] * x[row + f];
        out[i] = s;
    }
    return out;
}
/**
 * Up to four centres packed: value f of centre j at [f * 4 + j], with their squared norms. Scoring four centres per
 * pass over a row keeps four independent sums in registers: about twice as fast as one at a time in V8.
 */
class PackedFour {
    d;
    values;
    norms = new Float64Array(4);
    count = 0;
    constructor(d) {
        this.d = d;
        this.values = new Float64Array(d * 4);
    }
    /** Packs rows `rows` of a row-major matrix. */
    load(source, rows) {
        const d = this.d;
        this.count = rows.length;
        this.values.fill(0);
        this.norms.fill(0);
        for (let j = 0; j < rows.length; j++) {
            let s = 0;
            for (let f = 0; f < d; f++) {
                const v = source[rows[j] * d + f];
                this.values[f * 4 + j] = v;
                s += v * v;
            }
            this.norms[j] = s;
        }
        return this;
    }
}
exports.PackedFour = PackedFour;
/** Squared distances from row `i` to the packed centres, into `out` (|x|² + |c|² − 2x·c, as scikit-learn). */
function fourDistances(x, i, xNorm, p, out) {
    const d = p.d;
    const c = p.values;
    let a0 = 0;
    let a1 = 0;
    let a2 = 0;
    let a3 = 0;
    for (let f = 0, row = i * d; f < d; f++) {
        const v = x[row + f];
        const base = f * 4;
        a0 += v * c[base];
        a1 += v * c[base + 1];
        a2 += v * c[base + 2];
        a3 += v * c[base + 3];
    }
    const n = p.norms;
    out[0] = Math.max(0, xNorm + n[0] - 2 * a0);
    out[1] = Math.max(0, xNorm + n[1] - 2 * a1);
    out[2] = Math.max(0, xNorm + n[2] - 2 * a2);
    out[3] = Math.max(0, xNorm + n[3] - 2 * a3);
}
/** The k centres (row-major, at `offset` of `source`) in groups of four. */
function packCentres(source, offset, k, d) {
    const centres = source.subarray(offset, offset + k * d);
    const groups = [];
    for (let start = 0; start < k; start += 4) {
        groups.push(new PackedFour(d).load(centres, Array.from({ length: Math.min(4, k - start) }, (_, j) => start + j)));
    }
    return groups;
}
const nearestOut = { label: 0, best: 0, second: 0 };
/** Nearest and second-nearest centre of row i (squared distances). Returns a shared object: read it at once. */
function nearestTwo(x, i, xNorm, groups, out) {
    let best = Infinity;
    let second = Infinity;
    let label = 0;
    for (let g = 0; g < groups.length; g++) {
        const group = groups[g];
        fourDistances(x, i, xNorm, group, out);
        for (let j = 0; j < group.count; j++) {
            const dist = out[j];
            if (dist < best) {
                second = best;
                best = dist;
                label = g * 4 + j;
            }
            else if (dist < second)
                second = dist;
        }
    }
    nearestOut.label = label;
    nearestOut.best = best;
    nearestOut.second = second;
    return nearestOut;
}
/** Runs kernel `id` on rows [start, end), writing into slot `thread` of `partials`. */
function runKernel(s, id, start, end, thread) {
    const { d, k, x, norms, closest, labels, upper, lower, params } = s;
    const L = layout(k, d);
    const slot = s.partials.subarray(thread * L.slot, (thread + 1) * L.slot);
    slot.fill(0);
    const out = new Float64Array(4);
    switch (id) {
        case exports.Kernel.CLOSEST_INIT: {
            const first = params[L.candidates];
            let potential = 0;
            for (let i = start; i < end; i++)
                potential += closest[i] = sqDist(x, i, x, first, d);
            slot[L.potentials] = potential;
            return;
        }
        case exports.Kernel.SCORE: {
            const trials = params[L.scalars];
            for (let g = 0; g < trials; g += 4) {
                const rows = Array.from({ length: Math.min(4, trials - g) }, (_, j) => params[L.candidates + g + j]);
                const group = new PackedFour(d).load(x, rows);
                let p0 = 0;
                let p1 = 0;
                let p2 = 0;
                let p3 = 0;
                for (let i = start; i < end; i++) {
                    fourDistances(x, i, norms[i], group, out);
                    const own = closest[i];
                    p0 += out[0] < own ? out[0] : own;
                    p1 += out[1] < own ? out[1] : own;
                    p2 += out[2] < own ? out[2] : own;
                    p3 += out[3] < own ? out[3] : own;
                }
                const sums = [p0, p1, p2, p3];
                for (let j = 0; j < group.count; j++)
                    slot[L.potentials + g + j] = sums[j];
            }
            return;
        }
        case exports.Kernel.UPDATE_CLOSEST: {
            const chosen = params[L.candidates];
            let potential = 0;
            for (let i = start; i < end; i++) {
                const dist = sqDist(x, i, x, chosen, d);
                if (dist < closest[i])
                    closest[i] = dist;
                potential += closest[i];
            }
            slot[L.potentials] = potential;
            return;
        }
        case exports.Kernel.ASSIGN_ALL:
        case exports.Kernel.BOUNDS_ASSIGN: {
            const groups = packCentres(params, L.centers, k, d);
            const centres = params.subarray(L.centers, L.centers + k * d);
            const bounded = id === exports.Kernel.BOUNDS_ASSIGN;
            const maxIndex = params[L.scalars + 1];
            const maxShift = params[L.scalars + 2];
            const secondShift = params[L.scalars + 3];
            for (let i = start; i < end; i++) {
                if (bounded) {
                    // Hamerly: the bounds follow the centres' moves; when they prove the label stays, skip the k distances.
                    const label = labels[i];
                    upper[i] += params[L.shift + label];
                    lower[i] -= label === maxIndex ? secondShift : maxShift;
                    const bound = Math.max(params[L.half + label], lower[i]);
                    if (upper[i] > bound) {
                        upper[i] = Math.sqrt(sqDist(x, i, centres, label, d));
                        if (upper[i] > bound) {
                            const r = nearestTwo(x, i, norms[i], groups, out);
                            labels[i] = r.label;
                            upper[i] = Math.sqrt(r.best);
                            lower[i] = Math.sqrt(r.second);
                        }
                    }
                }
                else {
                    const r = nearestTwo(x, i, norms[i], groups, out);
                    labels[i] = r.label;
                    upper[i] = Math.sqrt(r.best);
                    lower[i] = Math.sqrt(r.second);
                }
                // Sums for the next update step.
                const c = labels[i];
                slot[L.counts + c]++;
                const base = L.sums + c * d;
                for (let f = 0, row = i * d; f < d; f++)
                    slot[base + f] += x[row + f];
            }
            return;
        }
        case exports.Kernel.INERTIA: {
            const centres = params.subarray(L.centers, L.centers + k * d);
            let inertia = 0;
            for (let i = start; i < end; i++)
                inertia += sqDist(x, i, centres, labels[i], d);
            slot[L.inertia] = inertia;
            return;
        }
    }
}
//# sourceMappingURL=kernels.js.map