import { badUserInput } from '../errors';
import { SelectQueryBuilder } from 'typeorm';

/**
 * Relay paging arguments: `first` (with `after`) pages forward, `last` (with `before`) backward. Exactly one of
 * `first` and `last` is required, 1..100 (as GitHub's API).
 */
export interface PageArgs {
  first?: number | null;
  after?: string | null;
  last?: number | null;
  before?: string | null;
}

export const MAX_PAGE_SIZE = 100;

/** A checked page request: how many rows, which way, from which cursor. */
export interface PageWindow {
  limit: number;
  /** Paging with `last`/`before`: rows are fetched in reverse order and turned round. */
  backward: boolean;
  cursor: string | null;
}

function checkSize(name: 'first' | 'last', value: number): void {
  if (!Number.isInteger(value) || value < 1 || value > MAX_PAGE_SIZE) {
    throw badUserInput(`${name} must be between 1 and ${MAX_PAGE_SIZE}, got ${value}`, { argument: name });
  }
}

export function pageWindow(args: PageArgs): PageWindow {
  const hasFirst = args.first !== undefined && args.first !== null;
  const hasLast = args.last !== undefined && args.last !== null;
  if (hasFirst === hasLast) {
    throw badUserInput(hasFirst ? 'pass first or last, not both' : `first or last is required (1..${MAX_PAGE_SIZE})`, { argument: 'first' });
  }
  if (hasFirst) {
    checkSize('first', args.first!);
    if (args.before) throw badUserInput('before pages backward: use it with last', { argument: 'before' });
    return { limit: args.first!, backward: false, cursor: args.after ?? null };
  }
  checkSize('last', args.last!);
  if (args.after) throw badUserInput('after pages forward: use it with first', { argument: 'after' });
  return { limit: args.last!, backward: true, cursor: args.before ?? null };
}

/** The direction to fetch in: the list's own order, reversed when paging backward. */
export function fetchDirection(order: 'ASC' | 'DESC', window: PageWindow): 'ASC' | 'DESC' {
  return window.backward === (order === 'ASC') ? 'DESC' : 'ASC';
}

/** The keyset comparison for rows after the cursor in the fetch direction. */
export function keysetOperator(direction: 'ASC' | 'DESC'): '>' | '<' {
  return direction === 'ASC' ? '>' : '<';
}

/** Cursors are opaque: base64url of the sort key and the id that breaks ties. */
export function encodeCursor(key: Array<string | number>): string {
  return Buffer.from(JSON.stringify(key)).toString('base64url');
}

export function decodeCursor(cursor: string, shape: Array<'string' | 'number'>): Array<string | number> {
  try {
    const key = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
    if (Array.isArray(key) && key.length === shape.length && key.every((v, i) => typeof v === shape[i] && (typeof v !== 'number' || Number.isFinite(v)))) {
      return key as Array<string | number>;
    }
  } catch {
    // fall through
  }
  throw badUserInput(`${JSON.stringify(cursor.slice(0, 200))} is not a cursor from this list`, { argument: 'after' });
}

export interface Edge<T> {
  cursor: string;
  node: T;
}

export interface PageInfoShape {
  hasNextPage: boolean;
  hasPreviousPage: boolean;
  startCursor: string | null;
  endCursor: string | null;
}

/** A connection; `totalCount` is a getter so that the count query runs only when a client asks for it. */
export interface ConnectionShape<T> {
  edges: Array<Edge<T>>;
  pageInfo: PageInfoShape;
  readonly totalCount: Promise<number>;
}

/**
 * Builds a connection from up to `limit + 1` rows fetched in the fetch direction (the extra row only says there is
 * another page that way); backward pages are turned round into the list's order.
 */
export function toConnection<T>(rows: T[], args: PageArgs | PageWindow, cursorOf: (row: T) => string, totalCount: () => Promise<number>): ConnectionShape<T> {
  const window = 'limit' in args ? args : pageWindow(args);
  const page = rows.slice(0, window.limit);
  if (window.backward) page.reverse();
  const more = rows.length > window.limit;
  const edges = page.map((node) => ({ cursor: cursorOf(node), node }));
  let count: Promise<number> | null = null;
  return {
    edges,
    pageInfo: {
      hasNextPage: window.backward ? window.cursor !== null : more,
      hasPreviousPage: window.backward ? more : window.cursor !== null,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges[edges.length - 1]?.cursor ?? null,
    },
    get totalCount() {
      return (count ??= totalCount());
    },
  };
}

/** A page of a list ordered by id alone (models, runs, keys, exports): keyset on the id. */
export async function pageById<T extends { id: number }>(
  qb: SelectQueryBuilder<T>,
  column: string,
  order: 'ASC' | 'DESC',
  page: PageArgs,
  totalCount: () => Promise<number>,
): Promise<ConnectionShape<T>> {
  const window = pageWindow(page);
  const direction = fetchDirection(order, window);
  if (window.cursor) qb.andWhere(`${column} ${keysetOperator(direction)} :pageCursor`, { pageCursor: decodeCursor(window.cursor, ['number'])[0] });
  const rows = await qb.orderBy(column, direction).take(window.limit + 1).getMany();
  return toConnection(rows, window, (row) => encodeCursor([row.id]), totalCount);
}
