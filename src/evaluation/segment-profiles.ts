import fs from 'node:fs';
import { CustomerFeatures } from '../services/feature.service';

/**
 * What a segment is, in numbers and in words. A profile holds the segment's size and share, the mean and median of
 * the RFM-style features, its top categories, countries and products, and the features that set it apart
 * (standardised differences from all customers). A name comes from transparent rules on those differences
 * (`NAME_RULES`: each states its condition), unique within a version; the description and the suggested actions
 * only repeat numbers shown beside them.
 */
export const PROFILE_FEATURES = ['recencyDays', 'frequency', 'monetary', 'tenureDays', 'averageOrderValue', 'returnRate', 'distinctProducts'] as const;
export type ProfileFeature = (typeof PROFILE_FEATURES)[number];

const LABELS: Record<ProfileFeature, string> = {
  recencyDays: 'days since last order',
  frequency: 'orders',
  monetary: 'net spend',
  tenureDays: 'days since first order',
  averageOrderValue: 'average order value',
  returnRate: 'return rate',
  distinctProducts: 'distinct products',
};

export interface FeatureDelta {
  feature: ProfileFeature;
  /** (segment mean - population mean) / population standard deviation. */
  zScore: number;
  segmentMean: number;
  populationMean: number;
}

export interface SegmentProfile {
  index: number;
  size: number;
  share: number;
  mean: Record<ProfileFeature, number>;
  median: Record<ProfileFeature, number>;
  populationMean: Record<ProfileFeature, number>;
  topCategories: Array<{ category: string; share: number }>;
  topCountries: Array<{ country: string; share: number }>;
  topProducts: Array<{ productId: number; title: string; buyers: number }>;
  /** Every profile feature, largest |z| first. */
  distinguishing: FeatureDelta[];
  name: string;
  /** The naming rule that matched (`champions`, `at_risk`, ...), or `other`. */
  kind: string;
  /** The rule's condition, as text: why the segment has its name. */
  nameReason: string;
  description: string;
  actions: string[];
}

type Z = Record<ProfileFeature, number>;

/** The naming rules, in no particular order: every matching (segment, rule) pair is scored, best first, one each. */
export const NAME_RULES: Array<{ kind: string; name: string; when: string; matches(z: Z): boolean; score(z: Z): number }> = [
  {
    kind: 'champions',
    name: 'Champions',
    when: 'recent (recency z <= -0.3), frequent (frequency z >= 0.5) and high spend (spend z >= 0.5)',
    matches: (z) => z.recencyDays <= -0.3 && z.frequency >= 0.5 && z.monetary >= 0.5,
    score: (z) => z.frequency + z.monetary - z.recencyDays,
  },
  { kind: 'big_spenders', name: 'Big spenders', when: 'high average order value (z >= 0.5)', matches: (z) => z.averageOrderValue >= 0.5, score: (z) => z.averageOrderValue },
  { kind: 'loyal', name: 'Loyal', when: 'frequent (frequency z >= 0.3) and not lapsing (recency z <= 0)', matches: (z) => z.frequency >= 0.3 && z.recencyDays <= 0, score: (z) => z.frequency - z.recencyDays },
  { kind: 'new', name: 'New customers', when: 'short tenure (z <= -0.5) and recent (recency z <= 0)', matches: (z) => z.tenureDays <= -0.5 && z.recencyDays <= 0, score: (z) => -z.tenureDays },
  {
    kind: 'bargain_hunters',
    name: 'Bargain hunters',
    when: 'low average order value (z <= -0.3) while buying at least as often as most (frequency z >= -0.2)',
    matches: (z) => z.averageOrderValue <= -0.3 && z.frequency >= -0.2,
    score: (z) => -z.averageOrderValue,
  },
  {
    kind: 'at_risk',
    name: 'At risk',
    when: 'lapsing (recency z >= 0.3) after buying often or much (frequency or spend z >= 0)',
    matches: (z) => z.recencyDays >= 0.3 && (z.frequency >= 0 || z.monetary >= 0),
    score: (z) => z.recencyDays + Math.max(z.frequency, z.monetary),
  },
  { kind: 'hibernating', name: 'Hibernating', when: 'long since last order (recency z >= 0.5) and infrequent (frequency z < 0)', matches: (z) => z.recencyDays >= 0.5 && z.frequency < 0, score: (z) => z.recencyDays - z.frequency },
  { kind: 'occasional', name: 'Occasional buyers', when: 'infrequent (frequency z <= -0.3)', matches: (z) => z.frequency <= -0.3, score: (z) => -z.frequency },
];

