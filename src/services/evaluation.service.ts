import { DataSource, In } from 'typeorm';
import { LoadedModels } from '../artifacts/loaded-models';
import { Dialect } from '../db/dialect';
import { Customer, ModelVersion, Segment, SegmentationModel, VersionEvaluation } from '../entities';
import { badUserInput, notFound } from '../errors';
import { balance, bestJaccard, betweenGroupR2, normalizedMutualInfo, rocAuc } from '../evaluation/metrics';
import { Random } from '../ml/random';
import { Segmenter, TrainingSet } from '../registry/segmenter';
import { standardise } from '../training/feature-catalogue';
import { adjustedRandIndex, computeMetrics } from '../ml/clustering/metrics';
import { clusterRows } from '../ml/clustering/cluster';
import { nearest } from '../ml/clustering/kmeans';
import { FeatureService } from './feature.service';
import { TrainingSetService } from './training-set.service';

const DAY = 86_400_000;
export const DEFAULT_HORIZON_DAYS = 90;
export const DEFAULT_BOOTSTRAPS = 10;

/** Every metric of a version on one time split; higher is better unless listed in LOWER_IS_BETTER. */
export interface EvaluationMetrics {
  asOf: string;
  horizonDays: number;
  customers: number;
  segments: number;
  /** Share of the variance of net spend in the horizon explained by segment membership. */
  futureSpendR2: number | null;
  /** AUC of each customer's segment churn rate as a score for "did not buy in the horizon". */
  churnAuc: number | null;
  /** Mean future spend of the best segment over the mean of all. */
  spendLift: number | null;
  /** Share of customers who buy one of their segment's 10 most bought products (new to them) in the horizon. */
  hitRateAt10: number | null;
  stabilityAri: number;
  stabilityJaccard: number[];
  bootstraps: number;
  smallestShare: number;
  largestShare: number;
  sizeEntropy: number;
  sizeEntropyNormalised: number;
  silhouette: number | null;
  daviesBouldin: number | null;
  calinskiHarabasz: number | null;
  inertia: number;
  groundTruthAri: number | null;
  groundTruthNmi: number | null;
  /** The version was trained on data after `asOf`: its predictive numbers are optimistic. */
  leakage: boolean;
}

export const METRIC_NAMES = [
  'futureSpendR2',
  'churnAuc',
  'spendLift',
  'hitRateAt10',
  'stabilityAri',
  'smallestShare',
  'sizeEntropyNormalised',
  'silhouette',
  'daviesBouldin',
  'calinskiHarabasz',
  'groundTruthAri',
  'groundTruthNmi',
] as const;
export type MetricName = (typeof METRIC_NAMES)[number];
export const LOWER_IS_BETTER: ReadonlySet<string> = new Set(['daviesBouldin']);

export interface ComparisonRow {
  versionId: number;
  versionNumber: number;
  modelName: string;
  segmenter: string;
  metrics: EvaluationMetrics;
}

export interface Comparison {
  asOf: Date;
  horizonDays: number;
  rows: ComparisonRow[];
  bestByMetric: Record<string, number | null>;
  csv: string;
}

export interface SegmentMigration {
  from: { versionId: number; segments: Array<{ id: number; index: number; name: string; size: number }> };
  to: { versionId: number; segments: Array<{ id: number; index: number; name: string; size: number }> };
  /** matrix[i][j]: customers in segment i of `from` and segment j of `to`. */
  matrix: number[][];
  customersInBoth: number;
}

export interface FairnessReport {
  versionId: number;
  protectedAttributes: string[];
  attributes: Record<string, { population: Record<string, number>; segments: Array<{ segmentId: number; name: string; size: number; shares: Record<string, number>; deviations: Record<string, number> }> }>;
  largestDeviation: { attribute: string; value: string; segmentId: number; segment: string; deviation: number; segmentShare: number; populationShare: number } | null;
}

export function bestByMetric(rows: ComparisonRow[]): Record<string, number | null> {
  const out: Record<string, number | null> = {};
  for (const metric of METRIC_NAMES) {
    let best: { id: number; value: number } | null = null;
    for (const r of rows) {
      const value = r.metrics[metric];
      if (value === null || value === undefined || !Number.isFinite(value)) continue;
      const better = LOWER_IS_BETTER.has(metric) ? value < (best?.value ?? Infinity) : value > (best?.value ?? -Infinity);
      if (better) best = { id: r.versionId, value };
    }
    out[metric] = best?.id ?? null;
  }
  return out;
}

