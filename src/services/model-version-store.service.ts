import { DataSource, EntityManager } from 'typeorm';
import { ArtifactStore, featureSchemaHash } from '../artifacts/artifact-store';
import { Dialect } from '../db/dialect';
import { inSqliteTurn } from '../db/sqlite-turns';
import { ModelVersion, Segment, VALUE_TIERS } from '../entities';
import { DEFAULT_ACTIONS, SegmentBasis, SegmentProducts, profileSegments } from '../evaluation/segment-profiles';
import { FEATURE_CATALOGUE, PROTECTED_FEATURES, buildTrainingSet } from '../training/feature-catalogue';
import { DriftService } from './drift.service';
import { Prediction } from '../registry/segmenter';
import { CustomerFeatures } from './feature.service';
import { Projection2d } from '../ml/projection';
import { shareBelow, tierOfPercentile } from '../ml/value-tiers';

/** What a finished training run hands over to become a version. */
export interface NewModelVersion {
  modelId: number;
  runId: number;
  segmenter: { code: string; version: string; artifactFormat: number };
  /** The run's params (validated, defaults filled in). */
  params: Record<string, unknown>;
  featureNames: string[];
  asOf: Date;
  /** The customers trained on, in the order of `labels`, `distances` and `features`. */
  customerIds: number[];
  features: CustomerFeatures[];
  labels: ArrayLike<number>;
  distances: ArrayLike<number>;
  /** The plugin's `describe` output: one entry per segment, with its index and, optionally, a centroid. */
  descriptions: unknown[];
  metrics: Record<string, unknown>;
  /** The serialized artifact. */
  artifact: Uint8Array;
  /** With a predicting segmenter: one prediction per customer, in the order of `customerIds`, over `horizonDays`. */
  predictions?: { horizonDays: number; rows: Prediction[] };
  /** The segment map: a 2-D projection of a sample of the customers (indices into `customerIds`). */
  map?: Projection2d;
}

/** How old an artifact folder without a version must be before the start-up sweep removes it. */
const DEFAULT_ORPHAN_GRACE_MS = 10 * 60_000;

export interface ModelVersionStoreOptions {
  /** See `sweepOrphans` (default 10 minutes). */
  orphanGraceMs?: number;
  /** Suggested-action templates per kind of segment (SEGMENT_ACTIONS_FILE); the defaults when absent. */
  actionTemplates?: Record<string, string[]>;
  log?: (line: string) => void;
}

/** A raw row value as a number (PostgreSQL returns some integers as strings). */
const num = (value: unknown): number => Number(value);


/**
 * Stores a finished run as a model version: the number, the artifact on disk, then the rows. Three steps, in this
 * order, so that runs of one model finishing together (TRAINING_CONCURRENCY > 1) can never write over each other's
 * artifact, and a failure never leaves an artifact without a version or a version without an artifact:
 *
 * 1. **Reserve the number.** `segmentation_models.last_version_number` is the model's counter; one statement
 *    (`UPDATE ... SET last_version_number = last_version_number + 1 ... RETURNING`) takes the next number and commits
 *    on its own. The row lock (PostgreSQL) or the single writer (SQLite) makes it atomic: no two callers ever get the
 *    same number. Nothing is visible through the API yet (no `model_versions` row exists).
 * 2. **Write the artifact** under `<MODELS_DIR>/<model>/<number>/`, a folder no one else will ever write to
 *    (the artifact store writes each file to a temporary name and renames it into place).
 * 3. **Commit** the version, its segments, its assignments and the segments' profiles in one transaction.
 *
 * If step 2 or 3 fails, the artifact folder is removed and then the reservation released (the counter goes back
 * only if no later number was taken meanwhile; otherwise the number stays unused), and the error is rethrown. A crash
 * between the steps leaves at worst an unused number and an artifact folder no version points at, never a version
 * without its artifact.
 *
 * The only writer of `model_versions`, `segments` and `segment_assignments`.
 */
export class ModelVersionStore {
  constructor(
    private readonly dataSource: DataSource,
    private readonly artifacts: ArtifactStore,
    private readonly options: ModelVersionStoreOptions = {},
  ) {}

  /** Stores a run's result as the model's next version; returns the committed version. */
  async store(input: NewModelVersion): Promise<ModelVersion> {
    const number = await this.reserveNumber(input.modelId);
    return this.inTurn(() => this.writeAndCommit(input, number));
  }

