import { DataSource, EntityManager } from 'typeorm';
import { Dialect } from '../db/dialect';
import { inSqliteTurn } from '../db/sqlite-turns';
import { ModelAlias, ModelVersion } from '../entities';
import { buildTrainingSet } from '../training/feature-catalogue';
import { CustomerFeatures, FeatureService } from './feature.service';
import { WebhookService } from './webhook.service';

/** How long after a re-scoring job its versions' drift is computed. */
const DRIFT_DELAY_MS = 2000;
/** Customers whose features are read in one step of a drift computation. */
const FEATURE_SLICE = 200;
/** Bins per feature (deciles of the training data). */
const BINS = 10;
/** Shares are floored at this before the logarithm (an empty bin would make PSI infinite). */
const FLOOR = 1e-4;

/** A feature's training-time distribution: bin edges (upper, exclusive of the last) and each bin's share. */
interface FeatureBaseline {
  edges: number[];
  shares: number[];
}

export interface VersionDrift {
  versionId: number;
  features: Array<{ feature: string; psi: number }>;
  /** PSI of the segment shares now (stored assignments) against at training time. */
  segmentShareShift: number;
  maxPsi: number;
  /** The data reaches more than `staleDays` past the version's asOf, or a PSI passed the threshold. */
  stale: boolean;
  /** Whether a PSI passed the threshold (DRIFT_PSI_THRESHOLD). */
  drifted: boolean;
  dataAsOf: Date;
  computedAt: Date;
}

export interface DriftOptions {
  threshold: number;
  staleDays: number;
  /** Least time between two recomputations of one version after data changes. */
  minIntervalMs: number;
  log: (line: string) => void;
}

/** PSI = sum over bins of (actual - expected) * ln(actual / expected), both shares floored at 1e-4. */
export function psi(expected: readonly number[], actual: readonly number[]): number {
  let sum = 0;
  for (let i = 0; i < expected.length; i++) {
    const e = Math.max(FLOOR, expected[i]);
    const a = Math.max(FLOOR, actual[i] ?? 0);
    sum += (a - e) * Math.log(a / e);
  }
  return sum;
}

/** Decile edges of a column (distinct values only: a column with few values gets fewer bins) and the shares in them. */
export function baselineOf(values: Float64Array | number[]): FeatureBaseline {
  const sorted = Float64Array.from(values).sort();
  const edges: number[] = [];
  for (let b = 1; b < BINS; b++) {
    const q = sorted[Math.min(sorted.length - 1, Math.floor((b * sorted.length) / BINS))];
    // An edge at the minimum would only make an empty first bin.
    if (q !== undefined && q > sorted[0] && (edges.length === 0 || q > edges[edges.length - 1])) edges.push(q);
  }
  return { edges, shares: sharesIn(edges, values) };
}

/** Share of values in each bin: bin i holds values below edges[i] (and at or above edges[i-1]); the last, the rest. */
export function sharesIn(edges: readonly number[], values: ArrayLike<number>): number[] {
  const counts = new Array<number>(edges.length + 1).fill(0);
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    let lo = 0;
    let hi = edges.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (v < edges[mid]) hi = mid;
      else lo = mid + 1;
    }
    counts[lo]++;
  }
  return counts.map((c) => (values.length ? c / values.length : 0));
}

/**
 * Drift and staleness of versions: at training time each version's input features are summarised as deciles and its
 * segment shares kept (`recordBaseline`); later, the population stability index of each feature (every customer's
 * features now, on the customer summary the feature service reads) and of the segment shares (the stored,
 * continuously re-scored assignments) against that baseline. `drift.detected` is sent when a PSI first passes the
 * threshold.
 */
export class DriftService {
  private readonly dialect: Dialect;
  private readonly lastRun = new Map<number, number>();
  private readonly inFlight = new Map<number, Promise<VersionDrift | null>>();
  private readonly timers = new Set<NodeJS.Timeout>();

  constructor(
    private readonly dataSource: DataSource,
    private readonly features: FeatureService,
    private readonly webhooks: WebhookService,
    private readonly options: DriftOptions,
  ) {
    this.dialect = Dialect.of(dataSource);
  }

