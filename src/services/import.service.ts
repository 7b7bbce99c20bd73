import { inSqliteTurn } from '../db/sqlite-turns';
import { DataSource, EntityManager } from 'typeorm';
import { Dialect } from '../db/dialect';
import { MembershipReason } from '../entities';
import { MembershipService } from './membership.service';
import { BulkWriter, MissingReferences, WriteStats, addWriteStats, changedAnything, emptyWriteStats } from '../import/bulk-writer';
import { RecordBatch, RecordOrigin } from '../import/records';
import { ImportSource, LineIssue, SourceBatch, Totals } from '../import/source';
import { CustomerStatsService } from './customer-stats.service';
import { DataVersion } from './data-version';

export type OnError = 'skip' | 'abort';

export interface ImportProgress {
  rowsRead: number;
  rowsImported: number;
  bytesRead: number;
  bytesTotal: number;
}

export interface ImportOptions {
  onError?: OnError;
  /** Rows per transaction. */
  batchSize?: number;
  onProgress?: (progress: ImportProgress) => void;
  /** How many line errors the summary lists (all are counted). */
  maxListedErrors?: number;
}

export interface ImportSummary {
  format: string;
  rowsRead: number;
  rowsImported: number;
  /** Rows left out, by reason; malformed rows count under "malformed" when `onError` is skip. */
  skipped: Record<string, number>;
  errorCount: number;
  errors: LineIssue[];
  aborted: boolean;
  batchesCommitted: number;
  written: WriteStats;
  totals: { read: Totals; imported: Totals };
  durationMs: number;
}

/** A problem with one record found while writing (a reference to a customer, product or order that does not exist). */
export interface RecordIssue {
  origin?: RecordOrigin;
  reason: string;
}

/**
 * Imports: streams an `ImportSource` into the database one transaction per batch (a batch commits whole or not at
 * all), and writes GraphQL upsert batches. Both go through the same `BulkWriter`.
 */
export class ImportService {
  /** Customers were recorded for re-scoring (the wiring points this at MembershipService.touched). */
  onCustomersTouched: () => void = () => undefined;

  constructor(
    private readonly dataSource: DataSource,
    private readonly dataVersion = new DataVersion(),
  ) {}

  async importSource(source: ImportSource, options: ImportOptions = {}): Promise<ImportSummary> {
    const onError = options.onError ?? 'abort';
    const maxListed = options.maxListedErrors ?? 100;
    const started = Date.now();
    const writer = new BulkWriter();
    const summary: ImportSummary = {
      format: source.format,
      rowsRead: 0,
      rowsImported: 0,
      skipped: {},
      errorCount: 0,
      errors: [],
      aborted: false,
      batchesCommitted: 0,
      written: emptyWriteStats(),
      totals: { read: { quantity: 0, amountE4: 0 }, imported: { quantity: 0, amountE4: 0 } },
      durationMs: 0,
    };
    const recordErrors = (issues: LineIssue[]) => {
      summary.errorCount += issues.length;
      for (const issue of issues) if (summary.errors.length < maxListed) summary.errors.push(issue);
    };

    for await (const batch of source.batches(options.batchSize ?? 20_000)) {
      summary.rowsRead += batch.rowsRead;
      addTotals(summary.totals.read, batch.readTotals);
      if (batch.errors.length > 0) {
        recordErrors(batch.errors);
        if (onError === 'abort') {
          summary.aborted = true;
          break;
        }
        summary.skipped.malformed = (summary.skipped.malformed ?? 0) + batch.errors.length;
      }
      const outcome = await this.writeSourceBatch(writer, batch, onError);
      if (outcome.issues.length > 0) {
        recordErrors(outcome.issues);
        if (onError === 'abort') {
          summary.aborted = true;
          break;
        }
        summary.skipped['unknown reference'] = (summary.skipped['unknown reference'] ?? 0) + outcome.issues.length;
      }
      summary.batchesCommitted++;
      summary.rowsImported += batch.rowsAccepted - outcome.issues.length;
      addTotals(summary.totals.imported, batch.acceptedTotals);
      for (const [reason, count] of Object.entries(batch.skipped)) summary.skipped[reason] = (summary.skipped[reason] ?? 0) + count;
      addWriteStats(summary.written, outcome.stats);
      options.onProgress?.({ rowsRead: summary.rowsRead, rowsImported: summary.rowsImported, ...batch.progress });
    }
    if (summary.batchesCommitted > 0) await this.analyze();
    summary.durationMs = Date.now() - started;
    return summary;
  }

  /**
   * Refreshes the planner's statistics after a bulk load. Without them PostgreSQL plans a page of customers' features
   * as a scan of every order line (270 ms instead of a few ms for 100 customers of 100,000).
   */
  async analyze(): Promise<void> {
    if (this.dataSource.options.type === 'postgres') await this.dataSource.query('ANALYZE customers, products, orders, order_items, reviews');
    else {
      // A bounded ANALYZE: enough statistics for the planner in milliseconds.
      await this.dataSource.query('PRAGMA analysis_limit = 1000');
      await this.dataSource.query('ANALYZE');
    }
  }

  /** One transaction: drop (skip) or refuse (abort) records whose references do not resolve, then write the rest. */
  private async writeSourceBatch(writer: BulkWriter, batch: SourceBatch, onError: OnError): Promise<{ stats: WriteStats; issues: LineIssue[] }> {
    const { stats, issues } = await this.writeRecords(writer, batch.records, { onError, replaceItems: false });
    const lineIssues = issues.map((issue) => ({ file: issue.origin?.file ?? '', line: issue.origin?.line ?? 0, reason: issue.reason }));
    return { stats, issues: lineIssues };
  }