  /** Steps 2 and 3 for a reserved number; on failure, undoes step 2 and releases the number. */
  private async writeAndCommit(input: NewModelVersion, number: number): Promise<ModelVersion> {
    let dir: string | null = null;
    try {
      const written = this.artifacts.write(
        {
          modelId: input.modelId,
          version: number,
          plugin: { code: input.segmenter.code, version: input.segmenter.version },
          artifactFormat: input.segmenter.artifactFormat,
          params: input.params,
          featureNames: input.featureNames,
          featureSchemaHash: featureSchemaHash(input.featureNames),
          metrics: input.metrics,
          createdAt: new Date().toISOString(),
        },
        Buffer.from(input.artifact.buffer, input.artifact.byteOffset, input.artifact.byteLength),
      );
      dir = written.dir;
      await this.artifacts.publish(written.dir);
      return await this.dataSource.transaction((manager) => this.insertVersion(manager, input, number, written));
    } catch (err) {
      // A failed COMMIT may still have committed (a connection lost at that moment): then the version stands, and its
      // folder and number are kept. When that cannot be known, both are kept too: an unused folder is harmless, a
      // version without its artifact is not.
      const committed = await this.versionExists(input.modelId, number).catch(() => true);
      if (committed) {
        this.options.log?.(`version ${number} of model ${input.modelId}: storing failed (${(err as Error).message}) but the version may exist; its artifact is kept`);
        throw err;
      }
      // The folder first: once the number is released, another run may take it and write there.
      try {
        this.artifacts.remove(dir ?? this.artifacts.dirOf(input.modelId, number));
        await this.artifacts.unpublish(dir ?? this.artifacts.dirOf(input.modelId, number));
      } catch (cleanup) {
        this.options.log?.(`version ${number} of model ${input.modelId}: could not remove its artifact: ${(cleanup as Error).message}`);
      }
      await this.releaseNow(input.modelId, number).catch((release: Error) =>
        this.options.log?.(`version ${number} of model ${input.modelId}: could not release the number: ${release.message}`),
      );
      throw err;
    }
  }

  /**
   * Removes what a killed process left in MODELS_DIR: version folders no committed version points at (written
   * between steps 2 and 3 when the process died) and temporary files of writes that never finished. Run at start-up,
   * after the interrupted runs were marked FAILED, when no run of this process can be writing. A folder whose model
   * still has a RUNNING run, or written less than `orphanGraceMs` (10 minutes) ago, is kept all the same: another
   * process on the same database may be about to commit it.
   */
  async sweepOrphans(): Promise<{ folders: number; temporaries: number; shared: number }> {
    const shared = await this.sweepSharedOrphans();
    const { dirs, temporaries } = this.artifacts.list();
    if (dirs.length === 0 && temporaries.length === 0) return { folders: 0, temporaries: 0, shared };
    // Running runs first, then versions: a run that commits between the two reads is then seen as committed.
    const running: Array<{ model_id: unknown }> = await this.dataSource.query(`SELECT DISTINCT model_id FROM training_runs WHERE status = 'RUNNING'`);
    const busy = new Set(running.map((r) => num(r.model_id)));
    const rows: Array<{ model_id: unknown; number: unknown }> = await this.dataSource.query('SELECT model_id, number FROM model_versions');
    const committed = new Set(rows.map((r) => `${num(r.model_id)}/${num(r.number)}`));
    const graceMs = this.options.orphanGraceMs ?? DEFAULT_ORPHAN_GRACE_MS;
    let folders = 0;
    for (const d of dirs) {
      if (committed.has(`${d.modelId}/${d.version}`) || busy.has(d.modelId)) continue;
      // A folder written in the last minutes may belong to a run another process is about to commit.
      if (Date.now() - this.artifacts.modifiedAt(d.dir) < graceMs) continue;
      this.artifacts.remove(d.dir);
      folders++;
    }
    let removedTemporaries = 0;
    for (const file of temporaries) {
      const [model, version] = file.split(/[\\/]/).map(Number);
      if (!committed.has(`${model}/${version}`) || busy.has(model)) continue; // gone with its folder, or still being written
      this.artifacts.removeTemporary(file);
      removedTemporaries++;
    }
    return { folders, temporaries: removedTemporaries, shared };
  }

