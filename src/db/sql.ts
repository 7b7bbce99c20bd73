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

/** Days from `column` (a timestamp) to the bound timestamp `asOf` (a placeholder), as a float. */
export function daysBetween(d: Dialect, column: string, asOf: string): string {
  return d.postgres ? `(EXTRACT(EPOCH FROM (${asOf}::timestamptz - ${column})) / 86400.0)` : `(julianday(${asOf}) - julianday(${column}))`;
}

/** The calendar month (YYYY-MM, UTC) of a timestamp column. */
export function monthOf(d: Dialect, column: string): string {
  return d.postgres ? `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM')` : `substr(${column}, 1, 7)`;
}
