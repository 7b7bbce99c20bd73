"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.tokenIdf = tokenIdf;
exports.tasteVectors = tasteVectors;
exports.windowHitRate = windowHitRate;
exports.historyBetween = historyBetween;
const sequences_1 = require("./sequences");
/**
 * What a customer buys, as a transformer represents it: the idf-weighted mean of the learned item embeddings of
 * everything bought before the cut-off (the whole history, not the last `maxLen` events), scaled to unit length.
 * Products without a token of their own are left out (they share one embedding).
 */
/** Smooth inverse document frequency per token (as scikit-learn's TfidfTransformer), over the customers' histories. */
function tokenIdf(sequences, vocab) {
    const n = sequences.offsets.length - 1;
    const tokenOf = new Map(vocab.productIds.map((id, i) => [id, i]));
    const df = new Array(vocab.productIds.length).fill(0);
    for (let c = 0; c < n; c++) {
        const seen = new Set();
        for (let e = sequences.offsets[c]; e < sequences.offsets[c + 1]; e++) {
            const t = tokenOf.get(sequences.productIds[e]);
            if (t !== undefined)
                seen.add(t);
        }
        for (const t of seen)
            df[t]++;
    }
    return df.map((f) => Math.log((1 + n) / (1 + f)) + 1);
}
/** n x d: per customer, the idf-weighted mean of the item embeddings (`table`: tokens x d) of every event, unit length. */
function tasteVectors(sequences, vocab, idf, table, d) {
    const n = sequences.offsets.length - 1;
    const tokenOf = new Map(vocab.productIds.map((id, i) => [id, i]));
    const out = new Float64Array(n * d);
    for (let c = 0; c < n; c++) {
        for (let e = sequences.offsets[c]; e < sequences.offsets[c + 1]; e++) {
            const t = tokenOf.get(sequences.productIds[e]);
            if (t === undefined)
                continue;
            const w = idf[t];
            const at = (sequences_1.FIRST_ITEM + t) * d;
            for (let j = 0; j < d; j++)
                out[c * d + j] += w * table[at + j];
        }
        let norm = 0;
        for (let j = 0; j < d; j++)
            norm += out[c * d + j] ** 2;
        norm = Math.sqrt(norm);
        if (norm > 0)
            for (let j = 0; j < d; j++)
                out[c * d + j] /= norm;
    }
    return out;
}
/**
 * HitRate@10 over buyers of segments `labels` on a window: each segment's 10 products most bought (by customers)
 * in `past`, minus what the customer bought in `past`; a hit is buying one in `future`. The inner validation's
 * criterion (the evaluation's definition, on a window before asOf).
 */
function windowHitRate(past, future, labels, k) {
    const n = labels.length;
    const pastOf = (i) => new Set(past.productIds.subarray(past.offsets[i], past.offsets[i + 1]));
    const counts = Array.from({ length: k }, () => new Map());
    const pasts = Array.from({ length: n }, (_, i) => pastOf(i));
    for (let i = 0; i < n; i++)
        for (const p of pasts[i])
            counts[labels[i]].set(p, (counts[labels[i]].get(p) ?? 0) + 1);
    const ranked = counts.map((m) => Array.from(m.entries()).sort((a, b) => b[1] - a[1] || a[0] - b[0]).map(([p]) => p));
    let hits = 0;
    let buyers = 0;
    for (let i = 0; i < n; i++) {
        if (future.offsets[i + 1] === future.offsets[i])
            continue;
        buyers++;
        const bought = new Set(future.productIds.subarray(future.offsets[i], future.offsets[i + 1]));
        let shown = 0;
        for (const p of ranked[labels[i]]) {
            if (pasts[i].has(p))
                continue;
            if (bought.has(p)) {
                hits++;
                break;
            }
            if (++shown >= 10)
                break;
        }
    }
    return buyers > 0 ? hits / buyers : 0;
}
/** Events of each customer on or after `fromDay` and before `toDay`. */
function historyBetween(sequences, fromDay, toDay) {
    const n = sequences.offsets.length - 1;
    const keep = [];
    const offsets = new Int32Array(n + 1);
    for (let c = 0; c < n; c++) {
        for (let e = sequences.offsets[c]; e < sequences.offsets[c + 1]; e++)
            if (sequences.days[e] >= fromDay && sequences.days[e] < toDay)
                keep.push(e);
        offsets[c + 1] = keep.length;
    }
    return {
        offsets,
        productIds: Int32Array.from(keep, (e) => sequences.productIds[e]),
        days: Float64Array.from(keep, (e) => sequences.days[e]),
        quantities: Float32Array.from(keep, (e) => sequences.quantities[e]),
        amounts: Float32Array.from(keep, (e) => sequences.amounts[e]),
    };
}
//# sourceMappingURL=taste.js.map