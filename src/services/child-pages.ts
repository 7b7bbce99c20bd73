import { DataSource } from 'typeorm';
import { Dialect } from '../db/dialect';
import { badUserInput } from '../errors';
import { ConnectionShape, PageArgs, PageWindow, decodeCursor, encodeCursor, fetchDirection, keysetOperator, pageWindow, toConnection } from './pagination';

/**
 * One page of children for many parents in one statement (a customer's orders, a customer's reviews): rows are
 * numbered per parent with ROW_NUMBER() and cut at `first + 1`, newest first, keyset-paged by (timestamp, id).
 * This is what lets a page of 100 customers with their orders cost one query, not 100.
 */
export interface ChildPageSpec {
  table: string;
  parentColumn: string;
  timeColumn: string;
  /** Column -> property, for the selected columns (id and the time column included). */
  columns: Record<string, string>;
}

export interface ChildRow {
  id: number;
  [key: string]: unknown;
}

export async function loadChildPages(
  dataSource: DataSource,
  spec: ChildPageSpec,
  parentIds: readonly number[],
  window: PageWindow,
): Promise<Map<number, ChildRow[]>> {
  const dialect = Dialect.of(dataSource);
  const direction = fetchDirection('DESC', window);
  const params: unknown[] = [...parentIds];
  let keyset = '';
  if (window.cursor) {
    const [time, id] = decodeCursor(window.cursor, ['string', 'number']);
    const date = new Date(time as string);
    if (Number.isNaN(date.getTime())) throw badUserInput('not a cursor from this list', { argument: window.backward ? 'before' : 'after' });
    const at = dialect.timestamp(date);
    params.push(at, at, id);
    const n = params.length;
    const op = keysetOperator(direction);
    keyset = `AND (${spec.timeColumn} ${op} ${dialect.param(n - 2)} OR (${spec.timeColumn} = ${dialect.param(n - 1)} AND id ${op} ${dialect.param(n)}))`;
  }
  params.push(window.limit + 1);
  const select = Object.entries(spec.columns)
    .map(([column, property]) => `${column} AS "${property}"`)
    .join(', ');
  const rows: ChildRow[] = await dataSource.query(
    `SELECT * FROM (
       SELECT ${select}, ${spec.parentColumn} AS "__parent",
              ROW_NUMBER() OVER (PARTITION BY ${spec.parentColumn} ORDER BY ${spec.timeColumn} ${direction}, id ${direction}) AS "__rn"
       FROM ${spec.table}
       WHERE ${spec.parentColumn} IN (${dialect.inList(parentIds.length)}) ${keyset}
     ) paged
     WHERE "__rn" <= ${dialect.param(params.length)}
     ORDER BY "__parent", "__rn"`,
    params,
  );
  const byParent = new Map<number, ChildRow[]>();
  for (const row of rows) {
    const parent = Number(row.__parent);
    delete row.__parent;
    delete row.__rn;
    row.id = Number(row.id);
    row[spec.columns[spec.timeColumn]] = dialect.readTimestamp(row[spec.columns[spec.timeColumn]]);
    let list = byParent.get(parent);
    if (!list) byParent.set(parent, (list = []));
    list.push(row);
  }
  return byParent;
}

/** Counts children per parent in one statement. */
export async function countChildren(dataSource: DataSource, table: string, parentColumn: string, parentIds: readonly number[]): Promise<Map<number, number>> {
  const dialect = Dialect.of(dataSource);
  const rows: Array<{ parent: number; n: number }> = await dataSource.query(
    `SELECT ${parentColumn} AS parent, COUNT(*) AS n FROM ${table} WHERE ${parentColumn} IN (${dialect.inList(parentIds.length)}) GROUP BY ${parentColumn}`,
    [...parentIds],
  );
  return new Map(rows.map((r) => [Number(r.parent), Number(r.n)]));
}

/**
 * One connection per parent: the pages in one query, and the counts in one more, only if a client reads a
 * `totalCount`.
 */
export async function childConnections<T extends ChildRow>(
  dataSource: DataSource,
  spec: ChildPageSpec,
  parentIds: readonly number[],
  page: PageArgs,
): Promise<Array<ConnectionShape<T>>> {
  const window = pageWindow(page);
  const pages = await loadChildPages(dataSource, spec, parentIds, window);
  const timeProperty = spec.columns[spec.timeColumn];
  let counts: Promise<Map<number, number>> | null = null;
  const countOf = (id: number) => async () => {
    counts ??= countChildren(dataSource, spec.table, spec.parentColumn, parentIds);
    return (await counts).get(id) ?? 0;
  };
  return parentIds.map((id) => toConnection((pages.get(id) ?? []) as T[], window, (row) => childCursor(row[timeProperty] as Date, row.id), countOf(id)));
}

/** The cursor of a child row: its timestamp and id. */
export function childCursor(time: Date, id: number): string {
  return encodeCursor([time.toISOString(), id]);
}
