import { DataSource } from 'typeorm';
import { createDataSource } from './data-source';
import { DatabaseConfig } from '../config/config';
import { QueryCounter } from './query-counter';

/** Opens the database and brings its schema up to date by running pending migrations. */
export async function openDatabase(db: DatabaseConfig, logger = new QueryCounter()): Promise<DataSource> {
  const dataSource = createDataSource(db, logger);
  await dataSource.initialize();
  try {
    await dataSource.runMigrations({ transaction: 'each' });
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
