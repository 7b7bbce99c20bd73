import { DataSource, EntityManager } from 'typeorm';

/** The tail of each SQLite database's chain of transactions. */
const tails = new WeakMap<DataSource, Promise<unknown>>();

/**
 * Runs `step` (a transaction, or steps that must not interleave with one) after every earlier such step on this
 * SQLite database has ended; at once on PostgreSQL. TypeORM shares one connection for all of a SQLite DataSource, and
 * tracks its transaction depth only after BEGIN returns: two transactions begun together (two upserts at once) would
 * both send BEGIN, and the second fail with "cannot start a transaction within a transaction". PostgreSQL gives each
 * transaction its own pooled connection and needs no turns. A step must not wait for another turn (it would wait for
 * itself).
 */
export function inSqliteTurn<T>(dataSource: DataSource, step: () => Promise<T>): Promise<T> {
  if (dataSource.options.type === 'postgres') return step();
  const previous = tails.get(dataSource) ?? Promise.resolve();
  const current = previous.then(step);
  tails.set(
    dataSource,
    current.catch(() => undefined),
  );
  return current;
}

/** A transaction in this database's turn: `dataSource.transaction` for every caller that does not hold a turn already. */
export function inTransaction<T>(dataSource: DataSource, work: (manager: EntityManager) => Promise<T>): Promise<T> {
  return inSqliteTurn(dataSource, () => dataSource.transaction(work));
}
