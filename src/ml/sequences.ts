import { ItemCatalogue, SequenceSet } from '../registry/segmenter';

/**
 * Purchase histories as token sequences for the transformer segmenters. Each event (an order line) is a token made
 * of four parts that the model embeds and adds: the product (top-N products by how often they were bought; the
 * rest share one out-of-vocabulary token), its category, the time since the previous event (bucketed) and the
 * quantity (bucketed). Sequences keep their last `maxLen` events and are right-aligned (padding on the left), so
 * the last event is always at position `maxLen - 1`.
 */
export const PAD = 0;
export const MASK = 1;
export const OOV = 2;
export const FIRST_ITEM = 3;

/** Days since the previous event: same order, within a week, a month, a quarter, longer; and "first event". */
const GAP_EDGES = [0, 7, 30, 90];
export const GAP_BUCKETS = GAP_EDGES.length + 3;
const QUANTITY_EDGES = [1, 3, 11, 23];
export const QUANTITY_BUCKETS = QUANTITY_EDGES.length + 2;

export interface Vocabulary {
  /** Token `FIRST_ITEM + i` is product `productIds[i]`. */
  productIds: number[];
  /** Category id `2 + i` is `categories[i]`; 1 is "no category", 0 is padding. */
  categories: string[];
}

export interface EncodedSequences {
  n: number;
  maxLen: number;
  items: Int32Array;
  categories: Int32Array;
  gaps: Int32Array;
  quantities: Int32Array;
  /** Calendar month of each event, 1..12 (0 for padding): the model's calendar position, so seasons can be learned. */
  months: Int32Array;
  /** Real events per customer (at most maxLen). */
  lengths: Int32Array;
}

export function buildVocabulary(sequences: SequenceSet, items: ItemCatalogue, size: number): Vocabulary {
  const counts = new Map<number, number>();
  for (const id of sequences.productIds) counts.set(id, (counts.get(id) ?? 0) + 1);
  const productIds = [...counts.entries()]
    .sort((a, b) => b[1] - a[1] || a[0] - b[0])
    .slice(0, size)
    .map(([id]) => id);
  const categories = [...new Set(items.categories.filter((c): c is string => !!c))].sort();
  return { productIds, categories };
}

export function gapBucket(days: number | null): number {
  if (days === null) return GAP_BUCKETS - 1;
  if (days <= 1e-6) return 1;
  const i = GAP_EDGES.findIndex((edge) => days <= edge);
  return i < 0 ? GAP_EDGES.length + 1 : i + 1;
}

/** The calendar month (1..12, UTC) of a time in days since 1970-01-01. */
export function monthOf(day: number): number {
  return new Date(Math.floor(day) * 86_400_000).getUTCMonth() + 1;
}

export function quantityBucket(quantity: number): number {
  const i = QUANTITY_EDGES.findIndex((edge) => quantity <= edge);
  return i < 0 ? QUANTITY_EDGES.length + 1 : i + 1;
}

/** Encodes the customers `rows` (indices into the sequence set) as right-aligned token matrices [rows, maxLen]. */
export function encodeSequences(sequences: SequenceSet, items: ItemCatalogue, vocab: Vocabulary, maxLen: number, rows?: ArrayLike<number>): EncodedSequences {
  const tokenOf = new Map(vocab.productIds.map((id, i) => [id, FIRST_ITEM + i]));
  const categoryIds = new Map(vocab.categories.map((c, i) => [c, 2 + i]));
  const categoryOfProduct = new Map<number, number>();
  items.productIds.forEach((id, i) => categoryOfProduct.set(id, categoryIds.get(items.categories[i] ?? '') ?? 1));
  const n = rows ? rows.length : sequences.offsets.length - 1;
  const out: EncodedSequences = {
    n,
    maxLen,
    items: new Int32Array(n * maxLen),
    categories: new Int32Array(n * maxLen),
    gaps: new Int32Array(n * maxLen),
    quantities: new Int32Array(n * maxLen),
    months: new Int32Array(n * maxLen),
    lengths: new Int32Array(n),
  };
  for (let r = 0; r < n; r++) {
    const c = rows ? rows[r] : r;
    const start = sequences.offsets[c];
    const end = sequences.offsets[c + 1];
    const from = Math.max(start, end - maxLen);
    const len = end - from;
    out.lengths[r] = len;
    for (let e = from; e < end; e++) {
      const pos = r * maxLen + (maxLen - len) + (e - from);
      const product = sequences.productIds[e];
      out.items[pos] = tokenOf.get(product) ?? OOV;
      out.categories[pos] = categoryOfProduct.get(product) ?? 1;
      out.gaps[pos] = gapBucket(e > start ? sequences.days[e] - sequences.days[e - 1] : null);
      out.quantities[pos] = quantityBucket(sequences.quantities[e]);
      out.months[pos] = monthOf(sequences.days[e]);
    }
  }
  return out;
}

