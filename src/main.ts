import { loadConfig } from './config/config';
import { startServer } from './server';

async function main(): Promise<void> {
  const config = loadConfig();
  const server = await startServer(config);
  process.stderr.write(
    `segmentql ${config.version} listening on http://localhost:${server.port}/graphql (database: ${config.database.kind}${config.database.sqlitePath ? ` ${config.database.sqlitePath}` : ''})\n`,
  );
  const stop = async (signal: string) => {
    process.stderr.write(`${signal}: shutting down\n`);
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
