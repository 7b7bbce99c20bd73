import { DataSource, EntityManager } from 'typeorm';
import { inTransaction } from './sqlite-turns';

/** The tail of each (scope, key)'s chain of admissions in this process, per database. */
const chains = new WeakMap<DataSource, Map<string, Promise<unknown>>>();

/**
 * Runs `admit` — count what a key has pending, refuse or insert — so that two requests of one key never both count
 * before either inserts: inside a transaction, on PostgreSQL under a transaction-scoped advisory lock on (scope, key)
 * so that several API instances take turns. The lock alone would do, but each waiter would hold a pooled connection
 * while it waits (a burst of 20 would take the whole pool of 10 from everyone): in this process one key's admissions
 * queue here first, holding nothing. Without this, a burst of parallel requests would all see room under a per-key
 * cap (TRAINING_QUEUE_LIMIT, EVALUATION_QUEUE_LIMIT).
 */
export function admitForKey<T>(dataSource: DataSource, scope: string, keyId: number | null, admit: (manager: EntityManager) => Promise<T>): Promise<T> {
  const name = `${scope}:${keyId ?? 'none'}`;
  let tails = chains.get(dataSource);
  if (!tails) chains.set(dataSource, (tails = new Map()));
  const previous = tails.get(name) ?? Promise.resolve();
  const current = previous.then(() =>
    inTransaction(dataSource, async (manager) => {
      if (dataSource.options.type === 'postgres') await manager.query('SELECT pg_advisory_xact_lock(hashtext($1), $2)', [scope, keyId ?? 0]);
      return admit(manager);
    }),
  );
  const tail = current.catch(() => undefined);
  tails.set(name, tail);
  // The map keeps only chains still running.
  void tail.then(() => {
    if (tails!.get(name) === tail) tails!.delete(name);
  });
  return current;
}