  /**
   * Several machines: version folders in the shared store that no committed version points at, written more than
   * `orphanGraceMs` ago (a worker killed between publishing an artifact and committing its version). Returns how many.
   */
  private async sweepSharedOrphans(): Promise<number> {
    const dirs = await this.artifacts.listShared();
    if (dirs.length === 0) return 0;
    const rows: Array<{ model_id: unknown; number: unknown }> = await this.dataSource.query('SELECT model_id, number FROM model_versions');
    const committed = new Set(rows.map((r) => `${num(r.model_id)}/${num(r.number)}`));
    const graceMs = this.options.orphanGraceMs ?? DEFAULT_ORPHAN_GRACE_MS;
    let removed = 0;
    for (const d of dirs) {
      if (committed.has(`${d.modelId}/${d.version}`) || Date.now() - d.createdAt.getTime() < graceMs) continue;
      await this.artifacts.unpublish(d.dir);
      removed++;
    }
    return removed;
  }

  /** Takes the model's next version number, in a statement of its own (committed at once). */
  reserveNumber(modelId: number): Promise<number> {
    return this.inTurn(() => this.reserveNow(modelId));
  }

  /** Gives a reserved number back, if it is still the model's latest (else it stays unused: a gap, never a clash). */
  releaseNumber(modelId: number, number: number): Promise<void> {
    return this.inTurn(() => this.releaseNow(modelId, number));
  }

  /** Runs `step` in this SQLite database's turn for transactions (src/db/sqlite-turns.ts); at once on PostgreSQL. */
  private inTurn<T>(step: () => Promise<T>): Promise<T> {
    return inSqliteTurn(this.dataSource, step);
  }

  private async reserveNow(modelId: number): Promise<number> {
    const d = Dialect.of(this.dataSource);
    // A structured result: the returned rows the same way on both drivers (a raw UPDATE result differs).
    const runner = this.dataSource.createQueryRunner();
    let rows: Array<{ last_version_number: unknown }>;
    try {
      const result = await runner.query(
        `UPDATE segmentation_models SET last_version_number = last_version_number + 1 WHERE id = ${d.param(1)} RETURNING last_version_number`,
        [modelId],
        true,
      );
      rows = result.records ?? [];
    } finally {
      await runner.release();
    }
    if (rows.length === 0) throw new Error(`model ${modelId} does not exist (any more)`);
    return num(rows[0].last_version_number);
  }

  private async versionExists(modelId: number, number: number): Promise<boolean> {
    return (await this.dataSource.getRepository(ModelVersion).countBy({ modelId, number })) > 0;
  }

  private async releaseNow(modelId: number, number: number): Promise<void> {
    const d = Dialect.of(this.dataSource);
    await this.dataSource.query(
      `UPDATE segmentation_models SET last_version_number = last_version_number - 1 WHERE id = ${d.param(1)} AND last_version_number = ${d.param(2)}`,
      [modelId, number],
    );
  }

