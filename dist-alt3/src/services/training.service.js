"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.TrainingService = exports.DEFAULT_TRAINING_QUEUE_LIMIT = exports.DEFAULT_ALIAS = void 0;
const graphql_1 = require("graphql");
const typeorm_1 = require("typeorm");
const prediction_service_1 = require("./prediction.service");
const dialect_1 = require("../db/dialect");
const entities_1 = require("../entities");
const errors_1 = require("../errors");
const params_1 = require("../registry/params");
const feature_catalogue_1 = require("../training/feature-catalogue");
const backend_1 = require("../ml/backend");
const batching_1 = require("./batching");
const child_pages_1 = require("./child-pages");
const pagination_1 = require("./pagination");
exports.DEFAULT_ALIAS = 'production';
/** A model's runs as child pages (ids and queue times only; the runs themselves are loaded by id). */
const RUN_PAGE = { table: 'training_runs', parentColumn: 'model_id', timeColumn: 'queued_at', columns: { id: 'id', queued_at: 'queuedAt' } };
const VERSION_PAGE = { table: 'model_versions', parentColumn: 'model_id', timeColumn: 'created_at', columns: { id: 'id', created_at: 'createdAt' } };
const ALIAS_PATTERN = /^[a-z][a-z0-9_-]{0,63}$/;
/** Refuses features from protected attributes unless the model opted in. */
function checkProtected(featureNames, allowed) {
    const used = featureNames.filter((f) => feature_catalogue_1.PROTECTED_FEATURES.includes(f));
    if (used.length > 0 && !allowed) {
        throw (0, errors_1.badUserInput)(`${used.join(', ')} ${used.length > 1 ? 'are' : 'is'} derived from protected attributes; register the model with allowProtectedAttributes: true to use ${used.length > 1 ? 'them' : 'it'}`, { argument: 'params' });
    }
}
/**
 * Models, training runs, versions, aliases and segments. Starting a run validates its params against the plugin's
 * schema, stores it QUEUED and hands it to the runner; everything after happens off the request path.
 */
