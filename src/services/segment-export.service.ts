import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Writable } from 'node:stream';
import { DataSource, In, Repository } from 'typeorm';
import { Principal, seesPii } from '../auth/roles';
import { Dialect } from '../db/dialect';
import { moneyFromE4 } from '../db/money';
import { Sql } from '../db/sql';
import { ExportFormat, SegmentExport } from '../entities';
import { csvField } from '../import/csv-writer';
import { badUserInput, notFound } from '../errors';
import { CustomerStatsService } from './customer-stats.service';
import { ConnectionShape, PageArgs, toConnection, pageWindow, decodeCursor, encodeCursor, fetchDirection, keysetOperator } from './pagination';

/** Every column an export can have, in a stable order; PII columns are written empty for viewers. */
export const EXPORT_COLUMNS = [
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
] as const;
export type ExportColumn = (typeof EXPORT_COLUMNS)[number];
export const PII_COLUMNS: readonly ExportColumn[] = ['email', 'name', 'city'];
export const DEFAULT_EXPORT_COLUMNS: readonly ExportColumn[] = ['customer_id', 'external_id', 'country', 'segment_index', 'segment_name', 'distance', 'orders', 'spend', 'last_order_at', 'recency_days'];
const STATS_COLUMNS: readonly ExportColumn[] = ['orders', 'spend', 'first_order_at', 'last_order_at', 'recency_days'];

/** Rows read per statement: memory stays flat however many customers a version has. */
const BATCH = 5000;
const DAY_MS = 86_400_000;

export interface ExportSpec {
  versionId: number;
  format: ExportFormat;
  columns: readonly ExportColumn[];
  maskPii: boolean;
}

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
export class SegmentExportService {
  private readonly repo: Repository<SegmentExport>;
  private readonly dialect: Dialect;
  private queue: Promise<void> = Promise.resolve();
  private closing = false;

  constructor(
    private readonly dataSource: DataSource,
    private readonly exportsDir: string,
    private readonly defaultAsOf: () => Promise<Date>,
    private readonly customerStats: CustomerStatsService,
    private readonly log: (line: string) => void = () => undefined,
  ) {
    this.repo = dataSource.getRepository(SegmentExport);
    this.dialect = Dialect.of(dataSource);
  }

  /** Exports a previous process left unfinished are marked FAILED (their file is partial or missing). */
  async recover(): Promise<number> {
    const stale = await this.repo.findBy({ status: In(['QUEUED', 'RUNNING']) });
    for (const e of stale) await this.repo.update(e.id, { status: 'FAILED', error: 'interrupted: the server stopped before the export finished', finishedAt: new Date() });
    return stale.length;
  }

