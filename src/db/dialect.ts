import { DataSource, EntityManager } from 'typeorm';

/**
 * The few places where SQLite and PostgreSQL differ for hand-written SQL: placeholders, how timestamps are bound and
 * read back, and how large a multi-row statement may be.
 */
export class Dialect {
  readonly postgres: boolean;

  constructor(readonly kind: 'sqlite' | 'postgres') {
    this.postgres = kind === 'postgres';
  }

  static of(source: DataSource | EntityManager): Dialect {
    const type = source instanceof DataSource ? source.options.type : source.connection.options.type;
    return new Dialect(type === 'postgres' ? 'postgres' : 'sqlite');
  }

  /** The n-th (1-based) parameter placeholder. */
  param(n: number): string {
    return this.postgres ? `$${n}` : '?';
  }

  private static readonly valuesCache = new Map<string, string>();

  /** `(?, ?, ?), (?, ?, ?)` for `rows` rows of `cols` columns, numbering from `offset`. */
  valuesList(rows: number, cols: number, offset = 0): string {
    const key = `${this.kind}:${rows}:${cols}:${offset}`;
    let text = Dialect.valuesCache.get(key);
    if (text === undefined) {
      text = this.buildValuesList(rows, cols, offset);
      if (Dialect.valuesCache.size > 1000) Dialect.valuesCache.clear();
      Dialect.valuesCache.set(key, text);
    }
    return text;
  }

  private buildValuesList(rows: number, cols: number, offset: number): string {
    const out: string[] = new Array(rows);
    let n = offset;
    for (let r = 0; r < rows; r++) {
      const cells: string[] = new Array(cols);
      for (let c = 0; c < cols; c++) cells[c] = this.param(++n);
      out[r] = `(${cells.join(', ')})`;
    }
    return out.join(', ');
  }

  /** A parameter list for `IN (...)`. */
  inList(count: number, offset = 0): string {
    const out: string[] = new Array(count);
    for (let i = 0; i < count; i++) out[i] = this.param(offset + i + 1);
    return out.join(', ');
  }

  /** Binds a timestamp the way TypeORM stores it: SQLite keeps UTC text `YYYY-MM-DD HH:MM:SS.SSS`. */
  timestamp(date: Date): string | Date {
    if (this.postgres) return date;
    return date.toISOString().replace('T', ' ').replace('Z', '');
  }

  /** Reads a timestamp from a raw row. */
  readTimestamp(value: unknown): Date | null {
    if (value === null || value === undefined) return null;
    if (value instanceof Date) return value;
    const text = String(value);
    // SQLite's own layout, `YYYY-MM-DD HH:MM:SS[.SSS]` in UTC, read by position: sequences read one per order line.
    if ((text.length === 19 || text.length === 23) && text.charCodeAt(10) === 32 && text.charCodeAt(4) === 45) {
      const n = (from: number, to: number) => Number(text.slice(from, to));
      const [year, month, day, hour, minute, second] = [n(0, 4), n(5, 7), n(8, 10), n(11, 13), n(14, 16), n(17, 19)];
      // Date.UTC maps years below 100 to the 1900s and rolls over out-of-range fields: those take the slow path.
      if (year >= 100 && month >= 1 && month <= 12 && day >= 1 && day <= 31 && hour < 24 && minute < 60 && second < 60) {
        const ms = Date.UTC(year, month - 1, day, hour, minute, second, text.length === 23 ? n(20, 23) : 0);
        if (Number.isFinite(ms)) return new Date(ms);
      }
    }
    return new Date(/[zZ]|[+-]\d\d:?\d\d$/.test(text) ? text : text.replace(' ', 'T') + 'Z');
  }

  /** Most rows per multi-row statement for `cols` columns, under SQLite's and PostgreSQL's parameter limits. */
  rowsPerStatement(cols: number): number {
    return Math.max(1, Math.floor((this.postgres ? 65_000 : 32_000) / cols / 4));
  }
}
