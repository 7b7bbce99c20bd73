import fs from 'node:fs';
import { Writable } from 'node:stream';
import { DataSource } from 'typeorm';
import { Dialect } from '../db/dialect';
import { moneyFromE4 } from '../db/money';
import { Sql } from '../db/sql';
import type { ExportFormat } from '../entities';
import { csvField } from '../import/csv-writer';

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
  // A predicting version's predictions (empty for the others): see Customer.predictions.
  'expected_purchases',
  'p_alive',
  'churn_probability',
  'expected_spend',
  'clv',
  'clv_percentile',
  'expected_next_purchase_at',
  'value_tier',
] as const;
export type ExportColumn = (typeof EXPORT_COLUMNS)[number];
export const PII_COLUMNS: readonly ExportColumn[] = ['email', 'name', 'city'];
export const DEFAULT_EXPORT_COLUMNS: readonly ExportColumn[] = ['customer_id', 'external_id', 'country', 'segment_index', 'segment_name', 'distance', 'orders', 'spend', 'last_order_at', 'recency_days'];
export const STATS_COLUMNS: readonly ExportColumn[] = ['orders', 'spend', 'first_order_at', 'last_order_at', 'recency_days'];

/** Rows read per statement: memory stays flat however many customers a version has, and each statement stays short. */
const BATCH = 1000;
const DAY_MS = 86_400_000;
/** Called with the size of each chunk before it is written; throws to stop the export. */
export type BeforeWrite = (bytes: number) => void;

export interface ExportSpec {
  versionId: number;
  /** Read this snapshot's frozen membership (its version is `versionId`); the live assignments otherwise. */
  snapshotId?: number | null;
  /** Only this segment's customers. */
  segmentId?: number | null;
  format: ExportFormat;
  columns: readonly ExportColumn[];
  maskPii: boolean;
}

/**
 * Writes a version's (or a snapshot's, or one segment's) assignments as CSV or NDJSON, a batch at a time in customer id
 * order, on the connection it is given: an export job's worker thread's own, or the CLI's.
 */
export class ExportWriter {
  private readonly dialect: Dialect;

  constructor(private readonly dataSource: DataSource) {
    this.dialect = Dialect.of(dataSource);
  }

  /**
   * Writes the header and every row to `out`, honouring backpressure; returns the number of rows. `beforeWrite` sees
   * each chunk's size first and may throw to stop. A failed stream rejects (it never waits for a drain that will not come).
   */
  async write(spec: ExportSpec, asOf: number, out: Writable, beforeWrite?: BeforeWrite, stopped: () => boolean = () => false): Promise<number> {
    const put = (text: string): Promise<void> => {
      beforeWrite?.(Buffer.byteLength(text));
      if (out.destroyed || out.errored) return Promise.reject(out.errored ?? new Error('the output was closed'));
      if (out.write(text)) return Promise.resolve();
      return new Promise<void>((resolve, reject) => {
        const settle = (err?: Error | null) => {
          out.off('drain', onDrain);
          out.off('error', onError);
          out.off('close', onClose);
          if (err) reject(err);
          else resolve();
        };
        const onDrain = () => settle();
        const onError = (err: Error) => settle(err);
        const onClose = () => settle(out.errored ?? new Error('the output was closed'));
        out.once('drain', onDrain);
        out.once('error', onError);
        out.once('close', onClose);
      });
    };
    if (spec.format === 'CSV') await put(spec.columns.join(',') + '\n');
    let count = 0;
    for await (const batch of this.rows(spec, asOf, stopped)) {
      const lines = batch.map((r) => (spec.format === 'CSV' ? spec.columns.map((c) => csvField(r[c])).join(',') : JSON.stringify(Object.fromEntries(spec.columns.map((c) => [c, r[c] ?? null])))));
      await put(lines.join('\n') + '\n');
      count += batch.length;
    }
    return count;
  }

