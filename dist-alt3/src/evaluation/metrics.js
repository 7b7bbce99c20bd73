"use strict";
/**
 * Metrics that judge a segmentation by what it is for, beside the internal clustering metrics
 * (src/training/metrics.ts): agreement with a known labelling, how well segments explain a future outcome, and how
 * balanced they are. Each is checked against scikit-learn in test/unit/metrics.spec.ts where sklearn has one.
 */
Object.defineProperty(exports, "__esModule", { value: true });
exports.normalizedMutualInfo = normalizedMutualInfo;
exports.rocAuc = rocAuc;
exports.betweenGroupR2 = betweenGroupR2;
exports.balance = balance;
exports.bestJaccard = bestJaccard;
/** Normalised mutual information with arithmetic-mean normalisation (scikit-learn's default). */
function normalizedMutualInfo(a, b) {
    const n = a.length;
    if (n === 0)
        return 0;
    const joint = new Map();
    const pa = new Map();
    const pb = new Map();
    for (let i = 0; i < n; i++) {
        joint.set(`${a[i]}\u0000${b[i]}`, (joint.get(`${a[i]}\u0000${b[i]}`) ?? 0) + 1);
        pa.set(a[i], (pa.get(a[i]) ?? 0) + 1);
        pb.set(b[i], (pb.get(b[i]) ?? 0) + 1);
    }
    const entropy = (m) => [...m.values()].reduce((h, c) => h - (c / n) * Math.log(c / n), 0);
    const ha = entropy(pa);
    const hb = entropy(pb);
    if (pa.size === 1 && pb.size === 1)
        return 1;
    let mi = 0;
    for (const [key, c] of joint) {
        const [x, y] = key.split('\u0000');
        const ca = pa.get(typeof a[0] === 'number' ? Number(x) : x);
        const cb = pb.get(typeof b[0] === 'number' ? Number(y) : y);
        mi += (c / n) * Math.log((c * n) / (ca * cb));
    }
    const norm = (ha + hb) / 2;
    return norm === 0 ? 0 : Math.max(0, mi) / norm;
}
/** Area under the ROC curve of `scores` for binary `positives` (ties count half, as the Mann-Whitney U statistic). */
function rocAuc(scores, positives) {
    const n = scores.length;
    const order = Array.from({ length: n }, (_, i) => i).sort((x, y) => scores[x] - scores[y]);
    let pos = 0;
    let rankSum = 0;
    for (let i = 0; i < n;) {
        let j = i;
        while (j + 1 < n && scores[order[j + 1]] === scores[order[i]])
            j++;
        const rank = (i + j) / 2 + 1; // average rank of the tie group
        for (let t = i; t <= j; t++)
            if (positives[order[t]]) {
                pos++;
                rankSum += rank;
            }
        i = j + 1;
    }
    const neg = n - pos;
    if (pos === 0 || neg === 0)
        return NaN;
    return (rankSum - (pos * (pos + 1)) / 2) / (pos * neg);
}
/** Share of the variance of `values` explained by group membership (between-group sum of squares / total). */
function betweenGroupR2(values, groups) {
    const n = values.length;
    let mean = 0;
    for (let i = 0; i < n; i++)
        mean += values[i] / n;
    const sums = new Map();
    let total = 0;
    for (let i = 0; i < n; i++) {
        total += (values[i] - mean) ** 2;
        const g = sums.get(groups[i]) ?? { s: 0, c: 0 };
        g.s += values[i];
        g.c++;
        sums.set(groups[i], g);
    }
    let between = 0;
    for (const g of sums.values())
        between += g.c * (g.s / g.c - mean) ** 2;
    return total === 0 ? 0 : between / total;
}
/** Smallest and largest share, and the entropy of the sizes (nats, and divided by ln k: 1 is perfectly even). */
function balance(sizes) {
    const n = sizes.reduce((a, b) => a + b, 0);
    const shares = sizes.map((s) => (n > 0 ? s / n : 0));
    const entropy = shares.reduce((h, p) => (p > 0 ? h - p * Math.log(p) : h), 0);
    // No spread into Math.min/max: arguments live on the stack, and a long array throws RangeError.
    return {
        smallestShare: shares.reduce((m, s) => Math.min(m, s), Infinity),
        largestShare: shares.reduce((m, s) => Math.max(m, s), -Infinity),
        sizeEntropy: entropy,
        sizeEntropyNormalised: sizes.length > 1 ? entropy / Math.log(sizes.length) : 1,
    };
}
/**
 * Per reference cluster, the mean over bootstrap runs of its best Jaccard similarity with any cluster of the run, on
 * the customers the run covered (as R's fpc::clusterboot).
 */
function bestJaccard(reference, other, members, k) {
    const refSets = Array.from({ length: k }, () => new Set());
    const otherSets = new Map();
    for (let t = 0; t < members.length; t++) {
        const i = members[t];
        refSets[reference[i]].add(i);
        const s = otherSets.get(other[i]) ?? new Set();
        s.add(i);
        otherSets.set(other[i], s);
    }
    return refSets.map((a) => {
        if (a.size === 0)
            return NaN;
        let best = 0;
        for (const b of otherSets.values()) {
            let inter = 0;
            for (const x of a)
                if (b.has(x))
                    inter++;
            best = Math.max(best, inter / (a.size + b.size - inter));
        }
        return best;
    });
}
//# sourceMappingURL=metrics.js.map