"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.SegmentExportService = exports.DEFAULT_EXPORT_LIMITS = exports.DEFAULT_EXPORT_COLUMNS = exports.PII_COLUMNS = exports.EXPORT_COLUMNS = void 0;
exports.checkColumns = checkColumns;
const node_crypto_1 = __importDefault(require("node:crypto"));
const node_fs_1 = __importDefault(require("node:fs"));
const node_path_1 = __importDefault(require("node:path"));
const graphql_1 = require("graphql");
const typeorm_1 = require("typeorm");
const roles_1 = require("../auth/roles");
const dialect_1 = require("../db/dialect");
const money_1 = require("../db/money");
const sql_1 = require("../db/sql");
const entities_1 = require("../entities");
const csv_writer_1 = require("../import/csv-writer");
const errors_1 = require("../errors");
const pagination_1 = require("./pagination");
/** Every column an export can have, in a stable order; PII columns are written empty for viewers. */
exports.EXPORT_COLUMNS = [
    'customer_id',
    'external_id',
    'email',
    'name',
    'city',
    'country',
    'version_id',
    'segment_index',
    'segment_name',
    'distance',
    'orders',
    'spend',
    'first_order_at',
    'last_order_at',
    'recency_days',
    // A predicting version's predictions (empty for the others): see Customer.predictions.
    'expected_purchases',
    'p_alive',
    'churn_probability',
    'expected_spend',
    'clv',
    'clv_percentile',
    'expected_next_purchase_at',
    'value_tier',
];
exports.PII_COLUMNS = ['email', 'name', 'city'];
exports.DEFAULT_EXPORT_COLUMNS = ['customer_id', 'external_id', 'country', 'segment_index', 'segment_name', 'distance', 'orders', 'spend', 'last_order_at', 'recency_days'];
const STATS_COLUMNS = ['orders', 'spend', 'first_order_at', 'last_order_at', 'recency_days'];
/**
 * Rows read per statement: memory stays flat however many customers a version has, and each statement stays short
 * (on SQLite a statement runs synchronously on the event loop that serves requests).
 */
const BATCH = 1000;
const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;
/** How often expired exports and stray files are swept (EXPORT_TTL_HOURS is whole hours; reads expire at once). */
const SWEEP_INTERVAL_MS = 10 * 60_000;
/** The files this service writes in EXPORTS_DIR: `<id>.<csv|ndjson>`, and `.part` while the job writes it. */
const EXPORT_FILE = /^(exp_[0-9a-f]{24})\.(?:csv|ndjson)(\.part)?$/;
exports.DEFAULT_EXPORT_LIMITS = { concurrent: 2, daily: 50, dailyBytes: 2_000_000_000, ttlHours: 24 };
/** Why a job stopped on purpose; its message is the export's `error` as is. */
class ExportStopped extends Error {
}
function checkColumns(columns) {
    if (!columns || columns.length === 0)
        return [...exports.DEFAULT_EXPORT_COLUMNS];
    const unknown = columns.filter((c) => !exports.EXPORT_COLUMNS.includes(c));
    if (unknown.length)
        throw (0, errors_1.badUserInput)(`unknown export column(s) ${unknown.join(', ')}; known: ${exports.EXPORT_COLUMNS.join(', ')}`, { argument: 'columns', known: [...exports.EXPORT_COLUMNS] });
    if (new Set(columns).size !== columns.length)
        throw (0, errors_1.badUserInput)('a column is named twice', { argument: 'columns' });
    return columns;
}
/**
 * Bulk exports of a version's segment assignments (as Shopify's bulk operations): `create` stores the request and
 * queues a job; the job writes the file batch by batch (never the whole table in memory); `GET /exports/<id>`
 * streams it. The same row writer serves `segmentql export` straight to stdout.
 */
