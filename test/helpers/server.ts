import { loadConfig } from '../../src/config/config';
import { RunningServer, startServer } from '../../src/server';
import { TestDatabase, createTestDatabase } from './database';

export interface GraphQLResponse<T = any> {
  data?: T;
  errors?: Array<{ message: string; path?: Array<string | number>; extensions?: { code?: string; [key: string]: unknown } }>;
}

/** A real server on a free port and a fresh database, with a real HTTP client. */
export interface TestServer {
  server: RunningServer;
  gql<T = any>(query: string, variables?: Record<string, unknown>): Promise<GraphQLResponse<T>>;
  close(): Promise<void>;
}

export async function startTestServer(options: { seedDemo?: boolean } = {}): Promise<TestServer> {
  const db: TestDatabase = await createTestDatabase();
  const config = { ...loadConfig({}), port: 0, database: db.config, seedDemo: options.seedDemo ?? false };
  const server = await startServer(config, { log: () => undefined });
  return {
    server,
    async gql(query, variables) {
      const res = await fetch(server.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query, variables }),
      });
      return (await res.json()) as GraphQLResponse;
    },
    async close() {
      await server.close();
      await db.drop();
    },
  };
}
