import { badUserInput } from '../errors';

/** Relay paging arguments, checked: `first` is required and 1..100 (as GitHub's API). */
export interface PageArgs {
  first: number;
  after?: string | null;
}

export const MAX_PAGE_SIZE = 100;

export function checkFirst(first: number): void {
  if (!Number.isInteger(first) || first < 1 || first > MAX_PAGE_SIZE) {
    throw badUserInput(`first must be between 1 and ${MAX_PAGE_SIZE}, got ${first}`, { argument: 'first' });
  }
}

/** Cursors are opaque: base64url of the sort key and the id that breaks ties. */
export function encodeCursor(key: Array<string | number>): string {
  return Buffer.from(JSON.stringify(key)).toString('base64url');
}

export function decodeCursor(cursor: string, shape: Array<'string' | 'number'>): Array<string | number> {
  try {
    const key = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
    if (Array.isArray(key) && key.length === shape.length && key.every((v, i) => typeof v === shape[i])) return key as Array<string | number>;
  } catch {
    // fall through
  }
  throw badUserInput(`after ${JSON.stringify(cursor)} is not a cursor from this list`, { argument: 'after' });
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

/** Builds a connection from up to `first + 1` rows (the extra row only says there is a next page). */
export function toConnection<T>(rows: T[], args: PageArgs, cursorOf: (row: T) => string, totalCount: () => Promise<number>): ConnectionShape<T> {
  const page = rows.slice(0, args.first);
  const edges = page.map((node) => ({ cursor: cursorOf(node), node }));
  let count: Promise<number> | null = null;
  return {
    edges,
    pageInfo: {
      hasNextPage: rows.length > args.first,
      hasPreviousPage: Boolean(args.after),
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges[edges.length - 1]?.cursor ?? null,
    },
    get totalCount() {
      return (count ??= totalCount());
    },
  };
}
