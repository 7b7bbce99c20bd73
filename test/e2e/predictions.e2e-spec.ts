import fs from 'node:fs';
import path from 'node:path';
import { TEST_KIND } from '../helpers/database';
import { REPO_ROOT } from '../helpers/paths';
import { startTestServer, TestServer } from '../helpers/server';
import { trainVersion } from '../helpers/training';

const PREDICTION = `predictions { horizonDays expectedPurchases pAlive churnProbability expectedSpend clv clvPercentile expectedNextPurchaseAt valueTier }`;

describe(`per-customer predictions (clv) over GraphQL on ${TEST_KIND}`, () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer({ seedDemo: true });
  });
  afterAll(() => t.close());

  it('stores a prediction for every customer a clv version was trained on, served under the `value` alias, the tier matching the segment', async () => {
    // Nothing until an alias points at a predicting version.
    const before = await t.gql(`{ customers(first: 1) { edges { node { id ${PREDICTION} } } } }`);
    expect(before.errors).toBeUndefined();
    expect(before.data.customers.edges[0].node.predictions).toBeNull();

    const versionId = await trainVersion(t, 'value', 'clv', { horizonDays: 60 }, 'value');
    const version = await t.gql(`query($id: ID!) { modelVersion(id: $id) { asOf metrics { customers extra } segments { index name size } } }`, { id: versionId });
    expect(version.errors).toBeUndefined();
    const { asOf, metrics, segments } = version.data.modelVersion;
    expect(metrics.extra.bgnbd).toMatchObject({ converged: true });
    expect(metrics.extra.bgnbd.logLikelihood).toBeLessThan(0);
    expect(segments.map((s: any) => s.name)).toEqual(['High value', 'Mid value', 'Low value']);
    // One stored prediction per customer the version was trained on, and one tier per assignment.
    const [{ n }] = await t.server.dataSource.query(`SELECT COUNT(*) AS n FROM customer_predictions WHERE version_id = ${Number(versionId)}`);
    expect(Number(n)).toBe(metrics.customers);
    expect(segments.reduce((sum: number, s: any) => sum + s.size, 0)).toBe(metrics.customers);

    const page = await t.gql(`{ customers(first: 100) { edges { node { id ${PREDICTION} segment(alias: "value") { segment { name } } } } } }`, {}, { authorization: `Bearer ${t.keys.viewer}` });
    expect(page.errors).toBeUndefined();
    const nodes = page.data.customers.edges.map((e: any) => e.node);
    const predicted = nodes.filter((n: any) => n.predictions !== null);
    expect(predicted.length).toBeGreaterThan(50);
    for (const n of predicted) {
      const p = n.predictions;
      expect(p.horizonDays).toBe(60);
      expect(p.churnProbability).toBeGreaterThanOrEqual(0);
      expect(p.churnProbability).toBeLessThanOrEqual(1);
      expect(p.pAlive).toBeGreaterThan(0);
      expect(p.clv).toBeCloseTo(p.expectedPurchases * p.expectedSpend, 6);
      // The tier is the segment the customer was assigned to.
      expect(n.segment.segment.name.toLowerCase()).toBe(`${p.valueTier.toLowerCase()} value`);
      if (p.expectedNextPurchaseAt !== null) expect(new Date(p.expectedNextPurchaseAt).getTime()).toBeGreaterThanOrEqual(new Date(asOf).getTime());
    }
    // The committed frontend operation answers the same for one customer.
    const op = fs.readFileSync(path.join(REPO_ROOT, 'schema', 'operations', 'CustomerPredictions.graphql'), 'utf8');
    const one = await t.gql(op, { id: predicted[0].id }, { authorization: `Bearer ${t.keys.viewer}` });
    expect(one.errors).toBeUndefined();
    expect(one.data.customer.predictions).toEqual(predicted[0].predictions);
    // Percentiles rank the values: a higher value never has a lower percentile.
    const byClv = [...predicted].sort((a: any, b: any) => a.predictions.clv - b.predictions.clv);
    for (let i = 1; i < byClv.length; i++) expect(byClv[i].predictions.clvPercentile).toBeGreaterThanOrEqual(byClv[i - 1].predictions.clvPercentile);
    expect(new Set(predicted.map((n: any) => n.predictions.valueTier))).toEqual(new Set(['HIGH', 'MID', 'LOW']));

    // A version that does not predict has no predictions, whatever alias points at it.
    const kmeans = await trainVersion(t, 'rfm', 'kmeans', { k: 3 }, 'segments');
    expect(kmeans).toBeTruthy();
    const none = await t.gql(`{ customers(first: 3) { edges { node { predictions(alias: "segments") { clv } } } } }`);
    expect(none.data.customers.edges.map((e: any) => e.node.predictions)).toEqual([null, null, null]);
  });
});
