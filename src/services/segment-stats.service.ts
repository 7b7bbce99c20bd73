import { DataSource } from 'typeorm';
import { Dialect } from '../db/dialect';
import { moneyFromE4 } from '../db/money';
import { Sql, daysBetween, monthOf } from '../db/sql';
import { badUserInput } from '../errors';
import { CustomerStatsService } from './customer-stats.service';
import { DataVersion } from './data-version';

/** What segment statistics can be broken down by, besides the segment. */
export type StatsDimension = 'COUNTRY' | 'MONTH' | 'COHORT';

export interface SegmentStatsRow {
  segmentId: number;
  country: string | null;
  /** YYYY-MM of the orders counted (MONTH), or of the customers' first purchase (COHORT). */
  month: string | null;
  cohort: string | null;
  customers: number;
  orders: number;
  spend: number;
  averageSpend: number;
  averageOrders: number;
  averageOrderValue: number | null;
  /** Mean days since the last purchase, counted from the data's latest order; null if none of them bought. */
  averageRecencyDays: number | null;
  /** With a predicting version: the sum of its customers' predicted value over the horizon, and the mean churn probability. */
  predictedValue: number | null;
  averageChurnProbability: number | null;
}

/**
 * Aggregates of a version's segments for BI tools, computed in one SQL statement: customers, purchases, net spend,
 * recency and, for a predicting version, predicted value and churn per segment, optionally per country, order month and first-purchase cohort. Spend and orders cover all
 * the data (grouped by MONTH: the orders of that month, and the customers who bought in it).
 */
export class SegmentStatsService {
  private readonly dialect: Dialect;
  /**
   * Answers by (version, grouping), until this process writes shop data or a minute passes (writes by another
   * process, a CLI import, are seen then): the statement aggregates every order line, and BI tools ask the same
   * question again and again. Concurrent askers share one computation.
   */
  private readonly cache = new Map<string, { at: number; version: number; rows: Promise<SegmentStatsRow[]> }>();

  constructor(
    private readonly dataSource: DataSource,
    private readonly defaultAsOf: () => Promise<Date>,
    private readonly customerStats: CustomerStatsService,
    private readonly dataVersion: DataVersion = new DataVersion(),
    private readonly ttlMs = 60_000,
  ) {
    this.dialect = Dialect.of(dataSource);
  }

  /** Per segment of a version's live membership, or (`snapshotId`) of a snapshot's frozen one; the activity is today's. */
  async stats(versionId: number, groupBy: readonly StatsDimension[], snapshotId: number | null = null): Promise<SegmentStatsRow[]> {
    const dims = new Set(groupBy);
    if (dims.size !== groupBy.length) throw badUserInput('groupBy names a dimension twice', { argument: 'groupBy' });
    const key = `${versionId}:${snapshotId ?? ''}:${[...dims].sort().join(',')}`;
    const now = Date.now();
    const cached = this.cache.get(key);
    if (cached && cached.version === this.dataVersion.value && now - cached.at < this.ttlMs) return cached.rows;
    if (this.cache.size > 1000) this.cache.clear();
    const rows = this.compute(versionId, dims, snapshotId);
    this.cache.set(key, { at: now, version: this.dataVersion.value, rows });
    rows.catch(() => this.cache.delete(key));
    return rows;
  }

  private async compute(versionId: number, dims: Set<StatsDimension>, snapshotId: number | null): Promise<SegmentStatsRow[]> {
    await this.customerStats.ensureFresh();
    const d = this.dialect;
    const asOf = await this.defaultAsOf();
    const sql = new Sql(d);
    // Who is in which segment: the live assignments, or a snapshot's members (with the version's id beside them).
    const membership = () =>
      snapshotId === null
        ? 'segment_assignments'
        : `(SELECT customer_id, CAST(${sql.p(versionId)} AS integer) AS version_id, segment_id FROM segment_snapshot_members WHERE snapshot_id = ${sql.p(snapshotId)})`;
    const byMonth = dims.has('MONTH');
    const recency = daysBetween(d, 'lo.last_order_at', sql.p(d.timestamp(asOf)));
    const groups = ['a.segment_id'];
    const select = ['a.segment_id AS segment_id'];
    if (dims.has('COUNTRY')) {
      groups.push('c.country');
      select.push('c.country AS country');
    }
    if (byMonth) {
      groups.push('st.month');
      select.push('st.month AS month');
    }
    if (dims.has('COHORT')) {
      const cohort = monthOf(d, 'lo.first_order_at');
      groups.push(cohort);
      select.push(`${cohort} AS cohort`);
    }
    // Per customer (and month): spend and purchases; only the version's customers are aggregated.
    const perCustomer = byMonth
      ? `SELECT o.customer_id AS cid, ${monthOf(d, 'o.placed_at')} AS month,
                SUM(CASE WHEN i.product_id IS NOT NULL THEN i.amount_e4 ELSE 0 END) AS spend,
                COUNT(DISTINCT CASE WHEN o.status = 'placed' THEN o.id END) AS orders
         FROM orders o LEFT JOIN order_items i ON i.order_id = o.id
         WHERE o.status IN ('placed', 'returned')
           AND o.customer_id IN (SELECT customer_id FROM ${membership()} m WHERE m.version_id = ${sql.p(versionId)})
         GROUP BY o.customer_id, ${monthOf(d, 'o.placed_at')}`
      : null;
    // Grouped by month, the month's totals; otherwise the all-data ones from the summary table.
    const [spend, orders] = byMonth ? ['st.spend', 'st.orders'] : ['lo.spend_e4', 'lo.orders'];
    const statement = `
      SELECT ${select.join(', ')},
             COUNT(DISTINCT a.customer_id) AS customers,
             COALESCE(SUM(${spend}), 0) AS spend,
             COALESCE(SUM(${orders}), 0) AS orders,
             AVG(${recency}) AS recency,
             COUNT(cp.customer_id) AS predicted,
             SUM(cp.clv) AS clv,
             AVG(cp.churn_probability) AS churn
      FROM ${membership()} a
      JOIN customers c ON c.id = a.customer_id
      ${byMonth ? `JOIN (${perCustomer}) st ON st.cid = a.customer_id` : ''}
      LEFT JOIN customer_stats lo ON lo.customer_id = a.customer_id
      LEFT JOIN customer_predictions cp ON cp.version_id = a.version_id AND cp.customer_id = a.customer_id
      WHERE a.version_id = ${sql.p(versionId)}
      GROUP BY ${groups.join(', ')}
      ORDER BY ${groups.join(', ')}`;
    const rows: Array<Record<string, unknown>> = await this.dataSource.query(statement, sql.params);
    return rows.map((r) => {
      const customers = Number(r.customers);
      const orders = Number(r.orders);
      const spend = moneyFromE4(Number(r.spend));
      return {
        segmentId: Number(r.segment_id),
        country: dims.has('COUNTRY') ? ((r.country as string | null) ?? null) : null,
        month: byMonth ? ((r.month as string | null) ?? null) : null,
        cohort: dims.has('COHORT') ? ((r.cohort as string | null) ?? null) : null,
        customers,
        orders,
        spend,
        averageSpend: customers ? spend / customers : 0,
        averageOrders: customers ? orders / customers : 0,
        averageOrderValue: orders ? spend / orders : null,
        averageRecencyDays: r.recency === null || r.recency === undefined ? null : Number(r.recency),
        predictedValue: Number(r.predicted) > 0 ? Number(r.clv) : null,
        averageChurnProbability: Number(r.predicted) > 0 ? Number(r.churn) : null,
      };
    });
  }
}
