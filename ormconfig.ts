import { loadConfig } from './src/config/config';
import { createDataSource } from './src/db/data-source';

export { createDataSource, dataSourceOptions } from './src/db/data-source';

/**
 * For the TypeORM CLI only (`npx typeorm -d dist/ormconfig.js migration:show`): the server, the CLI and the tests open
 * the database through src/db/data-source.ts with the configuration they were given.
 */
export default createDataSource(loadConfig().database);