  /**
   * Writes records in one transaction. Records that name unknown customers, products or orders are reported; with
   * `abort` nothing is written when there is any, with `skip` the others are written.
   */
  writeRecords(writer: BulkWriter, records: RecordBatch, options: { onError: OnError; replaceItems: boolean }): Promise<{ stats: WriteStats; issues: RecordIssue[] }> {
    // On SQLite, one transaction at a time: two upserts at once must not both begin one on the shared connection.
    return inSqliteTurn(this.dataSource, () => this.writeRecordsNow(writer, records, options));
  }

  private async writeRecordsNow(
    writer: BulkWriter,
    records: RecordBatch,
    { onError, replaceItems }: { onError: OnError; replaceItems: boolean },
  ): Promise<{ stats: WriteStats; issues: RecordIssue[] }> {
    const queryRunner = this.dataSource.createQueryRunner();
    await queryRunner.connect();
    await queryRunner.startTransaction();
    try {
      const missing = await writer.findMissingReferences(queryRunner.manager, records);
      const checked = dropUnresolved(records, missing);
      const issues = checked.issues;
      if (issues.length > 0 && onError === 'abort') {
        await queryRunner.rollbackTransaction();
        writer.rollback();
        return { stats: emptyWriteStats(), issues };
      }
      const stats = await writer.write(queryRunner.manager, checked.records, { replaceItems });
      // Nothing new or different (a re-import of the same files): the revision stays, and the caches keyed by it too.
      const changed = changedAnything(stats);
      let touched = 0;
      if (changed) {
        await CustomerStatsService.bumpShopRevision(queryRunner.manager);
        // The customers whose segments may have changed wait for re-scoring, committed with the data itself.
        touched = await MembershipService.recordTouches(queryRunner.manager, await touchedCustomers(queryRunner.manager, writer, checked.records));
      }
      await queryRunner.commitTransaction();
      writer.commit();
      if (changed) this.dataVersion.bump();
      if (touched > 0) this.onCustomersTouched();
      return { stats, issues };
    } catch (err) {
      if (queryRunner.isTransactionActive) await queryRunner.rollbackTransaction();
      writer.rollback();
      throw err;
    } finally {
      await queryRunner.release();
    }
  }
}

/**
 * Customers a batch touched: its customers (`new_customer`; a customer seen before is re-scored too) and the
 * customers of its orders and order lines (`new_order`).
 */
async function touchedCustomers(manager: EntityManager, writer: BulkWriter, records: RecordBatch): Promise<Map<number, MembershipReason>> {
  const out = new Map<number, MembershipReason>();
  for (const c of records.customers) {
    const id = writer.idOf('customers', c.externalId);
    if (id !== undefined) out.set(id, 'new_customer');
  }
  for (const o of records.orders) {
    const id = writer.idOf('customers', o.customerExternalId);
    if (id !== undefined) out.set(id, 'new_order');
  }
  const inBatch = new Set(records.orders.map((o) => o.externalId));
  const orderIds = [...new Set(records.items.filter((i) => !inBatch.has(i.orderExternalId)).map((i) => writer.idOf('orders', i.orderExternalId)))].filter((id): id is number => id !== undefined);
  const d = Dialect.of(manager);
  for (let start = 0; start < orderIds.length; start += 500) {
    const part = orderIds.slice(start, start + 500);
    const rows: Array<{ customer_id: unknown }> = await manager.query(`SELECT DISTINCT customer_id FROM orders WHERE id IN (${d.inList(part.length)})`, part);
    for (const r of rows) out.set(Number(r.customer_id), 'new_order');
  }
  return out;
}

function addTotals(into: Totals, from: Totals): void {
  into.quantity += from.quantity;
  into.amountE4 += from.amountE4;
}

/** Splits off the records whose references are missing, with a reason for each. */
function dropUnresolved(records: RecordBatch, missing: MissingReferences): { records: RecordBatch; issues: RecordIssue[] } {
  if (missing.customers.size === 0 && missing.products.size === 0 && missing.orders.size === 0) return { records, issues: [] };
  const issues: RecordIssue[] = [];
  const productProblem = (productExternalId?: string | null) =>
    productExternalId && missing.products.has(productExternalId) ? `unknown product ${JSON.stringify(productExternalId)}` : null;
  const orders = records.orders.filter((order) => {
    const reason = missing.customers.has(order.customerExternalId)
      ? `unknown customer ${JSON.stringify(order.customerExternalId)}`
      : order.items.map((item) => productProblem(item.productExternalId)).find((r) => r !== null);
    if (reason) issues.push({ origin: order.origin, reason });
    return !reason;
  });
  const items = records.items.filter((item) => {
    const reason = missing.orders.has(item.orderExternalId) ? `unknown order ${JSON.stringify(item.orderExternalId)}` : productProblem(item.productExternalId);
    if (reason) issues.push({ origin: item.origin, reason });
    return !reason;
  });
  const reviews = records.reviews.filter((review) => {
    const reason = missing.customers.has(review.customerExternalId)
      ? `unknown customer ${JSON.stringify(review.customerExternalId)}`
      : productProblem(review.productExternalId);
    if (reason) issues.push({ origin: review.origin, reason });
    return !reason;
  });
  return { records: { ...records, orders, items, reviews }, issues };
}
