/**
 * The contract every registered segmenter must keep (in the spirit of scikit-learn's check_estimator), run over the
 * built-in plugins and the example third-party plugin alike.
 */
import { pluginModules } from '../../src/config/plugins';
import { generateDemoShop } from '../../src/demo/synthetic-shop';
import { validateParams } from '../../src/registry/params';
import { FitContext, Progress, Segmenter, TrainingSet } from '../../src/registry/segmenter';
import { SegmenterRegistry } from '../../src/registry/segmenter-registry';
import { FEATURE_NAMES, buildTrainingSet } from '../../src/training/feature-catalogue';
import { CustomerFeatures } from '../../src/services/feature.service';
import { EXAMPLE_PLUGIN } from '../helpers/plugins';

const registry = SegmenterRegistry.load(pluginModules({ SEGMENTQL_PLUGINS: EXAMPLE_PLUGIN }));

/** Plain features of the demo shop, computed without a database: enough for the contract checks. */
function demoFeatures(): CustomerFeatures[] {
  const shop = generateDemoShop({ customers: 400, seed: 2 });
  const asOf = new Date('2026-07-01T00:00:00Z');
  return shop.customers.map((c, i) => {
    const orders = shop.orders.filter((o) => o.customerExternalId === c.externalId && o.status === 'placed');
    const spend = orders.flatMap((o) => o.items).reduce((s, it) => s + it.amountE4, 0) / 10_000;
    const times = orders.map((o) => o.placedAt.getTime());
    return {
      customerId: i + 1,
      asOf,
      recencyDays: times.length ? (asOf.getTime() - Math.max(...times)) / 86_400_000 : null,
      frequency: orders.length,
      monetary: spend,
      grossSpend: spend,
      returnedSpend: 0,
      tenureDays: times.length ? (asOf.getTime() - Math.min(...times)) / 86_400_000 : null,
      averageOrderValue: orders.length ? spend / orders.length : 0,
      returnRate: 0,
      distinctProducts: new Set(orders.flatMap((o) => o.items.map((it) => it.productExternalId))).size,
      categoryShares: {},
      country: c.country ?? null,
      firstPurchaseAt: null,
      lastPurchaseAt: null,
    };
  });
}

const features = demoFeatures().filter((f) => f.frequency > 0);

/** The error `fn` throws (failing the test when it throws none). */
function thrown(fn: () => unknown): { message: string; extensions: { code: string } } {
  try {
    fn();
  } catch (err) {
    return err as { message: string; extensions: { code: string } };
  }
  throw new Error('expected an error, got none');
}

function context(overrides: Partial<FitContext> = {}, progress: Progress[] = []): FitContext {
  return { seed: 7, backend: 'cpu', signal: new AbortController().signal, log: () => undefined, progress: (p) => progress.push(p), ...overrides };
}

function trainingSet(segmenter: Segmenter, params: Record<string, unknown>): TrainingSet {
  return buildTrainingSet(features, segmenter.featureNames(params));
}