/** A sequence set made of some customers of another (for held-out splits and per-customer assignment). */
export function sliceSequences(sequences: SequenceSet, rows: ArrayLike<number>): SequenceSet {
  let total = 0;
  for (let r = 0; r < rows.length; r++) total += sequences.offsets[rows[r] + 1] - sequences.offsets[rows[r]];
  const out: SequenceSet = {
    offsets: new Int32Array(rows.length + 1),
    productIds: new Int32Array(total),
    days: new Float64Array(total),
    quantities: new Float32Array(total),
    amounts: new Float32Array(total),
  };
  let at = 0;
  for (let r = 0; r < rows.length; r++) {
    const start = sequences.offsets[rows[r]];
    const end = sequences.offsets[rows[r] + 1];
    out.productIds.set(sequences.productIds.subarray(start, end), at);
    out.days.set(sequences.days.subarray(start, end), at);
    out.quantities.set(sequences.quantities.subarray(start, end), at);
    out.amounts.set(sequences.amounts.subarray(start, end), at);
    at += end - start;
    out.offsets[r + 1] = at;
  }
  return out;
}

/**
 * The customers `rows` with only their events before `cutDay` (row `r` of the result is customer `rows[r]`): the
 * history a model may read when it predicts from `cutDay`.
 */
export function historyBefore(sequences: SequenceSet, rows: ArrayLike<number>, cutDay: number): SequenceSet {
  return historyBetween(sequences, rows, -Infinity, cutDay);
}

/** The customers `rows` with only their events on or after `fromDay` and before `toDay` (row `r` is customer `rows[r]`). */
export function historyBetween(sequences: SequenceSet, rows: ArrayLike<number>, fromDay: number, toDay: number): SequenceSet {
  const sliced = sliceSequences(sequences, rows);
  const keep: number[] = [];
  const offsets = new Int32Array(rows.length + 1);
  for (let r = 0; r < rows.length; r++) {
    for (let e = sliced.offsets[r]; e < sliced.offsets[r + 1] && sliced.days[e] < toDay; e++) if (sliced.days[e] >= fromDay) keep.push(e);
    offsets[r + 1] = keep.length;
  }
  return {
    offsets,
    productIds: Int32Array.from(keep, (e) => sliced.productIds[e]),
    days: Float64Array.from(keep, (e) => sliced.days[e]),
    quantities: Float32Array.from(keep, (e) => sliced.quantities[e]),
    amounts: Float32Array.from(keep, (e) => sliced.amounts[e]),
  };
}

/**
 * Keeps at most `cap` lines per order (the largest by amount, in their original order). Lines of one order share
 * its time; a wholesale invoice of 200 lines would otherwise fill a whole sequence.
 */
export function capPerOrder(sequences: SequenceSet, cap: number): SequenceSet {
  const n = sequences.offsets.length - 1;
  const keep: number[] = [];
  const offsets = new Int32Array(n + 1);
  for (let c = 0; c < n; c++) {
    let e = sequences.offsets[c];
    const end = sequences.offsets[c + 1];
    while (e < end) {
      let f = e + 1;
      while (f < end && sequences.days[f] === sequences.days[e]) f++;
      if (f - e <= cap) for (let i = e; i < f; i++) keep.push(i);
      else {
        const chosen = Array.from({ length: f - e }, (_, i) => e + i)
          .sort((a, b) => sequences.amounts[b] - sequences.amounts[a] || a - b)
          .slice(0, cap)
          .sort((a, b) => a - b);
        keep.push(...chosen);
      }
      e = f;
    }
    offsets[c + 1] = keep.length;
  }
  const pick = <T extends Int32Array | Float64Array | Float32Array>(src: T, out: T): T => {
    keep.forEach((i, j) => (out[j] = src[i]));
    return out;
  };
  return {
    offsets,
    productIds: pick(sequences.productIds, new Int32Array(keep.length)),
    days: pick(sequences.days, new Float64Array(keep.length)),
    quantities: pick(sequences.quantities, new Float32Array(keep.length)),
    amounts: pick(sequences.amounts, new Float32Array(keep.length)),
  };
}
