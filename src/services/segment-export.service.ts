import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Readable, Writable } from 'node:stream';
import type { BlobStore } from '../artifacts/blob-store';
import type { JobExecutor } from '../jobs/job-queue';
import { endJobRow, heldByLiveWorker, requestCancelJobRow, writeJobRow } from '../jobs/job-rows';
import { GraphQLError } from 'graphql';
import { DataSource, In, IsNull, Repository } from 'typeorm';
import { Principal, roleAtLeast, seesPii } from '../auth/roles';
import { Dialect } from '../db/dialect';
import { Sql } from '../db/sql';
import { ExportFormat, SegmentExport } from '../entities';
import { ErrorCode, badUserInput, clientSafeMessage, notFound } from '../errors';
import { CustomerStatsService } from './customer-stats.service';
import { BeforeWrite, DEFAULT_EXPORT_COLUMNS, EXPORT_COLUMNS, ExportColumn, ExportFileJob, ExportFileResult, ExportSpec, ExportWriter, STATS_COLUMNS, writeExportFile } from './export-writer';

export { DEFAULT_EXPORT_COLUMNS, EXPORT_COLUMNS, PII_COLUMNS } from './export-writer';
export type { BeforeWrite, ExportColumn, ExportSpec } from './export-writer';
import { ConnectionShape, PageArgs, toConnection, pageWindow, decodeCursor, encodeCursor, fetchDirection, keysetOperator } from './pagination';
import { inTransaction } from '../db/sqlite-turns';
import { queryCounter, sharedDatabaseOf } from '../db/database';
import { ExportThreads } from './export-threads';

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;
/** How often expired exports and stray files are swept (EXPORT_TTL_HOURS is whole hours; reads expire at once). */
const SWEEP_INTERVAL_MS = 10 * 60_000;
/** The files this service writes in EXPORTS_DIR: `<id>.<csv|ndjson>`, and `.part` while the job writes it. */
const EXPORT_FILE = /^(exp_[0-9a-f]{24})\.(?:csv|ndjson)(\.part)?$/;

/** Per-key quotas and the files' lifetime (AppConfig's EXPORT_* options). */
export interface ExportLimits {
  /** Exports one key may have QUEUED or RUNNING at once. */
  concurrent: number;
  /** Exports one key may create in any 24 hours (deleted ones included). */
  daily: number;
  /** Bytes one key's exports may write in any 24 hours. */
  dailyBytes: number;
  /** Hours a finished export's file is kept. */
  ttlHours: number;
}
export const DEFAULT_EXPORT_LIMITS: ExportLimits = { concurrent: 2, daily: 50, dailyBytes: 2_000_000_000, ttlHours: 24 };

/** Why a job stopped on purpose; its message is the export's `error` as is. */
class ExportStopped extends Error {}
const STOP_MESSAGES = { deleted: 'deleted while it was written', closing: 'interrupted: the server stopped' } as const;

export function checkColumns(columns: readonly string[] | null | undefined): ExportColumn[] {
  if (!columns || columns.length === 0) return [...DEFAULT_EXPORT_COLUMNS];
  const unknown = columns.filter((c) => !(EXPORT_COLUMNS as readonly string[]).includes(c));
  if (unknown.length) throw badUserInput(`unknown export column(s) ${unknown.join(', ')}; known: ${EXPORT_COLUMNS.join(', ')}`, { argument: 'columns', known: [...EXPORT_COLUMNS] });
  if (new Set(columns).size !== columns.length) throw badUserInput('a column is named twice', { argument: 'columns' });
  return columns as ExportColumn[];
}

/**
 * Bulk exports of a version's segment assignments (as Shopify's bulk operations): `create` stores the request and
 * queues a job; the job writes the file batch by batch (never the whole table in memory); `GET /exports/<id>`
 * streams it. The same row writer serves `segmentql export` straight to stdout.
 */
