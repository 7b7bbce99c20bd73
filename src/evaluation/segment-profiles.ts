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

/** How a segment is called when one feature sets it apart most (above / below all customers). */
const DIFFERENCE_NAMES: Record<ProfileFeature, { high: string; low: string }> = {
  recencyDays: { high: 'Long since last order', low: 'Recent buyers' },
  frequency: { high: 'Frequent buyers', low: 'Infrequent buyers' },
  monetary: { high: 'High spenders', low: 'Low spenders' },
  tenureDays: { high: 'Long-standing customers', low: 'Recent first purchase' },
  averageOrderValue: { high: 'Large orders', low: 'Small orders' },
  returnRate: { high: 'Frequent returners', low: 'Rare returners' },
  distinctProducts: { high: 'Broad baskets', low: 'Narrow baskets' },
};

export interface FeatureDelta {
  feature: ProfileFeature;
  /** (segment mean - population mean) / population standard deviation. */
  zScore: number;
  segmentMean: number;
  populationMean: number;
}

/** A category or product that sets a segment apart: its share in the segment against all customers. */
export interface DistinguishingCategory {
  category: string;
  /** Mean share of the segment's customers' spend. */
  share: number;
  populationShare: number;
  /** share / populationShare. */
  lift: number;
}

export interface DistinguishingProduct {
  productId: number;
  title: string;
  /** Share of the segment's customers who bought it before asOf. */
  share: number;
  populationShare: number;
  lift: number;
}

/**
 * Per segment, products its customers bought before asOf with the number of distinct buyers in the segment, and
 * (`everyone`) among all the version's customers; without `everyone`, the sum over the segments given.
 */
export type SegmentProducts = Map<number, Array<{ productId: number; title: string; buyers: number; everyone?: number }>>;

/** What the segmenter says about how its segments were made (from `describe()`), as naming reads it. */
export interface SegmentBasis {
  /** `taste`: grouped by what customers buy; named from distinguishing categories or products. */
  basis?: 'taste' | 'rfm';
  /** Value x taste: the value tier of the segment; `taste` -1 is the tier's other tastes. */
  valueTier?: 'high' | 'mid' | 'low';
  taste?: number;
}

/** Segments under this share of the customers, or under MIN_NAMED_SIZE customers, are named "small", never by a rule. */
export const MIN_NAMED_SHARE = 0.01;
export const MIN_NAMED_SIZE = 20;

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
  /** Every profile feature with data (a feature constant over all customers has no z-score), largest |z| first. */
  distinguishing: FeatureDelta[];
  /** Categories over-represented in the segment's spend, highest lift first (at most 5). */
  distinguishingCategories: DistinguishingCategory[];
  /** Products bought by a larger share of the segment than of everyone, highest lift first (at most 5). */
  distinguishingProducts: DistinguishingProduct[];
  name: string;
  /** The naming rule that matched (`champions`, `at_risk`, ...), or `other`. */
  kind: string;
  /** The rule's condition, as text: why the segment has its name. */
  nameReason: string;
  description: string;
  actions: string[];
}

type Z = Record<ProfileFeature, number>;

/**
 * The naming rules, in no particular order: every matching (segment, rule) pair is scored, best first, one each. A
 * feature with no variance has a NaN z-score, which fails every comparison: no rule passes on a feature without data.
 */
