import { GraphQLError } from 'graphql';
import { DataSource, EntityManager, In, Repository } from 'typeorm';
import { LoadedModels } from '../artifacts/loaded-models';
import { PredictionService, StoredPrediction } from './prediction.service';
import { Dialect } from '../db/dialect';
import { admitForKey } from '../db/key-admission';
import { Customer, FINISHED_STATUSES, ModelAlias, ModelAliasHistory, ModelVersion, RunStatus, Segment, SegmentAssignment, SegmentationModel, TrainingRun } from '../entities';
import { ErrorCode, badUserInput, notFound } from '../errors';
import { validateSegmenterParams } from '../registry/params';
import { Assignment, Prediction } from '../registry/segmenter';
import { SegmenterRegistry } from '../registry/segmenter-registry';
import { PROTECTED_FEATURES, buildTrainingSet } from '../training/feature-catalogue';
import type { JobQueue } from '../jobs/job-queue';
import type { ScoringThread } from '../ml/scoring-thread';
import type { WorkerInfo } from '../jobs/worker-registry';
import { FeatureService } from './feature.service';
import { BackendAvailability, BackendPreference, probeBackends } from '../ml/backend';
import { SequenceService } from './sequence.service';
import { groupedByKey, inIdOrder } from './batching';
import { ChildPageSpec, ChildRow, childConnections } from './child-pages';
import { ConnectionShape, PageArgs, decodeCursor, encodeCursor, fetchDirection, keysetOperator, pageById, pageWindow, toConnection } from './pagination';
import { inTransaction } from '../db/sqlite-turns';

export const DEFAULT_ALIAS = 'production';

/** A model's runs as child pages (ids and queue times only; the runs themselves are loaded by id). */
const RUN_PAGE: ChildPageSpec = { table: 'training_runs', parentColumn: 'model_id', timeColumn: 'queued_at', columns: { id: 'id', queued_at: 'queuedAt' } };
const VERSION_PAGE: ChildPageSpec = { table: 'model_versions', parentColumn: 'model_id', timeColumn: 'created_at', columns: { id: 'id', created_at: 'createdAt' } };
const ALIAS_PATTERN = /^[a-z][a-z0-9_-]{0,63}$/;

export interface RegisterModelInput {
  name: string;
  segmenter: string;
  params?: Record<string, unknown> | null;
  allowProtectedAttributes?: boolean | null;
}

/** Refuses features from protected attributes unless the model opted in. */
function checkProtected(featureNames: string[], allowed: boolean): void {
  const used = featureNames.filter((f) => PROTECTED_FEATURES.includes(f));
  if (used.length > 0 && !allowed) {
    throw badUserInput(`${used.join(', ')} ${used.length > 1 ? 'are' : 'is'} derived from protected attributes; register the model with allowProtectedAttributes: true to use ${used.length > 1 ? 'them' : 'it'}`, { argument: 'params' });
  }
}

/** See `segmentMap`. */
export interface SegmentMap {
  method: 'PCA' | 'NONE';
  explainedVariance: number[];
  customers: number;
  customerIds: number[];
  segmentIds: number[];
  x: number[];
  y: number[];
}

export interface RunFilter {
  modelId?: number | null;
  status?: RunStatus | null;
}

/** A customer's segment in a version, with the segment and distance. */
export interface CustomerAssignment {
  customerId: number;
  versionId: number;
  segmentId: number;
  distance: number;
  /** Set by `assignCustomers` for a predicting version: the live predictions (undefined elsewhere: read the stored ones). */
  predictions?: StoredPrediction | null;
}

/**
 * Models, training runs, versions, aliases and segments. Starting a run validates its params against the plugin's
 * schema, stores it QUEUED and hands it to the runner; everything after happens off the request path.
 */
/** Runs one API key may have QUEUED or RUNNING at once, unless TRAINING_QUEUE_LIMIT says otherwise. */
export const DEFAULT_TRAINING_QUEUE_LIMIT = 8;

export class TrainingService {
  private readonly models: Repository<SegmentationModel>;
  private readonly runs: Repository<TrainingRun>;
  private readonly versions: Repository<ModelVersion>;
  private readonly segments: Repository<Segment>;