const CSV_COLUMNS = ['versionId', 'modelName', 'segmenter', 'versionNumber', 'asOf', 'horizonDays', 'customers', 'segments', ...METRIC_NAMES, 'spendLift', 'largestShare', 'leakage'] as const;

export function comparisonCsv(rows: ComparisonRow[]): string {
  const cell = (v: unknown) => {
    if (v === null || v === undefined) return '';
    const text = typeof v === 'number' ? String(Number(v.toPrecision(10))) : String(v);
    return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
  };
  const lines = [CSV_COLUMNS.join(',')];
  for (const r of rows) {
    const flat: Record<string, unknown> = { ...r.metrics, versionId: r.versionId, modelName: r.modelName, segmenter: r.segmenter, versionNumber: r.versionNumber };
    lines.push(CSV_COLUMNS.map((c) => cell(flat[c])).join(','));
  }
  return lines.join('\n') + '\n';
}

/**
 * Evaluates model versions on a time split: each version assigns the customers who bought before `asOf` from data
 * before `asOf` only (features and sequences), and the outcome is their behaviour in the following `horizonDays`.
 * Results are stored per (version, asOf, horizon) and reused.
 */
export class EvaluationService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly features: FeatureService,
    private readonly trainingSets: TrainingSetService,
    private readonly loaded: LoadedModels,
  ) {}

  /**
   * Every version on the same customers and split, with the best per metric and a CSV. The split defaults to the
   * earliest `asOf` the versions were trained at (no version has seen the outcome period) — or `horizonDays` before
   * the end of the data when that leaves no horizon.
   */
  async compare(ids: number[], asOf: Date | null, horizonDays = DEFAULT_HORIZON_DAYS): Promise<Comparison> {
    if (ids.length === 0 || ids.length > 20) throw badUserInput('compare 1 to 20 versions', { argument: 'ids' });
    const versions = await this.dataSource.getRepository(ModelVersion).findBy({ id: In(ids) });
    const missing = ids.filter((id) => !versions.some((v) => v.id === id));
    if (missing.length > 0) throw notFound('model version', missing.join(', '));
    const split = asOf ?? (await this.defaultSplitFor(versions, horizonDays));
    const models = new Map((await this.dataSource.getRepository(SegmentationModel).findBy({ id: In(versions.map((v) => v.modelId)) })).map((m) => [m.id, m]));
    const rows: ComparisonRow[] = [];
    for (const id of ids) {
      const version = versions.find((v) => v.id === id)!;
      rows.push({ versionId: id, versionNumber: version.number, modelName: models.get(version.modelId)?.name ?? '', segmenter: version.segmenter, metrics: await this.evaluate(version, split, horizonDays) });
    }
    return { asOf: split, horizonDays, rows, bestByMetric: bestByMetric(rows), csv: comparisonCsv(rows) };
  }

  /** Versions ranked on one metric (evaluated on the same split; the newest `limit` versions). */
  async leaderboard(metric: string, asOf: Date | null, horizonDays = DEFAULT_HORIZON_DAYS, limit = 20): Promise<Comparison> {
    if (!(METRIC_NAMES as readonly string[]).includes(metric)) throw badUserInput(`unknown metric ${JSON.stringify(metric)}; known: ${METRIC_NAMES.join(', ')}`, { argument: 'metric' });
    const versions = await this.dataSource.getRepository(ModelVersion).find({ order: { id: 'DESC' }, take: Math.min(Math.max(limit, 1), 20) });
    if (versions.length === 0) return { asOf: asOf ?? new Date(), horizonDays, rows: [], bestByMetric: {}, csv: comparisonCsv([]) };
    const comparison = await this.compare(versions.map((v) => v.id), asOf, horizonDays);
    const sign = LOWER_IS_BETTER.has(metric) ? 1 : -1;
    const value = (r: ComparisonRow) => (r.metrics as unknown as Record<string, number | null>)[metric];
    comparison.rows.sort((a, b) => {
      const x = value(a);
      const y = value(b);
      if (x === null || !Number.isFinite(x)) return 1;
      if (y === null || !Number.isFinite(y)) return -1;
      return sign * (x - y) || a.versionId - b.versionId;
    });
    comparison.csv = comparisonCsv(comparison.rows);
    return comparison;
  }

  /** How many customers moved from each segment of one version to each segment of another (stored assignments). */
  async segmentMigration(fromId: number, toId: number): Promise<SegmentMigration> {
    const [from, to] = await Promise.all([this.version(fromId), this.version(toId)]);
    const segments = await this.dataSource.getRepository(Segment).find({ where: { versionId: In([from.id, to.id]) }, order: { index: 'ASC' } });
    const fromSegments = segments.filter((s) => s.versionId === from.id);
    const toSegments = segments.filter((s) => s.versionId === to.id);
    const d = Dialect.of(this.dataSource);
    const rows: Array<{ a: number; b: number; n: number }> = await this.dataSource.query(
      `SELECT x.segment_id AS a, y.segment_id AS b, COUNT(*) AS n
       FROM segment_assignments x JOIN segment_assignments y ON y.customer_id = x.customer_id AND y.version_id = ${d.param(1)}
       WHERE x.version_id = ${d.param(2)} GROUP BY x.segment_id, y.segment_id`,
      [to.id, from.id],
    );
    const row = new Map(fromSegments.map((s, i) => [s.id, i]));
    const col = new Map(toSegments.map((s, i) => [s.id, i]));
    const matrix = fromSegments.map(() => new Array<number>(toSegments.length).fill(0));
    let common = 0;
    for (const r of rows) {
      matrix[row.get(Number(r.a))!][col.get(Number(r.b))!] += Number(r.n);
      common += Number(r.n);
    }
    return {
      from: { versionId: from.id, segments: fromSegments.map((s) => ({ id: s.id, index: s.index, name: s.name, size: s.size })) },
      to: { versionId: to.id, segments: toSegments.map((s) => ({ id: s.id, index: s.index, name: s.name, size: s.size })) },
      matrix,
      customersInBoth: common,
    };
  }

  /**
   * Each segment's composition by the protected attributes (gender, age band from birth year) against the
   * population; the largest absolute deviation of a share is flagged. These attributes are never features.
   */
  async fairness(versionId: number): Promise<FairnessReport> {
    const v = await this.version(versionId);
    const d = Dialect.of(this.dataSource);
    const rows: Array<{ segment_id: number; gender: string | null; birth_year: number | null }> = await this.dataSource.query(
      `SELECT a.segment_id, c.gender, c.birth_year FROM segment_assignments a JOIN customers c ON c.id = a.customer_id WHERE a.version_id = ${d.param(1)}`,
      [v.id],
    );
    const segments = await this.dataSource.getRepository(Segment).find({ where: { versionId: v.id }, order: { index: 'ASC' } });
    const year = v.asOf.getUTCFullYear();
    const band = (birthYear: number | null) => {
      if (birthYear === null || birthYear === undefined) return 'unknown';
      const age = year - Number(birthYear);
      return age < 25 ? '<25' : age < 35 ? '25-34' : age < 45 ? '35-44' : age < 55 ? '45-54' : age < 65 ? '55-64' : '65+';
    };
    const attributes = { gender: (r: (typeof rows)[number]) => r.gender ?? 'unknown', ageBand: (r: (typeof rows)[number]) => band(r.birth_year) };
    const report: FairnessReport = { versionId: v.id, protectedAttributes: Object.keys(attributes), attributes: {}, largestDeviation: null };
    for (const [attribute, valueOf] of Object.entries(attributes)) {
      const population = new Map<string, number>();
      const bySegment = new Map<number, Map<string, number>>();
      for (const r of rows) {
        const value = valueOf(r);
        population.set(value, (population.get(value) ?? 0) + 1);
        const m = bySegment.get(Number(r.segment_id)) ?? new Map<string, number>();
        m.set(value, (m.get(value) ?? 0) + 1);
        bySegment.set(Number(r.segment_id), m);
      }
      const values = [...population.keys()].sort();
      const share = (m: Map<string, number>, total: number) => Object.fromEntries(values.map((x) => [x, total > 0 ? (m.get(x) ?? 0) / total : 0]));
      const populationShare = share(population, rows.length);
      const perSegment = segments.map((s) => {
        const m = bySegment.get(s.id) ?? new Map<string, number>();
        const total = [...m.values()].reduce((a, b) => a + b, 0);
        const shares = share(m, total);
        const deviations = Object.fromEntries(values.map((x) => [x, shares[x] - populationShare[x]]));
        return { segmentId: s.id, name: s.name, size: total, shares, deviations };
      });
      report.attributes[attribute] = { population: populationShare, segments: perSegment };
      for (const seg of perSegment) {
        for (const [value, deviation] of Object.entries(seg.deviations)) {
          if (!report.largestDeviation || Math.abs(deviation) > Math.abs(report.largestDeviation.deviation)) {
            report.largestDeviation = { attribute, value, segmentId: seg.segmentId, segment: seg.name, deviation, segmentShare: seg.shares[value], populationShare: populationShare[value] };
          }
        }
      }
    }
    return report;
  }

  private async version(id: number): Promise<ModelVersion> {
    return (await this.dataSource.getRepository(ModelVersion).findOneBy({ id })) ?? Promise.reject(notFound('model version', id));
  }

  private async defaultSplitFor(versions: ModelVersion[], horizonDays: number): Promise<Date> {
    const earliest = new Date(Math.min(...versions.map((v) => v.asOf.getTime())));
    const end = await this.features.defaultAsOf();
    return end.getTime() - earliest.getTime() >= horizonDays * DAY ? earliest : new Date(end.getTime() - horizonDays * DAY);
  }

  /** The default split: `horizonDays` before the end of the data. */
  async defaultSplit(horizonDays: number): Promise<Date> {
    const end = await this.features.defaultAsOf();
    return new Date(end.getTime() - horizonDays * DAY);
  }

  async storedEvaluations(versionId: number): Promise<EvaluationMetrics[]> {
    const rows = await this.dataSource.getRepository(VersionEvaluation).find({ where: { versionId }, order: { asOf: 'ASC', horizonDays: 'ASC' } });
    return rows.map((r) => r.metrics as unknown as EvaluationMetrics);
  }

  /** The stored evaluation, or a new one (computed and stored). */
  async evaluate(version: ModelVersion, asOf: Date, horizonDays = DEFAULT_HORIZON_DAYS, options: { bootstraps?: number; refresh?: boolean } = {}): Promise<EvaluationMetrics> {
    if (!Number.isInteger(horizonDays) || horizonDays < 1 || horizonDays > 3650) throw badUserInput('horizonDays must be 1 to 3650', { argument: 'horizonDays' });
    const repo = this.dataSource.getRepository(VersionEvaluation);
    const stored = options.refresh ? null : await repo.findOneBy({ versionId: version.id, asOf, horizonDays });
    if (stored) return stored.metrics as unknown as EvaluationMetrics;
    const metrics = await this.compute(version, asOf, horizonDays, options.bootstraps ?? DEFAULT_BOOTSTRAPS);
    await repo.delete({ versionId: version.id, asOf, horizonDays });
    await repo.save(repo.create({ versionId: version.id, asOf, horizonDays, metrics: metrics as unknown as Record<string, unknown>, createdAt: new Date() }));
    return metrics;
  }

  private async compute(version: ModelVersion, asOf: Date, horizonDays: number, bootstraps: number): Promise<EvaluationMetrics> {
    const { segmenter, artifact } = this.loaded.get(version);
    // Sequences always: HitRate@10 needs what each customer bought before asOf, whatever the plugin reads.
    const { data } = await this.trainingSets.build(segmenter, version.featureNames, asOf, { extraInputs: ['sequence'] });
    const n = data.customerIds.length;
    if (n === 0) throw badUserInput(`no customer bought anything before ${asOf.toISOString()}`, { argument: 'asOf' });
    const labels = Int32Array.from(await segmenter.assign(artifact, data), (a) => a.segment);
    const k = Math.max(...labels) + 1;
    const outcome = await this.outcomes(data, asOf, horizonDays);

    // Predictive value.
    const futureSpendR2 = betweenGroupR2(outcome.spend, labels);
    const churned = outcome.boughtAgain.map((b) => !b);
    const churnRate = new Array<number>(k).fill(0);
    const sizes = new Array<number>(k).fill(0);
    labels.forEach((l, i) => {
      sizes[l]++;
      if (churned[i]) churnRate[l]++;
    });
    for (let c = 0; c < k; c++) churnRate[c] = sizes[c] > 0 ? churnRate[c] / sizes[c] : 0;
    const churnAuc = rocAuc(Array.from(labels, (l) => churnRate[l]), churned);
    const meanSpend = outcome.spend.reduce((a, b) => a + b, 0) / n;
    const segmentSpend = new Array<number>(k).fill(0);
    labels.forEach((l, i) => (segmentSpend[l] += outcome.spend[i]));
    const bestSegmentSpend = Math.max(...segmentSpend.map((s, c) => (sizes[c] > 0 ? s / sizes[c] : -Infinity)));
    const spendLift = meanSpend > 0 ? bestSegmentSpend / meanSpend : null;
    const hitRateAt10 = this.hitRate(data, labels, k, outcome.futureProducts);

    // Internal metrics on the standardised features (as stored at training), balance, stability, ground truth.
    const d = data.featureNames.length;
    const internal = computeMetrics(standardise(data.features, n, d).z, n, d, labels, k, 42);
    const stability = await this.stability(segmenter, artifact, version, data, labels, k, bootstraps);
    const truth = await this.groundTruth(data.customerIds);
    const labelled = truth.map((t, i) => (t === null ? -1 : i)).filter((i) => i >= 0);
    const ground = labelled.length >= Math.max(2, 0.5 * n) ? { ari: adjustedRandIndex(labelled.map((i) => truth[i]!), labelled.map((i) => labels[i])), nmi: normalizedMutualInfo(labelled.map((i) => truth[i]!), labelled.map((i) => labels[i])) } : null;
    const finite = (x: number) => (Number.isFinite(x) ? x : null);
    return {
      asOf: asOf.toISOString(),
      horizonDays,
      customers: n,
      segments: k,
      futureSpendR2: finite(futureSpendR2),
      churnAuc: finite(churnAuc),
      spendLift: spendLift === null ? null : finite(spendLift),
      hitRateAt10,
      stabilityAri: stability.ari,
      stabilityJaccard: stability.jaccard,
      bootstraps,
      ...balance(sizes),
      silhouette: internal.silhouette,
      daviesBouldin: internal.daviesBouldin,
      calinskiHarabasz: internal.calinskiHarabasz,
      inertia: internal.inertia,
      groundTruthAri: ground?.ari ?? null,
      groundTruthNmi: ground?.nmi ?? null,
      leakage: version.asOf.getTime() > asOf.getTime(),
    };
  }

  /** Net spend, whether they bought again, and which products they bought, in [asOf, asOf + horizon). */
  private async outcomes(data: TrainingSet, asOf: Date, horizonDays: number): Promise<{ spend: number[]; boughtAgain: boolean[]; futureProducts: Array<Set<number>> }> {
    const d = Dialect.of(this.dataSource);
    const end = new Date(asOf.getTime() + horizonDays * DAY);
    const index = new Map(data.customerIds.map((id, i) => [id, i]));
    const spend = new Array<number>(data.customerIds.length).fill(0);
    const boughtAgain = new Array<boolean>(data.customerIds.length).fill(false);
    const futureProducts = data.customerIds.map(() => new Set<number>());
    const rows: Array<{ cid: number; status: string; pid: number | null; amount: number }> = await this.dataSource.query(
      `SELECT o.customer_id AS cid, o.status AS status, i.product_id AS pid, i.amount_e4 AS amount
       FROM orders o JOIN order_items i ON i.order_id = o.id
       WHERE o.placed_at >= ${d.param(1)} AND o.placed_at < ${d.param(2)} AND o.status IN ('placed', 'returned')`,
      [d.timestamp(asOf), d.timestamp(end)],
    );
    for (const r of rows) {
      const i = index.get(Number(r.cid));
      if (i === undefined) continue;
      const amount = Number(r.amount) / 10_000;
      if (r.status === 'placed') {
        spend[i] += amount;
        boughtAgain[i] = true;
        if (r.pid !== null) futureProducts[i].add(Number(r.pid));
      } else spend[i] -= Math.abs(amount);
    }
    return { spend, boughtAgain, futureProducts };
  }

  /**
   * Segment-based recommendation HitRate@10: each customer is recommended the 10 products most bought (by customers)
   * in their segment before `asOf`, leaving out those they bought already; a hit is buying one in the horizon.
   */
  private hitRate(data: TrainingSet, labels: Int32Array, k: number, future: Array<Set<number>>): number | null {
    const seq = data.sequences;
    if (!seq) return null;
    const n = data.customerIds.length;
    const past = Array.from({ length: n }, (_, i) => new Set(seq.productIds.subarray(seq.offsets[i], seq.offsets[i + 1])));
    const counts = Array.from({ length: k }, () => new Map<number, number>());
    past.forEach((products, i) => {
      for (const p of products) counts[labels[i]].set(p, (counts[labels[i]].get(p) ?? 0) + 1);
    });
    const ranked = counts.map((m) => [...m.entries()].sort((a, b) => b[1] - a[1] || a[0] - b[0]).map(([p]) => p));
    let hits = 0;
    for (let i = 0; i < n; i++) {
      let shown = 0;
      for (const p of ranked[labels[i]]) {
        if (past[i].has(p)) continue;
        if (future[i].has(p)) {
          hits++;
          break;
        }
        if (++shown >= 10) break;
      }
    }
    return hits / n;
  }

  /**
   * Bootstrap stability (as fpc::clusterboot): B resamples of the customers (seeded). A plugin that embeds is
   * re-clustered in its own segmentation space (the representation stays; the segmentation is what is tested); any
   * other plugin is refitted on the resample. Each refit assigns everyone; ARI against the full fit, and per segment
   * the best Jaccard similarity on the resampled customers, averaged.
   */
  private async stability(segmenter: Segmenter, artifact: unknown, version: ModelVersion, data: TrainingSet, labels: Int32Array, k: number, bootstraps: number): Promise<{ ari: number; jaccard: number[] }> {
    const n = data.customerIds.length;
    const rng = new Random(20_251_128 + version.id);
    const aris: number[] = [];
    const jaccards = Array.from({ length: k }, () => [] as number[]);
    const space = segmenter.embed ? await segmenter.embed(artifact, data) : null;
    const width = space?.[0]?.length ?? 0;
    const z = space ? Float64Array.from({ length: n * width }, (_, idx) => space[Math.floor(idx / width)][idx % width]) : null;
    for (let b = 0; b < bootstraps; b++) {
      // A turn of the event loop between refits: other requests go on while an evaluation runs.
      await new Promise((resolve) => setImmediate(resolve));
      const rows = Int32Array.from({ length: n }, () => Math.floor(rng.next() * n));
      let other: Int32Array;
      if (z) {
        const sample = new Float64Array(n * width);
        rows.forEach((r, i) => sample.set(z.subarray(r * width, (r + 1) * width), i * width));
        const fit = clusterRows(sample, n, width, { k, kMin: k, kMax: k, nInit: 2, maxIter: 300, tol: 1e-4, threads: 1, seed: b + 1 });
        other = nearest(z, n, width, fit.centroids, fit.k).labels;
      } else {
        const d = data.featureNames.length;
        const resample: TrainingSet = { customerIds: Array.from(rows, (r) => data.customerIds[r]), featureNames: data.featureNames, features: new Float64Array(n * d) };
        rows.forEach((r, i) => resample.features.set(data.features.subarray(r * d, (r + 1) * d), i * d));
        const params = { ...version.params, ...(Number.isInteger(version.params.k) && (version.params.k as number) === 0 ? { k } : {}) };
        const refit = await segmenter.fit(resample, params, { seed: b + 1, backend: 'cpu', signal: new AbortController().signal, log: () => undefined, progress: () => undefined });
        other = Int32Array.from(await segmenter.assign(refit, data), (a) => a.segment);
      }
      aris.push(adjustedRandIndex(labels, other));
      const members = [...new Set(rows)];
      bestJaccard(labels, other, members, k).forEach((j, c) => Number.isFinite(j) && jaccards[c].push(j));
    }
    const mean = (xs: number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : NaN);
    return { ari: mean(aris), jaccard: jaccards.map(mean) };
  }

  private async groundTruth(customerIds: number[]): Promise<Array<string | null>> {
    const out = new Map<number, string | null>();
    for (let start = 0; start < customerIds.length; start += 2_000) {
      const rows = await this.dataSource.getRepository(Customer).find({ select: { id: true, groundTruthLabel: true }, where: { id: In(customerIds.slice(start, start + 2_000)) } });
      for (const r of rows) out.set(r.id, r.groundTruthLabel ?? null);
    }
    return customerIds.map((id) => out.get(id) ?? null);
  }
}
