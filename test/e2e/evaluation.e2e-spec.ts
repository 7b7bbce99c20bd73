import { parse } from 'csv-parse/sync';
import { TEST_KIND } from '../helpers/database';
import { startTestServer, TestServer } from '../helpers/server';
import { trainVersion } from '../helpers/training';

/**
 * A data scientist's path from a GraphQL client: train models on the same data up to a split date, compare them on
 * one table with the time split, promote one, see how customers moved, read each segment's profile, name,
 * explanation and actions, and the fairness report.
 */
const SPLIT = '2026-04-01T00:00:00.000Z';
const SMALL_GPT = { epochs: 2, dModel: 16, heads: 2, layers: 1, maxLen: 16, k: 5, nInit: 1 };

describe(`evaluation and comparison on ${TEST_KIND}`, () => {
  let t: TestServer;
  const versions: Record<string, string> = {};
  beforeAll(async () => {
    t = await startTestServer({ seedDemo: true });
    for (const [name, segmenter, params] of [
      ['rfm', 'kmeans', { k: 5 }],
      ['rfm-7', 'kmeans', { k: 7 }],
      ['sequences', 'gpt', SMALL_GPT],
    ] as const) {
      versions[name] = await trainVersion(t, name, segmenter, params, undefined, SPLIT);
    }
  }, 300_000);
  afterAll(async () => {
    await t.close();
  });

  it('compares versions on one split with every metric, the best per metric and a CSV', async () => {
    const ids = [versions.rfm, versions['rfm-7'], versions.sequences];
    const res = await t.gql(
      `query($ids: [ID!]!) { compareModelVersions(ids: $ids, horizonDays: 60) { asOf horizonDays bestByMetric csv
        rows { versionId modelName segmenter metrics { customers segments futureSpendR2 churnAuc spendLift hitRateAt10 stabilityAri stabilityJaccard
          smallestShare largestShare sizeEntropy sizeEntropyNormalised silhouette daviesBouldin groundTruthAri groundTruthNmi leakage } } } }`,
      { ids },
    );
    expect(res.errors).toBeUndefined();
    const c = res.data.compareModelVersions;
    expect(c.asOf).toBe(SPLIT); // the versions' own training cut-off: no leakage
    expect(c.horizonDays).toBe(60);
    expect(c.rows.map((r: any) => r.versionId)).toEqual(ids);
    const customers = new Set(c.rows.map((r: any) => r.metrics.customers));
    expect(customers.size).toBe(1); // the same customers for every version
    for (const r of c.rows) {
      const m = r.metrics;
      expect(m.leakage).toBe(false);
      for (const key of ['futureSpendR2', 'churnAuc', 'hitRateAt10', 'stabilityAri', 'groundTruthAri', 'groundTruthNmi']) expect([key, Number.isFinite(m[key])]).toEqual([key, true]);
      expect(m.futureSpendR2).toBeGreaterThanOrEqual(0);
      expect(m.futureSpendR2).toBeLessThanOrEqual(1);
      expect(m.churnAuc).toBeGreaterThanOrEqual(0.5 - 1e-9); // a segment's own churn rate never ranks worse than chance
      expect(m.stabilityJaccard).toHaveLength(m.segments);
      expect(m.smallestShare).toBeLessThanOrEqual(m.largestShare);
    }
    const best = c.bestByMetric;
    const top = (metric: string, lower = false) => c.rows.reduce((a: any, b: any) => ((lower ? b.metrics[metric] < a.metrics[metric] : b.metrics[metric] > a.metrics[metric]) ? b : a)).versionId;
    expect(String(best.futureSpendR2)).toBe(top('futureSpendR2'));
    expect(String(best.daviesBouldin)).toBe(top('daviesBouldin', true));
    const csv = parse(c.csv, { columns: true }) as Array<Record<string, string>>;
    expect(csv.map((r) => r.versionId)).toEqual(ids);
    expect(Number(csv[0].hitRateAt10)).toBeCloseTo(c.rows[0].metrics.hitRateAt10, 6);

    // Stored: a second call gives the same numbers, and the leaderboard ranks on one metric.
    const again = await t.gql(`query($ids: [ID!]!) { compareModelVersions(ids: $ids, horizonDays: 60) { rows { metrics { stabilityAri hitRateAt10 } } } }`, { ids });
    expect(again.data.compareModelVersions.rows.map((r: any) => r.metrics)).toEqual(c.rows.map((r: any) => ({ stabilityAri: r.metrics.stabilityAri, hitRateAt10: r.metrics.hitRateAt10 })));
    const board = await t.gql(`{ leaderboard(metric: "hitRateAt10", horizonDays: 60, asOf: "${SPLIT}") { rows { versionId metrics { hitRateAt10 } } csv } }`);
    const rates = board.data.leaderboard.rows.map((r: any) => r.metrics.hitRateAt10);
    expect(rates).toEqual([...rates].sort((a, b) => b - a));
    const unknown = await t.gql(`{ leaderboard(metric: "accuracy") { csv } }`);
    expect(unknown.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  }, 300_000);

  it('moves production with a history of who moved it when, and shows how customers moved between versions', async () => {
    const set = `mutation($v: ID!) { setModelAlias(versionId: $v, alias: "production") { id } }`;
    // Who moved it is the API key's name.
    const ana = (await t.server.services.apiKeys.create('admin', 'ana@example.com', 'test')).secret;
    const bo = (await t.server.services.apiKeys.create('admin', 'bo@example.com', 'test')).secret;
    expect((await t.gql(set, { v: versions.rfm }, { authorization: `Bearer ${ana}` })).errors).toBeUndefined();
    expect((await t.gql(set, { v: versions.sequences }, { authorization: `Bearer ${bo}` })).errors).toBeUndefined();
    const history = await t.gql(`{ aliasHistory(alias: "production", first: 10) { totalCount edges { node { alias versionId previousVersionId movedBy movedAt } } } }`);
    expect(history.data.aliasHistory.totalCount).toBe(2);
    expect(history.data.aliasHistory.edges.map(({ node: h }: any) => [h.versionId, h.previousVersionId, h.movedBy])).toEqual([
      [versions.sequences, versions.rfm, 'key:bo@example.com'],
      [versions.rfm, null, 'key:ana@example.com'],
    ]);

    const migration = await t.gql(`query($a: ID!, $b: ID!) { segmentMigration(fromVersionId: $a, toVersionId: $b) }`, { a: versions.rfm, b: versions['rfm-7'] });
    expect(migration.errors).toBeUndefined();
    const m = migration.data.segmentMigration;
    expect(m.matrix).toHaveLength(5);
    expect(m.matrix[0]).toHaveLength(7);
    const total = m.matrix.flat().reduce((a: number, b: number) => a + b, 0);
    expect(total).toBe(m.customersInBoth);
    m.from.segments.forEach((s: any, i: number) => expect(m.matrix[i].reduce((a: number, b: number) => a + b, 0)).toBe(s.size));
  });

  it('gives every segment a profile, a unique name that follows from its numbers, a description and actions', async () => {
    for (const id of Object.values(versions)) {
      const res = await t.gql(
        `query($id: ID!) { segments(modelVersionId: $id) { id name kind nameReason description actions size share profile distinguishingFeatures { feature zScore segmentMean populationMean } } }`,
        { id },
      );
      expect(res.errors).toBeUndefined();
      const segments = res.data.segments;
      expect(new Set(segments.map((s: any) => s.name)).size).toBe(segments.length);
      for (const s of segments) {
        const z = Object.fromEntries(s.distinguishingFeatures.map((d: any) => [d.feature, d.zScore]));
        if (s.kind === 'champions') expect(z.recencyDays <= -0.3 && z.frequency >= 0.5 && z.monetary >= 0.5).toBe(true);
        if (s.kind === 'at_risk') expect(z.recencyDays).toBeGreaterThanOrEqual(0.3);
        if (s.kind === 'new') expect(z.tenureDays).toBeLessThanOrEqual(-0.5);
        if (s.kind === 'big_spenders') expect(z.averageOrderValue).toBeGreaterThanOrEqual(0.5);
        expect(s.description).toContain(`${(s.share * 100).toFixed(1)}% of customers`);
        expect(s.description).toContain(`${s.profile.mean.frequency.toFixed(1)} orders`);
        expect(s.actions.length).toBeGreaterThan(0);
        expect(s.profile.size).toBe(s.size);
        expect(s.profile.topCategories.length).toBeGreaterThan(0);
        expect(s.profile.topProducts.length).toBeGreaterThan(0);
        expect(s.profile.median.recencyDays).toBeGreaterThanOrEqual(0);
        const abs = s.distinguishingFeatures.map((d: any) => Math.abs(d.zScore));
        expect(abs).toEqual([...abs].sort((a: number, b: number) => b - a));
      }
    }
  });

  it('refuses protected attributes as features unless the model opts in, and records what a version used', async () => {
    const refused = await t.gql(`mutation { registerModel(input: { name: "with age", segmenter: "kmeans", params: { k: 3, features: ["log_monetary", "age"] } }) { id } }`);
    expect(refused.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(refused.errors?.[0]?.message).toMatch(/age is derived from protected attributes.*allowProtectedAttributes/);
    const reg = await t.gql(`mutation { registerModel(input: { name: "with age", segmenter: "kmeans", allowProtectedAttributes: true, params: { k: 3, features: ["log_monetary", "age"] } }) { id allowProtectedAttributes } }`);
    expect(reg.data.registerModel.allowProtectedAttributes).toBe(true);
    const run = await t.gql(`mutation($m: ID!) { startTrainingRun(modelId: $m) { id } }`, { m: reg.data.registerModel.id });
    let version: any = null;
    while (!version) {
      const r = await t.gql(`query($id: ID!) { trainingRun(id: $id) { status modelVersion { metrics { protectedAttributes } } } }`, { id: run.data.startTrainingRun.id });
      expect(['QUEUED', 'RUNNING', 'SUCCEEDED']).toContain(r.data.trainingRun.status);
      version = r.data.trainingRun.modelVersion;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(version.metrics.protectedAttributes).toEqual(['age']);
    const plain = await t.gql(`query($id: ID!) { modelVersion(id: $id) { metrics { protectedAttributes } } }`, { id: versions.rfm });
    expect(plain.errors).toBeUndefined();
    expect(plain.data.modelVersion.metrics.protectedAttributes).toEqual([]);
  });

  it('reports each segment by protected attributes, which are never features', async () => {
    const res = await t.gql(`{ trainingRuns(first: 10) { edges { node { modelVersion { id featureNames fairness } } } } }`);
    expect(res.errors).toBeUndefined();
    for (const edge of res.data.trainingRuns.edges) {
      const v = edge.node.modelVersion;
      if (Object.values(versions).includes(v.id)) for (const name of v.featureNames) expect(name).not.toMatch(/gender|(^|_)age(_|$)|birth/);
      expect(v.fairness.protectedAttributes).toEqual(['gender', 'ageBand']);
      const shares = Object.values(v.fairness.attributes.gender.population) as number[];
      expect(shares.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 9);
      const flagged = v.fairness.largestDeviation;
      expect(flagged).not.toBeNull();
      for (const attribute of Object.values(v.fairness.attributes) as any[]) {
        for (const s of attribute.segments) for (const dev of Object.values(s.deviations) as number[]) expect(Math.abs(dev)).toBeLessThanOrEqual(Math.abs(flagged.deviation) + 1e-12);
      }
    }
  });
});