  constructor(
    private readonly dataSource: DataSource,
    readonly registry: SegmenterRegistry,
    private readonly jobs: JobQueue,
    private readonly features: FeatureService,
    private readonly sequences: SequenceService,
    private readonly loaded: LoadedModels,
    private readonly backendPreference: BackendPreference = 'auto',
    /** Most runs one API key may have QUEUED or RUNNING at once (TRAINING_QUEUE_LIMIT). */
    private readonly queueLimit = DEFAULT_TRAINING_QUEUE_LIMIT,
    private readonly predictions: PredictionService = new PredictionService(dataSource),
    /** Several machines: the live workers (null in one process). */
    private readonly workers: { list(): Promise<WorkerInfo[]> } | null = null,
  ) {
    this.models = dataSource.getRepository(SegmentationModel);
    this.runs = dataSource.getRepository(TrainingRun);
    this.versions = dataSource.getRepository(ModelVersion);
    this.segments = dataSource.getRepository(Segment);
  }

  /** The TensorFlow.js backends, best first, and which one a run would take. */
  async computeBackends(): Promise<Array<BackendAvailability & { preferred: boolean; workers: string[] }>> {
    const [all, workers] = await Promise.all([probeBackends(), this.computeWorkers().catch(() => [] as WorkerInfo[])]);
    const preferred = this.backendPreference === 'auto' ? all.find((b) => b.available)?.name : this.backendPreference;
    return all.map((b) => ({
      ...b,
      preferred: b.name === preferred,
      workers: workers.filter((w) => w.backends.some((wb) => wb.name === b.name && wb.available)).map((w) => w.id),
    }));
  }

  async registerModel(input: RegisterModelInput): Promise<SegmentationModel> {
    const name = input.name.trim();
    if (name === '' || name.length > 200) throw badUserInput('name must be 1 to 200 characters', { argument: 'name' });
    const segmenter = this.registry.get(input.segmenter);
    const params = validateSegmenterParams(segmenter, input.params);
    const allowProtectedAttributes = input.allowProtectedAttributes === true;
    checkProtected(segmenter.featureNames(params), allowProtectedAttributes);
    if (await this.models.existsBy({ name })) {
      throw new GraphQLError(`a model named ${JSON.stringify(name)} exists already`, { extensions: { code: ErrorCode.CONFLICT } });
    }
    return this.models.save(this.models.create({ name, segmenter: segmenter.code, params, allowProtectedAttributes }));
  }

  /** Validates, stores the run QUEUED and queues it; returns at once. */
  async startRun(
    modelId: number,
    overrides: Record<string, unknown> | null | undefined,
    options: { seed?: number | null; asOf?: Date | null; keyId?: number | null; accelerator?: 'ANY' | 'GPU' | null; requestId?: string } = {},
  ): Promise<TrainingRun> {
    const model = await this.getModel(modelId);
    const segmenter = this.registry.get(model.segmenter);
    // Several machines: a plugin that requires an accelerator goes to a GPU worker unless asked otherwise (one
    // process trains it on TRAINING_BACKEND, as always). One that uses none cannot ask for a GPU.
    const accelerator = options.accelerator ?? (this.workers && segmenter.capabilities.accelerator === 'required' ? 'GPU' : 'ANY');
    if (accelerator === 'GPU' && segmenter.capabilities.accelerator === 'none') {
      throw badUserInput(`${segmenter.code} uses no accelerator: train it with accelerator ANY`, { argument: 'accelerator' });
    }
    const waiting = accelerator === 'GPU' ? await this.gpuWaitReason() : null;
    if (overrides !== null && overrides !== undefined && (typeof overrides !== 'object' || Array.isArray(overrides))) throw badUserInput('params must be a JSON object');
    const params = validateSegmenterParams(segmenter, { ...model.params, ...(overrides ?? {}) });
    checkProtected(segmenter.featureNames(params), model.allowProtectedAttributes);
    if (options.asOf && options.asOf.getTime() > Date.now()) {
      throw badUserInput(`asOf ${options.asOf.toISOString()} is in the future: a model learns only from what has happened`, { argument: 'asOf' });
    }
    const seed = options.seed ?? 42;
    if (!Number.isSafeInteger(seed) || seed < 0) throw badUserInput('seed must be a non-negative integer', { argument: 'seed' });
    const keyId = options.keyId ?? null;
    // A refusal is returned, not thrown, so that the transaction commits (nothing written) rather than rolls back.
    const admitted = await admitForKey(this.dataSource, 'training', keyId, async (manager) => {
      const runs = manager.getRepository(TrainingRun);
      if (keyId !== null) {
        const pending = await runs.countBy({ createdByKeyId: keyId, status: In(['QUEUED', 'RUNNING']) });
        if (pending >= this.queueLimit) return { refused: pending } as const;
      }
      return { run: await runs.save(runs.create({ modelId, status: 'QUEUED', params, seed, progress: 0, asOf: options.asOf ?? null, queuedAt: new Date(), message: waiting ?? 'queued', createdByKeyId: keyId, accelerator })) } as const;
    });
    if ('refused' in admitted) {
      throw new GraphQLError(`this API key has ${admitted.refused} training runs queued or running; at most ${this.queueLimit} at once (TRAINING_QUEUE_LIMIT): wait for one to finish or cancel one`, {
        extensions: { code: ErrorCode.RATE_LIMITED, limit: this.queueLimit },
      });
    }
    const run = admitted.run;
    await this.jobs.enqueue('training', String(run.id), { gpu: accelerator === 'GPU', requestId: options.requestId });
    return run;
  }

