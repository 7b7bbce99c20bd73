import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DataSource } from 'typeorm';
import { count, createTestDatabase, TEST_KIND, TestDatabase, withDataSource } from '../helpers/database';
import { runSegmentql } from '../helpers/cli';
import { fixture } from '../helpers/paths';

describe(`the segmentql command on ${TEST_KIND}`, () => {
  let db: TestDatabase;
  let env: Record<string, string>;
  beforeEach(async () => {
    db = await createTestDatabase();
    env = { DATABASE_URL: db.url };
  });
  afterEach(() => db.drop());
  const withDb = <T>(fn: (ds: DataSource) => Promise<T>) => withDataSource(db, fn);

  it('imports an Online Retail file and prints a summary, then a JSON summary on request', async () => {
    const text = await runSegmentql(['import', '--format', 'online-retail', fixture('online-retail-sample.csv')], env);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain('rows read:      10');
    expect(text.stdout).toContain('skipped, missing customer id: 1');
    expect(text.stdout).toContain('skipped, duplicate line: 1');
    const json = await runSegmentql(['import', '--format', 'online-retail', fixture('online-retail-sample.csv'), '--json'], env);
    expect(json.code).toBe(0);
    const summary = JSON.parse(json.stdout.trim().split('\n').pop()!);
    expect(summary).toMatchObject({ rowsRead: 10, rowsImported: 8, aborted: false, written: { orders: { created: 0 } } });
    expect(await withDb((ds) => count(ds, 'orders'))).toBe(6);
  });

  it('stops at a malformed line with its number and exit code 1, or skips it on request', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'segmentql-cli-'));
    const file = path.join(dir, 'bad.csv');
    fs.writeFileSync(file, 'customer_id,date,number_of_cds,dollar_value\n1,1997-01-01,1,11.77\n2,someday,1,12.00\n3,1997-01-02,2,20.76\n');
    const aborted = await runSegmentql(['import', '--format', 'cdnow', file], env);
    expect(aborted.code).toBe(1);
    expect(aborted.stdout).toContain('import ABORTED');
    expect(aborted.stdout).toContain(`${file}:3: date "someday" is not a date`);
    expect(await withDb((ds) => count(ds, 'orders'))).toBe(0);
    const skipped = await runSegmentql(['import', '--format', 'cdnow', file, '--on-error', 'skip'], env);
    expect(skipped.code).toBe(0);
    expect(skipped.stdout).toContain('skipped, malformed: 1');
    expect(await withDb((ds) => count(ds, 'orders'))).toBe(2);
  });

  it('names the file and line of unreadable records, skips them on request, and refuses misnamed files', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'segmentql-cli-'));
    const file = path.join(dir, 'broken.csv');
    fs.writeFileSync(file, 'customer_id,date,number_of_cds,dollar_value\n1,1997-01-01,1,11.77\n2,1997-01-01,1,1"2.00\n3,9999-12-31,2,20.76\n4,1997-01-02,2,20\u000076\n5,1997-01-03,1,"9.99\n');
    const aborted = await runSegmentql(['import', '--format', 'cdnow', file], env);
    expect(aborted.code).toBe(1);
    expect(aborted.stdout).toContain(`${file}:3: a quote inside an unquoted field`);
    const skipped = await runSegmentql(['import', '--format', 'cdnow', file, '--on-error', 'skip'], env);
    expect(skipped.code).toBe(0);
    expect(skipped.stdout).toContain('skipped, malformed: 4');
    expect(skipped.stdout).toContain(`${file}:4: date "9999-12-31" is in the future`);
    expect(skipped.stdout).toContain(`${file}:5: field 4 holds a NUL character`);
    expect(skipped.stdout).toContain(`${file}:6: a quoted field opened here is never closed: it runs to the end of the file`);
    expect(await withDb((ds) => count(ds, 'orders'))).toBe(1);

    const layout = fs.mkdtempSync(path.join(os.tmpdir(), 'segmentql-cli-'));
    fs.writeFileSync(path.join(layout, 'customers.csv'), 'customer_id\nc1\n');
    fs.writeFileSync(path.join(layout, 'Orders.csv'), 'order_id,customer_id,placed_at\no1,c1,2024-01-05\n');
    const misnamed = await runSegmentql(['import', '--format', 'segmentql', layout], env);
    expect(misnamed.code).toBe(1);
    expect(misnamed.stderr).toContain(`${layout}: unknown file Orders.csv; the generic layout reads only customers.csv, products.csv, orders.csv`);
  });

  it('explains usage mistakes with exit code 2', async () => {
    const noFormat = await runSegmentql(['import', fixture('cdnow-sample.csv')], env);
    expect(noFormat.code).toBe(2);
    expect(noFormat.stderr).toContain('import needs --format');
    const badFormat = await runSegmentql(['import', '--format', 'xlsx', fixture('cdnow-sample.csv')], env);
    expect(badFormat.code).toBe(2);
    expect(badFormat.stderr).toContain('unknown --format "xlsx"');
    expect((await runSegmentql(['import', '--format', 'cdnow', '/nonexistent.csv'], env)).code).toBe(2);
  });

  it('writes the demo shop as the generic layout, which imports back', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'segmentql-demo-'));
    const written = await runSegmentql(['demo', '--customers', '50', '--out', dir], env);
    expect(written.code).toBe(0);
    expect(fs.readdirSync(dir).sort()).toEqual(['customers.csv', 'order_items.csv', 'orders.csv', 'products.csv', 'reviews.csv']);
    const imported = await runSegmentql(['import', '--format', 'segmentql', dir, '--json'], env);
    expect(imported.code).toBe(0);
    expect(JSON.parse(imported.stdout).written.customers.created).toBe(50);
  });

  it('checks the committed schema', async () => {
    const res = await runSegmentql(['schema', '--check'], env);
    expect(res.stdout).toContain('schema/schema.graphql is current');
    expect(res.code).toBe(0);
  });
});
