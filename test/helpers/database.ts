import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { DatabaseConfig, parseDatabaseUrl } from '../../src/config/config';
import { createDataSource } from '../../src/db/data-source';
import { openDatabase } from '../../src/db/database';
import { QueryCounter } from '../../src/db/query-counter';

/**
 * A fresh, empty database for one test file, of the kind `DATABASE_URL` names: a temporary SQLite file by default,
 * or, when DATABASE_URL is a postgres:// URL, a new database created on that server (and dropped afterwards).
 */
export interface TestDatabase {
  config: DatabaseConfig;
  /** The DATABASE_URL that names it, for child processes. */
  url: string;
  drop(): Promise<void>;
}

export const TEST_KIND: 'sqlite' | 'postgres' = process.env.DATABASE_URL?.startsWith('postgres') ? 'postgres' : 'sqlite';

export async function createTestDatabase(): Promise<TestDatabase> {
  const suffix = `${process.pid}_${crypto.randomBytes(4).toString('hex')}`;
  if (TEST_KIND === 'postgres') {
    const admin = new URL(process.env.DATABASE_URL!);
    const name = `segmentql_test_${suffix}`;
    const client = new Client({ connectionString: admin.toString() });
    await client.connect();
    await client.query(`CREATE DATABASE ${name}`);
    await client.end();
    const url = new URL(admin.toString());
    url.pathname = `/${name}`;
    return {
      config: parseDatabaseUrl(url.toString()),
      url: url.toString(),
      async drop() {
        const c = new Client({ connectionString: admin.toString() });
        await c.connect();
        await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        await c.end();
      },
    };
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'segmentql-test-'));
  const url = `sqlite:${path.join(dir, `test_${suffix}.sqlite`)}`;
  return {
    config: parseDatabaseUrl(url),
    url,
    async drop() {
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A migrated DataSource on a fresh test database, with its QueryCounter. */
export async function openTestDataSource(): Promise<{ dataSource: DataSource; queries: QueryCounter; db: TestDatabase; close(): Promise<void> }> {
  const db = await createTestDatabase();
  const queries = new QueryCounter();
  const dataSource = await openDatabase(db.config, queries);
  return {
    dataSource,
    queries,
    db,
    async close() {
      if (dataSource.isInitialized) await dataSource.destroy();
      await db.drop();
    },
  };
}

/** Opens the test database (already migrated by whoever wrote to it), runs `fn`, closes it. */
export async function withDataSource<T>(db: TestDatabase, fn: (dataSource: DataSource) => Promise<T>): Promise<T> {
  const dataSource = createDataSource(db.config);
  await dataSource.initialize();
  try {
    return await fn(dataSource);
  } finally {
    await dataSource.destroy();
  }
}

/** Every row of the main tables, in a stable order, for "nothing changed" comparisons. */
export async function snapshot(dataSource: DataSource): Promise<Record<string, unknown[]>> {
  const tables: Record<string, string> = {
    customers: 'SELECT id, external_id, email, name, country, city, gender, birth_year, signup_at, attributes, ground_truth_label FROM customers ORDER BY id',
    products: 'SELECT id, external_id, title, description, category, price_e4 FROM products ORDER BY id',
    orders: 'SELECT id, external_id, customer_id, placed_at, status FROM orders ORDER BY id',
    order_items: 'SELECT order_id, line_no, product_id, charge_code, quantity, unit_price_e4, amount_e4 FROM order_items ORDER BY order_id, line_no',
    reviews: 'SELECT id, external_id, customer_id, product_id, rating, text, reviewed_at FROM reviews ORDER BY id',
  };
  const out: Record<string, unknown[]> = {};
  for (const [name, sql] of Object.entries(tables)) {
    out[name] = (await dataSource.query(sql)).map((row: Record<string, unknown>) =>
      Object.fromEntries(Object.entries(row).map(([k, v]) => [k, v instanceof Date ? v.toISOString() : typeof v === 'bigint' ? Number(v) : v === null ? null : String(v)])),
    );
  }
  return out;
}

export async function count(dataSource: DataSource, table: string): Promise<number> {
  const [row] = await dataSource.query(`SELECT COUNT(*) AS n FROM ${table}`);
  return Number(row.n);
}
