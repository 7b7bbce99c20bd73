"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.SILHOUETTE_EXACT_LIMIT = void 0;
exports.computeMetrics = computeMetrics;
exports.silhouette = silhouette;
exports.daviesBouldin = daviesBouldin;
exports.calinskiHarabasz = calinskiHarabasz;
exports.adjustedRandIndex = adjustedRandIndex;
const random_1 = require("../random");
exports.SILHOUETTE_EXACT_LIMIT = 10_000;
function centroidsOf(x, n, d, labels, k) {
    const centers = new Float64Array(k * d);
    const sizes = new Array(k).fill(0);
    for (let i = 0; i < n; i++) {
        sizes[labels[i]]++;
        for (let f = 0; f < d; f++)
            centers[labels[i] * d + f] += x[i * d + f];
    }
    for (let c = 0; c < k; c++)
        if (sizes[c] > 0)
            for (let f = 0; f < d; f++)
                centers[c * d + f] /= sizes[c];
    return { centers, sizes };
}
function dist(a, i, b, j, d) {
    let s = 0;
    for (let f = 0; f < d; f++) {
        const diff = a[i * d + f] - b[j * d + f];
        s += diff * diff;
    }
    return Math.sqrt(s);
}
function computeMetrics(x, n, d, labels, k, seed = 0) {
    const { centers, sizes } = centroidsOf(x, n, d, labels, k);
    let inertia = 0;
    for (let i = 0; i < n; i++)
        inertia += dist(x, i, centers, labels[i], d) ** 2;
    const used = sizes.filter((s) => s > 0).length;
    const valid = used >= 2 && used < n;
    const sampled = n > exports.SILHOUETTE_EXACT_LIMIT;
    return {
        inertia,
        silhouette: valid ? silhouette(x, n, d, labels, k, sampled ? exports.SILHOUETTE_EXACT_LIMIT : n, seed) : null,
        silhouetteSampled: sampled,
        daviesBouldin: valid ? daviesBouldin(x, n, d, labels, centers, sizes) : null,
        calinskiHarabasz: valid ? calinskiHarabasz(x, n, d, labels, centers, sizes, inertia) : null,
        sizes,
    };
}
/** Mean silhouette over all rows, or over a seeded sample of `sampleSize` rows (distances within the sample). */
function silhouette(x, n, d, labels, k, sampleSize = n, seed = 0) {
    let rows;
    if (sampleSize >= n)
        rows = Array.from({ length: n }, (_, i) => i);
    else {
        const rng = new random_1.Random(seed);
        const all = Array.from({ length: n }, (_, i) => i);
        for (let i = 0; i < sampleSize; i++) {
            const j = i + Math.floor(rng.next() * (n - i));
            [all[i], all[j]] = [all[j], all[i]];
        }
        rows = all.slice(0, sampleSize);
    }
    const m = rows.length;
    const sizes = new Array(k).fill(0);
    for (const r of rows)
        sizes[labels[r]]++;
    const sums = new Float64Array(k);
    let total = 0;
    for (let a = 0; a < m; a++) {
        sums.fill(0);
        const i = rows[a];
        for (let b = 0; b < m; b++)
            if (a !== b)
                sums[labels[rows[b]]] += dist(x, i, x, rows[b], d);
        const own = labels[i];
        if (sizes[own] <= 1)
            continue; // scikit-learn: silhouette 0 for singletons
        const intra = sums[own] / (sizes[own] - 1);
        let nearest = Infinity;
        for (let c = 0; c < k; c++)
            if (c !== own && sizes[c] > 0)
                nearest = Math.min(nearest, sums[c] / sizes[c]);
        total += (nearest - intra) / Math.max(intra, nearest);
    }
    return total / m;
}
function daviesBouldin(x, n, d, labels, centers, sizes) {
    const k = sizes.length;
    const scatter = new Float64Array(k);
    for (let i = 0; i < n; i++)
        scatter[labels[i]] += dist(x, i, centers, labels[i], d);
    for (let c = 0; c < k; c++)
        if (sizes[c] > 0)
            scatter[c] /= sizes[c];
    let total = 0;
    let used = 0;
    for (let a = 0; a < k; a++) {
        if (sizes[a] === 0)
            continue;
        used++;
        let worst = 0;
        for (let b = 0; b < k; b++) {
            if (a === b || sizes[b] === 0)
                continue;
            const separation = dist(centers, a, centers, b, d);
            worst = Math.max(worst, separation === 0 ? Infinity : (scatter[a] + scatter[b]) / separation);
        }
        total += worst;
    }
    return total / used;
}
function calinskiHarabasz(x, n, d, labels, centers, sizes, within) {
    const mean = new Float64Array(d);
    for (let i = 0; i < n; i++)
        for (let f = 0; f < d; f++)
            mean[f] += x[i * d + f] / n;
    let between = 0;
    const used = sizes.filter((s) => s > 0).length;
    for (let c = 0; c < sizes.length; c++) {
        if (sizes[c] === 0)
            continue;
        let s = 0;
        for (let f = 0; f < d; f++)
            s += (centers[c * d + f] - mean[f]) ** 2;
        between += sizes[c] * s;
    }
    return within === 0 ? Infinity : (between * (n - used)) / (within * (used - 1));
}
/** Adjusted Rand index between two labelings (any label values). */
function adjustedRandIndex(a, b) {
    const n = a.length;
    const table = new Map();
    const rows = new Map();
    const cols = new Map();
    for (let i = 0; i < n; i++) {
        const key = `${a[i]}\u0000${b[i]}`;
        table.set(key, (table.get(key) ?? 0) + 1);
        rows.set(a[i], (rows.get(a[i]) ?? 0) + 1);
        cols.set(b[i], (cols.get(b[i]) ?? 0) + 1);
    }
    const comb2 = (m) => (m * (m - 1)) / 2;
    let index = 0;
    for (const v of table.values())
        index += comb2(v);
    let sumRows = 0;
    for (const v of rows.values())
        sumRows += comb2(v);
    let sumCols = 0;
    for (const v of cols.values())
        sumCols += comb2(v);
    const expected = (sumRows * sumCols) / comb2(n);
    const max = (sumRows + sumCols) / 2;
    return max === expected ? 1 : (index - expected) / (max - expected);
}
//# sourceMappingURL=metrics.js.map