import 'reflect-metadata';
import http from 'node:http';
import { AddressInfo } from 'node:net';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { expressMiddleware } from '@as-integrations/express5';
import express from 'express';
import { GraphQLFormattedError } from 'graphql';
import { useServer } from 'graphql-ws/use/ws';
import { WebSocketServer } from 'ws';
import { DataSource } from 'typeorm';
import { AppConfig } from './config/config';
import { openDatabase } from './db/database';
import { QueryCounter } from './db/query-counter';
import { ErrorCode } from './errors';
import { Context, createContext } from './resolvers/context';
import { createSchema } from './schema';
import { Services, createServices } from './services';

export interface RunningServer {
  url: string;
  port: number;
  httpServer: http.Server;
  dataSource: DataSource;
  services: Services;
  queries: QueryCounter;
  close(): Promise<void>;
}

export interface StartOptions {
  /** Log lines (start-up, seeding); defaults to stderr. */
  log?: (line: string) => void;
}

/**
 * Wires the server: DataSource (migrations run) -> services -> demo seed -> schema -> Apollo on Express.
 * GraphQL is served at /graphql, health at GET /healthz.
 */
export async function startServer(config: AppConfig, options: StartOptions = {}): Promise<RunningServer> {
  const log = options.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  const queries = new QueryCounter(config.logSql);
  const dataSource = await openDatabase(config.database, queries);
  try {
    const services = createServices(dataSource, config, log);
    const interrupted = await services.runner.recover();
    if (interrupted > 0) log(`marked ${interrupted} training run(s) left over from a previous process as FAILED (interrupted)`);
    const started = Date.now();
    let seeded = false;
    if (config.seedDemo === true) {
      await services.demo.seed();
      seeded = true;
    } else if (config.seedDemo === 'auto') {
      seeded = await services.demo.seedIfEmpty();
    }
    if (seeded) log(`seeded the synthetic demo shop in ${Date.now() - started} ms`);

    // The category ranking scans every order line: do it now, off the request path.
    services.features.warmUp().catch((err) => log(`warming up the feature service failed: ${(err as Error).message}`));
    const app = express();
    const httpServer = http.createServer(app);
    const schema = await createSchema(services.pubsub);
    // Subscriptions: graphql-ws on the same port and path as HTTP.
    const wsServer = new WebSocketServer({ server: httpServer, path: '/graphql' });
    const wsCleanup = useServer({ schema, context: () => createContext(services) }, wsServer);
    const apollo = new ApolloServer<Context>({
      schema,
      plugins: [
        ApolloServerPluginDrainHttpServer({ httpServer }),
        { serverWillStart: async () => ({ drainServer: async () => void (await wsCleanup.dispose()) }) },
      ],
      includeStacktraceInErrorResponses: process.env.NODE_ENV === 'development',
      formatError: (formatted, error) => maskInternal(formatted, error, log),
    });
    await apollo.start();

    app.get('/healthz', async (_req, res) => {
      try {
        await dataSource.query('SELECT 1');
        res.json({ status: 'ok', version: config.version, database: { kind: config.database.kind, reachable: true } });
      } catch (err) {
        res.status(503).json({ status: 'unavailable', version: config.version, database: { kind: config.database.kind, reachable: false, error: String(err) } });
      }
    });
    app.use('/graphql', express.json({ limit: '5mb' }), expressMiddleware(apollo, { context: async ({ req }) => createContext(services, req.header('x-segmentql-user')) }));

    await new Promise<void>((resolve, reject) => {
      httpServer.once('error', reject);
      httpServer.listen(config.port, () => resolve());
    });
    const port = (httpServer.address() as AddressInfo).port;
    return {
      url: `http://127.0.0.1:${port}/graphql`,
      port,
      httpServer,
      dataSource,
      services,
      queries,
      async close() {
        await services.runner.close();
        await apollo.stop();
        await dataSource.destroy();
      },
    };
  } catch (err) {
    if (dataSource.isInitialized) await dataSource.destroy();
    throw err;
  }
}

/** Errors we did not mean to raise are logged in full and answered without internals. */
function maskInternal(formatted: GraphQLFormattedError, error: unknown, log: (line: string) => void): GraphQLFormattedError {
  const code = formatted.extensions?.code;
  if (code && code !== ErrorCode.INTERNAL_SERVER_ERROR) return formatted;
  log(`internal error: ${(error as Error)?.stack ?? String(error)}`);
  if (process.env.NODE_ENV === 'development') return formatted;
  return { message: 'Internal server error', path: formatted.path, locations: formatted.locations, extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR } };
}
