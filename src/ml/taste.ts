import { SequenceSet } from '../registry/segmenter';
import { FIRST_ITEM, Vocabulary } from './sequences';

/**
 * What a customer buys, as a transformer represents it: the idf-weighted mean of the learned item embeddings of
 * everything bought before the cut-off (the whole history, not the last `maxLen` events), scaled to unit length.
 * Products without a token of their own are left out (they share one embedding).
 */

/** Smooth inverse document frequency per token (as scikit-learn's TfidfTransformer), over the customers' histories. */
export function tokenIdf(sequences: SequenceSet, vocab: Vocabulary): number[] {
  const n = sequences.offsets.length - 1;
  const tokenOf = new Map(vocab.productIds.map((id, i) => [id, i]));
  const df = new Array<number>(vocab.productIds.length).fill(0);
  for (let c = 0; c < n; c++) {
    const seen = new Set<number>();
    for (let e = sequences.offsets[c]; e < sequences.offsets[c + 1]; e++) {
      const t = tokenOf.get(sequences.productIds[e]);
      if (t !== undefined) seen.add(t);
    }
    for (const t of seen) df[t]++;
  }
  return df.map((f) => Math.log((1 + n) / (1 + f)) + 1);
}

/** n x d: per customer, the idf-weighted mean of the item embeddings (`table`: tokens x d) of every event, unit length. */
export function tasteVectors(sequences: SequenceSet, vocab: Vocabulary, idf: readonly number[], table: Float32Array, d: number): Float64Array {
  const n = sequences.offsets.length - 1;
  const tokenOf = new Map(vocab.productIds.map((id, i) => [id, i]));
  const out = new Float64Array(n * d);
  for (let c = 0; c < n; c++) {
    for (let e = sequences.offsets[c]; e < sequences.offsets[c + 1]; e++) {
      const t = tokenOf.get(sequences.productIds[e]);
      if (t === undefined) continue;
      const w = idf[t];
      const at = (FIRST_ITEM + t) * d;
      for (let j = 0; j < d; j++) out[c * d + j] += w * table[at + j];
    }
    let norm = 0;
    for (let j = 0; j < d; j++) norm += out[c * d + j] ** 2;
    norm = Math.sqrt(norm);
    if (norm > 0) for (let j = 0; j < d; j++) out[c * d + j] /= norm;
  }
  return out;
}

/** Customers' products, flattened as in `SequenceSet`: customer `i`'s are `productIds[offsets[i] .. offsets[i + 1])`. */
export interface ProductLists {
  offsets: Int32Array;
  productIds: Int32Array;
}

/**
 * Segment-based recommendation HitRate@10, the evaluation's definition and the inner window's criterion: each
 * customer is recommended the 10 products most bought (by customers) in their segment in `past`, leaving out what they
 * bought in `past`; a hit is buying one in `future`. `buyers`: customers with a product in `future`.
 */
export function segmentHitRate(past: ProductLists, future: ProductLists, labels: ArrayLike<number>, k: number): { hits: number; buyers: number } {
  const n = labels.length;
  const pasts = Array.from({ length: n }, (_, i) => new Set(past.productIds.subarray(past.offsets[i], past.offsets[i + 1])));
  const counts = Array.from({ length: k }, () => new Map<number, number>());
  for (let i = 0; i < n; i++) for (const p of pasts[i]) counts[labels[i]].set(p, (counts[labels[i]].get(p) ?? 0) + 1);
  const ranked = counts.map((m) => Array.from(m.entries()).sort((a, b) => b[1] - a[1] || a[0] - b[0]).map(([p]) => p));
  let hits = 0;
  let buyers = 0;
  for (let i = 0; i < n; i++) {
    // A buyer bought a product in the window (an order of charges only, such as postage, cannot be a hit).
    if (future.offsets[i + 1] === future.offsets[i]) continue;
    buyers++;
    const bought = new Set(future.productIds.subarray(future.offsets[i], future.offsets[i + 1]));
    let shown = 0;
    for (const p of ranked[labels[i]]) {
      if (pasts[i].has(p)) continue;
      if (bought.has(p)) {
        hits++;
        break;
      }
      if (++shown >= 10) break;
    }
  }
  return { hits, buyers };
}
