import { DataSource, In } from 'typeorm';
import { GraphQLError } from 'graphql';
import { Dialect } from '../db/dialect';
import { admitForKey } from '../db/key-admission';
import { EvaluationRun, FINISHED_STATUSES, ModelVersion, Segment, SegmentationModel, VersionEvaluation } from '../entities';
import { ErrorCode, badUserInput, notFound } from '../errors';
import { DEFAULT_BOOTSTRAPS, EvaluationMetrics, currentDefinitions } from '../evaluation/evaluate';
import type { JobQueue } from '../jobs/job-queue';
import { FeatureService } from './feature.service';

export { DEFAULT_BOOTSTRAPS, type EvaluationMetrics } from '../evaluation/evaluate';

const DAY = 86_400_000;
export const DEFAULT_HORIZON_DAYS = 90;
/** Most evaluation runs one API key may have QUEUED or RUNNING at once, unless configured (EVALUATION_QUEUE_LIMIT). */
export const DEFAULT_EVALUATION_QUEUE_LIMIT = 4;

export const METRIC_NAMES = [
  'futureSpendR2',
  'futureLogSpendR2',
  'churnAuc',
  'spendLift',
  'hitRateAt10',
  'hitRateAt10All',
  'futureSpendR2Adjusted',
  'futureLogSpendR2Adjusted',
  'stabilityAri',
  'reclusteringAri',
  'smallestShare',
  'sizeEntropyNormalised',
  'silhouette',
  'daviesBouldin',
  'calinskiHarabasz',
  'rfmSilhouette',
  'rfmDaviesBouldin',
  'rfmCalinskiHarabasz',
  'groundTruthAri',
  'groundTruthNmi',
] as const;
export type MetricName = (typeof METRIC_NAMES)[number];
export const LOWER_IS_BETTER: ReadonlySet<string> = new Set(['daviesBouldin', 'rfmDaviesBouldin']);

export interface ComparisonRow {
  versionId: number;
  versionNumber: number;
  modelName: string;
  segmenter: string;
  /** Null until the version is evaluated on this split (it is then listed in `Comparison.missing`). */
  metrics: EvaluationMetrics | null;
}

/** A baseline every segmentation on the split should beat, computed with the versions' metrics (not a version). */
export interface ReferenceRow {
  /** `global popularity`. */
  name: string;
  /** What the reference recommends, in one sentence. */
  description: string;
  /** 1: everyone is one group. */
  segments: number;
  /** Over customers who buy a product in the horizon, as the versions' `hitRateAt10`. */
  hitRateAt10: number | null;
  /** Over every customer, as the versions' `hitRateAt10All`. */
  hitRateAt10All: number | null;
}

export interface Comparison {
  asOf: Date;
  horizonDays: number;
  rows: ComparisonRow[];
  /** Global popularity: one "segment" of everyone. A segmentation that does not beat it on HitRate@10 carries no taste. */
  references: ReferenceRow[];
  bestByMetric: Record<string, number | null>;
  csv: string;
  /** Versions with no stored evaluation on this split (their rows' metrics are null). */
  missing: number[];
  /** A QUEUED or RUNNING evaluation run that will fill in every missing version, if there is one. */
  evaluationRunId: number | null;
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
      const value = r.metrics?.[metric];
      if (value === null || value === undefined || !Number.isFinite(value)) continue;
      const better = LOWER_IS_BETTER.has(metric) ? value < (best?.value ?? Infinity) : value > (best?.value ?? -Infinity);
      if (better) best = { id: r.versionId, value };
    }
    out[metric] = best?.id ?? null;
  }
  return out;
}

/** A predicting version's prediction metrics, flattened into the CSV under their own names. */
const PREDICTION_CSV_COLUMNS = ['customerChurnAuc', 'spendSpearman', 'purchasesForecastError', 'spendForecastError', 'tierChurnAuc', 'tierLogSpendR2'] as const;