class SegmentExportService {
    dataSource;
    exportsDir;
    defaultAsOf;
    customerStats;
    log;
    repo;
    dialect;
    queue = Promise.resolve();
    /** Quota checks and inserts, one at a time (in this process), so that parallel requests cannot both pass a check. */
    admission = Promise.resolve();
    /** Exports deleted while QUEUED or RUNNING: their job stops at its next chunk. */
    cancelled = new Set();
    limits;
    sweeper = null;
    sweeping = null;
    closing = false;
    constructor(dataSource, exportsDir, defaultAsOf, customerStats, log = () => undefined, limits = {}) {
        this.dataSource = dataSource;
        this.exportsDir = exportsDir;
        this.defaultAsOf = defaultAsOf;
        this.customerStats = customerStats;
        this.log = log;
        this.repo = dataSource.getRepository(entities_1.SegmentExport);
        this.dialect = dialect_1.Dialect.of(dataSource);
        this.limits = { ...exports.DEFAULT_EXPORT_LIMITS, ...Object.fromEntries(Object.entries(limits).filter(([, v]) => v !== undefined)) };
    }
    /**
     * Start-up: exports a previous process left unfinished are marked FAILED (their file is partial or missing), and
     * the sweep runs once (expired files, every `.part` file, files of exports that no longer exist).
     */
    async recover() {
        const stale = await this.repo.findBy({ status: (0, typeorm_1.In)(['QUEUED', 'RUNNING']) });
        for (const e of stale)
            await this.repo.update(e.id, { status: 'FAILED', error: 'interrupted: the server stopped before the export finished', finishedAt: new Date() });
        await this.sweep({ startup: true });
        return stale.length;
    }
    /** Sweeps every few minutes (an unref'd timer: it never keeps the process alive) until `close`. */
    startSweeping() {
        if (this.sweeper || this.closing)
            return;
        this.sweeper = setInterval(() => {
            if (this.sweeping)
                return;
            this.sweeping = this.sweep()
                .catch((err) => this.log(`sweeping exports failed: ${err.stack ?? String(err)}`))
                .finally(() => (this.sweeping = null));
        }, SWEEP_INTERVAL_MS);
        this.sweeper.unref();
    }
    /**
     * Queues an export, within the key's quotas (RATE_LIMITED beyond, and nothing is written): EXPORT_CONCURRENT_LIMIT
     * exports QUEUED or RUNNING, EXPORT_DAILY_LIMIT exports and EXPORT_DAILY_BYTES bytes in the last 24 hours.
     */
    async create(versionId, alias, format, columns, principal) {
        const checked = checkColumns(columns);
        return this.admit(async () => {
            await this.checkQuotas(principal.keyId);
            const row = await this.repo.save(this.repo.create({
                id: `exp_${node_crypto_1.default.randomBytes(12).toString('hex')}`,
                versionId,
                alias,
                format,
                columns: JSON.stringify(checked),
                status: 'QUEUED',
                rowCount: 0,
                byteSize: null,
                piiMasked: !(0, roles_1.seesPii)(principal),
                createdByKeyId: principal.keyId,
                error: null,
                createdAt: new Date(),
                finishedAt: null,
            }));
            // Off the request path: one export at a time, after the mutation has answered. `run` never rejects; the catch
            // is a second net, so that the queue (and the process) survive whatever a job does.
            this.queue = this.queue.then(() => this.run(row.id)).catch((err) => this.log(`export ${row.id}: ${err.stack ?? String(err)}`));
            return row;
        });
    }
    /** An export the principal may see: its own, or any for an admin; another key's is NOT_FOUND (as one that does not exist). */
    async get(id, principal) {
        const row = await this.repo.findOneBy({ id: String(id).slice(0, 40) });
        if (!row || !this.visibleTo(row, principal))
            throw (0, errors_1.notFound)('export', id);
        if (row.status === 'SUCCEEDED' && this.isExpired(row))
            await this.expire(row);
        return row;
    }
    /** The principal's exports (an admin's: everyone's), newest first. */
    async list(page, principal) {
        const window = (0, pagination_1.pageWindow)(page);
        const direction = (0, pagination_1.fetchDirection)('DESC', window);
        const qb = this.repo.createQueryBuilder('e');
        const mine = this.ownerFilter(principal);
        if (mine)
            qb.where(mine.where, mine.params);
        if (window.cursor) {
            const [at, id] = (0, pagination_1.decodeCursor)(window.cursor, ['string', 'string']);
            const date = new Date(at);
            if (Number.isNaN(date.getTime()))
                throw (0, errors_1.badUserInput)('not a cursor from this list', { argument: window.backward ? 'before' : 'after' });
            const op = (0, pagination_1.keysetOperator)(direction);
            qb.andWhere(`(e.createdAt ${op} :at OR (e.createdAt = :at AND e.id ${op} :id))`, { at: this.dialect.timestamp(date), id });
        }
        const rows = await qb.orderBy('e.createdAt', direction).addOrderBy('e.id', direction).take(window.limit + 1).getMany();
        const total = () => {
            const counter = this.repo.createQueryBuilder('e');
            if (mine)
                counter.where(mine.where, mine.params);
            return counter.getCount();
        };
        return (0, pagination_1.toConnection)(rows, window, (e) => (0, pagination_1.encodeCursor)([e.createdAt.toISOString(), e.id]), total);
    }
    /**
     * Deletes an export (the principal's own, or any for an admin): its file and its row. A QUEUED or RUNNING one stops
     * at its next chunk. It still counts against the key's daily quotas (a usage row stays for 24 hours).
     */
    async delete(id, principal) {
        const row = await this.get(id, principal);
        return this.admit(async () => {
            await this.dataSource.transaction(async (m) => {
                const sql = new sql_1.Sql(this.dialect);
                await m.query(`INSERT INTO segment_export_usage (export_id, created_by_key_id, created_at, byte_size) VALUES (${sql.p(row.id)}, ${sql.p(row.createdByKeyId)}, ${sql.p(this.dialect.timestamp(row.createdAt))}, ${sql.p(row.byteSize)})`, sql.params);
                await m.delete(entities_1.SegmentExport, { id: row.id });
            });
            if (row.status === 'QUEUED' || row.status === 'RUNNING')
                this.cancelled.add(row.id);
            const file = this.filePath(row);
            this.removeQuietly(file);
            this.removeQuietly(`${file}.part`);
            return row.id;
        });
    }
    /** When the file is (or was) removed: EXPORT_TTL_HOURS after the export finished; null until it has. */
    expiresAt(row) {
        if ((row.status !== 'SUCCEEDED' && row.status !== 'EXPIRED') || !row.finishedAt)
            return null;
        return new Date(row.finishedAt.getTime() + this.limits.ttlHours * HOUR_MS);
    }
    /**
     * Expires finished exports past EXPORT_TTL_HOURS (file removed, status EXPIRED) and removes stray files: `.part`
     * files of exports not running (at start-up, every one: nothing runs yet), and files of exports deleted or gone.
     * Usage rows older than a day are pruned.
     */
    async sweep(options = {}) {
        const cutoff = new Date(Date.now() - this.limits.ttlHours * HOUR_MS);
        const old = await this.repo
            .createQueryBuilder('e')
            .where('e.status = :status', { status: 'SUCCEEDED' })
            .andWhere('e.finishedAt < :cutoff', { cutoff: this.dialect.timestamp(cutoff) })
            .getMany();
        for (const row of old)
            await this.expire(row);
        let removed = 0;
        let names = [];
        try {
            names = node_fs_1.default.readdirSync(this.exportsDir);
        }
        catch (err) {
            if (err.code !== 'ENOENT')
                this.log(`sweeping exports: cannot read EXPORTS_DIR: ${err.message}`);
        }
        const files = names.map((name) => ({ name, match: EXPORT_FILE.exec(name) })).filter((f) => f.match !== null);
        const status = new Map();
        const ids = [...new Set(files.map((f) => f.match[1]))];
        for (let i = 0; i < ids.length; i += 500) {
            for (const r of await this.repo.find({ select: { id: true, status: true }, where: { id: (0, typeorm_1.In)(ids.slice(i, i + 500)) } }))
                status.set(r.id, r.status);
        }
        for (const { name, match } of files) {
            const state = status.get(match[1]);
            const part = match[2] !== undefined;
            // A job may be writing it (or renaming it, between its rename and its status update).
            const running = !options.startup && (state === 'QUEUED' || state === 'RUNNING');
            if (running || (state === 'SUCCEEDED' && !part))
                continue;
            if (this.removeQuietly(node_path_1.default.join(this.exportsDir, name)))
                removed++;
        }
        const sql = new sql_1.Sql(this.dialect);
        await this.dataSource.query(`DELETE FROM segment_export_usage WHERE created_at < ${sql.p(this.dialect.timestamp(new Date(Date.now() - DAY_MS)))}`, sql.params);
        if (old.length > 0 || removed > 0)
            this.log(`export sweep: ${old.length} export(s) expired, ${removed} stray file(s) removed`);
        return { expired: old.length, removed };
    }
    isExpired(row) {
        const at = this.expiresAt(row);
        return at !== null && at.getTime() <= Date.now();
    }
    /** SUCCEEDED -> EXPIRED (only from SUCCEEDED: a deletion in between wins), then the file goes. */
    async expire(row) {
        await this.repo.createQueryBuilder().update(entities_1.SegmentExport).set({ status: 'EXPIRED' }).where('id = :id AND status = :status', { id: row.id, status: 'SUCCEEDED' }).execute();
        this.removeQuietly(this.filePath(row));
        row.status = 'EXPIRED';
    }
    visibleTo(row, principal) {
        return (0, roles_1.roleAtLeast)(principal.role, 'admin') || (row.createdByKeyId !== null && row.createdByKeyId === principal.keyId);
    }
    /** The WHERE that limits a list to the principal's exports; none for an admin. */
    ownerFilter(principal) {
        if ((0, roles_1.roleAtLeast)(principal.role, 'admin'))
            return null;
        // A non-admin without a key cannot exist (AUTH=off acts as admin); it would see nothing.
        return { where: 'e.createdByKeyId = :owner', params: { owner: principal.keyId ?? -1 } };
    }
    /** Runs `fn` after every earlier admission has settled. */
    admit(fn) {
        const result = this.admission.then(fn);
        this.admission = result.catch(() => undefined);
        return result;
    }
    async checkQuotas(keyId) {
        const { concurrent, daily, dailyBytes } = this.limits;
        const active = await this.repo.count({ where: { createdByKeyId: keyId ?? (0, typeorm_1.IsNull)(), status: (0, typeorm_1.In)(['QUEUED', 'RUNNING']) } });
        if (active >= concurrent) {
            throw quotaExceeded(`this API key has ${active} export(s) queued or running (at most ${concurrent}, EXPORT_CONCURRENT_LIMIT): wait for one to finish`, 'EXPORT_CONCURRENT_LIMIT', concurrent);
        }
        const usage = await this.usageSince(keyId, new Date(Date.now() - DAY_MS));
        const retryAfterSeconds = usage.oldest ? Math.max(1, Math.ceil((usage.oldest.getTime() + DAY_MS - Date.now()) / 1000)) : undefined;
        if (usage.count >= daily) {
            throw quotaExceeded(`this API key created ${usage.count} exports in the last 24 hours (at most ${daily}, EXPORT_DAILY_LIMIT)`, 'EXPORT_DAILY_LIMIT', daily, retryAfterSeconds);
        }
        if (usage.bytes >= dailyBytes) {
            throw quotaExceeded(`this API key's exports wrote ${usage.bytes} bytes in the last 24 hours (at most ${dailyBytes}, EXPORT_DAILY_BYTES)`, 'EXPORT_DAILY_BYTES', dailyBytes, retryAfterSeconds);
        }
    }
    /** Exports a key created since `since` (deleted ones included), the bytes they wrote, and the oldest one's time. */
    async usageSince(keyId, since) {
        const sql = new sql_1.Sql(this.dialect);
        const owner = () => (keyId === null ? 'created_by_key_id IS NULL' : `created_by_key_id = ${sql.p(keyId)}`);
        const rows = await this.dataSource.query(`SELECT COUNT(*) AS n, COALESCE(SUM(byte_size), 0) AS bytes, MIN(created_at) AS oldest FROM (
         SELECT created_at, byte_size FROM segment_exports WHERE ${owner()} AND created_at >= ${sql.p(this.dialect.timestamp(since))}
         UNION ALL
         SELECT created_at, byte_size FROM segment_export_usage WHERE ${owner()} AND created_at >= ${sql.p(this.dialect.timestamp(since))}
       ) u`, sql.params);
        return { count: Number(rows[0].n), bytes: Number(rows[0].bytes), oldest: this.dialect.readTimestamp(rows[0].oldest) };
    }
    /** Removes a file if it is there; never throws (a failure is logged): true when one was removed. */
    removeQuietly(file) {
        try {
            if (!node_fs_1.default.existsSync(file))
                return false;
            node_fs_1.default.rmSync(file, { force: true });
            return true;
        }
        catch (err) {
            this.log(`could not remove ${file}: ${err.message}`);
            return false;
        }
    }
    filePath(row) {
        return node_path_1.default.join(this.exportsDir, `${row.id}.${row.format === 'CSV' ? 'csv' : 'ndjson'}`);
    }
    specOf(row) {
        return { versionId: row.versionId, format: row.format, columns: JSON.parse(row.columns), maskPii: row.piiMasked };
    }
    /** Waits for the export queue (the server's shutdown). */
    async close() {
        this.closing = true;
        if (this.sweeper)
            clearInterval(this.sweeper);
        this.sweeper = null;
        await this.queue;
        await this.sweeping;
    }
    /**
     * The job: writes `<id>.<ext>.part`, then renames it. It never throws: whatever goes wrong (the database, an
     * unusable EXPORTS_DIR, a full disk) fails the export, with a message that names no server path, and the full
     * error goes to the log.
     */
    async run(id) {
        let partial = null;
        let out = null;
        let written = 0;
        try {
            const row = await this.repo.findOneBy({ id });
            if (!row || row.status !== 'QUEUED' || this.cancelled.has(id))
                return;
            await this.repo.update(id, { status: 'RUNNING' });
            // What the key may still write today; the other exports of a key never run at the same time (one queue).
            const budget = this.limits.dailyBytes - (await this.usageSince(row.createdByKeyId, new Date(Date.now() - DAY_MS))).bytes;
            const file = this.filePath(row);
            partial = `${file}.part`;
            node_fs_1.default.mkdirSync(this.exportsDir, { recursive: true });
            const stream = node_fs_1.default.createWriteStream(partial);
            out = stream;
            // Errors are also read from `errored` by `write`; a listener keeps an early one from being thrown as unhandled.
            stream.on('error', () => undefined);
            const finished = new Promise((resolve, reject) => {
                stream.once('finish', resolve);
                stream.once('error', reject);
            });
            finished.catch(() => undefined);
            const count = await this.write(this.specOf(row), stream, (bytes) => {
                if (this.cancelled.has(id))
                    throw new ExportStopped('deleted while it was written');
                if (this.closing)
                    throw new ExportStopped('interrupted: the server stopped');
                written += bytes;
                if (written > budget) {
                    throw new ExportStopped(`stopped at ${written} bytes: this API key's exports may write ${this.limits.dailyBytes} bytes in 24 hours (EXPORT_DAILY_BYTES)`);
                }
            });
            stream.end();
            await finished;
            node_fs_1.default.renameSync(partial, file);
            partial = null;
            await this.repo.update(id, { status: 'SUCCEEDED', rowCount: count, byteSize: node_fs_1.default.statSync(file).size, finishedAt: new Date() });
            // Deleted between its last chunk and now: the row is gone, so is the file.
            if (!(await this.repo.existsBy({ id })))
                this.removeQuietly(file);
        }
        catch (err) {
            // The file is created when the stream opens: wait for it to close before removing it.
            if (out)
                await closed(out);
            if (partial)
                this.removeQuietly(partial);
            const message = err instanceof ExportStopped ? err.message : this.closing ? 'interrupted: the server stopped' : describeError(err);
            this.log(`export ${id} failed: ${err?.stack ?? String(err)}`);
            await this.repo
                .update(id, { status: 'FAILED', error: message, byteSize: written > 0 ? Math.min(written, 2_147_483_647) : null, finishedAt: new Date() })
                .catch((e) => this.log(`export ${id}: recording its failure failed: ${e.message}`));
        }
        finally {
            this.cancelled.delete(id);
        }
    }
    /**
     * Writes the header and every row to `out`, honouring backpressure; returns the number of rows. `beforeWrite` sees
     * each chunk's size first and may throw to stop. A failed stream rejects (it never waits for a drain that will not come).
     */
    async write(spec, out, beforeWrite) {
        const put = (text) => {
            beforeWrite?.(Buffer.byteLength(text));
            if (out.destroyed || out.errored)
                return Promise.reject(out.errored ?? new Error('the output was closed'));
            if (out.write(text))
                return Promise.resolve();
            return new Promise((resolve, reject) => {
                const settle = (err) => {
                    out.off('drain', onDrain);
                    out.off('error', onError);
                    out.off('close', onClose);
                    if (err)
                        reject(err);
                    else
                        resolve();
                };
                const onDrain = () => settle();
                const onError = (err) => settle(err);
                const onClose = () => settle(out.errored ?? new Error('the output was closed'));
                out.once('drain', onDrain);
                out.once('error', onError);
                out.once('close', onClose);
            });
        };
        if (spec.format === 'CSV')
            await put(spec.columns.join(',') + '\n');
        let count = 0;
        for await (const batch of this.rows(spec)) {
            const lines = batch.map((r) => (spec.format === 'CSV' ? spec.columns.map((c) => (0, csv_writer_1.csvField)(r[c])).join(',') : JSON.stringify(Object.fromEntries(spec.columns.map((c) => [c, r[c] ?? null])))));
            await put(lines.join('\n') + '\n');
            count += batch.length;
        }
        return count;
    }
    /** The version's assignments in customer id order, a batch at a time. */
    async *rows(spec) {
        const d = this.dialect;
        const wantsStats = spec.columns.some((c) => STATS_COLUMNS.includes(c));
        if (wantsStats)
            await this.customerStats.ensureFresh();
        const asOf = (await this.defaultAsOf()).getTime();
        let after = 0;
        for (;;) {
            if (this.closing)
                throw new Error('interrupted');
            const sql = new sql_1.Sql(d);
            const batch = await this.dataSource.query(`SELECT a.customer_id AS customer_id, c.external_id AS external_id, c.email AS email, c.name AS name, c.city AS city,
                c.country AS country, a.version_id AS version_id, s.segment_index AS segment_index, s.name AS segment_name, a.distance AS distance,
                cp.expected_purchases AS expected_purchases, cp.p_alive AS p_alive, cp.churn_probability AS churn_probability,
                cp.expected_spend_per_purchase AS expected_spend, cp.clv AS clv, cp.clv_percentile AS clv_percentile,
                cp.next_purchase_at AS next_purchase_at, cp.value_tier AS value_tier
         FROM segment_assignments a
         JOIN customers c ON c.id = a.customer_id
         JOIN segments s ON s.id = a.segment_id
         LEFT JOIN customer_predictions cp ON cp.version_id = a.version_id AND cp.customer_id = a.customer_id
         WHERE a.version_id = ${sql.p(spec.versionId)} AND a.customer_id > ${sql.p(after)}
         ORDER BY a.customer_id LIMIT ${sql.p(BATCH)}`, sql.params);
            if (batch.length === 0)
                return;
            const first = Number(batch[0].customer_id);
            after = Number(batch[batch.length - 1].customer_id);
            const stats = wantsStats ? await this.statsBetween(first, after) : new Map();
            yield batch.map((r) => {
                const id = Number(r.customer_id);
                const st = stats.get(id);
                const last = st ? d.readTimestamp(st.last_order) : null;
                const firstOrder = st ? d.readTimestamp(st.first_order) : null;
                return {
                    customer_id: id,
                    external_id: r.external_id,
                    email: spec.maskPii ? null : r.email,
                    name: spec.maskPii ? null : r.name,
                    city: spec.maskPii ? null : r.city,
                    country: r.country,
                    version_id: Number(r.version_id),
                    segment_index: Number(r.segment_index),
                    segment_name: r.segment_name,
                    distance: Number(r.distance),
                    orders: st ? Number(st.orders) : 0,
                    spend: st ? (0, money_1.moneyFromE4)(Number(st.spend)) : 0,
                    first_order_at: firstOrder ? firstOrder.toISOString() : null,
                    last_order_at: last ? last.toISOString() : null,
                    recency_days: last ? Math.round(((asOf - last.getTime()) / DAY_MS) * 100) / 100 : null,
                    expected_purchases: numberOrNull(r.expected_purchases),
                    p_alive: numberOrNull(r.p_alive),
                    churn_probability: numberOrNull(r.churn_probability),
                    expected_spend: numberOrNull(r.expected_spend),
                    clv: numberOrNull(r.clv),
                    clv_percentile: numberOrNull(r.clv_percentile),
                    expected_next_purchase_at: d.readTimestamp(r.next_purchase_at)?.toISOString() ?? null,
                    value_tier: r.value_tier ?? null,
                };
            });
        }
    }
    /** Spend, purchases, first and last purchase of the customers with ids in [from, to] (the summary table). */
    async statsBetween(from, to) {
        const sql = new sql_1.Sql(this.dialect);
        const rows = await this.dataSource.query(`SELECT customer_id AS cid, spend_e4 AS spend, orders, first_order_at AS first_order, last_order_at AS last_order
       FROM customer_stats WHERE customer_id >= ${sql.p(from)} AND customer_id <= ${sql.p(to)}`, sql.params);
        return new Map(rows.map((r) => [Number(r.cid), r]));
    }
}
exports.SegmentExportService = SegmentExportService;
/** Destroys a file stream and waits until its descriptor is closed (or it never opened). */
function closed(stream) {
    if (stream.closed)
        return Promise.resolve();
    return new Promise((resolve) => {
        stream.once('close', () => resolve());
        stream.destroy();
    });
}
/** RATE_LIMITED, naming the quota that was reached (`extensions.quota`, `limit`, and when known `retryAfterSeconds`). */
function quotaExceeded(message, quota, limit, retryAfterSeconds) {
    return new graphql_1.GraphQLError(message, { extensions: { code: errors_1.ErrorCode.RATE_LIMITED, quota, limit, ...(retryAfterSeconds !== undefined ? { retryAfterSeconds } : {}) } });
}
/** A job's error for clients: a file system error by its code alone (`ENOSPC`, `ENOTDIR`), others without paths. */
function describeError(err) {
    const code = err?.code;
    if (typeof code === 'string' && typeof err.syscall === 'string')
        return `the export file could not be written (${code})`;
    return `the export failed: ${(0, errors_1.clientSafeMessage)(err)}`;
}
function numberOrNull(value) {
    return value === null || value === undefined ? null : Number(value);
}
//# sourceMappingURL=segment-export.service.js.map