  /**
   * Why a GPU run would wait, or null when a GPU worker is up. In one process there is no other worker to wait for:
   * without a GPU backend here the run is refused.
   */
  private async gpuWaitReason(): Promise<string | null> {
    if (!this.workers) {
      const gpu = (await probeBackends()).find((b) => b.name === 'tensorflow-gpu');
      if (!gpu?.available) throw badUserInput(`no GPU here: ${gpu?.detail ?? 'tensorflow-gpu is not installed'} (computeBackends lists the backends)`, { argument: 'accelerator' });
      return null;
    }
    const workers = await this.workers.list().catch(() => null);
    if (workers === null) return 'waiting for a worker with a GPU (whether one is up is unknown: Redis does not answer)';
    const up = workers.filter((w) => w.gpu && !w.stopping);
    return up.length > 0 ? null : 'waiting for a worker with a GPU: none is up (computeWorkers lists the workers)';
  }

  /** The cluster's live workers (several machines); empty in one process. SERVICE_UNAVAILABLE while Redis is down. */
  async computeWorkers(): Promise<WorkerInfo[]> {
    if (!this.workers) return [];
    try {
      return await this.workers.list();
    } catch (err) {
      throw new GraphQLError(`the list of workers is in Redis, which does not answer: ${(err as Error).message}`, { extensions: { code: ErrorCode.SERVICE_UNAVAILABLE } });
    }
  }

  async cancelRun(runId: number): Promise<TrainingRun> {
    const run = await this.getRun(runId);
    if (FINISHED_STATUSES.includes(run.status)) {
      throw new GraphQLError(`run ${runId} has already ended (${run.status})`, { extensions: { code: ErrorCode.CONFLICT } });
    }
    await this.jobs.cancel('training', String(runId));
    return this.getRun(runId);
  }

  async setAlias(versionId: number, alias: string, movedBy = 'anonymous', reason: 'alias_moved' | 'retrained' = 'alias_moved'): Promise<ModelVersion> {
    if (!ALIAS_PATTERN.test(alias)) throw badUserInput(`alias ${JSON.stringify(alias)} must be lower-case letters, digits, - or _`, { argument: 'alias' });
    const version = await this.getVersion(versionId);
    let previousVersionId: number | null = null;
    await inTransaction(this.dataSource, async (manager) => {
      const previous = await manager.getRepository(ModelAlias).findOneBy({ alias });
      previousVersionId = previous?.versionId ?? null;
      const now = new Date();
      await manager.getRepository(ModelAlias).save({ alias, versionId, updatedAt: now });
      await manager.getRepository(ModelAliasHistory).save({ alias, versionId, previousVersionId, movedBy, movedAt: now });
      // Every customer whose segment under the alias changes gets a history row, in the same transaction.
      if (previousVersionId !== versionId) await this.aliasMoved?.record(manager, alias, previousVersionId, versionId, reason, now);
    });
    if (previousVersionId !== versionId) this.aliasMoved?.announce(alias, previousVersionId, versionId, movedBy, reason);
    return version;
  }

  /** Where re-scoring runs plugins (`score(..., { offThread: true })`): a worker thread; set by the wiring. */
  scoring: ScoringThread | null = null;