export const NAME_RULES: Array<{ kind: string; name: string; when: string; matches(z: Z): boolean; score(z: Z): number }> = [
  {
    kind: 'champions',
    name: 'Champions',
    when: 'recent (recency z <= -0.3), frequent (frequency z >= 0.5) and high spend (spend z >= 0.5)',
    matches: (z) => z.recencyDays <= -0.3 && z.frequency >= 0.5 && z.monetary >= 0.5,
    score: (z) => z.frequency + z.monetary - z.recencyDays,
  },
  {
    kind: 'big_spenders',
    name: 'Big spenders',
    when: 'high average order value (z >= 0.5) and net spend above all customers (spend z > 0)',
    matches: (z) => z.averageOrderValue >= 0.5 && z.monetary > 0,
    score: (z) => z.averageOrderValue,
  },
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

/**
 * Suggested actions per kind of segment; `{topCategory}` (only ever a category: a template that needs one is left
 * out when the segment has none), `{topProduct}` and `{share}` are filled in. SEGMENT_ACTIONS_FILE overrides.
 */
export const DEFAULT_ACTIONS: Record<string, string[]> = {
  champions: ['Tailored recommendations from {topCategory} and new arrivals', 'Early access and VIP perks', 'Ask for reviews and referrals'],
  big_spenders: ['Personalised premium recommendations', 'Priority service and free delivery on large baskets'],
  loyal: ['Loyalty rewards on the next purchase', 'Cross-sell from categories next to {topCategory}'],
  new: ['Onboarding series with best-sellers', 'A second-purchase incentive within 30 days'],
  bargain_hunters: ['Targeted offers and bundles', 'Price-drop alerts on {topCategory}'],
  at_risk: ['Win-back offer with a time limit', 'Ask what went wrong; fix and follow up'],
  hibernating: ['Low-cost win-back campaign', 'Reactivation discount, then let lapse if unanswered'],
  occasional: ['Offers timed to when they usually buy', 'Reminders of {topCategory} products'],
  taste: ['Recommendations and new arrivals from {topCategory}', 'Feature {topProduct} and what its buyers buy next', 'Bundles of the segment’s distinguishing products'],
  small: ['Too few customers for a campaign of their own: include them in a larger segment’s'],
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

const value = (f: CustomerFeatures, key: ProfileFeature): number => Number(f[key] ?? 0);

/** Colours describe a product, not what a segment buys: never a theme. */
const COLOURS = new Set(['red', 'pink', 'white', 'blue', 'green', 'black', 'ivory', 'cream', 'silver', 'gold', 'yellow', 'purple', 'orange', 'grey', 'gray', 'brown']);

/** Words that say nothing about a product family. */
const STOP_WORDS = new Set(['of', 'the', 'and', 'with', 'set', 'for', 'in', 'a', 'an', 'to', 'on', 'pack', 'size', 'small', 'large', 'mini', 'jumbo', 'assorted', 'design', 'colour', 'color', 'new']);

/** "WHITE HANGING HEART" → "White hanging heart"; a title already in mixed case is kept as the catalogue spells it. */
function sentenceCase(text: string): string {
  const t = text.trim();
  if (t !== t.toUpperCase()) return t;
  const lower = t.toLowerCase();
  return lower.charAt(0).toUpperCase() + lower.slice(1);
}

/**
 * A taste segment's theme: its top distinguishing category; else a word shared by at least 3 of its distinguishing
 * products' titles (the most shared, then a second one); else its top distinguishing product's title.
 */
function tasteTheme(p: { distinguishingCategories: DistinguishingCategory[]; distinguishingProducts: DistinguishingProduct[] }, titles: Array<{ title: string; lift: number }>): { theme: string; why: string } | null {
  // A category names the segment only when it is a real part of their spend (15% or more) and over-represented
  // (1.2x all customers or more); the largest such share wins.
  const category = p.distinguishingCategories.filter((c) => c.lift >= 1.2 && c.share >= 0.15).sort((a, b) => b.share - a.share || b.lift - a.lift)[0];
  if (category) return { theme: category.category, why: `${(category.share * 100).toFixed(0)}% of their spend goes to ${category.category}, ${category.lift.toFixed(1)}x all customers` };
  const counts = new Map<string, number>();
  for (const { title } of titles) {
    for (const word of new Set(title.toLowerCase().split(/[^a-z\u00c0-\u024f']+/).filter((w) => w.length >= 3 && !STOP_WORDS.has(w)))) counts.set(word, (counts.get(word) ?? 0) + 1);
  }
  const words = [...counts.entries()].filter(([w, c]) => c >= 3 && !COLOURS.has(w)).sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  if (words.length > 0) {
    // A second word only when nearly as shared as the first ("Regency" rather than "Regency & tea").
    const theme = words.filter(([, c], i) => i === 0 || (i === 1 && c >= 0.8 * words[0][1])).map(([w]) => w).join(' & ');
    return { theme: theme.charAt(0).toUpperCase() + theme.slice(1), why: `"${words[0][0]}" is in ${words[0][1]} of the ${titles.length} products most over-bought by the segment` };
  }
  const top = p.distinguishingProducts[0];
  return top ? { theme: sentenceCase(top.title).slice(0, 60), why: `${(top.share * 100).toFixed(0)}% bought ${top.title}, ${top.lift.toFixed(1)}x all customers` } : null;
}

/** Profiles, unique names, descriptions and actions for the segments of one version. */
export function profileSegments(
  features: CustomerFeatures[],
  labels: ArrayLike<number>,
  k: number,
  products: SegmentProducts,
  templates: Record<string, string[]> = DEFAULT_ACTIONS,
  bases: ReadonlyArray<SegmentBasis | undefined> = [],
): SegmentProfile[] {
  const n = features.length;
  const popMean = {} as Record<ProfileFeature, number>;
  const popSd = {} as Record<ProfileFeature, number>;
  for (const key of PROFILE_FEATURES) {
    const xs = features.map((f) => value(f, key));
    const mean = xs.reduce((a, b) => a + b, 0) / Math.max(n, 1);
    popMean[key] = mean;
    // A feature constant over everyone (no prices: spend 0) has no z-score: NaN fails every rule's comparison. The
    // mean of a constant such as 0.05 is off by rounding, so a spread under 1e-9 of its size counts as none.
    const sd = Math.sqrt(xs.reduce((s, x) => s + (x - mean) ** 2, 0) / Math.max(n, 1));
    popSd[key] = sd > 1e-9 * Math.max(1, Math.abs(mean)) ? sd : NaN;
  }
  const hasData = (key: ProfileFeature) => Number.isFinite(popSd[key]);
  // Buyers of each product over all segments (each customer is in one segment).
  const productBuyers = new Map<number, number>();
  for (const list of products.values()) {
    for (const p of list) productBuyers.set(p.productId, p.everyone ?? (productBuyers.get(p.productId) ?? 0) + p.buyers);
  }
  const populationCategories = new Map<string, number>();
  for (const f of features) for (const [c, share] of Object.entries(f.categoryShares ?? {})) populationCategories.set(c, (populationCategories.get(c) ?? 0) + share / Math.max(n, 1));
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
      z[key] = xs.length ? (mean[key] - popMean[key]) / popSd[key] : NaN;
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
    const distinguishing = PROFILE_FEATURES.filter((feature) => hasData(feature) && Number.isFinite(z[feature]))
      .map((feature) => ({ feature, zScore: round(z[feature], 4), segmentMean: round(mean[feature], 4), populationMean: round(popMean[feature], 4) }))
      .sort((a, b) => Math.abs(b.zScore) - Math.abs(a.zScore));
    const size = list.length;
    // Over-represented categories and products; a share of at least 5% (or 3 customers) keeps one-off purchases out.
    const distinguishingCategories = [...categories.entries()]
      .map(([category, share]) => ({ category, share: round(share, 4), populationShare: round(populationCategories.get(category) ?? 0, 4), lift: round(share / Math.max(populationCategories.get(category) ?? 0, 1e-12), 3) }))
      .filter((c) => c.share >= 0.05 && c.lift > 1)
      .sort((a, b) => b.lift - a.lift || (a.category < b.category ? -1 : 1))
      .slice(0, 5);
    const bought = (products.get(index) ?? []).filter((p) => p.buyers >= Math.max(3, 0.05 * size));
    const ranked = bought
      .map((p) => ({ productId: p.productId, title: p.title, share: round(p.buyers / Math.max(size, 1), 4), populationShare: round((productBuyers.get(p.productId) ?? p.buyers) / Math.max(n, 1), 4), lift: round(p.buyers / Math.max(size, 1) / Math.max((productBuyers.get(p.productId) ?? p.buyers) / Math.max(n, 1), 1e-12), 3) }))
      .filter((p) => p.lift > 1)
      .sort((a, b) => b.lift - a.lift || a.productId - b.productId);
    const topProducts = [...(products.get(index) ?? [])]
      .sort((a, b) => b.buyers - a.buyers || a.productId - b.productId)
      .slice(0, 5)
      .map(({ productId, title, buyers }) => ({ productId, title, buyers }));
    return {
      index,
      size: list.length,
      share: n > 0 ? list.length / n : 0,
      mean,
      median: med,
      populationMean: popMean,
      topCategories: top(categories, 'category'),
      topCountries: top(countries, 'country'),
      topProducts,
      distinguishing,
      distinguishingCategories,
      distinguishingProducts: ranked.slice(0, 5),
      themeTitles: ranked.slice(0, 10).map((p) => ({ title: p.title, lift: p.lift })),
      basis: bases[index],
      hasData: Object.fromEntries(PROFILE_FEATURES.map((key) => [key, hasData(key)])) as Record<ProfileFeature, boolean>,
      z,
      name: '',
      kind: 'other',
      nameReason: '',
      description: '',
      actions: [] as string[],
    };
  });
  assignNames(profiles, n);
  for (const p of profiles) {
    p.description = describe(p);
    const topCategory = p.distinguishingCategories[0]?.category ?? p.topCategories[0]?.category;
    const topProduct = p.distinguishingProducts[0]?.title ?? p.topProducts[0]?.title;
    const fill = (a: string) => a.replaceAll('{topCategory}', topCategory ?? '').replaceAll('{topProduct}', topProduct ? sentenceCase(topProduct) : '').replaceAll('{share}', `${(p.share * 100).toFixed(1)}%`);
    // A template is used only when what it names exists: {topCategory} is always a category, never a product.
    const usable = (a: string) => (!a.includes('{topCategory}') || topCategory !== undefined) && (!a.includes('{topProduct}') || topProduct !== undefined);
    const chosen = (templates[p.kind] ?? templates.other ?? []).filter(usable);
    p.actions = (chosen.length > 0 ? chosen : (templates.other ?? []).filter(usable)).map(fill);
  }
  return profiles.map(({ z: _z, themeTitles: _t, basis: _b, hasData: _h, ...p }) => p);
}

type Naming = {
  index: number;
  size: number;
  share: number;
  z: Z;
  name: string;
  kind: string;
  nameReason: string;
  distinguishing: FeatureDelta[];
  distinguishingCategories: DistinguishingCategory[];
  distinguishingProducts: DistinguishingProduct[];
  themeTitles: Array<{ title: string; lift: number }>;
  basis?: SegmentBasis;
};

const TIER_NAMES = { high: 'High value', mid: 'Mid value', low: 'Low value' } as const;

/**
 * Names, unique within the version. Small segments (under 1% or 20 customers) are "small", never a rule's name.
 * Taste segments (the segmenter says so) are named from what sets their purchases apart; value x taste segments
 * "High value · <taste>". The rest: best-scoring (segment, RFM rule) pairs first, each rule and each segment once,
 * a rule matching only on the segment's own numbers against features with data; then the largest difference, then
 * the theme of their purchases.
 */
function assignNames(profiles: Naming[], n: number): void {
  const taken = new Set<string>();
  const unique = (name: string) => {
    let out = name;
    for (let i = 2; taken.has(out); i++) out = `${name} (${i})`;
    taken.add(out);
    return out;
  };
  for (const p of profiles) {
    if (p.size > 0 && (p.share < MIN_NAMED_SHARE || p.size < MIN_NAMED_SIZE)) {
      Object.assign(p, { name: unique(`Small group (${p.size} customers)`), kind: 'small', nameReason: `${p.size} customers (${(p.share * 100).toFixed(1)}%): under ${MIN_NAMED_SHARE * 100}% or ${MIN_NAMED_SIZE} customers, too few to name` });
    }
  }
  for (const p of profiles) {
    if (p.name || !p.basis || (p.basis.basis !== 'taste' && !p.basis.valueTier)) continue;
    const theme = p.basis.taste === -1 ? { theme: 'other tastes', why: 'the tier\'s customers whose taste clusters are too small to stand alone' } : tasteTheme(p, p.themeTitles);
    const tier = p.basis.valueTier ? TIER_NAMES[p.basis.valueTier] : null;
    const tasteName = theme ? (p.basis.taste === -1 ? theme.theme : `${theme.theme} buyers`) : 'mixed tastes';
    const name = tier ? `${tier} · ${tasteName}` : tasteName;
    const reason = [tier ? `${tier.toLowerCase()} tier of predicted value` : null, theme?.why ?? 'no category or product sets their purchases apart'].filter(Boolean).join('; ');
    Object.assign(p, { name: unique(name), kind: 'taste', nameReason: reason });
  }
  const pairs: Array<{ p: Naming; rule: (typeof NAME_RULES)[number]; score: number }> = [];
  for (const p of profiles) {
    if (p.size === 0 || p.name) continue;
    for (const rule of NAME_RULES) if (rule.matches(p.z)) pairs.push({ p, rule, score: rule.score(p.z) });
  }
  pairs.sort((a, b) => b.score - a.score || a.p.index - b.p.index);
  const usedRules = new Set<string>();
  for (const { p, rule } of pairs) {
    if (p.name || usedRules.has(rule.kind)) continue;
    usedRules.add(rule.kind);
    Object.assign(p, { name: unique(rule.name), kind: rule.kind, nameReason: rule.when });
  }
  for (const p of profiles) {
    if (p.name) continue;
    const top = p.distinguishing[0];
    if (top && Math.abs(top.zScore) >= 0.2) {
      let name = DIFFERENCE_NAMES[top.feature][top.zScore > 0 ? 'high' : 'low'];
      const second = p.distinguishing[1];
      if (taken.has(name) && second) name = `${name}, ${DIFFERENCE_NAMES[second.feature][second.zScore > 0 ? 'high' : 'low'].toLowerCase()}`;
      Object.assign(p, { name: unique(name), kind: 'other', nameReason: `largest difference: ${LABELS[top.feature]} z = ${top.zScore.toFixed(2)}` });
      continue;
    }
    // Nothing in the RFM numbers: what they buy may still set them apart.
    const theme = tasteTheme(p, p.themeTitles);
    if (theme) Object.assign(p, { name: unique(`${theme.theme} buyers`), kind: 'taste', nameReason: theme.why });
    else Object.assign(p, { name: unique(n > 0 ? 'Typical customers' : 'Empty'), kind: 'other', nameReason: 'no feature differs by 0.2 standard deviations or more' });
  }
}

/** One sentence of numbers shown beside it; a feature with no data (no prices: no spend) is never printed. */
function describe(p: {
  name: string;
  share: number;
  median: Record<ProfileFeature, number>;
  mean: Record<ProfileFeature, number>;
  populationMean: Record<ProfileFeature, number>;
  topCategories: Array<{ category: string }>;
  distinguishingCategories: DistinguishingCategory[];
  distinguishingProducts: DistinguishingProduct[];
  hasData: Record<ProfileFeature, boolean>;
}): string {
  const pct = (p.share * 100).toFixed(1);
  const money = (x: number) => x.toFixed(2);
  const spend = p.hasData.monetary;
  const parts = [`${p.name}: ${pct}% of customers.`];
  const numbers: string[] = [];
  if (p.hasData.recencyDays) numbers.push(`Median ${Math.round(p.median.recencyDays)} days since the last order`);
  if (p.hasData.frequency) numbers.push(`${p.mean.frequency.toFixed(1)} orders${spend ? ` and ${money(p.mean.monetary)} net spend` : ''} on average (all customers: ${p.populationMean.frequency.toFixed(1)} orders${spend ? `, ${money(p.populationMean.monetary)}` : ''})`);
  else if (spend) numbers.push(`${money(p.mean.monetary)} net spend on average (all customers: ${money(p.populationMean.monetary)})`);
  if (numbers.length) parts.push(numbers.join(', ') + '.');
  const category = p.distinguishingCategories[0];
  if (category) parts.push(`${(category.share * 100).toFixed(0)}% of their spend goes to ${category.category} (${category.lift.toFixed(1)}x all customers).`);
  else if (p.topCategories[0]) parts.push(`Most of their spend goes to ${p.topCategories[0].category}.`);
  const product = p.distinguishingProducts[0];
  if (product) parts.push(`${(product.share * 100).toFixed(0)}% bought ${sentenceCase(product.title)} (${product.lift.toFixed(1)}x all customers).`);
  return parts.join(' ');
}

function round(x: number, places: number): number {
  const f = 10 ** places;
  return Math.round(x * f) / f;
}