/** Suggested actions per kind of segment; `{topCategory}` and `{share}` are filled in. SEGMENT_ACTIONS_FILE overrides. */
export const DEFAULT_ACTIONS: Record<string, string[]> = {
  champions: ['Tailored recommendations from {topCategory} and new arrivals', 'Early access and VIP perks', 'Ask for reviews and referrals'],
  big_spenders: ['Personalised premium recommendations', 'Priority service and free delivery on large baskets'],
  loyal: ['Loyalty rewards on the next purchase', 'Cross-sell from categories next to {topCategory}'],
  new: ['Onboarding series with best-sellers', 'A second-purchase incentive within 30 days'],
  bargain_hunters: ['Targeted offers and bundles', 'Price-drop alerts on {topCategory}'],
  at_risk: ['Win-back offer with a time limit', 'Ask what went wrong; fix and follow up'],
  hibernating: ['Low-cost win-back campaign', 'Reactivation discount, then let lapse if unanswered'],
  occasional: ['Offers timed to when they usually buy', 'Reminders of {topCategory} products'],
  other: ['Offers to raise order value', 'Recommendations from the segment’s most bought products'],
};

/**
 * The suggested-action templates: the defaults, overridden per kind by a JSON file (SEGMENT_ACTIONS_FILE) of
 * `{ kind: [text] }`. Read once at start-up, so a bad file stops the server there with one clear line.
 */
