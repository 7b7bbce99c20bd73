import { gptSegmenter } from '../../plugins/gpt';
import { bertSegmenter } from '../../plugins/bert';
import { validateParams, validateSegmenterParams } from '../../src/registry/params';
import { SequenceArtifact } from '../../src/ml/sequence-segmenter';
import { Progress } from '../../src/registry/segmenter';
import { DEFAULT_FEATURES } from '../../src/training/feature-catalogue';
import { DemoTrainingSet, demoTrainingSet } from '../helpers/demo-training-set';
import { testFitContext, testServices } from '../helpers/plugin-context';
import { TEST_KIND } from '../helpers/database';
import { withFuture } from '../helpers/future-purchases';

/**
 * Taste segmentations of the transformer segmenters on the demo shop: k and block weights chosen on the inner window
 * before asOf, no segment under the floor, and value x taste cells crossing the predictor's tiers with taste clusters.
 */
const SMALL = { epochs: 2, dModel: 16, heads: 2, layers: 1, maxLen: 16, nInit: 1, batchSize: 64, finetuneEpochs: 1, horizonDays: 30, rfmWeight: 0 };

// The database only builds the training set: the PostgreSQL pass would repeat the same computation.
const suite = TEST_KIND === 'postgres' ? describe.skip : describe;

