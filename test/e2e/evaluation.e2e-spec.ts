import { parse } from 'csv-parse/sync';
import { TEST_KIND } from '../helpers/database';
import { startTestServer, TestServer } from '../helpers/server';
import { trainVersion } from '../helpers/training';
import { Dialect } from '../../src/db/dialect';

/**
 * A data scientist's path from a GraphQL client: train models on the same data up to a split date, compare them on
 * one table with the time split, promote one, see how customers moved, read each segment's profile, name,
 * explanation and actions, and the fairness report.
 */
const SPLIT = '2026-04-01T00:00:00.000Z';
const SMALL_GPT = { epochs: 2, dModel: 16, heads: 2, layers: 1, maxLen: 16, k: 5, nInit: 1 };
const DAY = 86_400_000;

/**
 * The predictive metrics recomputed another way, from the tables: each customer's stored segment, their net spend and
 * whether they bought in [asOf, asOf + horizon) summed by SQL; R² as 1 - within-segment / total sum of squares, and
 * the churn AUC as the share of (churned, stayed) pairs whose segments' churn rates are ordered right (ties half).
 */
async function expectedOutcomeMetrics(t: TestServer, versionId: string, asOf: string, horizonDays: number): Promise<{ customers: number; futureSpendR2: number; churnAuc: number }> {
  const ds = t.server.dataSource;
  const d = Dialect.of(ds);
  const assigned: Array<{ c: number; s: number }> = await ds.query(`SELECT customer_id AS c, segment_id AS s FROM segment_assignments WHERE version_id = ${d.param(1)}`, [Number(versionId)]);
  const sums: Array<{ c: number; status: string; amount: number }> = await ds.query(
    `SELECT o.customer_id AS c, o.status AS status, SUM(ABS(i.amount_e4)) AS amount FROM orders o JOIN order_items i ON i.order_id = o.id
     WHERE o.placed_at >= ${d.param(1)} AND o.placed_at < ${d.param(2)} AND o.status IN ('placed', 'returned') GROUP BY o.customer_id, o.status`,
    [d.timestamp(new Date(asOf)), d.timestamp(new Date(Date.parse(asOf) + horizonDays * DAY))],
  );
  const spend = new Map<number, number>();
  const stayed = new Set<number>();
  for (const r of sums) {
    const c = Number(r.c);
    spend.set(c, (spend.get(c) ?? 0) + (r.status === 'placed' ? 1 : -1) * (Number(r.amount) / 10_000));
    if (r.status === 'placed') stayed.add(c);
  }
  const rows = assigned.map((a) => ({ segment: Number(a.s), spend: spend.get(Number(a.c)) ?? 0, churned: !stayed.has(Number(a.c)) }));
  const bySegment = new Map<number, typeof rows>();
  for (const r of rows) bySegment.set(r.segment, [...(bySegment.get(r.segment) ?? []), r]);
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
  const overall = mean(rows.map((r) => r.spend));
  const total = rows.reduce((a, r) => a + (r.spend - overall) ** 2, 0);
  let within = 0;
  const churnRate = new Map<number, number>();
  for (const [segment, members] of bySegment) {
    const m = mean(members.map((r) => r.spend));
    within += members.reduce((a, r) => a + (r.spend - m) ** 2, 0);
    churnRate.set(segment, members.filter((r) => r.churned).length / members.length);
  }
  let ordered = 0;
  let pairs = 0;
  for (const x of rows) {
    if (!x.churned) continue;
    for (const y of rows) {
      if (y.churned) continue;
      const a = churnRate.get(x.segment)!;
      const b = churnRate.get(y.segment)!;
      ordered += a > b ? 1 : a === b ? 0.5 : 0;
      pairs++;
    }
  }
  return { customers: rows.length, futureSpendR2: 1 - within / total, churnAuc: ordered / pairs };
}

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
      `query($ids: [ID!]!) { compareModelVersions(ids: $ids, horizonDays: 60) { asOf horizonDays bestByMetric { futureSpendR2 churnAuc hitRateAt10 daviesBouldin } csv
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
      // The same numbers from the tables, computed another way (the version's stored segments are its assignments at
      // the split it was trained at, which is this one).
      const expected = await expectedOutcomeMetrics(t, String(r.versionId), SPLIT, 60);
      expect(m.customers).toBe(expected.customers);
      expect(m.futureSpendR2).toBeCloseTo(expected.futureSpendR2, 9);
      expect(m.churnAuc).toBeCloseTo(expected.churnAuc, 9);
      expect(m.stabilityJaccard).toHaveLength(m.segments);
      expect(m.smallestShare).toBeLessThanOrEqual(m.largestShare);
    }
    const best = c.bestByMetric;
    const top = (metric: string, lower = false) => c.rows.reduce((a: any, b: any) => ((lower ? b.metrics[metric] < a.metrics[metric] : b.metrics[metric] > a.metrics[metric]) ? b : a)).versionId;
    expect(String(best.futureSpendR2)).toBe(top('futureSpendR2'));
    expect(String(best.daviesBouldin)).toBe(top('daviesBouldin', true));
    expect(String(best.churnAuc)).toBe(top('churnAuc'));
    expect(String(best.hitRateAt10)).toBe(top('hitRateAt10'));
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

    const migration = await t.gql(
      `query($a: ID!, $b: ID!) { segmentMigration(fromVersionId: $a, toVersionId: $b) {
        from { versionId segments { id index name size } } to { versionId segments { id index name size } } matrix customersInBoth } }`,
      { a: versions.rfm, b: versions['rfm-7'] },
    );
    expect(migration.errors).toBeUndefined();
    const m = migration.data.segmentMigration;
    expect(m.matrix).toHaveLength(5);
    expect(m.matrix[0]).toHaveLength(7);
    const total = m.matrix.flat().reduce((a: number, b: number) => a + b, 0);
    expect(total).toBe(m.customersInBoth);
    m.from.segments.forEach((s: any, i: number) => expect(m.matrix[i].reduce((a: number, b: number) => a + b, 0)).toBe(s.size));
    // Each side is its version's segments, by index.
    expect([m.from.versionId, m.to.versionId]).toEqual([versions.rfm, versions['rfm-7']]);
    for (const side of [m.from, m.to]) {
      const own = (await t.gql(`query($id: ID!) { segments(modelVersionId: $id) { id index name size } }`, { id: side.versionId })).data.segments;
      expect(side.segments).toEqual([...own].sort((a: any, b: any) => a.index - b.index));
    }
  });

  it('gives every segment a profile, a unique name that follows from its numbers, a description and actions', async () => {
    for (const id of Object.values(versions)) {
      const res = await t.gql(
        `query($id: ID!) { segments(modelVersionId: $id) { id index name kind nameReason description actions size share
          profile { index size share mean { frequency monetary } median { recencyDays } populationMean { frequency } topCategories { category share } topProducts { productId title buyers } }
          distinguishingFeatures { feature zScore segmentMean populationMean } } }`,
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
        // The description's numbers are the segment's: its share of the version's customers (from the sizes), and its
        // and everyone's mean spend as the distinguishing features give them, the higher one printed higher.
        const everyone = segments.reduce((a: number, x: any) => a + x.size, 0);
        expect(s.description).toContain(`${((s.size / everyone) * 100).toFixed(1)}% of customers`);
        const printed = /(-?[\d.]+) net spend on average \(all customers: [\d.]+ orders, (-?[\d.]+)\)/.exec(s.description);
        expect(printed).not.toBeNull();
        const monetary = s.distinguishingFeatures.find((d: any) => d.feature === 'monetary');
        expect(Math.abs(Number(printed![1]) - monetary.segmentMean)).toBeLessThanOrEqual(0.005 + 1e-9);
        expect(Math.abs(Number(printed![2]) - monetary.populationMean)).toBeLessThanOrEqual(0.005 + 1e-9);
        expect(Math.sign(Number(printed![1]) - Number(printed![2]))).toBe(Math.sign(monetary.zScore));
        expect(s.actions.length).toBeGreaterThan(0);
        expect(s.profile.size).toBe(s.size);
        expect(s.profile.topCategories.length).toBeGreaterThan(0);
        expect(s.profile.topProducts.length).toBeGreaterThan(0);
        expect(s.profile.median.recencyDays).toBeGreaterThanOrEqual(0);
        expect(s.profile.index).toBe(s.index);
        expect(s.profile.share).toBeCloseTo(s.share, 9);
        expect(s.description).toContain(`all customers: ${s.profile.populationMean.frequency.toFixed(1)} orders`);
        const frequency = s.distinguishingFeatures.find((d: any) => d.feature === 'frequency');
        expect(frequency.segmentMean).toBeCloseTo(s.profile.mean.frequency, 3);
        expect(frequency.populationMean).toBeCloseTo(s.profile.populationMean.frequency, 3);
        const categoryShares = s.profile.topCategories.map((x: any) => x.share);
        expect(categoryShares).toEqual([...categoryShares].sort((a: number, b: number) => b - a));
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
    const res = await t.gql(`{ trainingRuns(first: 10) { edges { node { modelVersion { id featureNames fairness { versionId protectedAttributes
      attributes { attribute population { value share } segments { segmentId name size shares { value share deviation } } }
      largestDeviation { attribute value segmentId segment deviation segmentShare populationShare } } } } } } }`);
    expect(res.errors).toBeUndefined();
    for (const edge of res.data.trainingRuns.edges) {
      const v = edge.node.modelVersion;
      if (Object.values(versions).includes(v.id)) for (const name of v.featureNames) expect(name).not.toMatch(/gender|(^|_)age(_|$)|birth/);
      expect(v.fairness.versionId).toBe(v.id);
      expect(v.fairness.protectedAttributes).toEqual(['gender', 'ageBand']);
      expect(v.fairness.attributes.map((a: any) => a.attribute)).toEqual(['gender', 'ageBand']);
      const gender = v.fairness.attributes.find((a: any) => a.attribute === 'gender');
      const shares = gender.population.map((p: any) => p.share) as number[];
      expect(shares.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 9);
      const flagged = v.fairness.largestDeviation;
      expect(flagged).not.toBeNull();
      expect(flagged.deviation).toBeCloseTo(flagged.segmentShare - flagged.populationShare, 12);
      for (const attribute of v.fairness.attributes) {
        const population = Object.fromEntries(attribute.population.map((p: any) => [p.value, p.share]));
        for (const s of attribute.segments) {
          expect(s.shares.map((x: any) => x.value)).toEqual(attribute.population.map((p: any) => p.value));
          for (const x of s.shares) {
            expect(x.deviation).toBeCloseTo(x.share - population[x.value], 12);
            expect(Math.abs(x.deviation)).toBeLessThanOrEqual(Math.abs(flagged.deviation) + 1e-12);
          }
        }
      }
      // The flagged deviation is one of the listed ones.
      const where = v.fairness.attributes.find((a: any) => a.attribute === flagged.attribute).segments.find((s: any) => s.segmentId === flagged.segmentId);
      expect(where.name).toBe(flagged.segment);
      expect(where.shares.find((x: any) => x.value === flagged.value).share).toBeCloseTo(flagged.segmentShare, 12);
    }
  });
});
