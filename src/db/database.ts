import { DataSource } from 'typeorm';
import { createDataSource, dataSourceOptions } from './data-source';
import { DatabaseConfig } from '../config/config';
import { QueryCounter } from './query-counter';

/** Opens the database and brings its schema up to date by running pending migrations. */
export async function openDatabase(db: DatabaseConfig, logger = new QueryCounter()): Promise<DataSource> {
  const dataSource = createDataSource(db, logger);
  await dataSource.initialize();
  try {
    // Several processes starting together (API instances, workers) migrate one at a time.
    await withStartupLock(dataSource, () => dataSource.runMigrations({ transaction: 'each' }));
  } catch (err) {
    await dataSource.destroy();
    throw err;
  }
  return dataSource;
}

/** The QueryCounter a DataSource was opened with. */
export function queryCounter(dataSource: DataSource): QueryCounter {
  return dataSource.logger as QueryCounter;
}

/** pg_advisory_lock key of start-up steps (migrations, seeding, the first admin key): "sqlstart". */
const STARTUP_LOCK = 0x73716c73;

/**
 * Runs `step` while no other process on this PostgreSQL database runs a start-up step (a session-level advisory lock,
 * on a connection of its own); at once on SQLite, which one process owns.
 */
export async function withStartupLock<T>(dataSource: DataSource, step: () => Promise<T>): Promise<T> {
  if (dataSource.options.type !== 'postgres') return step();
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  try {
    await runner.query('SELECT pg_advisory_lock($1)', [STARTUP_LOCK]);
    try {
      return await step();
    } finally {
      await runner.query('SELECT pg_advisory_unlock($1)', [STARTUP_LOCK]);
    }
  } finally {
    await runner.release();
  }
}

/**
 * The database a worker thread may open a connection of its own to: the same PostgreSQL database or SQLite file.
 * `null` for an in-memory SQLite database, which no other connection can see.
 */
export function sharedDatabaseOf(dataSource: DataSource): DatabaseConfig | null {
  const options = dataSource.options as { type: string; url?: string; database?: unknown };
  if (options.type === 'postgres' && typeof options.url === 'string') return { kind: 'postgres', url: options.url };
  if (options.type === 'better-sqlite3' && typeof options.database === 'string' && options.database !== ':memory:') {
    return { kind: 'sqlite', url: `sqlite:${options.database}`, sqlitePath: options.database };
  }
  return null;
}

/**
 * A worker thread's own connection, for reading: no migrations (the server ran them), and on PostgreSQL a pool of
 * two, so that a job's statements never wait for (or hold) the connections that serve requests.
 */
export async function openWorkerConnection(db: DatabaseConfig): Promise<DataSource> {
  const options = dataSourceOptions(db);
  const dataSource = new DataSource(options.type === 'postgres' ? { ...options, extra: { ...options.extra, max: 2 } } : options);
  await dataSource.initialize();
  return dataSource;
}