const CSV_COLUMNS = ['versionId', 'modelName', 'segmenter', 'versionNumber', 'asOf', 'horizonDays', 'customers', 'segments', ...METRIC_NAMES, 'largestShare', 'leakage', 'bootstraps', 'metricSpace', ...PREDICTION_CSV_COLUMNS] as const;

/** The reference rows of a split, from any evaluated row (they depend on the customers and the outcomes only). */
export function referenceRows(rows: ComparisonRow[]): ReferenceRow[] {
  const m = rows.find((r) => r.metrics && r.metrics.popularityHitRateAt10 !== undefined)?.metrics;
  if (!m) return [];
  return [
    {
      name: 'global popularity',
      description: "Everyone is recommended the same 10 most bought products, minus those they bought before (one segment of all customers).",
      segments: 1,
      hitRateAt10: m.popularityHitRateAt10,
      hitRateAt10All: m.popularityHitRateAt10All,
    },
  ];
}

export function comparisonCsv(rows: ComparisonRow[], split?: { asOf: Date; horizonDays: number }): string {
  const cell = (v: unknown) => {
    if (v === null || v === undefined) return '';
    const text = typeof v === 'number' ? String(Number(v.toPrecision(10))) : String(v);
    return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
  };
  const lines = [CSV_COLUMNS.join(',')];
  for (const r of rows) {
    const p = r.metrics?.predictions;
    const predictions = p ? { customerChurnAuc: p.churnAuc, spendSpearman: p.spendSpearman, purchasesForecastError: p.purchasesForecastError, spendForecastError: p.spendForecastError, tierChurnAuc: p.tierChurnAuc, tierLogSpendR2: p.tierLogSpendR2 } : {};
    const flat: Record<string, unknown> = { ...(split ? { asOf: split.asOf.toISOString(), horizonDays: split.horizonDays } : {}), ...r.metrics, ...predictions, versionId: r.versionId, modelName: r.modelName, segmenter: r.segmenter, versionNumber: r.versionNumber };
    lines.push(CSV_COLUMNS.map((c) => cell(flat[c])).join(','));
  }
  // Reference rows last, with no version: segmenter `reference`.
  for (const ref of referenceRows(rows)) {
    const flat: Record<string, unknown> = { ...(split ? { asOf: split.asOf.toISOString(), horizonDays: split.horizonDays } : {}), modelName: ref.name, segmenter: 'reference', segments: ref.segments, hitRateAt10: ref.hitRateAt10, hitRateAt10All: ref.hitRateAt10All };
    lines.push(CSV_COLUMNS.map((c) => cell(flat[c])).join(','));
  }
  return lines.join('\n') + '\n';
}

/**
 * Evaluations of model versions on a time split: each version assigns the customers who bought before `asOf` from
 * data before `asOf` only (features and sequences), and the outcome is their behaviour in the following
 * `horizonDays`. Evaluations are jobs (`start`: queued, run by the EvaluationRunner in a worker thread, with progress
 * and cancellation); their metrics are stored per (version, asOf, horizon), and comparisons read only what is stored.
 */