/** Runs one API key may have QUEUED or RUNNING at once, unless TRAINING_QUEUE_LIMIT says otherwise. */
exports.DEFAULT_TRAINING_QUEUE_LIMIT = 8;
class TrainingService {
    dataSource;
    registry;
    runner;
    features;
    sequences;
    loaded;
    backendPreference;
    queueLimit;
    predictions;
    models;
    runs;
    versions;
    segments;
    constructor(dataSource, registry, runner, features, sequences, loaded, backendPreference = 'auto', 
    /** Most runs one API key may have QUEUED or RUNNING at once (TRAINING_QUEUE_LIMIT). */
    queueLimit = exports.DEFAULT_TRAINING_QUEUE_LIMIT, predictions = new prediction_service_1.PredictionService(dataSource)) {
        this.dataSource = dataSource;
        this.registry = registry;
        this.runner = runner;
        this.features = features;
        this.sequences = sequences;
        this.loaded = loaded;
        this.backendPreference = backendPreference;
        this.queueLimit = queueLimit;
        this.predictions = predictions;
        this.models = dataSource.getRepository(entities_1.SegmentationModel);
        this.runs = dataSource.getRepository(entities_1.TrainingRun);
        this.versions = dataSource.getRepository(entities_1.ModelVersion);
        this.segments = dataSource.getRepository(entities_1.Segment);
    }
    /** The TensorFlow.js backends, best first, and which one a run would take. */
    async computeBackends() {
        const all = await (0, backend_1.probeBackends)();
        const preferred = this.backendPreference === 'auto' ? all.find((b) => b.available)?.name : this.backendPreference;
        return all.map((b) => ({ ...b, preferred: b.name === preferred }));
    }
    async registerModel(input) {
        const name = input.name.trim();
        if (name === '' || name.length > 200)
            throw (0, errors_1.badUserInput)('name must be 1 to 200 characters', { argument: 'name' });
        const segmenter = this.registry.get(input.segmenter);
        const params = (0, params_1.validateSegmenterParams)(segmenter, input.params);
        const allowProtectedAttributes = input.allowProtectedAttributes === true;
        checkProtected(segmenter.featureNames(params), allowProtectedAttributes);
        if (await this.models.existsBy({ name })) {
            throw new graphql_1.GraphQLError(`a model named ${JSON.stringify(name)} exists already`, { extensions: { code: errors_1.ErrorCode.CONFLICT } });
        }
        return this.models.save(this.models.create({ name, segmenter: segmenter.code, params, allowProtectedAttributes }));
    }
    /** Validates, stores the run QUEUED and queues it; returns at once. */
    async startRun(modelId, overrides, options = {}) {
        const model = await this.getModel(modelId);
        const segmenter = this.registry.get(model.segmenter);
        if (overrides !== null && overrides !== undefined && (typeof overrides !== 'object' || Array.isArray(overrides)))
            throw (0, errors_1.badUserInput)('params must be a JSON object');
        const params = (0, params_1.validateSegmenterParams)(segmenter, { ...model.params, ...(overrides ?? {}) });
        checkProtected(segmenter.featureNames(params), model.allowProtectedAttributes);
        if (options.asOf && options.asOf.getTime() > Date.now()) {
            throw (0, errors_1.badUserInput)(`asOf ${options.asOf.toISOString()} is in the future: a model learns only from what has happened`, { argument: 'asOf' });
        }
        const seed = options.seed ?? 42;
        if (!Number.isSafeInteger(seed) || seed < 0)
            throw (0, errors_1.badUserInput)('seed must be a non-negative integer', { argument: 'seed' });
        const keyId = options.keyId ?? null;
        if (keyId !== null) {
            const pending = await this.runs.countBy({ createdByKeyId: keyId, status: (0, typeorm_1.In)(['QUEUED', 'RUNNING']) });
            if (pending >= this.queueLimit) {
                throw new graphql_1.GraphQLError(`this API key has ${pending} training runs queued or running; at most ${this.queueLimit} at once (TRAINING_QUEUE_LIMIT): wait for one to finish or cancel one`, {
                    extensions: { code: errors_1.ErrorCode.RATE_LIMITED, limit: this.queueLimit },
                });
            }
        }
        const run = await this.runs.save(this.runs.create({ modelId, status: 'QUEUED', params, seed, progress: 0, asOf: options.asOf ?? null, queuedAt: new Date(), message: 'queued', createdByKeyId: keyId }));
        this.runner.enqueue(run.id);
        return run;
    }
    async cancelRun(runId) {
        const run = await this.getRun(runId);
        if (entities_1.FINISHED_STATUSES.includes(run.status)) {
            throw new graphql_1.GraphQLError(`run ${runId} has already ended (${run.status})`, { extensions: { code: errors_1.ErrorCode.CONFLICT } });
        }
        await this.runner.cancel(runId);
        return this.getRun(runId);
    }
    async setAlias(versionId, alias, movedBy = 'anonymous') {
        if (!ALIAS_PATTERN.test(alias))
            throw (0, errors_1.badUserInput)(`alias ${JSON.stringify(alias)} must be lower-case letters, digits, - or _`, { argument: 'alias' });
        const version = await this.getVersion(versionId);
        await this.dataSource.transaction(async (manager) => {
            const previous = await manager.getRepository(entities_1.ModelAlias).findOneBy({ alias });
            const now = new Date();
            await manager.getRepository(entities_1.ModelAlias).save({ alias, versionId, updatedAt: now });
            await manager.getRepository(entities_1.ModelAliasHistory).save({ alias, versionId, previousVersionId: previous?.versionId ?? null, movedBy, movedAt: now });
        });
        return version;
    }
    /** Moves of an alias (or of every alias), newest first. */
    /** Alias moves, newest first. */
    aliasHistory(alias, page) {
        const build = () => {
            const qb = this.dataSource.getRepository(entities_1.ModelAliasHistory).createQueryBuilder('h');
            if (alias)
                qb.where('h.alias = :alias', { alias });
            return qb;
        };
        return (0, pagination_1.pageById)(build(), 'h.id', 'DESC', page, () => build().getCount());
    }
    async getModel(id) {
        return (await this.models.findOneBy({ id })) ?? Promise.reject((0, errors_1.notFound)('model', id));
    }
    async getRun(id) {
        return (await this.runs.findOneBy({ id })) ?? Promise.reject((0, errors_1.notFound)('training run', id));
    }
    async getVersion(id) {
        return (await this.versions.findOneBy({ id })) ?? Promise.reject((0, errors_1.notFound)('model version', id));
    }
    async getSegment(id) {
        return (await this.segments.findOneBy({ id })) ?? Promise.reject((0, errors_1.notFound)('segment', id));
    }
    listModels(page) {
        return (0, pagination_1.pageById)(this.models.createQueryBuilder('m'), 'm.id', 'ASC', page, () => this.models.count());
    }
    /**
     * Runs of many models, newest first, one page each, in two queries (the page of ids, then the runs): what
     * `models { runs(first: ...) }` costs whatever the number of models.
     */
    async runPagesForModels(modelIds, page) {
        const pages = await (0, child_pages_1.childConnections)(this.dataSource, RUN_PAGE, modelIds, page);
        const runs = await this.findRuns([...new Set(pages.flatMap((p) => p.edges.map((e) => e.node.id)))]);
        const byId = new Map(runs.filter((r) => r !== null).map((r) => [r.id, r]));
        return pages.map((p) => Object.assign(p, { edges: p.edges.map((e) => ({ cursor: e.cursor, node: byId.get(e.node.id) })) }));
    }
    listRuns(filter, page) {
        const build = () => {
            const qb = this.runs.createQueryBuilder('r');
            if (filter.modelId)
                qb.andWhere('r.modelId = :modelId', { modelId: filter.modelId });
            if (filter.status)
                qb.andWhere('r.status = :status', { status: filter.status });
            return qb;
        };
        return (0, pagination_1.pageById)(build(), 'r.id', 'DESC', page, () => build().getCount());
    }
    /** Versions of many models, newest first, one page each, in two queries (as runs). */
    async versionPagesForModels(modelIds, page) {
        const pages = await (0, child_pages_1.childConnections)(this.dataSource, VERSION_PAGE, modelIds, page);
        const versions = await this.findVersions([...new Set(pages.flatMap((p) => p.edges.map((e) => e.node.id)))]);
        const byId = new Map(versions.filter((v) => v !== null).map((v) => [v.id, v]));
        return pages.map((p) => Object.assign(p, { edges: p.edges.map((e) => ({ cursor: e.cursor, node: byId.get(e.node.id) })) }));
    }
    async segmentsOf(versionIds) {
        return (0, batching_1.groupedByKey)(versionIds, await this.segments.find({ where: { versionId: (0, typeorm_1.In)([...versionIds]) }, order: { index: 'ASC' } }), (s) => s.versionId);
    }
    async aliasesOf(versionIds) {
        const rows = await this.dataSource.getRepository(entities_1.ModelAlias).find({ where: { versionId: (0, typeorm_1.In)([...versionIds]) }, order: { alias: 'ASC' } });
        return (0, batching_1.groupedByKey)(versionIds, rows, (r) => r.versionId).map((group) => group.map((r) => r.alias));
    }
    async findModels(ids) {
        return (0, batching_1.inIdOrder)(ids, await this.models.findBy({ id: (0, typeorm_1.In)([...ids]) }));
    }
    async findVersions(ids) {
        return (0, batching_1.inIdOrder)(ids, await this.versions.findBy({ id: (0, typeorm_1.In)([...ids]) }));
    }
    async findRuns(ids) {
        return (0, batching_1.inIdOrder)(ids, await this.runs.findBy({ id: (0, typeorm_1.In)([...ids]) }));
    }
    async findSegments(ids) {
        return (0, batching_1.inIdOrder)(ids, await this.segments.findBy({ id: (0, typeorm_1.In)([...ids]) }));
    }
    /** The version an alias points at; null when the alias is not set. */
    async versionIdOfAlias(alias) {
        const row = await this.dataSource.getRepository(entities_1.ModelAlias).findOneBy({ alias });
        return row?.versionId ?? null;
    }
    /** A version given by id or by alias (default production): NOT_FOUND when neither leads to one. */
    async resolveVersion(versionId, alias) {
        const id = versionId ?? (await this.versionIdOfAlias(alias ?? exports.DEFAULT_ALIAS));
        if (id === null)
            throw (0, errors_1.notFound)('alias', alias ?? exports.DEFAULT_ALIAS);
        await this.getVersion(id);
        return id;
    }
    /** Segments of a version, given by id or by alias. */
    async segmentsFor(versionId, alias) {
        return (await this.segmentsOf([await this.resolveVersion(versionId, alias)]))[0];
    }
    /** Stored assignments of customers in a version (one query for many customers). */
    async assignmentsOf(versionId, customerIds) {
        const rows = await this.dataSource.getRepository(entities_1.SegmentAssignment).findBy({ versionId, customerId: (0, typeorm_1.In)([...customerIds]) });
        const byCustomer = new Map(rows.map((r) => [r.customerId, r]));
        return customerIds.map((id) => byCustomer.get(id) ?? null);
    }
    /** A page of a segment's customers, nearest to the centre first. */
    async segmentCustomers(segmentId, page) {
        const window = (0, pagination_1.pageWindow)(page);
        const direction = (0, pagination_1.fetchDirection)('ASC', window);
        const segment = await this.getSegment(segmentId);
        const d = dialect_1.Dialect.of(this.dataSource);
        const params = [segment.versionId, segment.id];
        let keyset = '';
        if (window.cursor) {
            const [distance, id] = (0, pagination_1.decodeCursor)(window.cursor, ['number', 'number']);
            params.push(distance, distance, id);
            const op = (0, pagination_1.keysetOperator)(direction);
            keyset = `AND (a.distance ${op} ${d.param(3)} OR (a.distance = ${d.param(4)} AND a.customer_id ${op} ${d.param(5)}))`;
        }
        params.push(window.limit + 1);
        const rows = await this.dataSource.query(`SELECT a.customer_id, a.distance FROM segment_assignments a
       WHERE a.version_id = ${d.param(1)} AND a.segment_id = ${d.param(2)} ${keyset}
       ORDER BY a.distance ${direction}, a.customer_id ${direction} LIMIT ${d.param(params.length)}`, params);
        const customers = await this.dataSource.getRepository(entities_1.Customer).findBy({ id: (0, typeorm_1.In)(rows.map((r) => Number(r.customer_id))) });
        const byId = new Map(customers.map((c) => [c.id, c]));
        const distance = new Map(rows.map((r) => [Number(r.customer_id), Number(r.distance)]));
        const nodes = rows.map((r) => byId.get(Number(r.customer_id)));
        const connection = (0, pagination_1.toConnection)(nodes, window, (c) => (0, pagination_1.encodeCursor)([distance.get(c.id), c.id]), async () => segment.size);
        return Object.assign(connection, { edges: connection.edges.map((e) => ({ ...e, distance: distance.get(e.node.id) })) });
    }
    /**
     * Real-time assignment with the version an alias points at: features now, the artifact (cached per version), and
     * the plugin's `assign`. Nothing is stored.
     */
    async assignCustomers(customerIds, alias) {
        if (customerIds.length === 0)
            return [];
        if (customerIds.length > 1000)
            throw (0, errors_1.badUserInput)('at most 1000 customers per call', { argument: 'ids' });
        const versionId = await this.versionIdOfAlias(alias);
        if (versionId === null)
            throw (0, errors_1.notFound)('alias', alias);
        const version = await this.getVersion(versionId);
        const { segmenter, artifact, context } = this.loaded.get(version);
        const asOf = await this.features.defaultAsOf();
        const features = await this.features.compute(customerIds, asOf);
        if (features.length < customerIds.length) {
            const found = new Set(features.map((f) => f.customerId));
            throw (0, errors_1.notFound)('customer', customerIds.filter((id) => !found.has(id)).join(', '));
        }
        const data = (0, feature_catalogue_1.buildTrainingSet)(features, version.featureNames);
        await this.sequences.complete(data, segmenter.capabilities.inputs, asOf);
        const assignments = await segmenter.assign(artifact, data, context);
        const segmentIdOf = new Map((await this.segmentsOf([versionId]))[0].map((s) => [s.index, s.id]));
        // A predicting version predicts now too, from the same data, placed among its stored predictions.
        let live = null;
        if (segmenter.capabilities.predicts && segmenter.predict && version.predictionHorizonDays !== null) {
            const rows = await segmenter.predict(artifact, data, context);
            live = await this.predictions.place(versionId, version.predictionHorizonDays, asOf, data.customerIds, rows);
        }
        return features.map((f, i) => ({
            customerId: f.customerId,
            versionId,
            segmentIndex: assignments[i].segment,
            segmentId: segmentIdOf.get(assignments[i].segment),
            distance: assignments[i].distance,
            predictions: live ? live[i] : null,
        }));
    }
}
exports.TrainingService = TrainingService;
//# sourceMappingURL=training.service.js.map