export class SegmentExportService implements JobExecutor {
  readonly kind = 'export' as const;
  readonly entity = SegmentExport;
  /** Where `create` sends the job (the job queue: this process's own queue, or BullMQ); set once the queue exists. */
  enqueueJob: (id: string, requestId?: string) => Promise<void> = async (id) => this.enqueue(id);
  /** How a deletion stops its export's job, wherever it runs (the job queue's cancel). */
  cancelJob: (id: string) => Promise<void> = (id) => this.cancel(id);
  /** Several machines: finished files are copied here, and downloads read them from here when this process lacks them. */
  shared: BlobStore | null = null;
  private readonly handedBack = new Set<string>();
  /** Exports this process is writing now. */
  private readonly writing = new Set<string>();
  private readonly repo: Repository<SegmentExport>;
  private readonly dialect: Dialect;
  private queue: Promise<void> = Promise.resolve();
  /** Quota checks and inserts, one at a time (in this process), so that parallel requests cannot both pass a check. */
  private admission: Promise<unknown> = Promise.resolve();
  /** Exports deleted while QUEUED or RUNNING: their job stops at its next chunk. */
  private readonly cancelled = new Set<string>();
  /** The shared stop flag of each export being written (read by its writer before every batch and chunk). */
  private readonly stopFlags = new Map<string, Int32Array>();
  /** The threads that write the files (when the database is one a thread can open: not an in-memory SQLite). */
  private readonly threads: ExportThreads;
  private readonly limits: ExportLimits;
  private sweeper: NodeJS.Timeout | null = null;
  private sweeping: Promise<unknown> | null = null;
  private closing = false;

  constructor(
    private readonly dataSource: DataSource,
    private readonly exportsDir: string,
    private readonly defaultAsOf: () => Promise<Date>,
    private readonly customerStats: CustomerStatsService,
    private readonly log: (line: string) => void = () => undefined,
    limits: Partial<ExportLimits> & { nice?: number } = {},
  ) {
    const { nice, ...quotas } = limits;
    // Scheduling niceness of the export threads (TRAINING_NICE): serving requests comes first.
    this.threads = new ExportThreads({ nice: nice ?? 0 }, log);
    this.repo = dataSource.getRepository(SegmentExport);
    this.dialect = Dialect.of(dataSource);
    this.limits = { ...DEFAULT_EXPORT_LIMITS, ...Object.fromEntries(Object.entries(quotas).filter(([, v]) => v !== undefined)) };
  }

  /**
   * Start-up: exports a previous process left unfinished are marked FAILED (their file is partial or missing), and
   * the sweep runs once (expired files, every `.part` file, files of exports that no longer exist).
   */
  async recover(): Promise<number> {
    const stale = (await this.repo.findBy({ status: In(['QUEUED', 'RUNNING']) })).filter((e) => !heldByLiveWorker(e));
    for (const e of stale) await this.repo.update(e.id, { status: 'FAILED', error: 'interrupted: the server stopped before the export finished', finishedAt: new Date() });
    await this.sweep({ startup: true });
    return stale.length;
  }

  /** Sweeps every few minutes (an unref'd timer: it never keeps the process alive) until `close`. */
  startSweeping(): void {
    if (this.sweeper || this.closing) return;
    this.sweeper = setInterval(() => {
      if (this.sweeping) return;
      this.sweeping = this.sweep()
        .catch((err) => this.log(`sweeping exports failed: ${(err as Error).stack ?? String(err)}`))
        .finally(() => (this.sweeping = null));
    }, SWEEP_INTERVAL_MS);
    this.sweeper.unref();
  }

  /**
   * Queues an export, within the key's quotas (RATE_LIMITED beyond, and nothing is written): EXPORT_CONCURRENT_LIMIT
   * exports QUEUED or RUNNING, EXPORT_DAILY_LIMIT exports and EXPORT_DAILY_BYTES bytes in the last 24 hours.
   */
  async create(
    versionId: number,
    alias: string | null,
    format: ExportFormat,
    columns: readonly string[] | null | undefined,
    principal: Principal,
    requestId?: string,
    snapshotId: number | null = null,
    segmentId: number | null = null,
  ): Promise<SegmentExport> {
    const checked = checkColumns(columns);
    return this.admit(async () => {
      await this.checkQuotas(principal.keyId);
      const row = await this.repo.save(
        this.repo.create({
          id: `exp_${crypto.randomBytes(12).toString('hex')}`,
          versionId,
          snapshotId,
          segmentId,
          alias,
          format,
          columns: JSON.stringify(checked),
          status: 'QUEUED',
          rowCount: 0,
          byteSize: null,
          piiMasked: !seesPii(principal),
          createdByKeyId: principal.keyId,
          error: null,
          createdAt: new Date(),
          finishedAt: null,
        }),
      );
      await this.enqueueJob(row.id, requestId);
      return row;
    });
  }