export class EvaluationService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly features: FeatureService,
    private readonly jobs: JobQueue,
    private readonly options: { queueLimit: number; bootstraps?: number } = { queueLimit: DEFAULT_EVALUATION_QUEUE_LIMIT },
  ) {}

  private get runs() {
    return this.dataSource.getRepository(EvaluationRun);
  }

  /**
   * Queues an evaluation of versions on one split and returns it at once (QUEUED). The split defaults to the
   * earliest `asOf` the versions were trained at (no version has seen the outcome period), or `horizonDays` before
   * the end of the data when that leaves no horizon. The same versions and split already QUEUED or RUNNING answer
   * that run; a key may have `queueLimit` runs QUEUED or RUNNING at most (RATE_LIMITED beyond).
   */
  async start(versionIds: number[], asOf: Date | null, horizonDays = DEFAULT_HORIZON_DAYS, options: { refresh?: boolean; keyId?: number | null; bootstraps?: number; requestId?: string } = {}): Promise<EvaluationRun> {
    checkHorizon(horizonDays);
    if (asOf && asOf.getTime() > Date.now()) {
      throw badUserInput(`asOf ${asOf.toISOString()} is in the future: there are no outcomes to evaluate against yet`, { argument: 'asOf' });
    }
    const ids = [...new Set(versionIds)];
    if (ids.length === 0 || ids.length > 20) throw badUserInput('evaluate 1 to 20 versions', { argument: 'versionIds' });
    const versions = await this.versionsOf(ids);
    const split = asOf ?? (await this.defaultSplitFor(versions, horizonDays));
    const refresh = options.refresh ?? false;
    const bootstraps = options.bootstraps ?? this.options.bootstraps ?? DEFAULT_BOOTSTRAPS;
    const keyId = options.keyId ?? null;
    const admitted = await admitForKey(this.dataSource, 'evaluation', keyId, async (manager) => {
      const runs = manager.getRepository(EvaluationRun);
      const active = await runs.find({ where: { status: In(['QUEUED', 'RUNNING']) }, order: { id: 'ASC' } });
      const key = [...ids].sort((a, b) => a - b).join(',');
      const same = active.find((r) => r.asOf.getTime() === split.getTime() && r.horizonDays === horizonDays && r.bootstraps === bootstraps && [...r.versionIds].sort((a, b) => a - b).join(',') === key);
      if (same && (same.refresh || !refresh)) return { run: same, created: false };
      if (same && same.status === 'QUEUED') {
        // A refresh asked while the same evaluation waits: that one recomputes.
        await runs.update(same.id, { refresh: true });
        return { run: Object.assign(same, { refresh: true }), created: false };
      }
      const mine = active.filter((r) => r.requestedByKeyId === keyId).length;
      // A refusal is returned, not thrown, so that the transaction commits (nothing written) rather than rolls back.
      if (mine >= this.options.queueLimit) return { refused: mine };
      const run = await runs.save(runs.create({ versionIds: ids, asOf: split, horizonDays, bootstraps, refresh, status: 'QUEUED', progress: 0, message: 'queued', requestedByKeyId: keyId, queuedAt: new Date() }));
      return { run, created: true };
    });
    if ('refused' in admitted) {
      throw new GraphQLError(`this API key has ${admitted.refused} evaluation run(s) queued or running (at most ${this.options.queueLimit}, EVALUATION_QUEUE_LIMIT): wait for one to finish or cancel one`, {
        extensions: { code: ErrorCode.RATE_LIMITED, limit: this.options.queueLimit },
      });
    }
    if (!admitted.created) return admitted.run;
    const run = admitted.run;
    await this.jobs.enqueue('evaluation', String(run.id), { requestId: options.requestId });
    return run;
  }

  async getRun(id: number): Promise<EvaluationRun> {
    return (await this.runs.findOneBy({ id })) ?? Promise.reject(notFound('evaluation run', id));
  }

  async cancelRun(id: number): Promise<EvaluationRun> {
    const run = await this.getRun(id);
    if (FINISHED_STATUSES.includes(run.status)) throw new GraphQLError(`evaluation run ${id} has already ended (${run.status})`, { extensions: { code: ErrorCode.CONFLICT } });
    await this.jobs.cancel('evaluation', String(id));
    return this.getRun(id);
  }

  /**
   * Every version on the same split, from stored evaluations only (nothing is computed here): versions not yet
   * evaluated on the split have null metrics and are listed in `missing`, with the QUEUED or RUNNING run that will
   * fill them in when there is one. Best per metric and CSV over the rows.
   */
  async compare(ids: number[], asOf: Date | null, horizonDays = DEFAULT_HORIZON_DAYS): Promise<Comparison> {
    checkHorizon(horizonDays);
    if (ids.length === 0 || ids.length > 20) throw badUserInput('compare 1 to 20 versions', { argument: 'ids' });
    const versions = await this.versionsOf(ids);
    const split = asOf ?? (await this.defaultSplitFor(versions, horizonDays));
    const models = new Map((await this.dataSource.getRepository(SegmentationModel).findBy({ id: In(versions.map((v) => v.modelId)) })).map((m) => [m.id, m]));
    const stored = await this.dataSource.getRepository(VersionEvaluation).findBy({ versionId: In(ids), asOf: split, horizonDays });
    // Metrics of older definitions are not comparable: such versions are listed as missing until re-evaluated.
    const metricsOf = new Map(stored.filter((e) => currentDefinitions(e.metrics)).map((e) => [e.versionId, e.metrics as unknown as EvaluationMetrics]));
    const rows: ComparisonRow[] = ids.map((id) => {
      const version = versions.find((v) => v.id === id)!;
      return { versionId: id, versionNumber: version.number, modelName: models.get(version.modelId)?.name ?? '', segmenter: version.segmenter, metrics: metricsOf.get(id) ?? null };
    });
    const missing = rows.filter((r) => r.metrics === null).map((r) => r.versionId);
    let evaluationRunId: number | null = null;
    if (missing.length > 0) {
      const active = await this.runs.find({ where: { status: In(['QUEUED', 'RUNNING']), horizonDays }, order: { id: 'ASC' } });
      evaluationRunId = active.find((r) => r.asOf.getTime() === split.getTime() && missing.every((id) => r.versionIds.includes(id)))?.id ?? null;
    }
    return { asOf: split, horizonDays, rows, references: referenceRows(rows), bestByMetric: bestByMetric(rows), csv: comparisonCsv(rows, { asOf: split, horizonDays }), missing, evaluationRunId };
  }

  /** Versions ranked on one metric (stored evaluations on the same split; the newest `limit` versions; not evaluated last). */
  async leaderboard(metric: string, asOf: Date | null, horizonDays = DEFAULT_HORIZON_DAYS, limit = 20): Promise<Comparison> {
    if (!(METRIC_NAMES as readonly string[]).includes(metric)) throw badUserInput(`unknown metric ${JSON.stringify(metric)}; known: ${METRIC_NAMES.join(', ')}`, { argument: 'metric' });
    checkHorizon(horizonDays);
    const versions = await this.dataSource.getRepository(ModelVersion).find({ order: { id: 'DESC' }, take: Math.min(Math.max(limit, 1), 20) });
    if (versions.length === 0) return { asOf: asOf ?? new Date(), horizonDays, rows: [], references: [], bestByMetric: {}, csv: comparisonCsv([]), missing: [], evaluationRunId: null };
    const comparison = await this.compare(versions.map((v) => v.id), asOf, horizonDays);
    const sign = LOWER_IS_BETTER.has(metric) ? 1 : -1;
    const value = (r: ComparisonRow) => (r.metrics as unknown as Record<string, number | null> | null)?.[metric] ?? null;
    comparison.rows.sort((a, b) => {
      const x = value(a);
      const y = value(b);
      const xOk = x !== null && Number.isFinite(x);
      const yOk = y !== null && Number.isFinite(y);
      if (!xOk || !yOk) return xOk ? -1 : yOk ? 1 : a.versionId - b.versionId;
      return sign * (x - y) || a.versionId - b.versionId;
    });
    comparison.csv = comparisonCsv(comparison.rows, { asOf: comparison.asOf, horizonDays });
    return comparison;
  }

  private async versionsOf(ids: number[]): Promise<ModelVersion[]> {
    const versions = await this.dataSource.getRepository(ModelVersion).findBy({ id: In(ids) });
    const missing = ids.filter((id) => !versions.some((v) => v.id === id));
    if (missing.length > 0) throw notFound('model version', missing.join(', '));
    return versions;
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
    const earliest = new Date(versions.reduce((m, v) => Math.min(m, v.asOf.getTime()), Infinity));
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
    return rows.map((r) => ({ definitions: 1, ...r.metrics }) as unknown as EvaluationMetrics);
  }
}

function checkHorizon(horizonDays: number): void {
  if (!Number.isInteger(horizonDays) || horizonDays < 1 || horizonDays > 3650) throw badUserInput('horizonDays must be 1 to 3650', { argument: 'horizonDays' });
}