  private async insertVersion(manager: EntityManager, input: NewModelVersion, number: number, artifact: { dir: string; sha256: string }): Promise<ModelVersion> {
    const descriptions = input.descriptions as Array<{ index: number; centroid?: Record<string, number> }>;
    const labels = Array.from(input.labels);
    const k = Math.max(descriptions.length, labels.reduce((m, l) => Math.max(m, l + 1), 0));
    const sizes = new Array<number>(k).fill(0);
    for (const label of labels) sizes[label]++;

    const versions = manager.getRepository(ModelVersion);
    const version = await versions.save(
      versions.create({
        modelId: input.modelId,
        number,
        runId: input.runId,
        segmenter: input.segmenter.code,
        segmenterVersion: input.segmenter.version,
        params: input.params,
        featureNames: input.featureNames,
        artifactPath: artifact.dir,
        artifactSha256: artifact.sha256,
        // What protected attributes the version used (none unless its model opted in).
        metrics: { ...input.metrics, ...(input.map ? { mapExplainedVariance: input.map.explainedVariance, mapMethod: 'pca' } : {}), customers: input.customerIds.length, protectedAttributes: input.featureNames.filter((f) => PROTECTED_FEATURES.includes(f)) },
        asOf: input.asOf,
        predictionHorizonDays: input.predictions?.horizonDays ?? null,
      }),
    );
    const segmentRepo = manager.getRepository(Segment);
    const segments = await segmentRepo.save(
      sizes.map((size, index) =>
        segmentRepo.create({
          versionId: version.id,
          index,
          name: `Segment ${index + 1}`,
          size,
          centroid: descriptions.find((s) => s.index === index)?.centroid ?? null,
          profile: {},
        }),
      ),
    );
    const segmentIds = segments.sort((a, b) => a.index - b.index).map((s) => s.id);
    const dialect = Dialect.of(manager);
    const perStatement = dialect.rowsPerStatement(4);
    for (let start = 0; start < input.customerIds.length; start += perStatement) {
      const end = Math.min(input.customerIds.length, start + perStatement);
      const params: unknown[] = [];
      for (let i = start; i < end; i++) params.push(version.id, input.customerIds[i], segmentIds[labels[i]], input.distances[i]);
      await manager.query(`INSERT INTO segment_assignments (version_id, customer_id, segment_id, distance) VALUES ${dialect.valuesList(end - start, 4)}`, params);
    }
    if (input.predictions) await insertPredictions(manager, version.id, input.customerIds, input.asOf, input.predictions.rows);
    if (input.map) await insertMap(manager, version.id, input.customerIds, labels, segmentIds, input.map);
    // What drift is measured against later: the training data's feature deciles and the segments' shares.
    // (Features outside the catalogue, which only a test's hand-made result names, have no baseline.)
    const known = input.featureNames.filter((f) => FEATURE_CATALOGUE[f] !== undefined);
    const set = buildTrainingSet(input.features, known);
    await DriftService.recordBaseline(manager, version.id, known, set.features, set.customerIds.length, new Map(segmentIds.map((id, i) => [id, sizes[i]])));
    const day = new Date().toISOString().slice(0, 10);
    await manager.query(`INSERT INTO segment_size_days (segment_id, day, size) VALUES ${dialect.valuesList(k, 3)}`, segmentIds.flatMap((id, i) => [id, day, sizes[i]]));
    // Profiles, names, descriptions and actions, from the features and the segments' most bought products.
    const top = await topProductsBySegment(manager, version.id, input.asOf, segmentIds);
    const bases = Array.from({ length: k }, (_, index) => descriptions.find((s) => s.index === index) as SegmentBasis | undefined);
    const profiles = profileSegments(input.features, labels, k, top, this.options.actionTemplates ?? DEFAULT_ACTIONS, bases);
    for (const p of profiles) {
      // A plugin that names its own segments (clv's value tiers) keeps its names; the others get the profile's.
      const own = descriptions.find((s) => s.index === p.index) as { name?: unknown } | undefined;
      const name = typeof own?.name === 'string' && own.name.trim() ? own.name : p.name;
      await segmentRepo.update(segmentIds[p.index], { name: name.slice(0, 200), profile: { ...p, name } as unknown as Record<string, number> });
    }
    return version;
  }
}

/** Stores a version's segment map (in the caller's transaction); the explained variance goes in its metrics. */
async function insertMap(manager: EntityManager, versionId: number, customerIds: number[], labels: number[], segmentIds: number[], map: Projection2d): Promise<void> {
  const dialect = Dialect.of(manager);
  const perStatement = dialect.rowsPerStatement(5);
  for (let start = 0; start < map.rows.length; start += perStatement) {
    const end = Math.min(map.rows.length, start + perStatement);
    const params: unknown[] = [];
    for (let i = start; i < end; i++) {
      const row = map.rows[i];
      params.push(versionId, customerIds[row], segmentIds[labels[row]], map.x[i], map.y[i]);
    }
    await manager.query(`INSERT INTO segment_map_points (version_id, customer_id, segment_id, x, y) VALUES ${dialect.valuesList(end - start, 5)}`, params);
  }
}

/**
 * Stores a version's predictions (in the caller's transaction): each customer's percentile of predicted value among
 * the version's customers (the share with a lower value) and a value tier, the plugin's own or by percentile (top
 * 20% `high`, next 30% `mid`, the rest `low`).
 */