  /** Set by the services' wiring: membership history and the `alias.moved` event (see MembershipService). */
  aliasMoved: {
    record(manager: EntityManager, alias: string, fromVersionId: number | null, toVersionId: number, reason: 'alias_moved' | 'retrained', at: Date): Promise<void>;
    announce(alias: string, fromVersionId: number | null, toVersionId: number, movedBy: string, reason: 'alias_moved' | 'retrained'): void;
  } | null = null;

  /** Moves of an alias (or of every alias), newest first. */
  /** Alias moves, newest first. */
  aliasHistory(alias: string | null, page: PageArgs): Promise<ConnectionShape<ModelAliasHistory>> {
    const build = () => {
      const qb = this.dataSource.getRepository(ModelAliasHistory).createQueryBuilder('h');
      if (alias) qb.where('h.alias = :alias', { alias });
      return qb;
    };
    return pageById(build(), 'h.id', 'DESC', page, () => build().getCount());
  }

  async getModel(id: number): Promise<SegmentationModel> {
    return (await this.models.findOneBy({ id })) ?? Promise.reject(notFound('model', id));
  }

  async getRun(id: number): Promise<TrainingRun> {
    return (await this.runs.findOneBy({ id })) ?? Promise.reject(notFound('training run', id));
  }

  async getVersion(id: number): Promise<ModelVersion> {
    return (await this.versions.findOneBy({ id })) ?? Promise.reject(notFound('model version', id));
  }

  /**
   * A version's segment map: the 2-D projection of a sample of its customers stored when it was written, in column
   * form (one entry per point in each list, ordered by customer id). Versions written before maps have none (empty).
   */
  async segmentMap(version: ModelVersion): Promise<SegmentMap> {
    const rows: Array<{ customer_id: number; segment_id: number; x: number; y: number }> = await this.dataSource.query(
      `SELECT customer_id, segment_id, x, y FROM segment_map_points WHERE version_id = ${Dialect.of(this.dataSource).param(1)} ORDER BY customer_id`,
      [version.id],
    );
    const explained = (version.metrics as { mapExplainedVariance?: number[] }).mapExplainedVariance ?? [];
    return {
      method: rows.length > 0 ? 'PCA' : 'NONE',
      explainedVariance: explained,
      customers: (version.metrics as { customers?: number }).customers ?? rows.length,
      customerIds: rows.map((r) => Number(r.customer_id)),
      segmentIds: rows.map((r) => Number(r.segment_id)),
      x: rows.map((r) => Number(r.x)),
      y: rows.map((r) => Number(r.y)),
    };
  }

  async getSegment(id: number): Promise<Segment> {
    return (await this.segments.findOneBy({ id })) ?? Promise.reject(notFound('segment', id));
  }

  listModels(page: PageArgs): Promise<ConnectionShape<SegmentationModel>> {
    return pageById(this.models.createQueryBuilder('m'), 'm.id', 'ASC', page, () => this.models.count());
  }

  /**
   * Runs of many models, newest first, one page each, in two queries (the page of ids, then the runs): what
   * `models { runs(first: ...) }` costs whatever the number of models.
   */
  async runPagesForModels(modelIds: readonly number[], page: PageArgs): Promise<Array<ConnectionShape<TrainingRun>>> {
    const pages = await childConnections<ChildRow>(this.dataSource, RUN_PAGE, modelIds, page);
    const runs = await this.findRuns([...new Set(pages.flatMap((p) => p.edges.map((e) => e.node.id)))]);
    const byId = new Map(runs.filter((r): r is TrainingRun => r !== null).map((r) => [r.id, r]));
    return pages.map((p) => Object.assign(p, { edges: p.edges.map((e) => ({ cursor: e.cursor, node: byId.get(e.node.id)! })) }) as unknown as ConnectionShape<TrainingRun>);
  }

  listRuns(filter: RunFilter, page: PageArgs): Promise<ConnectionShape<TrainingRun>> {
    const build = () => {
      const qb = this.runs.createQueryBuilder('r');
      if (filter.modelId) qb.andWhere('r.modelId = :modelId', { modelId: filter.modelId });
      if (filter.status) qb.andWhere('r.status = :status', { status: filter.status });
      return qb;
    };
    return pageById(build(), 'r.id', 'DESC', page, () => build().getCount());
  }


