import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../../src/config/config';
import { EXAMPLE_PLUGIN } from './plugins';
import { RunningServer, startServer } from '../../src/server';
import { TestDatabase, createTestDatabase } from './database';

export interface GraphQLResponse<T = any> {
  data?: T;
  errors?: Array<{ message: string; path?: Array<string | number>; extensions?: { code?: string; [key: string]: unknown } }>;
}

/** A real server on a free port and a fresh database, with a real HTTP client. */
export interface TestServer {
  server: RunningServer;
  db: TestDatabase;
  modelsDir: string;
  /** A key of each role (the default requests use admin). */
  keys: Record<'viewer' | 'analyst' | 'admin', string>;
  gql<T = any>(query: string, variables?: Record<string, unknown>, headers?: Record<string, string>): Promise<GraphQLResponse<T>>;
  /** Stops the server; `keepData` leaves the database and the models folder for a restart. */
  close(options?: { keepData?: boolean }): Promise<void>;
}

export async function startTestServer(options: { seedDemo?: boolean; db?: TestDatabase; modelsDir?: string; env?: Record<string, string> } = {}): Promise<TestServer> {
  const db: TestDatabase = options.db ?? (await createTestDatabase());
  const modelsDir = options.modelsDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'segmentql-models-'));
  // The example plugin is loaded the way a third party's would be: named in SEGMENTQL_PLUGINS.
  const config = { ...loadConfig({ SEGMENTQL_PLUGINS: EXAMPLE_PLUGIN, MODELS_DIR: modelsDir, EXPORTS_DIR: path.join(modelsDir, 'exports'), RATE_LIMIT_PER_MINUTE: '0', AUTH_FAILURE_LIMIT_PER_MINUTE: '0', DEMO_MODEL: 'false', ...options.env }), port: 0, database: db.config, seedDemo: options.seedDemo ?? false };
  // TEST_SERVER_LOG=1 shows the server's log lines (internal errors with their stacks) when a test needs debugging.
  const server = await startServer(config, { log: process.env.TEST_SERVER_LOG ? (line) => process.stderr.write(`[server] ${line}\n`) : () => undefined });
  const keys = {
    viewer: (await server.services.apiKeys.create('viewer', 'test viewer', 'test')).secret,
    analyst: (await server.services.apiKeys.create('analyst', 'test analyst', 'test')).secret,
    admin: (await server.services.apiKeys.create('admin', 'test admin', 'test')).secret,
  };
  return {
    db,
    modelsDir,
    server,
    keys,
    async gql(query, variables, headers = {}) {
      const res = await fetch(server.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${keys.admin}`, ...headers },
        body: JSON.stringify({ query, variables }),
      });
      return (await res.json()) as GraphQLResponse;
    },
    async close(closeOptions) {
      await server.close();
      if (closeOptions?.keepData) return;
      await db.drop();
      fs.rmSync(modelsDir, { recursive: true, force: true });
    },
  };
}