  /** An export the principal may see: its own, or any for an admin; another key's is NOT_FOUND (as one that does not exist). */
  async get(id: string, principal: Principal): Promise<SegmentExport> {
    const row = await this.repo.findOneBy({ id: String(id).slice(0, 40) });
    if (!row || !this.visibleTo(row, principal)) throw notFound('export', id);
    if (row.status === 'SUCCEEDED' && this.isExpired(row)) await this.expire(row);
    return row;
  }

  /** The principal's exports (an admin's: everyone's), newest first. */
  async list(page: PageArgs, principal: Principal): Promise<ConnectionShape<SegmentExport>> {
    const window = pageWindow(page);
    const direction = fetchDirection('DESC', window);
    const qb = this.repo.createQueryBuilder('e');
    const mine = this.ownerFilter(principal);
    if (mine) qb.where(mine.where, mine.params);
    if (window.cursor) {
      const [at, id] = decodeCursor(window.cursor, ['string', 'string']);
      const date = new Date(at as string);
      if (Number.isNaN(date.getTime())) throw badUserInput('not a cursor from this list', { argument: window.backward ? 'before' : 'after' });
      const op = keysetOperator(direction);
      qb.andWhere(`(e.createdAt ${op} :at OR (e.createdAt = :at AND e.id ${op} :id))`, { at: this.dialect.timestamp(date), id });
    }
    const rows = await qb.orderBy('e.createdAt', direction).addOrderBy('e.id', direction).take(window.limit + 1).getMany();
    // Expiry applies when an export is read, listed too: never SUCCEEDED with a file that is past its time.
    for (const row of rows) if (row.status === 'SUCCEEDED' && this.isExpired(row)) await this.expire(row);
    const total = () => {
      const counter = this.repo.createQueryBuilder('e');
      if (mine) counter.where(mine.where, mine.params);
      return counter.getCount();
    };
    return toConnection(rows, window, (e) => encodeCursor([e.createdAt.toISOString(), e.id]), total);
  }

  /**
   * Deletes an export (the principal's own, or any for an admin): its file and its row. A QUEUED or RUNNING one stops
   * at its next chunk. It still counts against the key's daily quotas (a usage row stays for 24 hours).
   */
  async delete(id: string, principal: Principal): Promise<string> {
    const row = await this.get(id, principal);
    return this.admit(async () => {
      await inTransaction(this.dataSource, async (m) => {
        const sql = new Sql(this.dialect);
        await m.query(
          `INSERT INTO segment_export_usage (export_id, created_by_key_id, created_at, byte_size) VALUES (${sql.p(row.id)}, ${sql.p(row.createdByKeyId)}, ${sql.p(this.dialect.timestamp(row.createdAt))}, ${sql.p(row.byteSize)})`,
          sql.params,
        );
        await m.delete(SegmentExport, { id: row.id });
      });
      if (row.status === 'QUEUED' || row.status === 'RUNNING') await this.cancelJob(row.id);
      const file = this.filePath(row);
      this.removeQuietly(file);
      this.removeQuietly(`${file}.part`);
      await this.removeShared(row);
      return row.id;
    });
  }

  /**
   * This process's queue: one export at a time, off the request path. `run` never rejects; the catch is a second net,
   * so that the queue (and the process) survive whatever a job does.
   */
  enqueue(id: string): void {
    this.queue = this.queue.then(() => this.run(id, false)).catch((err) => this.log(`export ${id}: ${(err as Error).stack ?? String(err)}`));
  }