  /** Versions of many models, newest first, one page each, in two queries (as runs). */
  async versionPagesForModels(modelIds: readonly number[], page: PageArgs): Promise<Array<ConnectionShape<ModelVersion>>> {
    const pages = await childConnections<ChildRow>(this.dataSource, VERSION_PAGE, modelIds, page);
    const versions = await this.findVersions([...new Set(pages.flatMap((p) => p.edges.map((e) => e.node.id)))]);
    const byId = new Map(versions.filter((v): v is ModelVersion => v !== null).map((v) => [v.id, v]));
    return pages.map((p) => Object.assign(p, { edges: p.edges.map((e) => ({ cursor: e.cursor, node: byId.get(e.node.id)! })) }) as unknown as ConnectionShape<ModelVersion>);
  }

  async segmentsOf(versionIds: readonly number[]): Promise<Segment[][]> {
    return groupedByKey(versionIds, await this.segments.find({ where: { versionId: In([...versionIds]) }, order: { index: 'ASC' } }), (s) => s.versionId);
  }

  async aliasesOf(versionIds: readonly number[]): Promise<string[][]> {
    const rows = await this.dataSource.getRepository(ModelAlias).find({ where: { versionId: In([...versionIds]) }, order: { alias: 'ASC' } });
    return groupedByKey(versionIds, rows, (r) => r.versionId).map((group) => group.map((r) => r.alias));
  }

  async findModels(ids: readonly number[]): Promise<Array<SegmentationModel | null>> {
    return inIdOrder(ids, await this.models.findBy({ id: In([...ids]) }));
  }

  async findVersions(ids: readonly number[]): Promise<Array<ModelVersion | null>> {
    return inIdOrder(ids, await this.versions.findBy({ id: In([...ids]) }));
  }

  async findRuns(ids: readonly number[]): Promise<Array<TrainingRun | null>> {
    return inIdOrder(ids, await this.runs.findBy({ id: In([...ids]) }));
  }

  async findSegments(ids: readonly number[]): Promise<Array<Segment | null>> {
    return inIdOrder(ids, await this.segments.findBy({ id: In([...ids]) }));
  }

  /** The version an alias points at; null when the alias is not set. */
  async versionIdOfAlias(alias: string): Promise<number | null> {
    const row = await this.dataSource.getRepository(ModelAlias).findOneBy({ alias });
    return row?.versionId ?? null;
  }

  /** A version given by id or by alias (default production): NOT_FOUND when neither leads to one. */
  async resolveVersion(versionId: number | null, alias: string | null): Promise<number> {
    const id = versionId ?? (await this.versionIdOfAlias(alias ?? DEFAULT_ALIAS));
    if (id === null) throw notFound('alias', alias ?? DEFAULT_ALIAS);
    await this.getVersion(id);
    return id;
  }

  /** Segments of a version, given by id or by alias. */
  async segmentsFor(versionId: number | null, alias: string | null): Promise<Segment[]> {
    return (await this.segmentsOf([await this.resolveVersion(versionId, alias)]))[0];
  }

  /** Stored assignments of customers in a version (one query for many customers). */
  async assignmentsOf(versionId: number, customerIds: readonly number[]): Promise<Array<CustomerAssignment | null>> {
    const rows = await this.dataSource.getRepository(SegmentAssignment).findBy({ versionId, customerId: In([...customerIds]) });
    const byCustomer = new Map(rows.map((r) => [r.customerId, r]));
    return customerIds.map((id) => byCustomer.get(id) ?? null);
  }