  /** The version's assignments in customer id order, a batch at a time. */
  async *rows(spec: ExportSpec, asOf: number, stopped: () => boolean = () => false): AsyncGenerator<Array<Record<ExportColumn, unknown>>> {
    const d = this.dialect;
    const wantsStats = spec.columns.some((c) => STATS_COLUMNS.includes(c));
    let after = 0;
    for (;;) {
      if (stopped()) throw new Error('interrupted');
      const sql = new Sql(d);
      // A snapshot's members stand for the assignments (no distance: a snapshot keeps only who was where).
      const source = spec.snapshotId
        ? `(SELECT m.customer_id, CAST(${sql.p(spec.versionId)} AS integer) AS version_id, m.segment_id, CAST(NULL AS float) AS distance FROM segment_snapshot_members m WHERE m.snapshot_id = ${sql.p(spec.snapshotId)}) a`
        : 'segment_assignments a';
      const batch: Array<Record<string, unknown>> = await this.dataSource.query(
        `SELECT a.customer_id AS customer_id, c.external_id AS external_id, c.email AS email, c.name AS name, c.city AS city,
                c.country AS country, a.version_id AS version_id, s.segment_index AS segment_index, s.name AS segment_name, a.distance AS distance,
                cp.expected_purchases AS expected_purchases, cp.p_alive AS p_alive, cp.churn_probability AS churn_probability,
                cp.expected_spend_per_purchase AS expected_spend, cp.clv AS clv, cp.clv_percentile AS clv_percentile,
                cp.next_purchase_at AS next_purchase_at, cp.value_tier AS value_tier
         FROM ${source}
         JOIN customers c ON c.id = a.customer_id
         JOIN segments s ON s.id = a.segment_id
         LEFT JOIN customer_predictions cp ON cp.version_id = a.version_id AND cp.customer_id = a.customer_id
         WHERE a.version_id = ${sql.p(spec.versionId)} AND a.customer_id > ${sql.p(after)}${spec.segmentId ? ` AND a.segment_id = ${sql.p(spec.segmentId)}` : ''}
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
          // A snapshot keeps no distance: empty, not 0.
          distance: r.distance === null || r.distance === undefined ? null : Number(r.distance),
          orders: st ? Number(st.orders) : 0,
          spend: st ? moneyFromE4(Number(st.spend)) : 0,
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

function numberOrNull(value: unknown): number | null {
  return value === null || value === undefined ? null : Number(value);
}

/** Why an export stopped on purpose. */
export type ExportStop = 'deleted' | 'closing' | 'budget';

/** One export file to write: what an export job hands its writer (a thread of its own, or this one). */
export interface ExportFileJob {
  spec: ExportSpec;
  /** The default `asOf` the service read (recency is counted from it), in ms. */
  asOf: number;
  /** The `.part` file to write. */
  file: string;
  /** Bytes the key may still write today: the export stops past it. */
  budget: number;
  /** Set by the service: 1 the export was deleted, 2 the server stops. Read before every batch and chunk. */
  stopFlag: Int32Array;
}

/** How writing the file ended; an error as plain data, so that it can cross from a worker thread. */
export type ExportFileResult =
  | { type: 'done'; count: number; written: number }
  | { type: 'error'; written: number; stop: ExportStop | null; message: string; code?: string; syscall?: string; stack?: string };

class Stop extends Error {
  constructor(readonly reason: ExportStop) {
    super(reason);
  }
}

const FLAG_STOPS = [null, 'deleted', 'closing'] as const;

/**
 * Writes the job's file on `dataSource` and says how it ended; it never throws. On an error the file is closed
 * before this returns (the caller removes it).
 */
export async function writeExportFile(dataSource: DataSource, job: ExportFileJob): Promise<ExportFileResult> {
  let written = 0;
  let out: fs.WriteStream | null = null;
  try {
    const stream = fs.createWriteStream(job.file);
    out = stream;
    // Errors are also read from `errored` by `write`; a listener keeps an early one from being thrown as unhandled.
    stream.on('error', () => undefined);
    const finished = new Promise<void>((resolve, reject) => {
      stream.once('finish', resolve);
      stream.once('error', reject);
    });
    finished.catch(() => undefined);
    const flag = () => FLAG_STOPS[Atomics.load(job.stopFlag, 0)] ?? null;
    const count = await new ExportWriter(dataSource).write(
      job.spec,
      job.asOf,
      stream,
      (bytes) => {
        const stop = flag();
        if (stop) throw new Stop(stop);
        written += bytes;
        if (written > job.budget) throw new Stop('budget');
      },
      () => flag() !== null,
    );
    stream.end();
    await finished;
    return { type: 'done', count, written };
  } catch (err) {
    if (out && !out.closed) await new Promise<void>((resolve) => out!.once('close', () => resolve()).destroy());
    const e = err as NodeJS.ErrnoException;
    return {
      type: 'error',
      written,
      stop: err instanceof Stop ? err.reason : (FLAG_STOPS[Atomics.load(job.stopFlag, 0)] ?? null),
      message: e?.message ?? String(err),
      code: typeof e?.code === 'string' ? e.code : undefined,
      syscall: typeof e?.syscall === 'string' ? e.syscall : undefined,
      stack: e?.stack,
    };
  }
}
