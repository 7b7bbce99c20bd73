import { loadConfig } from './config/config';
import { createProcessLog } from './logger';
import { startServer } from './server';

async function main(): Promise<void> {
  const config = loadConfig();
  const { log, requestLog } = createProcessLog(config.logFormat, 'api');
  const server = await startServer(config, { log, requestLog });
  log(
    `segmentql ${config.version} listening on http://localhost:${server.port}/graphql, console at http://localhost:${server.port}/ (database: ${config.database.kind}${config.database.sqlitePath ? ` ${config.database.sqlitePath}` : ''}${config.distributed ? `; redis: ${config.distributed.prefix}, workers: ${config.distributed.workers}` : ''})`,
  );
  const stop = async (signal: string) => {
    log(`${signal}: shutting down`);
    await server.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop('SIGINT'));
  process.once('SIGTERM', () => void stop('SIGTERM'));
}

main().catch((err) => {
  process.stderr.write(`segmentql failed to start: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