  /** A page of a segment's customers, nearest to the centre first. */
  async segmentCustomers(segmentId: number, page: PageArgs): Promise<ConnectionShape<Customer> & { edges: Array<{ cursor: string; node: Customer; distance: number }> }> {
    const window = pageWindow(page);
    const direction = fetchDirection('ASC', window);
    const segment = await this.getSegment(segmentId);
    const d = Dialect.of(this.dataSource);
    const params: unknown[] = [segment.versionId, segment.id];
    let keyset = '';
    if (window.cursor) {
      const [distance, id] = decodeCursor(window.cursor, ['number', 'number']);
      params.push(distance, distance, id);
      const op = keysetOperator(direction);
      keyset = `AND (a.distance ${op} ${d.param(3)} OR (a.distance = ${d.param(4)} AND a.customer_id ${op} ${d.param(5)}))`;
    }
    params.push(window.limit + 1);
    const rows: Array<{ customer_id: number; distance: number }> = await this.dataSource.query(
      `SELECT a.customer_id, a.distance FROM segment_assignments a
       WHERE a.version_id = ${d.param(1)} AND a.segment_id = ${d.param(2)} ${keyset}
       ORDER BY a.distance ${direction}, a.customer_id ${direction} LIMIT ${d.param(params.length)}`,
      params,
    );
    const customers = await this.dataSource.getRepository(Customer).findBy({ id: In(rows.map((r) => Number(r.customer_id))) });
    const byId = new Map(customers.map((c) => [c.id, c]));
    const distance = new Map(rows.map((r) => [Number(r.customer_id), Number(r.distance)]));
    const nodes = rows.map((r) => byId.get(Number(r.customer_id))!);
    const connection = toConnection(nodes, window, (c) => encodeCursor([distance.get(c.id)!, c.id]), async () => segment.size);
    return Object.assign(connection, { edges: connection.edges.map((e) => ({ ...e, distance: distance.get(e.node.id)! })) });
  }

  /**
   * Real-time assignment with the version an alias points at: features now, the artifact (cached per version), and
   * the plugin's `assign`. Nothing is stored.
   */
  async assignCustomers(customerIds: number[], alias: string): Promise<Array<CustomerAssignment & { segmentIndex: number }>> {
    if (customerIds.length === 0) return [];
    if (customerIds.length > 1000) throw badUserInput('at most 1000 customers per call', { argument: 'ids' });
    const versionId = await this.versionIdOfAlias(alias);
    if (versionId === null) throw notFound('alias', alias);
    const version = await this.getVersion(versionId);
    const scored = await this.score(version, customerIds, await this.features.defaultAsOf());
    if (scored.customerIds.length < customerIds.length) {
      const found = new Set(scored.customerIds);
      throw notFound('customer', customerIds.filter((id) => !found.has(id)).join(', '));
    }
    const live = scored.predictions ? await this.predictions.place(versionId, version.predictionHorizonDays!, scored.asOf, scored.customerIds, scored.predictions) : null;
    return scored.customerIds.map((customerId, i) => ({
      customerId,
      versionId,
      segmentIndex: scored.segmentIndexes[i],
      segmentId: scored.segmentIds[i],
      distance: scored.distances[i],
      predictions: live ? live[i] : null,
    }));
  }

  /**
   * Assigns customers with a version now: features as of `asOf`, the artifact (cached per version), the plugin's
   * `assign`, and (a predicting version) `predict`. Customers that do not exist are left out. Nothing is stored.
   */
  async score(version: ModelVersion, customerIds: readonly number[], asOf: Date, options: { offThread?: boolean } = {}): Promise<ScoredCustomers> {
    const segmenter = this.registry.get(version.segmenter);
    const features = await this.features.compute(customerIds, asOf);
    const data = buildTrainingSet(features, version.featureNames);
    const empty = { asOf, customerIds: [], segmentIndexes: [], segmentIds: [], distances: [], predictions: null };
    if (features.length === 0) return empty;
    await this.sequences.complete(data, segmenter.capabilities.inputs, asOf);
    const predicts = segmenter.capabilities.predicts === true && segmenter.predict !== undefined && version.predictionHorizonDays !== null;
    let assignments: Assignment[];
    let predictions: Prediction[] | null = null;
    if (options.offThread && this.scoring) {
      // Re-scoring: the plugin runs in the scoring thread; this thread only reads and writes.
      ({ assignments, predictions } = await this.scoring.score(version, data, predicts));
    } else {
      const { artifact, context } = await this.loaded.get(version);
      assignments = await segmenter.assign(artifact, data, context);
      if (predicts) predictions = await segmenter.predict!(artifact, data, context);
    }
    const segmentIdOf = new Map((await this.segmentsOf([version.id]))[0].map((s) => [s.index, s.id]));
    return {
      asOf,
      customerIds: data.customerIds,
      segmentIndexes: assignments.map((a) => a.segment),
      segmentIds: assignments.map((a) => segmentIdOf.get(a.segment)!),
      distances: assignments.map((a) => a.distance),
      predictions,
    };
  }
}

/** What `score` computed, in the order of `customerIds`. */
export interface ScoredCustomers {
  asOf: Date;
  customerIds: number[];
  segmentIndexes: number[];
  segmentIds: number[];
  distances: number[];
  predictions: Prediction[] | null;
}

