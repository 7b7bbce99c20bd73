import { tasteVectors, tokenIdf } from '../../src/ml/taste';
import { FIRST_ITEM } from '../../src/ml/sequences';
import { SequenceSet } from '../../src/registry/segmenter';

/** Customers' purchases (product ids, one event each) as a SequenceSet. */
function sequencesOf(lists: number[][]): SequenceSet {
  const offsets = new Int32Array(lists.length + 1);
  lists.forEach((l, i) => (offsets[i + 1] = offsets[i] + l.length));
  const flat = lists.flat();
  return {
    offsets,
    productIds: Int32Array.from(flat),
    days: Float64Array.from(flat, (_, e) => e),
    quantities: new Float32Array(flat.length).fill(1),
    amounts: new Float32Array(flat.length).fill(1),
  };
}

describe('the taste block: what a customer buys, through the learned item embeddings', () => {
  // Three products with tokens; product 99 has none (it shares the out-of-vocabulary token and is left out).
  const vocab = { productIds: [10, 20, 30], categories: [] };
  const d = 2;
  // Token table (FIRST_ITEM + i) x d: product 10 -> (1, 0), 20 -> (0, 1), 30 -> (1, 1).
  const table = new Float32Array((FIRST_ITEM + 3) * d);
  table.set([1, 0, 0, 1, 1, 1], FIRST_ITEM * d);

  it('weights products by smooth idf over customers (bought by more customers: less weight)', () => {
    const seq = sequencesOf([[10, 10, 20], [10], [30, 99]]);
    const idf = tokenIdf(seq, vocab);
    // n = 3; product 10 bought by 2 customers, 20 by 1, 30 by 1: ln((1 + n) / (1 + df)) + 1.
    expect(idf[0]).toBeCloseTo(Math.log(4 / 3) + 1, 12);
    expect(idf[1]).toBeCloseTo(Math.log(4 / 2) + 1, 12);
    expect(idf[2]).toBeCloseTo(Math.log(4 / 2) + 1, 12);
  });

  it('pools the whole history, every event, idf-weighted, to unit length, leaving out products without a token', () => {
    // Customer 0: product 20 first, then 300 purchases of product 10. A pooling of the last events only would see 10
    // alone and give (1, 0).
    const seq = sequencesOf([[20, ...new Array(300).fill(10)], [99, 30], [99]]);
    const idf = [1, 2, 3];
    const z = tasteVectors(seq, vocab, idf, table, d);
    const norm = Math.hypot(300 * 1, 2);
    expect(z[0]).toBeCloseTo(300 / norm, 12);
    expect(z[1]).toBeCloseTo(2 / norm, 12);
    expect(z[1]).toBeGreaterThan(0);
    // Customer 1: only product 30 counts: (3, 3) normalised.
    expect(Array.from(z.subarray(2, 4))).toEqual([Math.SQRT1_2, Math.SQRT1_2].map((x) => expect.closeTo(x, 12)));
    // Customer 2 bought nothing with a token: a zero vector, not NaN.
    expect(Array.from(z.subarray(4, 6))).toEqual([0, 0]);
  });
});