  /** Runs an export now (a BullMQ worker); a RUNNING one is written again from the start (its worker died). */
  runNow(id: string, owner?: string): Promise<void> {
    return this.run(id, true, owner);
  }

  /** Stops an export this process is writing (it was deleted); `handBack` leaves it QUEUED for another worker. */
  async cancel(id: string, options: { handBack?: boolean } = {}): Promise<void> {
    if (!this.writing.has(id)) return;
    if (options.handBack) this.handedBack.add(id);
    this.cancelled.add(id);
    const flag = this.stopFlags.get(id);
    if (flag) Atomics.store(flag, 0, 1);
  }

  /** An export that will never run fails (a cancelled export is a deleted one: its row is gone already). */
  async abandon(id: string, _status: 'CANCELLED' | 'FAILED', message: string, unheldForMs?: number): Promise<boolean> {
    return endJobRow(this.dataSource, SegmentExport, id, { status: 'FAILED', error: message }, unheldForMs);
  }

  requestCancel(id: string): Promise<void> {
    return requestCancelJobRow(this.dataSource, SegmentExport, id);
  }

  /** The finished file as a stream with its size: from EXPORTS_DIR, else from the shared store; null when gone. */
  async openDownload(row: SegmentExport): Promise<{ stream: Readable; size: number } | null> {
    const file = this.filePath(row);
    if (fs.existsSync(file)) return { stream: fs.createReadStream(file), size: fs.statSync(file).size };
    if (!this.shared) return null;
    const key = this.sharedKey(row);
    const size = await this.shared.size(key);
    const chunks = size === null ? null : await this.shared.read(key);
    return chunks && size !== null ? { stream: Readable.from(chunks), size } : null;
  }

  private sharedKey(row: SegmentExport): string {
    return `exports/${path.basename(this.filePath(row))}`;
  }

  /** Removes the shared copy of an export's file (deleted or expired); never throws. */
  private async removeShared(row: SegmentExport): Promise<void> {
    await this.shared?.remove(this.sharedKey(row)).catch((err) => this.log(`could not remove the shared copy of export ${row.id}: ${(err as Error).message}`));
  }

  /** When the file is (or was) removed: EXPORT_TTL_HOURS after the export finished; null until it has. */
  expiresAt(row: SegmentExport): Date | null {
    if ((row.status !== 'SUCCEEDED' && row.status !== 'EXPIRED') || !row.finishedAt) return null;
    return new Date(row.finishedAt.getTime() + this.limits.ttlHours * HOUR_MS);
  }

  /**
   * Expires finished exports past EXPORT_TTL_HOURS (file removed, status EXPIRED) and removes stray files: `.part`
   * files of exports not running (at start-up, every one: nothing runs yet), and files of exports deleted or gone.
   * Usage rows older than a day are pruned.
   */
  async sweep(options: { startup?: boolean } = {}): Promise<{ expired: number; removed: number }> {
    const cutoff = new Date(Date.now() - this.limits.ttlHours * HOUR_MS);
    const old = await this.repo
      .createQueryBuilder('e')
      .where('e.status = :status', { status: 'SUCCEEDED' })
      .andWhere('e.finishedAt < :cutoff', { cutoff: this.dialect.timestamp(cutoff) })
      .getMany();
    for (const row of old) await this.expire(row);
    let removed = 0;
    let names: string[] = [];
    try {
      names = fs.readdirSync(this.exportsDir);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') this.log(`sweeping exports: cannot read EXPORTS_DIR: ${(err as Error).message}`);
    }
    const files = names.map((name) => ({ name, match: EXPORT_FILE.exec(name) })).filter((f) => f.match !== null);
    const status = new Map<string, string>();
    const ids = [...new Set(files.map((f) => f.match![1]))];
    for (let i = 0; i < ids.length; i += 500) {
      for (const r of await this.repo.find({ select: { id: true, status: true }, where: { id: In(ids.slice(i, i + 500)) } })) status.set(r.id, r.status);
    }
    for (const { name, match } of files) {
      const state = status.get(match![1]);
      const part = match![2] !== undefined;
      // A job may be writing it (or renaming it, between its rename and its status update).
      const running = !options.startup && (state === 'QUEUED' || state === 'RUNNING');
      if (running || (state === 'SUCCEEDED' && !part)) continue;
      if (this.removeQuietly(path.join(this.exportsDir, name))) removed++;
    }
    if (this.shared) removed += await this.sweepShared();
    const sql = new Sql(this.dialect);
    await this.dataSource.query(`DELETE FROM segment_export_usage WHERE created_at < ${sql.p(this.dialect.timestamp(new Date(Date.now() - DAY_MS)))}`, sql.params);
    if (old.length > 0 || removed > 0) this.log(`export sweep: ${old.length} export(s) expired, ${removed} stray file(s) removed`);
    return { expired: old.length, removed };
  }