describe.each(registry.list().map((s) => [s.code, s] as const))('segmenter %s', (_code, segmenter) => {
  const params = validateParams(segmenter.code, segmenter.params, {});

  it('declares itself completely', () => {
    expect(segmenter.code).toMatch(/^[a-z][a-z0-9-]*$/);
    expect(segmenter.version).toMatch(/^\d+\.\d+\.\d+/);
    expect(Number.isInteger(segmenter.artifactFormat)).toBe(true);
    for (const spec of segmenter.params) {
      expect(spec.description.length).toBeGreaterThan(0);
      expect(() => validateParams(segmenter.code, [spec], {})).not.toThrow();
    }
    for (const name of segmenter.featureNames(params)) expect(FEATURE_NAMES).toContain(name);
  });

  it('gives one assignment per customer, in input order, with monotone progress in [0, 1]', async () => {
    const data = trainingSet(segmenter, params);
    const progress: Progress[] = [];
    const artifact = await segmenter.fit(data, params, context({}, progress));
    const assignments = segmenter.assign(artifact, data);
    expect(assignments).toHaveLength(data.customerIds.length);
    for (const a of assignments) {
      expect(Number.isInteger(a.segment) && a.segment >= 0).toBe(true);
      expect(Number.isFinite(a.distance)).toBe(true);
    }
    // Reversing the rows reverses the assignments.
    const d = data.featureNames.length;
    const n = data.customerIds.length;
    const reversed: TrainingSet = {
      customerIds: [...data.customerIds].reverse(),
      featureNames: data.featureNames,
      features: Float64Array.from({ length: n * d }, (_, idx) => data.features[(n - 1 - Math.floor(idx / d)) * d + (idx % d)]),
    };
    expect(segmenter.assign(artifact, reversed)).toEqual([...assignments].reverse());
    expect(progress.length).toBeGreaterThan(0);
    for (let i = 0; i < progress.length; i++) {
      expect(progress[i].fraction).toBeGreaterThanOrEqual(0);
      expect(progress[i].fraction).toBeLessThanOrEqual(1);
      if (i > 0) expect(progress[i].fraction).toBeGreaterThanOrEqual(progress[i - 1].fraction);
    }
    expect(segmenter.describe(artifact).length).toBeGreaterThan(0);
  });

  it('round-trips its artifact through serialize/deserialize with identical assignments, and assign mutates nothing', async () => {
    const data = trainingSet(segmenter, params);
    const artifact = await segmenter.fit(data, params, context());
    const bytes = segmenter.serialize(artifact);
    const restored = segmenter.deserialize(bytes);
    expect(segmenter.assign(restored, data)).toEqual(segmenter.assign(artifact, data));
    expect(segmenter.serialize(artifact).equals(bytes)).toBe(true);
  });

  it('gives the same result for the same seed', async () => {
    const data = trainingSet(segmenter, params);
    const a = segmenter.serialize(await segmenter.fit(data, params, context()));
    const b = segmenter.serialize(await segmenter.fit(data, params, context()));
    if (segmenter.capabilities.deterministicWithSeed) expect(a.equals(b)).toBe(true);
  });

  it('stops when its run is cancelled', async () => {
    const data = trainingSet(segmenter, params);
    const controller = new AbortController();
    controller.abort(new Error('cancelled'));
    await expect(segmenter.fit(data, params, context({ signal: controller.signal }))).rejects.toThrow('cancelled');
    // Cancelled after its first progress report.
    const later = new AbortController();
    await expect(segmenter.fit(data, params, context({ signal: later.signal, progress: () => later.abort(new Error('cancelled')) }))).rejects.toThrow('cancelled');
  });

  it('refuses bad params before anything runs', () => {
    expect(() => validateParams(segmenter.code, segmenter.params, { noSuchParam: 1 })).toThrow(/unknown parameter/);
    const numeric = segmenter.params.find((p) => p.type === 'int' || p.type === 'float');
    if (numeric) {
      expect(() => validateParams(segmenter.code, segmenter.params, { [numeric.name]: 'many' })).toThrow(/is not a number/);
      if (numeric.max !== undefined) expect(() => validateParams(segmenter.code, segmenter.params, { [numeric.name]: numeric.max! + 1 })).toThrow(/above/);
    }
    expect(thrown(() => validateParams(segmenter.code, segmenter.params, { noSuchParam: 1 })).extensions.code).toBe('BAD_USER_INPUT');
  });

  it('refuses an artifact of another format', async () => {
    const data = trainingSet(segmenter, params);
    const bytes = segmenter.serialize(await segmenter.fit(data, params, context()));
    const json = JSON.parse(bytes.toString('utf8'));
    if (json && typeof json === 'object' && 'format' in json) {
      expect(() => segmenter.deserialize(Buffer.from(JSON.stringify({ ...json, format: 999 })))).toThrow(/format/);
    }
  });
});

describe('the registry', () => {
  it('loads the built-ins and plugins named in SEGMENTQL_PLUGINS', () => {
    expect(registry.list().map((s) => s.code)).toEqual(['kmeans', 'quantiles']);
  });

  it('refuses two plugins with the same code', () => {
    expect(() => SegmenterRegistry.load(pluginModules({ SEGMENTQL_PLUGINS: `${EXAMPLE_PLUGIN},${EXAMPLE_PLUGIN}` }))).toThrow(/two segmenter plugins use the code "quantiles"/);
  });

  it('answers an unknown code with BAD_USER_INPUT listing the known ones', () => {
    const err = thrown(() => registry.get('dbscan'));
    expect(err.message).toBe('unknown segmenter "dbscan"; known: kmeans, quantiles');
    expect(err.extensions.code).toBe('BAD_USER_INPUT');
  });

  it('says what is wrong with a module that is not a plugin', () => {
    expect(() => SegmenterRegistry.load(['/nonexistent/plugin'])).toThrow(/cannot load segmenter plugin \/nonexistent\/plugin/);
  });
});