async function insertPredictions(manager: EntityManager, versionId: number, customerIds: number[], asOf: Date, rows: Prediction[]): Promise<void> {
  if (rows.length !== customerIds.length) throw new Error(`the plugin returned ${rows.length} predictions for ${customerIds.length} customers`);
  const n = rows.length;
  const sorted = Float64Array.from(rows, (p) => p.clv).sort();
  const percentile = Float64Array.from(rows, (p) => shareBelow(sorted, p.clv));
  const finite = (v: number | null, what: string, i: number) => {
    if (v !== null && !Number.isFinite(v)) throw new Error(`the plugin predicted ${what} = ${v} for customer ${customerIds[i]}`);
    return v;
  };
  const d = Dialect.of(manager);
  const perStatement = d.rowsPerStatement(10);
  for (let start = 0; start < n; start += perStatement) {
    const end = Math.min(n, start + perStatement);
    const params: unknown[] = [];
    for (let i = start; i < end; i++) {
      const p = rows[i];
      if (p.valueTier !== undefined && !(VALUE_TIERS as readonly string[]).includes(p.valueTier)) {
        throw new Error(`the plugin predicted value tier ${JSON.stringify(p.valueTier)} for customer ${customerIds[i]}; known: ${VALUE_TIERS.join(', ')}`);
      }
      const tier = p.valueTier ?? tierOfPercentile(percentile[i]);
      const next = finite(p.daysToNextPurchase, 'daysToNextPurchase', i);
      params.push(
        versionId,
        customerIds[i],
        finite(p.expectedPurchases, 'expectedPurchases', i),
        finite(p.pAlive, 'pAlive', i),
        finite(p.churnProbability, 'churnProbability', i),
        finite(p.expectedSpendPerPurchase, 'expectedSpendPerPurchase', i),
        finite(p.clv, 'clv', i),
        percentile[i],
        next === null ? null : d.timestamp(new Date(asOf.getTime() + next * 86_400_000)),
        tier,
      );
    }
    await manager.query(
      `INSERT INTO customer_predictions (version_id, customer_id, expected_purchases, p_alive, churn_probability, expected_spend_per_purchase, clv, clv_percentile, next_purchase_at, value_tier)
       VALUES ${d.valuesList(end - start, 10)}`,
      params,
    );
  }
}

/** Products kept per segment for its profile: its most bought, by distinct buyers. */
const PRODUCTS_PER_SEGMENT = 200;

/**
 * Per segment, its `PRODUCTS_PER_SEGMENT` products with the most distinct buyers before `asOf` (one statement, ranked
 * in the database so that a shop with 100,000 products and 50 segments does not send 5 million rows), and for those
 * products their buyers over all the version's customers (a second statement): the population side of each lift.
 */
async function topProductsBySegment(manager: EntityManager, versionId: number, asOf: Date, segmentIds: number[]): Promise<SegmentProducts> {
  const d = Dialect.of(manager);
  const rows: Array<{ segment_id: number; product_id: number; title: string; buyers: number; everyone: number }> = await manager.query(
    `WITH bought AS (
       SELECT a.segment_id, i.product_id, COUNT(DISTINCT a.customer_id) AS buyers
       FROM segment_assignments a
       JOIN orders o ON o.customer_id = a.customer_id AND o.status = 'placed' AND o.placed_at < ${d.param(1)}
       JOIN order_items i ON i.order_id = o.id
       WHERE a.version_id = ${d.param(2)} AND i.product_id IS NOT NULL
       GROUP BY a.segment_id, i.product_id
     ), ranked AS (
       SELECT segment_id, product_id, buyers, SUM(buyers) OVER (PARTITION BY product_id) AS everyone,
              ROW_NUMBER() OVER (PARTITION BY segment_id ORDER BY buyers DESC, product_id) AS place
       FROM bought
     )
     SELECT r.segment_id, r.product_id, p.title, r.buyers, r.everyone FROM ranked r JOIN products p ON p.id = r.product_id
     WHERE r.place <= ${d.param(3)}`,
    [d.timestamp(asOf), versionId, PRODUCTS_PER_SEGMENT],
  );
  const indexOf = new Map(segmentIds.map((id, index) => [id, index]));
  const out: SegmentProducts = new Map();
  for (const r of rows) {
    const index = indexOf.get(Number(r.segment_id))!;
    const list = out.get(index) ?? [];
    list.push({ productId: Number(r.product_id), title: r.title, buyers: Number(r.buyers), everyone: Number(r.everyone) });
    out.set(index, list);
  }
  return out;
}