suite('taste and value x taste segmentations', () => {
  let demo: DemoTrainingSet;
  beforeAll(async () => {
    demo = await demoTrainingSet({ customers: 500, seed: 9, featureNames: DEFAULT_FEATURES });
  }, 120_000);

  it('chooses k and the block weights on the inner window, never leaving a segment under minShare', async () => {
    const params = validateParams('gpt', gptSegmenter.params, { ...SMALL, select: 'validation', kMin: 2, kMax: 5, minShare: 0.05 });
    const progress: Progress[] = [];
    const artifact = (await gptSegmenter.fit(demo.data, params, testFitContext({ seed: 3 }, progress))) as SequenceArtifact;
    // Embedding the customers reports each batch of 256 (a run once stood tens of seconds at "768/991"), and the
    // fractions only move forward.
    const n = demo.data.customerIds.length;
    const embedding = progress.filter((p) => /^embedding customers \d+\/\d+$/.test(p.message ?? '')).map((p) => p.message);
    expect(embedding).toEqual(Array.from({ length: Math.ceil(n / 256) }, (_, b) => `embedding customers ${Math.min(n, (b + 1) * 256)}/${n}`));
    for (let i = 1; i < progress.length; i++) expect(progress[i].fraction).toBeGreaterThanOrEqual(progress[i - 1].fraction);
    const selection = artifact.selection!;
    // Every (weights, k) candidate was scored; the chosen one is among them, stable where any was, and within the
    // tolerance of the best, with the fewest segments.
    expect(selection.tried.length).toBe(5 * 4);
    expect(selection.tried).toContainEqual(selection.chosen);
    expect(selection.cutDay).toBe(demo.data.asOfDay! - 30);
    const stable = selection.tried.filter((t) => t.stability >= 0.8);
    const pool = stable.length ? stable : selection.tried;
    const best = Math.max(...pool.map((t) => t.hitRate));
    expect(selection.chosen.hitRate).toBeGreaterThanOrEqual(best - 0.005);
    // Fewest segments (after folding), not the k asked for.
    for (const t of pool) if (t.hitRate >= best - 0.005) expect(selection.chosen.segments).toBeLessThanOrEqual(t.segments);
    expect(artifact.k).toBeLessThanOrEqual(selection.chosen.k);
    expect(artifact.sequenceBlock.weight).toBe(selection.chosen.sequenceWeight);
    const labels = (await gptSegmenter.assign(artifact, demo.data, testServices)).map((a) => a.segment);
    const sizes = new Array(artifact.k).fill(0);
    for (const l of labels) sizes[l]++;
    expect(Math.min(...sizes)).toBeGreaterThanOrEqual(0.05 * labels.length);
    // Segments without the RFM block are taste segments (named from what they buy).
    expect(gptSegmenter.describe(artifact).every((d) => d.basis === 'taste')).toBe(true);
    expect(artifact.taste?.idf.length).toBe(artifact.vocab.productIds.length);
    // A refit (bootstrap stability) fixes what the selection chose.
    expect(gptSegmenter.refitParams!(artifact, params)).toMatchObject({ k: selection.chosen.k, select: 'daviesBouldin', sequenceWeight: selection.chosen.sequenceWeight, transitionWeight: selection.chosen.transitionWeight });
    // Purchases on and after asOf change no byte: the selection, the taste block and the clusters read none of them.
    const later = await gptSegmenter.fit(withFuture(demo.data), params, testFitContext({ seed: 3 }));
    expect(Buffer.compare(gptSegmenter.serialize(artifact), gptSegmenter.serialize(later))).toBe(0);
  }, 300_000);

  it('refuses select: validation with an RFM or text block before a run is queued', () => {
    const problems = (code: string, p: Record<string, unknown>) => {
      try {
        validateSegmenterParams(code === 'gpt' ? gptSegmenter : bertSegmenter, p);
        return '';
      } catch (err) {
        return (err as Error).message;
      }
    };
    expect(problems('gpt', { select: 'validation' })).toMatch(/select: validation needs rfmWeight 0/);
    expect(problems('bert', { select: 'validation', rfmWeight: 0 })).toMatch(/needs rfmWeight 0 and textWeight 0/);
    expect(problems('bert', { select: 'validation', rfmWeight: 0, textWeight: 0 })).toBe('');
  });

  it('crosses value tiers with taste clusters: one segment per kept cell, every customer in its tier', async () => {
    const params = validateParams('gpt', gptSegmenter.params, { ...SMALL, k: 3, valueTiers: true, minCellShare: 0.03 });
    const artifact = (await gptSegmenter.fit(demo.data, params, testFitContext({ seed: 4 }))) as SequenceArtifact;
    const cross = artifact.cross!;
    expect(cross.tasteK).toBe(3);
    expect(artifact.k).toBe(cross.cells.length);
    expect(artifact.k).toBeLessThanOrEqual(12);
    const described = gptSegmenter.describe(artifact);
    expect(described.map((d) => d.valueTier)).toEqual(cross.cells.map((c) => c.tier));
    const labels = (await gptSegmenter.assign(artifact, demo.data, testServices)).map((a) => a.segment);
    const tiers = (await gptSegmenter.predict!(artifact, demo.data, testServices)).map((p) => p.valueTier);
    // Each customer's segment is the cell of their own value tier and taste cluster (the cell it folded into, if small).
    const tastes = (await gptSegmenter.assign({ ...artifact, cross: null, k: cross.tasteK }, demo.data, testServices)).map((a) => a.segment);
    labels.forEach((l, i) => {
      expect(cross.cells[l].tier).toBe(tiers[i]);
      expect(l).toBe(cross.cellOf[tiers[i] as 'high' | 'mid' | 'low'][tastes[i]]);
    });
    expect(new Set(labels).size).toBe(artifact.k);
    // A refit asks for the taste clusters, not the cells; value x taste ignores purchases on and after asOf too.
    expect(gptSegmenter.refitParams!(artifact, params).k).toBe(3);
    const later = await gptSegmenter.fit(withFuture(demo.data), params, testFitContext({ seed: 4 }));
    expect(Buffer.compare(gptSegmenter.serialize(artifact), gptSegmenter.serialize(later))).toBe(0);
    // Serialised and loaded again: the same segments.
    const again = gptSegmenter.deserialize(gptSegmenter.serialize(artifact));
    expect((await gptSegmenter.assign(again, demo.data, testServices)).map((a) => a.segment)).toEqual(labels);
  }, 300_000);
});