export function loadActionTemplates(file?: string): Record<string, string[]> {
  if (!file) return DEFAULT_ACTIONS;
  let custom: unknown;
  try {
    custom = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (err) {
    throw new Error(`SEGMENT_ACTIONS_FILE=${file}: ${(err as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (err as Error).message}`, { cause: err });
  }
  if (!custom || typeof custom !== 'object' || Array.isArray(custom)) throw new Error(`SEGMENT_ACTIONS_FILE=${file}: must be a JSON object of { kind: [text] }`);
  for (const [kind, list] of Object.entries(custom)) {
    if (!Array.isArray(list) || list.some((a) => typeof a !== 'string')) throw new Error(`SEGMENT_ACTIONS_FILE: ${kind} must be a list of strings`);
  }
  return { ...DEFAULT_ACTIONS, ...(custom as Record<string, string[]>) };
}

function median(values: number[]): number {
  if (values.length === 0) return 0;
  const s = [...values].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

const value = (f: CustomerFeatures, key: ProfileFeature): number => Number(f[key] ?? (key === 'recencyDays' || key === 'tenureDays' ? 0 : 0));

/** Profiles, unique names, descriptions and actions for the segments of one version. */
export function profileSegments(
  features: CustomerFeatures[],
  labels: ArrayLike<number>,
  k: number,
  topProducts: Map<number, Array<{ productId: number; title: string; buyers: number }>>,
  templates: Record<string, string[]> = DEFAULT_ACTIONS,
): SegmentProfile[] {
  const n = features.length;
  const popMean = {} as Record<ProfileFeature, number>;
  const popSd = {} as Record<ProfileFeature, number>;
  for (const key of PROFILE_FEATURES) {
    const xs = features.map((f) => value(f, key));
    const mean = xs.reduce((a, b) => a + b, 0) / Math.max(n, 1);
    popMean[key] = mean;
    popSd[key] = Math.sqrt(xs.reduce((s, x) => s + (x - mean) ** 2, 0) / Math.max(n, 1)) || 1;
  }
  const members = Array.from({ length: k }, () => [] as CustomerFeatures[]);
  for (let i = 0; i < n; i++) members[labels[i]].push(features[i]);
  const profiles = members.map((list, index) => {
    const mean = {} as Record<ProfileFeature, number>;
    const med = {} as Record<ProfileFeature, number>;
    const z = {} as Z;
    for (const key of PROFILE_FEATURES) {
      const xs = list.map((f) => value(f, key));
      mean[key] = xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : 0;
      med[key] = median(xs);
      z[key] = xs.length ? (mean[key] - popMean[key]) / popSd[key] : 0;
    }
    const categories = new Map<string, number>();
    const countries = new Map<string, number>();
    for (const f of list) {
      for (const [c, share] of Object.entries(f.categoryShares ?? {})) categories.set(c, (categories.get(c) ?? 0) + share / list.length);
      if (f.country) countries.set(f.country, (countries.get(f.country) ?? 0) + 1 / list.length);
    }
    const top = <T extends string>(m: Map<string, number>, key: T) =>
      [...m.entries()]
        .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
        .slice(0, 5)
        .map(([name, share]) => ({ [key]: name, share: round(share, 4) }) as Record<T, string> & { share: number });
    const distinguishing = PROFILE_FEATURES.map((feature) => ({ feature, zScore: round(z[feature], 4), segmentMean: round(mean[feature], 4), populationMean: round(popMean[feature], 4) })).sort(
      (a, b) => Math.abs(b.zScore) - Math.abs(a.zScore),
    );
    return {
      index,
      size: list.length,
      share: n > 0 ? list.length / n : 0,
      mean,
      median: med,
      populationMean: popMean,
      topCategories: top(categories, 'category'),
      topCountries: top(countries, 'country'),
      topProducts: topProducts.get(index) ?? [],
      distinguishing,
      z,
      name: '',
      kind: 'other',
      nameReason: '',
      description: '',
      actions: [] as string[],
    };
  });
  assignNames(profiles);
  for (const p of profiles) {
    p.description = describe(p);
    const topCategory = p.topCategories[0]?.category ?? p.topProducts[0]?.title ?? 'their favourite products';
    p.actions = (templates[p.kind] ?? templates.other ?? []).map((a) => a.replaceAll('{topCategory}', topCategory).replaceAll('{share}', `${(p.share * 100).toFixed(1)}%`));
  }
  return profiles.map(({ z: _z, ...p }) => p);
}

/** Best-scoring (segment, rule) pairs first, each rule and each segment once; the rest get a name from their top difference. */
function assignNames(profiles: Array<{ index: number; size: number; z: Z; name: string; kind: string; nameReason: string; distinguishing: FeatureDelta[] }>): void {
  const pairs: Array<{ p: (typeof profiles)[number]; rule: (typeof NAME_RULES)[number]; score: number }> = [];
  for (const p of profiles) {
    if (p.size === 0) continue;
    for (const rule of NAME_RULES) if (rule.matches(p.z)) pairs.push({ p, rule, score: rule.score(p.z) });
  }
  pairs.sort((a, b) => b.score - a.score || a.p.index - b.p.index);
  const usedRules = new Set<string>();
  for (const { p, rule } of pairs) {
    if (p.name || usedRules.has(rule.kind)) continue;
    usedRules.add(rule.kind);
    Object.assign(p, { name: rule.name, kind: rule.kind, nameReason: rule.when });
  }
  const taken = new Set(profiles.map((p) => p.name).filter(Boolean));
  for (const p of profiles) {
    if (p.name) continue;
    const top = p.distinguishing[0];
    let name = top && Math.abs(top.zScore) >= 0.2 ? `${top.zScore > 0 ? 'High' : 'Low'} ${LABELS[top.feature]}` : 'Typical customers';
    const reason = top && Math.abs(top.zScore) >= 0.2 ? `largest difference: ${LABELS[top.feature]} z = ${top.zScore.toFixed(2)}` : 'no feature differs by 0.2 standard deviations or more';
    if (taken.has(name)) {
      const second = p.distinguishing[1];
      name = second ? `${name}, ${second.zScore > 0 ? 'high' : 'low'} ${LABELS[second.feature]}` : name;
    }
    let unique = name;
    for (let i = 2; taken.has(unique); i++) unique = `${name} (${i})`;
    taken.add(unique);
    Object.assign(p, { name: unique, kind: 'other', nameReason: reason });
  }
}

function describe(p: { name: string; share: number; median: Record<ProfileFeature, number>; mean: Record<ProfileFeature, number>; populationMean: Record<ProfileFeature, number>; topCategories: Array<{ category: string }> }): string {
  const pct = (p.share * 100).toFixed(1);
  const money = (x: number) => x.toFixed(2);
  const category = p.topCategories[0] ? `; most of their spend goes to ${p.topCategories[0].category}` : '';
  return (
    `${p.name}: ${pct}% of customers. Median ${Math.round(p.median.recencyDays)} days since the last order, ` +
    `${p.mean.frequency.toFixed(1)} orders and ${money(p.mean.monetary)} net spend on average ` +
    `(all customers: ${p.populationMean.frequency.toFixed(1)} orders, ${money(p.populationMean.monetary)})${category}.`
  );
}

function round(x: number, places: number): number {
  const f = 10 ** places;
  return Math.round(x * f) / f;
}