  /** Several machines: shared copies of exports that are gone, failed or expired (deleted while a worker wrote them). */
  private async sweepShared(): Promise<number> {
    const blobs = await this.shared!.list('exports/');
    const ids = blobs.map((b) => EXPORT_FILE.exec(b.key.slice('exports/'.length))?.[1]).filter((id): id is string => id !== undefined);
    const status = new Map<string, string>();
    for (let i = 0; i < ids.length; i += 500) {
      for (const r of await this.repo.find({ select: { id: true, status: true }, where: { id: In(ids.slice(i, i + 500)) } })) status.set(r.id, r.status);
    }
    let removed = 0;
    for (const { key } of blobs) {
      const id = EXPORT_FILE.exec(key.slice('exports/'.length))?.[1];
      const state = id ? status.get(id) : undefined;
      if (state === 'SUCCEEDED' || state === 'RUNNING' || state === 'QUEUED') continue;
      await this.shared!.remove(key);
      removed++;
    }
    return removed;
  }

  private isExpired(row: SegmentExport): boolean {
    const at = this.expiresAt(row);
    return at !== null && at.getTime() <= Date.now();
  }

  /** SUCCEEDED -> EXPIRED (only from SUCCEEDED: a deletion in between wins), then the file goes. */
  private async expire(row: SegmentExport): Promise<void> {
    await this.repo.createQueryBuilder().update(SegmentExport).set({ status: 'EXPIRED' }).where('id = :id AND status = :status', { id: row.id, status: 'SUCCEEDED' }).execute();
    this.removeQuietly(this.filePath(row));
    await this.removeShared(row);
    row.status = 'EXPIRED';
  }

  private visibleTo(row: SegmentExport, principal: Principal): boolean {
    return roleAtLeast(principal.role, 'admin') || (row.createdByKeyId !== null && row.createdByKeyId === principal.keyId);
  }

  /** The WHERE that limits a list to the principal's exports; none for an admin. */
  private ownerFilter(principal: Principal): { where: string; params: Record<string, unknown> } | null {
    if (roleAtLeast(principal.role, 'admin')) return null;
    // A non-admin without a key cannot exist (AUTH=off acts as admin); it would see nothing.
    return { where: 'e.createdByKeyId = :owner', params: { owner: principal.keyId ?? -1 } };
  }

  /** Runs `fn` after every earlier admission has settled. */
  private admit<T>(fn: () => Promise<T>): Promise<T> {
    const result = this.admission.then(fn);
    this.admission = result.catch(() => undefined);
    return result;
  }