  /** In the version's own transaction: its features' deciles and its segments' shares at training time. */
  static async recordBaseline(manager: EntityManager, versionId: number, featureNames: string[], matrix: Float64Array, n: number, segmentSizes: Map<number, number>): Promise<void> {
    const d = featureNames.length;
    const features: Record<string, FeatureBaseline> = {};
    featureNames.forEach((name, j) => {
      const column = new Float64Array(n);
      for (let i = 0; i < n; i++) column[i] = matrix[i * d + j];
      features[name] = baselineOf(column);
    });
    const total = [...segmentSizes.values()].reduce((a, b) => a + b, 0) || 1;
    const shares = Object.fromEntries([...segmentSizes].map(([id, size]) => [String(id), size / total]));
    const dialect = Dialect.of(manager);
    await manager.query(`INSERT INTO version_baselines (version_id, features, shares, created_at) VALUES (${dialect.inList(4)})`, [versionId, JSON.stringify(features), JSON.stringify(shares), dialect.timestamp(new Date())]);
  }

  /** The stored drift of a version, computed first when there is none yet. Null without a baseline (an older version). */
  async get(versionId: number): Promise<VersionDrift | null> {
    const rows: Array<Record<string, unknown>> = await this.dataSource.query(`SELECT * FROM version_drift WHERE version_id = ${this.dialect.param(1)}`, [versionId]);
    if (rows.length === 0) return this.compute(versionId);
    return this.fromRow(rows[0]);
  }

  /**
   * After data changed for these versions: recompute each, at most once per `minIntervalMs`, a moment later (it reads
   * every customer's features: the membership events of the same job go out first). Never throws.
   */
  refreshSoon(versionIds: number[]): void {
    for (const id of versionIds) {
      const last = this.lastRun.get(id) ?? 0;
      if (Date.now() - last < this.options.minIntervalMs) continue;
      this.lastRun.set(id, Date.now());
      const timer = setTimeout(() => {
        this.timers.delete(timer);
        void this.compute(id).catch((err) => this.options.log(`drift of version ${id}: ${(err as Error).message}`));
      }, DRIFT_DELAY_MS);
      timer.unref();
      this.timers.add(timer);
    }
  }

  /** Forgets computations not started yet and waits for those under way (shutdown). */
  async close(): Promise<void> {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    await Promise.all([...this.inFlight.values()].map((p) => p.catch(() => undefined)));
  }

  /** Recomputes and stores a version's drift; sends `drift.detected` when it newly passes the threshold. */
  compute(versionId: number): Promise<VersionDrift | null> {
    let running = this.inFlight.get(versionId);
    if (!running) {
      running = this.computeNow(versionId).finally(() => this.inFlight.delete(versionId));
      this.inFlight.set(versionId, running);
    }
    return running;
  }