  async create(versionId: number, alias: string | null, format: ExportFormat, columns: readonly string[] | null | undefined, principal: Principal): Promise<SegmentExport> {
    const checked = checkColumns(columns);
    const row = await this.repo.save(
      this.repo.create({
        id: `exp_${crypto.randomBytes(12).toString('hex')}`,
        versionId,
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
    // Off the request path: one export at a time, after the mutation has answered.
    this.queue = this.queue.then(() => this.run(row.id));
    return row;
  }

  async get(id: string): Promise<SegmentExport> {
    const row = await this.repo.findOneBy({ id: String(id).slice(0, 40) });
    if (!row) throw notFound('export', id);
    return row;
  }

  /** Exports, newest first. */
  async list(page: PageArgs): Promise<ConnectionShape<SegmentExport>> {
    const window = pageWindow(page);
    const direction = fetchDirection('DESC', window);
    const qb = this.repo.createQueryBuilder('e');
    if (window.cursor) {
      const [at, id] = decodeCursor(window.cursor, ['string', 'string']);
      const date = new Date(at as string);
      if (Number.isNaN(date.getTime())) throw badUserInput('not a cursor from this list', { argument: window.backward ? 'before' : 'after' });
      const op = keysetOperator(direction);
      qb.where(`(e.createdAt ${op} :at OR (e.createdAt = :at AND e.id ${op} :id))`, { at: this.dialect.timestamp(date), id });
    }
    const rows = await qb.orderBy('e.createdAt', direction).addOrderBy('e.id', direction).take(window.limit + 1).getMany();
    return toConnection(rows, window, (e) => encodeCursor([e.createdAt.toISOString(), e.id]), () => this.repo.count());
  }

  filePath(row: SegmentExport): string {
    return path.join(this.exportsDir, `${row.id}.${row.format === 'CSV' ? 'csv' : 'ndjson'}`);
  }

  specOf(row: SegmentExport): ExportSpec {
    return { versionId: row.versionId, format: row.format, columns: JSON.parse(row.columns) as ExportColumn[], maskPii: row.piiMasked };
  }

  /** Waits for the export queue (the server's shutdown). */
  async close(): Promise<void> {
    this.closing = true;
    await this.queue;
  }

  private async run(id: string): Promise<void> {
    const row = await this.repo.findOneBy({ id });
    if (!row || row.status !== 'QUEUED') return;
    await this.repo.update(id, { status: 'RUNNING' });
    const file = this.filePath(row);
    const partial = `${file}.part`;
    try {
      fs.mkdirSync(this.exportsDir, { recursive: true });
      const out = fs.createWriteStream(partial);
      const finished = new Promise<void>((resolve, reject) => {
        out.once('finish', resolve);
        out.once('error', reject);
      });
      const count = await this.write(this.specOf(row), out);
      out.end();
      await finished;
      fs.renameSync(partial, file);
      await this.repo.update(id, { status: 'SUCCEEDED', rowCount: count, byteSize: fs.statSync(file).size, finishedAt: new Date() });
    } catch (err) {
      fs.rmSync(partial, { force: true });
      const message = this.closing ? 'interrupted: the server stopped' : (err as Error).message;
      this.log(`export ${id} failed: ${(err as Error).stack ?? message}`);
      await this.repo.update(id, { status: 'FAILED', error: message, finishedAt: new Date() }).catch(() => undefined);
    }
  }

  /** Writes the header and every row to `out`, honouring backpressure; returns the number of rows. */
  async write(spec: ExportSpec, out: Writable): Promise<number> {
    const put = (text: string) => (out.write(text) ? Promise.resolve() : new Promise<void>((resolve) => out.once('drain', resolve)));
    if (spec.format === 'CSV') await put(spec.columns.join(',') + '\n');
    let count = 0;
    for await (const batch of this.rows(spec)) {
      const lines = batch.map((r) => (spec.format === 'CSV' ? spec.columns.map((c) => csvField(r[c])).join(',') : JSON.stringify(Object.fromEntries(spec.columns.map((c) => [c, r[c] ?? null])))));
      await put(lines.join('\n') + '\n');
      count += batch.length;
    }
    return count;
  }

  /** The version's assignments in customer id order, a batch at a time. */
  async *rows(spec: ExportSpec): AsyncGenerator<Array<Record<ExportColumn, unknown>>> {
    const d = this.dialect;
    const wantsStats = spec.columns.some((c) => STATS_COLUMNS.includes(c));
    if (wantsStats) await this.customerStats.ensureFresh();
    const asOf = (await this.defaultAsOf()).getTime();
    let after = 0;
    for (;;) {
      if (this.closing) throw new Error('interrupted');
      const sql = new Sql(d);
      const batch: Array<Record<string, unknown>> = await this.dataSource.query(
        `SELECT a.customer_id AS customer_id, c.external_id AS external_id, c.email AS email, c.name AS name, c.city AS city,
                c.country AS country, a.version_id AS version_id, s.segment_index AS segment_index, s.name AS segment_name, a.distance AS distance
         FROM segment_assignments a
         JOIN customers c ON c.id = a.customer_id
         JOIN segments s ON s.id = a.segment_id
         WHERE a.version_id = ${sql.p(spec.versionId)} AND a.customer_id > ${sql.p(after)}
         ORDER BY a.customer_id LIMIT ${sql.p(BATCH)}`,
        sql.params,
      );
      if (batch.length === 0) return;
      const first = Number(batch[0].customer_id);
      after = Number(batch[batch.length - 1].customer_id);
      const stats = wantsStats ? await this.statsBetween(first, after) : new Map<number, Record<string, unknown>>();
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
          spend: st ? moneyFromE4(Number(st.spend)) : 0,
          first_order_at: firstOrder ? firstOrder.toISOString() : null,
          last_order_at: last ? last.toISOString() : null,
          recency_days: last ? Math.round(((asOf - last.getTime()) / DAY_MS) * 100) / 100 : null,
        };
      });
    }
  }

  /** Spend, purchases, first and last purchase of the customers with ids in [from, to] (the summary table). */
  private async statsBetween(from: number, to: number): Promise<Map<number, Record<string, unknown>>> {
    const sql = new Sql(this.dialect);
    const rows: Array<Record<string, unknown>> = await this.dataSource.query(
      `SELECT customer_id AS cid, spend_e4 AS spend, orders, first_order_at AS first_order, last_order_at AS last_order
       FROM customer_stats WHERE customer_id >= ${sql.p(from)} AND customer_id <= ${sql.p(to)}`,
      sql.params,
    );
    return new Map(rows.map((r) => [Number(r.cid), r]));
  }
}
