"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
const evaluate_1 = require("../../src/evaluation/evaluate");
const metrics_1 = require("../../src/evaluation/metrics");
const sequence_segmenter_1 = require("../../src/ml/sequence-segmenter");
const cluster_1 = require("../../src/ml/clustering/cluster");
const random_1 = require("../../src/ml/random");
/** Outcomes with no products, from spends (0: did not buy). */
function outcomesOf(spend) {
    const n = spend.length;
    return {
        spend: Float64Array.from(spend),
        boughtAgain: Uint8Array.from(spend, (s) => (s > 0 ? 1 : 0)),
        purchaseDays: Int32Array.from(spend, (s) => (s > 0 ? 1 : 0)),
        futureOffsets: new Int32Array(n + 1),
        futureProducts: new Int32Array(0),
    };
}
describe('segment metrics estimated out of sample (cross-fitting)', () => {
    const rng = new random_1.Random(7);
    const n = 400;
    // Two real groups: group 0 buys (spend ~100), group 1 mostly not; plus noise.
    const group = Int32Array.from({ length: n }, (_, i) => i % 2);
    const spend = Array.from(group, (g) => (g === 0 ? (rng.next() < 0.9 ? 80 + 40 * rng.next() : 0) : rng.next() < 0.1 ? 20 * rng.next() : 0));
    const outcome = outcomesOf(spend);
    it('gives a segment per customer no credit, where the in-sample figures are perfect', () => {
        const singletons = Int32Array.from({ length: n }, (_, i) => i);
        expect((0, metrics_1.betweenGroupR2)(outcome.spend, singletons)).toBeCloseTo(1, 12);
        const churned = Array.from(outcome.boughtAgain, (b) => b === 0);
        const rate = Float64Array.from(churned, (c) => (c ? 1 : 0));
        expect((0, metrics_1.rocAuc)(rate, churned)).toBe(1);
        const fitted = (0, evaluate_1.crossFitted)(singletons, n, outcome, 1);
        // Every segment is empty in the other half: each customer is scored with the other half's overall rate.
        expect(fitted.spendR2).toBeLessThanOrEqual(0);
        expect(fitted.logSpendR2).toBeLessThanOrEqual(0);
        expect(Math.abs(fitted.churnAuc - 0.5)).toBeLessThan(0.06);
    });
    it('keeps the credit of segments that generalise', () => {
        const fitted = (0, evaluate_1.crossFitted)(group, 2, outcome, 1);
        expect(fitted.churnAuc).toBeGreaterThan(0.85);
        expect(fitted.spendR2).toBeGreaterThan(0.5);
        // Adding k = 50 random splits of the real groups can only cost out of sample (in sample it only adds).
        const split = Int32Array.from(group, (g, i) => g * 25 + (i % 25));
        expect((0, metrics_1.betweenGroupR2)(outcome.spend, split)).toBeGreaterThan((0, metrics_1.betweenGroupR2)(outcome.spend, group));
        expect((0, evaluate_1.crossFitted)(split, 50, outcome, 1).spendR2).toBeLessThan(fitted.spendR2);
    });
    it('measures the best segment (chosen on one half) on the other half: lift 2 for spend 100 against 0', () => {
        const labels = Int32Array.from({ length: 100 }, (_, i) => i % 2);
        const fitted = (0, evaluate_1.crossFitted)(labels, 2, outcomesOf(Array.from(labels, (l) => (l === 0 ? 100 : 0))), 3);
        expect(fitted.spendLift).toBeCloseTo(2, 1);
        expect(fitted.churnAuc).toBe(1);
    });
});
describe('HitRate@10', () => {
    /** Customers' past products, a segment each, and what they buy in the horizon. */
    function split(past, future) {
        const offsets = Int32Array.from([0, ...past.map((p, i) => past.slice(0, i + 1).flat().length)]);
        const productIds = Int32Array.from(past.flat());
        const events = productIds.length;
        const data = {
            customerIds: past.map((_, i) => i + 1),
            featureNames: [],
            features: new Float64Array(0),
            sequences: { offsets, productIds, days: new Float64Array(events), quantities: new Float32Array(events).fill(1), amounts: new Float32Array(events).fill(1) },
        };
        const outcome = outcomesOf(future.map((f) => (f.length ? 10 : 0)));
        outcome.futureOffsets = Int32Array.from([0, ...future.map((f, i) => future.slice(0, i + 1).flat().length)]);
        outcome.futureProducts = Int32Array.from(future.flat());
        return { data, outcome };
    }
    it('counts over buyers, and over everyone under its own name, leaving out what the customer bought before', () => {
        // Segment 0 buys products 1-3, segment 1 products 50-52. Customer 0 bought 1 already: it is not recommended to them.
        const { data, outcome } = split([[1], [1, 2], [2, 3], [50], [50, 51], [52]], [[1], [3], [], [51], [], [7]]);
        const labels = Int32Array.from([0, 0, 0, 1, 1, 1]);
        // Customer 0 buys 1 (already theirs: no hit), 1 buys 3 (hit), 3 buys 51 (hit), 5 buys 7 (not in any list): 2 hits,
        // 4 buyers, 6 customers.
        expect((0, evaluate_1.hitRate)(data, labels, 2, outcome)).toEqual({ buyers: 0.5, all: 2 / 6 });
        // Global popularity: one segment; customer 3's list is 1, 2, 50, 3, 51, 52 minus 50: 51 is in it (a hit), as is 3.
        expect((0, evaluate_1.hitRate)(data, new Int32Array(6), 1, outcome)).toEqual({ buyers: 0.5, all: 2 / 6 });
    });
    it('reads the whole history before asOf, however long (not the last maxLen events a transformer sees)', () => {
        // One customer bought product 9 as their first of 300 purchases: it is never recommended to them.
        const long = [9, ...Array.from({ length: 299 }, (_, i) => 100 + (i % 5))];
        const { data, outcome } = split([long, [9], [9]], [[9], [], []]);
        expect((0, evaluate_1.hitRate)(data, new Int32Array(3), 1, outcome)).toEqual({ buyers: 0, all: 0 });
    });
});
describe('no segment under the floor', () => {
    it('dissolves a cluster under minShare into its neighbours and keeps the others', () => {
        // Three clusters on a line: 100 rows at 0, 100 at 10, 3 rows at 5.2 (a cluster of 1.5%).
        const xs = [...new Array(100).fill(0), ...new Array(100).fill(10), 5.2, 5.2, 5.2];
        const z = Float64Array.from(xs);
        const labels = Int32Array.from(xs, (x) => (x === 0 ? 0 : x === 10 ? 1 : 2));
        const folded = (0, cluster_1.foldSmallClusters)(z, xs.length, 1, Float64Array.from([0, 10, 5.2]), labels, 3, 0.02);
        expect(folded.k).toBe(2);
        const sizes = [0, 0];
        for (const l of folded.labels)
            sizes[l]++;
        expect(sizes.sort()).toEqual([100, 103]);
        // Under no floor, nothing changes.
        expect((0, cluster_1.foldSmallClusters)(z, xs.length, 1, Float64Array.from([0, 10, 5.2]), labels, 3, 0).k).toBe(3);
    });
});
describe('value x taste cells', () => {
    it('keeps cells of at least minCellShare, folds the rest into their tier, and caps the count', () => {
        // 1000 customers: high 200 (taste 0: 150, taste 1: 45, taste 2: 5), mid 300 (100 each), low 500 (250, 245, 5).
        const rows = [];
        const add = (tier, taste, count) => rows.push(...Array.from({ length: count }, () => [tier, taste]));
        add('high', 0, 150);
        add('high', 1, 45);
        add('high', 2, 5);
        for (const t of [0, 1, 2])
            add('mid', t, 100);
        add('low', 0, 250);
        add('low', 1, 245);
        add('low', 2, 5);
        const cross = (0, sequence_segmenter_1.crossCells)(rows.map((r) => r[0]), rows.map((r) => r[1]), 3, { minCellShare: 0.02, minShare: 0.01, maxSegments: 12 });
        // high·2 (0.5%) and low·2 (0.5%) are under 2%; each tier's remainder is under 1% too: they join the tier's largest cell.
        expect(cross.cells).toEqual([
            { tier: 'high', taste: 0 },
            { tier: 'high', taste: 1 },
            { tier: 'mid', taste: 0 },
            { tier: 'mid', taste: 1 },
            { tier: 'mid', taste: 2 },
            { tier: 'low', taste: 0 },
            { tier: 'low', taste: 1 },
        ]);
        expect(cross.cellOf.high).toEqual([0, 1, 0]);
        expect(cross.cellOf.low).toEqual([5, 6, 5]);
        // A cap of 5: the 5 largest cells stay... with one remainder cell per tier that lost one.
        const capped = (0, sequence_segmenter_1.crossCells)(rows.map((r) => r[0]), rows.map((r) => r[1]), 3, { minCellShare: 0.02, minShare: 0.01, maxSegments: 5 });
        expect(capped.cells.length).toBeLessThanOrEqual(5);
        // Every (tier, taste) pair has a segment of its own tier (no holes).
        for (const tier of ['high', 'mid', 'low']) {
            for (let taste = 0; taste < 3; taste++) {
                const cell = capped.cellOf[tier][taste];
                expect([tier, taste, Number.isInteger(cell) && cell >= 0 && cell < capped.cells.length && capped.cells[cell].tier === tier]).toEqual([tier, taste, true]);
            }
        }
        // The 5 largest cells are kept as they are; the rest fold into their tier.
        const sizes = capped.cells.filter((c) => c.taste >= 0).map((c) => `${c.tier}:${c.taste}`);
        expect(sizes).toEqual(expect.arrayContaining(['low:0', 'low:1']));
        // A tier nobody is in gets no segment (none empty).
        const noHigh = (0, sequence_segmenter_1.crossCells)(rows.filter((r) => r[0] !== 'high').map((r) => r[0]), rows.filter((r) => r[0] !== 'high').map((r) => r[1]), 3, { minCellShare: 0.02, minShare: 0.01, maxSegments: 12 });
        expect(noHigh.cells.some((c) => c.tier === 'high')).toBe(false);
        expect(noHigh.cellOf.high.every((c) => noHigh.cells[c] !== undefined)).toBe(true);
    });
});
//# sourceMappingURL=evaluation-definitions.spec.js.map