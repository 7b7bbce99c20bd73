import { Dialect } from './dialect';

/**
 * Hand-written SQL with placeholders numbered in the order they are added: write the statement front to back,
 * calling `p` where each value goes (SQLite's `?` are positional, so the text order is the binding order).
 */
export class Sql {
  readonly params: unknown[] = [];
  constructor(readonly d: Dialect) {}

  p(value: unknown): string {
    this.params.push(value);
    return this.d.param(this.params.length);
  }

  list(values: readonly unknown[]): string {
    return values.map((v) => this.p(v)).join(', ');
  }
}

/**
 * Per customer with any order: net spend in 1/10,000 units (purchases minus returns, charges excluded), number of
 * purchases, first and last purchase, over all the data. What `customer_stats` holds (see CustomerStatsService).
 */
export function customerStats(): string {
  return `
    SELECT o.customer_id AS cid,
           COALESCE(SUM(CASE WHEN o.status IN ('placed', 'returned') AND i.product_id IS NOT NULL THEN i.amount_e4 END), 0) AS spend,
           COUNT(DISTINCT CASE WHEN o.status = 'placed' THEN o.id END) AS orders,
           MIN(CASE WHEN o.status = 'placed' THEN o.placed_at END) AS first_order,
           MAX(CASE WHEN o.status = 'placed' THEN o.placed_at END) AS last_order
    FROM orders o LEFT JOIN order_items i ON i.order_id = o.id
    GROUP BY o.customer_id`;
}

/** Days from `column` (a timestamp) to the bound timestamp `asOf` (a placeholder), as a float. */
export function daysBetween(d: Dialect, column: string, asOf: string): string {
  return d.postgres ? `(EXTRACT(EPOCH FROM (${asOf}::timestamptz - ${column})) / 86400.0)` : `(julianday(${asOf}) - julianday(${column}))`;
}

/** The calendar month (YYYY-MM, UTC) of a timestamp column. */
export function monthOf(d: Dialect, column: string): string {
  return d.postgres ? `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM')` : `substr(${column}, 1, 7)`;
}