  private async computeNow(versionId: number): Promise<VersionDrift | null> {
    const d = this.dialect;
    const [baseline]: Array<{ features: string; shares: string }> = await this.dataSource.query(`SELECT features, shares FROM version_baselines WHERE version_id = ${d.param(1)}`, [versionId]);
    if (!baseline) return null;
    const version = await this.dataSource.getRepository(ModelVersion).findOneByOrFail({ id: versionId });
    const expected = JSON.parse(baseline.features) as Record<string, FeatureBaseline>;
    const dataAsOf = await this.features.defaultAsOf();
    // Every customer's features, a slice at a time: between slices the event loop serves requests.
    const ids: Array<{ id: unknown }> = await this.dataSource.query('SELECT id FROM customers ORDER BY id');
    const now: CustomerFeatures[] = [];
    for (let start = 0; start < ids.length; start += FEATURE_SLICE) {
      for (const f of await this.features.compute(ids.slice(start, start + FEATURE_SLICE).map((r) => Number(r.id)), dataAsOf)) now.push(f);
      await new Promise((resolve) => setImmediate(resolve));
    }
    const names = version.featureNames.filter((f) => expected[f] !== undefined);
    const set = buildTrainingSet(now, names);
    const n = set.customerIds.length;
    const dim = names.length;
    const features = names.map((feature, j) => {
      const base = expected[feature];
      if (!base) return { feature, psi: 0 };
      const column = new Float64Array(n);
      for (let i = 0; i < n; i++) column[i] = set.features[i * dim + j];
      return { feature, psi: round(psi(base.shares, sharesIn(base.edges, column))) };
    });
    const trainedShares = JSON.parse(baseline.shares) as Record<string, number>;
    const sizes: Array<{ id: unknown; size: unknown }> = await this.dataSource.query(`SELECT id, size FROM segments WHERE version_id = ${d.param(1)} ORDER BY id`, [versionId]);
    const total = sizes.reduce((a, s) => a + Number(s.size), 0) || 1;
    const segmentShareShift = round(psi(sizes.map((s) => trainedShares[String(Number(s.id))] ?? 0), sizes.map((s) => Number(s.size) / total)));
    const maxPsi = Math.max(segmentShareShift, ...features.map((f) => f.psi));
    const drifted = maxPsi > this.options.threshold;
    const stale = drifted || dataAsOf.getTime() - version.asOf.getTime() > this.options.staleDays * 86_400_000;
    const computedAt = new Date();
    // The figures; `alerted_at` stays while the version is drifted, and is cleared once it is not.
    await inSqliteTurn(this.dataSource, () =>
      this.dataSource.query(
        `INSERT INTO version_drift (version_id, feature_psi, segment_share_psi, max_psi, stale, data_as_of, computed_at, alerted_at) VALUES (${d.inList(7)}, NULL)
         ON CONFLICT (version_id) DO UPDATE SET feature_psi = excluded.feature_psi, segment_share_psi = excluded.segment_share_psi, max_psi = excluded.max_psi,
           stale = excluded.stale, data_as_of = excluded.data_as_of, computed_at = excluded.computed_at,
           alerted_at = CASE WHEN excluded.max_psi > ${d.param(8)} THEN version_drift.alerted_at ELSE NULL END`,
        [versionId, JSON.stringify(features), segmentShareShift, maxPsi, d.kind === 'postgres' ? stale : Number(stale), d.timestamp(dataAsOf), d.timestamp(computedAt), this.options.threshold],
      ),
    );
    // One alert per crossing, whichever process computes: the one whose UPDATE sets alerted_at sends it.
    const alert = drifted && (await this.claimAlert(versionId, computedAt));
    const result: VersionDrift = { versionId, features, segmentShareShift, maxPsi, stale, drifted, dataAsOf, computedAt };
    if (alert) {
      const aliases = (await this.dataSource.getRepository(ModelAlias).findBy({ versionId })).map((a) => a.alias);
      const over = features.filter((f) => f.psi > this.options.threshold);
      this.options.log(`drift: version ${versionId} passed PSI ${this.options.threshold} (${over.map((f) => `${f.feature} ${f.psi}`).join(', ') || `segment shares ${segmentShareShift}`})`);
      await this.webhooks.emit([
        { type: 'drift.detected', data: { versionId, aliases, threshold: this.options.threshold, maxPsi, segmentShareShift, features: over, dataAsOf: dataAsOf.toISOString() } },
      ]);
    }
    return result;
  }

  /** Sets `alerted_at` if no alert was sent for this crossing yet; returns whether this call set it. */
  private async claimAlert(versionId: number, at: Date): Promise<boolean> {
    const d = this.dialect;
    const runner = this.dataSource.createQueryRunner();
    try {
      // A structured result: the returned rows the same way on both drivers.
      const result = await inSqliteTurn(this.dataSource, () =>
        runner.query(`UPDATE version_drift SET alerted_at = ${d.param(1)} WHERE version_id = ${d.param(2)} AND alerted_at IS NULL RETURNING version_id`, [d.timestamp(at), versionId], true),
      );
      return (result.records ?? []).length > 0;
    } finally {
      await runner.release();
    }
  }

  private fromRow(row: Record<string, unknown>): VersionDrift {
    const maxPsi = Number(row.max_psi);
    return {
      versionId: Number(row.version_id),
      features: JSON.parse(String(row.feature_psi)),
      segmentShareShift: Number(row.segment_share_psi),
      maxPsi,
      stale: row.stale === true || row.stale === 1,
      drifted: maxPsi > this.options.threshold,
      dataAsOf: this.dialect.readTimestamp(row.data_as_of)!,
      computedAt: this.dialect.readTimestamp(row.computed_at)!,
    };
  }
}

function round(x: number): number {
  return Math.round(x * 1e5) / 1e5;
}