  private async checkQuotas(keyId: number | null): Promise<void> {
    const { concurrent, daily, dailyBytes } = this.limits;
    const active = await this.repo.count({ where: { createdByKeyId: keyId ?? IsNull(), status: In(['QUEUED', 'RUNNING']) } });
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
  private async usageSince(keyId: number | null, since: Date): Promise<{ count: number; bytes: number; oldest: Date | null }> {
    const sql = new Sql(this.dialect);
    const owner = () => (keyId === null ? 'created_by_key_id IS NULL' : `created_by_key_id = ${sql.p(keyId)}`);
    const rows: Array<Record<string, unknown>> = await this.dataSource.query(
      `SELECT COUNT(*) AS n, COALESCE(SUM(byte_size), 0) AS bytes, MIN(created_at) AS oldest FROM (
         SELECT created_at, byte_size FROM segment_exports WHERE ${owner()} AND created_at >= ${sql.p(this.dialect.timestamp(since))}
         UNION ALL
         SELECT created_at, byte_size FROM segment_export_usage WHERE ${owner()} AND created_at >= ${sql.p(this.dialect.timestamp(since))}
       ) u`,
      sql.params,
    );
    return { count: Number(rows[0].n), bytes: Number(rows[0].bytes), oldest: this.dialect.readTimestamp(rows[0].oldest) };
  }

  /** Removes a file if it is there; never throws (a failure is logged): true when one was removed. */
  private removeQuietly(file: string): boolean {
    try {
      if (!fs.existsSync(file)) return false;
      fs.rmSync(file, { force: true });
      return true;
    } catch (err) {
      this.log(`could not remove ${file}: ${(err as Error).message}`);
      return false;
    }
  }

  filePath(row: SegmentExport): string {
    return path.join(this.exportsDir, `${row.id}.${row.format === 'CSV' ? 'csv' : 'ndjson'}`);
  }

  specOf(row: SegmentExport): ExportSpec {
    return { versionId: row.versionId, snapshotId: row.snapshotId, segmentId: row.segmentId, format: row.format, columns: JSON.parse(row.columns) as ExportColumn[], maskPii: row.piiMasked };
  }

  private budgetMessage(written: number): string {
    return `stopped at ${written} bytes: this API key's exports may write ${this.limits.dailyBytes} bytes in 24 hours (EXPORT_DAILY_BYTES)`;
  }

  /**
   * Writes the file: in an export thread on a connection of its own, or here with an in-memory SQLite database (which
   * only this connection sees). Either way a stop or an error rejects, and the file is closed first.
   */
  private async writeFile(id: string, job: Omit<ExportFileJob, 'stopFlag'>, wrote: (bytes: number) => void): Promise<number> {
    const stopFlag = new Int32Array(new SharedArrayBuffer(4));
    if (this.cancelled.has(id)) stopFlag[0] = 1;
    else if (this.closing) stopFlag[0] = 2;
    this.stopFlags.set(id, stopFlag);
    try {
      const database = sharedDatabaseOf(this.dataSource);
      let result: ExportFileResult;
      if (database) {
        const reply = await this.threads.run({ ...job, stopFlag, database });
        queryCounter(this.dataSource).add(reply.statements);
        result = reply;
      } else result = await writeExportFile(this.dataSource, { ...job, stopFlag });
      wrote(result.written);
      if (result.type === 'done') return result.count;
      if (result.stop) throw new ExportStopped(result.stop === 'budget' ? this.budgetMessage(result.written) : STOP_MESSAGES[result.stop]);
      // As the error was thrown here: its code and syscall say a file system error (named without the path).
      throw Object.assign(new Error(result.message), { code: result.code, syscall: result.syscall, stack: result.stack });
    } finally {
      this.stopFlags.delete(id);
    }
  }

  /** Waits for the export queue (the server's shutdown). */
  async close(): Promise<void> {
    this.closing = true;
    for (const flag of this.stopFlags.values()) if (Atomics.load(flag, 0) === 0) Atomics.store(flag, 0, 2);
    if (this.sweeper) clearInterval(this.sweeper);
    this.sweeper = null;
    await this.queue;
    await this.sweeping;
    await this.threads.close();
  }

  /**
   * The job: writes `<id>.<ext>.part`, then renames it. It never throws: whatever goes wrong (the database, an
   * unusable EXPORTS_DIR, a full disk) fails the export, with a message that names no server path, and the full
   * error goes to the log.
   */
  private async run(id: string, takeover: boolean, owner?: string): Promise<void> {
    let partial: string | null = null;
    let written = 0;
    // Several machines: every write needs this worker's lease (one that lost it writes nothing more).
    const update = (columns: Partial<SegmentExport>) => writeJobRow(this.dataSource, SegmentExport, id, columns, owner);
    this.writing.add(id);
    try {
      const row = await this.repo.findOneBy({ id });
      if (!row || !(row.status === 'QUEUED' || (takeover && row.status === 'RUNNING')) || this.cancelled.has(id)) return;
      if (!(await update({ status: 'RUNNING', attempts: (row.attempts ?? 0) + 1 }))) return;
      // What the key may still write today; the other exports of a key never run at the same time (one queue).
      const budget = this.limits.dailyBytes - (await this.usageSince(row.createdByKeyId, new Date(Date.now() - DAY_MS))).bytes;
      const file = this.filePath(row);
      partial = `${file}.part`;
      fs.mkdirSync(this.exportsDir, { recursive: true });
      const spec = this.specOf(row);
      if (spec.columns.some((c) => STATS_COLUMNS.includes(c))) await this.customerStats.ensureFresh();
      const asOf = (await this.defaultAsOf()).getTime();
      const count = await this.writeFile(id, { spec, asOf, file: partial, budget }, (bytes) => (written = bytes));
      fs.renameSync(partial, file);
      partial = null;
      const byteSize = fs.statSync(file).size;
      if (this.shared) {
        // Several machines: the instance that serves the download may not be this one. The shared copy is the one
        // that counts; this process keeps no file of its own.
        await this.shared.put(this.sharedKey(row), fs.createReadStream(file));
        this.removeQuietly(file);
      }
      const recorded = await update({ status: 'SUCCEEDED', rowCount: count, byteSize, finishedAt: new Date() });
      // Deleted between its last chunk and now (or taken over by another worker): the row is not ours, nor the file.
      if (!recorded || !(await this.repo.existsBy({ id }))) {
        this.removeQuietly(file);
        if (!(await this.repo.existsBy({ id }))) await this.removeShared(row);
      }
    } catch (err) {
      if (partial) this.removeQuietly(partial);
      if (this.handedBack.has(id)) {
        await update({ status: 'QUEUED' }).catch((e) => this.log(`export ${id}: handing it back failed: ${(e as Error).message}`));
        return;
      }
      const message = err instanceof ExportStopped ? err.message : this.closing ? 'interrupted: the server stopped' : describeError(err);
      this.log(`export ${id} failed: ${(err as Error)?.stack ?? String(err)}`);
      await update({ status: 'FAILED', error: message, byteSize: written > 0 ? Math.min(written, 2_147_483_647) : null, finishedAt: new Date() }).catch((e) =>
        this.log(`export ${id}: recording its failure failed: ${(e as Error).message}`),
      );
    } finally {
      this.writing.delete(id);
      this.cancelled.delete(id);
      this.handedBack.delete(id);
    }
  }

  /**
   * Writes the header and every row to `out` on this process's connection (`segmentql export` to stdout); the jobs
   * write in a worker thread on a connection of its own (src/services/export-worker.ts).
   */
  async write(spec: ExportSpec, out: Writable, beforeWrite?: BeforeWrite): Promise<number> {
    if (spec.columns.some((c) => STATS_COLUMNS.includes(c))) await this.customerStats.ensureFresh();
    return new ExportWriter(this.dataSource).write(spec, (await this.defaultAsOf()).getTime(), out, beforeWrite, () => this.closing);
  }
}

/** RATE_LIMITED, naming the quota that was reached (`extensions.quota`, `limit`, and when known `retryAfterSeconds`). */
function quotaExceeded(message: string, quota: string, limit: number, retryAfterSeconds?: number): GraphQLError {
  return new GraphQLError(message, { extensions: { code: ErrorCode.RATE_LIMITED, quota, limit, ...(retryAfterSeconds !== undefined ? { retryAfterSeconds } : {}) } });
}

/** A job's error for clients: a file system error by its code alone (`ENOSPC`, `ENOTDIR`), others without paths. */
function describeError(err: unknown): string {
  const code = (err as NodeJS.ErrnoException)?.code;
  if (typeof code === 'string' && typeof (err as NodeJS.ErrnoException).syscall === 'string') return `the export file could not be written (${code})`;
  return `the export failed: ${clientSafeMessage(err)}`;
}
