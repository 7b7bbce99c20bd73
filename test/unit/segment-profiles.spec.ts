import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CustomerFeatures } from '../../src/services/feature.service';
import { DEFAULT_ACTIONS, NAME_RULES, loadActionTemplates, profileSegments } from '../../src/evaluation/segment-profiles';

function customer(id: number, f: Partial<CustomerFeatures>): CustomerFeatures {
  return {
    customerId: id,
    asOf: new Date('2026-07-01T00:00:00Z'),
    recencyDays: 30,
    frequency: 4,
    monetary: 400,
    grossSpend: 400,
    returnedSpend: 0,
    tenureDays: 300,
    averageOrderValue: 100,
    returnRate: 0.05,
    distinctProducts: 8,
    categoryShares: { Home: 0.6, Books: 0.4 },
    country: 'France',
    firstPurchaseAt: null,
    lastPurchaseAt: null,
    ...f,
  };
}

/** Groups with known behaviour, 50 customers each, with a little spread. */
const groups: Array<Partial<CustomerFeatures>> = [
  { recencyDays: 5, frequency: 20, monetary: 3000, averageOrderValue: 150, tenureDays: 500 }, // champions
  { recencyDays: 300, frequency: 1, monetary: 60, averageOrderValue: 60, tenureDays: 320 }, // hibernating
  { recencyDays: 10, frequency: 2, monetary: 150, averageOrderValue: 75, tenureDays: 20 }, // new
  { recencyDays: 30, frequency: 4, monetary: 400, averageOrderValue: 100, tenureDays: 300 }, // typical
  { recencyDays: 31, frequency: 4, monetary: 410, averageOrderValue: 101, tenureDays: 301 }, // typical again
];
const features = groups.flatMap((g, gi) => Array.from({ length: 50 }, (_, i) => customer(gi * 100 + i, { ...g, frequency: (g.frequency ?? 4) + (i % 3) })));
const labels = groups.flatMap((_, gi) => new Array<number>(50).fill(gi));

describe('segment profiles, names and actions', () => {
  const profiles = profileSegments(features, labels, groups.length, new Map([[0, [{ productId: 1, title: 'Lamp', buyers: 40 }]]]));

  it('names segments by transparent rules, and never twice in a version', () => {
    expect(profiles.map((p) => p.kind).slice(0, 3)).toEqual(['champions', 'hibernating', 'new']);
    expect(profiles[0].name).toBe('Champions');
    expect(new Set(profiles.map((p) => p.name)).size).toBe(profiles.length);
    // Two near-identical typical groups still get different names.
    expect(profiles[3].name).not.toBe(profiles[4].name);
  });

  it('only says what its numbers show: the matched rule holds on the distinguishing features', () => {
    for (const p of profiles) {
      const z = Object.fromEntries(p.distinguishing.map((d) => [d.feature, d.zScore])) as Record<string, number>;
      const rule = NAME_RULES.find((r) => r.kind === p.kind);
      if (rule) expect(rule.matches(z as never)).toBe(true);
      expect(p.nameReason.length).toBeGreaterThan(0);
      expect(p.description).toContain(`${(p.share * 100).toFixed(1)}% of customers`);
      expect(p.description).toContain(`Median ${Math.round(p.median.recencyDays)} days`);
      expect(p.description).toContain(`${p.mean.frequency.toFixed(1)} orders`);
      const abs = p.distinguishing.map((d) => Math.abs(d.zScore));
      expect(abs).toEqual([...abs].sort((a, b) => b - a));
    }
    const champions = profiles[0];
    expect(champions.mean.monetary).toBeGreaterThan(champions.populationMean.monetary);
    expect(champions.topProducts[0].title).toBe('Lamp');
    expect(champions.topCategories[0]).toEqual({ category: 'Home', share: 0.6 });
    expect(champions.topCountries[0]).toEqual({ country: 'France', share: 1 });
  });

  it('suggests actions per kind of segment from templates a user can change', () => {
    expect(profiles[0].actions[0]).toBe('Tailored recommendations from Home and new arrivals');
    expect(profiles[1].actions).toEqual(DEFAULT_ACTIONS.hibernating);
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'segmentql-actions-')), 'actions.json');
    fs.writeFileSync(file, JSON.stringify({ champions: ['Invite {share} of our best to the spring preview of {topCategory}'] }));
    const templates = loadActionTemplates({ SEGMENT_ACTIONS_FILE: file });
    const custom = profileSegments(features, labels, groups.length, new Map(), templates);
    expect(custom[0].actions).toEqual(['Invite 20.0% of our best to the spring preview of Home']);
    expect(custom[2].actions).toEqual(DEFAULT_ACTIONS.new);
    fs.writeFileSync(file, JSON.stringify({ champions: 'not a list' }));
    expect(() => loadActionTemplates({ SEGMENT_ACTIONS_FILE: file })).toThrow(/champions must be a list of strings/);
  });
});
