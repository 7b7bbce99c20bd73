"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.clusterRows = clusterRows;
exports.foldSmallClusters = foldSmallClusters;
const metrics_1 = require("./metrics");
const kmeans_1 = require("./kmeans");
/** k-means++ with restarts on rows `z` (n x d), choosing k by Davies-Bouldin when `k` is 0. */
function clusterRows(z, n, d, o) {
    if (o.k === 0 && o.kMin > o.kMax)
        throw new Error(`kMin (${o.kMin}) must not be above kMax (${o.kMax})`);
    const ks = o.k > 0 ? [o.k] : Array.from({ length: o.kMax - o.kMin + 1 }, (_, i) => o.kMin + i);
    const usable = ks.filter((k) => k <= n);
    if (usable.length === 0)
        throw new Error(`k-means needs at least ${ks[0]} customers, got ${n}`);
    const total = usable.length * o.nInit;
    let done = 0;
    let best = null;
    const kSearch = [];
    for (const k of usable) {
        const result = (0, kmeans_1.kmeans)(z, n, d, {
            k,
            nInit: o.nInit,
            maxIter: o.maxIter,
            tol: o.tol,
            seed: o.seed + k,
            threads: o.threads,
            checkpoint: (iteration, restart) => {
                const within = Math.min(iteration / o.maxIter, 0.99);
                o.checkpoint?.((done + restart + within) / total, `k=${k}, restart ${restart + 1}/${o.nInit}, iteration ${iteration}`);
            },
        });
        done += o.nInit;
        o.checkpoint?.(done / total, `k=${k}: inertia ${result.inertia.toFixed(2)}`);
        if (usable.length === 1) {
            best = { k, result, db: NaN };
            break;
        }
        const sizes = new Array(k).fill(0);
        for (const l of result.labels)
            sizes[l]++;
        const db = (0, metrics_1.daviesBouldin)(z, n, d, result.labels, result.centroids, sizes);
        const sil = (0, metrics_1.silhouette)(z, n, d, result.labels, k, Math.min(n, 2000), o.seed);
        kSearch.push({ k, daviesBouldin: db, silhouette: sil });
        o.log?.(`k=${k}: Davies-Bouldin ${db.toFixed(4)}, silhouette ${sil.toFixed(4)}`);
        if (!best || db < best.db)
            best = { k, result, db };
    }
    const { result, k } = best;
    const folded = foldSmallClusters(z, n, d, result.centroids, result.labels, k, o.minShare ?? 0, o.log);
    return { k: folded.k, centroids: folded.centroids, labels: folded.labels, inertia: folded.k === k ? result.inertia : folded.inertia, iterations: result.iterations, kSearch };
}
/**
 * Dissolves clusters under `minShare` of the rows, smallest first, keeping at least two: a segment of a handful of
 * customers is noise to a marketer and the first thing to change on a refit.
 */
function foldSmallClusters(z, n, d, centroids, labels, k, minShare, log) {
    const floor = Math.ceil(minShare * n);
    let centres = centroids;
    let current = labels;
    let kk = k;
    for (;;) {
        const sizes = new Array(kk).fill(0);
        for (let i = 0; i < n; i++)
            sizes[current[i]]++;
        let smallest = 0;
        for (let c = 1; c < kk; c++)
            if (sizes[c] < sizes[smallest])
                smallest = c;
        if (kk <= 2 || sizes[smallest] >= floor)
            break;
        log?.(`segment of ${sizes[smallest]} (under ${(minShare * 100).toFixed(1)}% of ${n}) folded into its neighbours`);
        const kept = Array.from({ length: kk }, (_, c) => c).filter((c) => c !== smallest);
        centres = Float64Array.from(kept.flatMap((c) => Array.from(centres.subarray(c * d, (c + 1) * d))));
        kk--;
        // A few Lloyd steps from the remaining centres.
        for (let step = 0; step < 20; step++) {
            const next = (0, kmeans_1.nearest)(z, n, d, centres, kk).labels;
            const sums = new Float64Array(kk * d);
            const counts = new Array(kk).fill(0);
            for (let i = 0; i < n; i++) {
                counts[next[i]]++;
                for (let j = 0; j < d; j++)
                    sums[next[i] * d + j] += z[i * d + j];
            }
            for (let c = 0; c < kk; c++)
                if (counts[c] > 0)
                    for (let j = 0; j < d; j++)
                        centres[c * d + j] = sums[c * d + j] / counts[c];
            const same = next.every((l, i) => l === current[i]);
            current = next;
            if (same)
                break;
        }
    }
    if (kk === k)
        return { k, centroids, labels, inertia: NaN };
    const final = (0, kmeans_1.nearest)(z, n, d, centres, kk);
    let inertia = 0;
    for (let i = 0; i < n; i++)
        inertia += final.distances[i] ** 2;
    return { k: kk, centroids: centres, labels: final.labels, inertia };
}
//# sourceMappingURL=cluster.js.map