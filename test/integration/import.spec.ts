import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { DataSource } from 'typeorm';
import { generateDemoShop } from '../../src/demo/synthetic-shop';
import { BulkWriter } from '../../src/import/bulk-writer';
import { writeSegmentqlCsv } from '../../src/import/csv-writer';
import { CdnowSource } from '../../src/import/sources/cdnow.source';
import { OnlineRetailSource } from '../../src/import/sources/online-retail.source';
import { SegmentqlSource } from '../../src/import/sources/segmentql.source';
import { ThreadedSource } from '../../src/import/threaded-source';
import { ImportService } from '../../src/services/import.service';
import { count, openTestDataSource, snapshot, TEST_KIND } from '../helpers/database';
import { fixture } from '../helpers/paths';

/** PostgreSQL returns bigint columns as strings. */
function numbers(rows: Array<Record<string, unknown>>): Array<Record<string, unknown>> {
  return rows.map((row) => ({ ...row, amount_e4: Number(row.amount_e4) }));
}

function tempFile(name: string, text: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'segmentql-import-'));
  const file = path.join(dir, name);
  fs.writeFileSync(file, text);
  return file;
}

describe(`import on ${TEST_KIND}`, () => {
  let ctx: Awaited<ReturnType<typeof openTestDataSource>>;
  let ds: DataSource;
  let imports: ImportService;

  beforeEach(async () => {
    ctx = await openTestDataSource();
    ds = ctx.dataSource;
    imports = new ImportService(ds);
  });
  afterEach(() => ctx.close());

  describe('Online Retail', () => {
    it('applies the format rules: skips, duplicates, charges, cancellations, titles, UK time', async () => {
      const summary = await imports.importSource(new OnlineRetailSource(fixture('online-retail-sample.csv')));
      expect(summary).toMatchObject({
        rowsRead: 10,
        rowsImported: 8,
        skipped: { 'missing customer id': 1, 'duplicate line': 1 },
        errorCount: 0,
        aborted: false,
      });
      // Totals over every row read, and over what was imported.
      expect(summary.totals.read).toEqual({ quantity: 6 + 6 + 6 + 6 + 3 + 24 + 6 - 2 + 1 + 2, amountE4: 2_344_320 });
      expect(summary.totals.imported.quantity).toBe(6 + 6 + 6 + 3 + 24 - 2 + 1 + 2);

      expect(await count(ds, 'customers')).toBe(2);
      expect(await count(ds, 'orders')).toBe(6);
      expect(await count(ds, 'order_items')).toBe(8);
      const products = await ds.query('SELECT external_id, title, price_e4 FROM products ORDER BY external_id');
      expect(products).toEqual([
        { external_id: '22633', title: 'HAND WARMER, UNION JACK', price_e4: 18_500 },
        { external_id: '22728', title: 'ALARM CLOCK BAKELIKE PINK', price_e4: 37_500 },
        { external_id: '22961', title: '£ SIGN MUG', price_e4: 10 },
        { external_id: '71053', title: 'WHITE METAL LANTERN', price_e4: 33_900 },
        // 85123a is the same stock code; its blank description kept the title, its price is the latest.
        { external_id: '85123A', title: 'WHITE HANGING HEART T-LIGHT HOLDER', price_e4: 29_500 },
      ]);
      const postage = numbers(await ds.query(`SELECT charge_code, product_id, amount_e4 FROM order_items WHERE charge_code IS NOT NULL`));
      expect(postage).toEqual([{ charge_code: 'POST', product_id: null, amount_e4: 540_000 }]);
      const [cancellation] = await ds.query(
        `SELECT o.status, i.quantity, i.amount_e4 FROM orders o JOIN order_items i ON i.order_id = o.id WHERE o.external_id = 'C536379'`,
      );
      expect(numbers([cancellation])[0]).toEqual({ status: 'returned', quantity: -2, amount_e4: -51_000 });
      const [summer] = await ds.getRepository('Order').find({ where: { externalId: '536380' } });
      expect((summer as { placedAt: Date }).placedAt.toISOString()).toBe('2011-06-01T09:00:00.000Z');
      const [lines] = await ds.query(`SELECT COUNT(*) AS n FROM order_items i JOIN orders o ON o.id = i.order_id WHERE o.external_id = '536365'`);
      expect(Number(lines.n)).toBe(2);
    });

    it('changes nothing when the same file is imported twice', async () => {
      await imports.importSource(new OnlineRetailSource(fixture('online-retail-sample.csv')), { batchSize: 3 });
      const before = await snapshot(ds);
      const again = await imports.importSource(new OnlineRetailSource(fixture('online-retail-sample.csv')), { batchSize: 4 });
      expect(again.written.customers.created + again.written.products.created + again.written.orders.created).toBe(0);
      expect(await snapshot(ds)).toEqual(before);
    });

    it('with --on-error abort, reports the line and writes no part of the failing batch', async () => {
      const good = fs.readFileSync(fixture('online-retail-sample.csv'), 'utf8').trimEnd().split('\n');
      const broken = [...good.slice(0, 5), '536399,22111,BAD QUANTITY,six,2010-12-02 10:00:00,1.00,17850.0,United Kingdom', ...good.slice(5)].join('\n');
      const file = tempFile('broken.csv', broken);
      const summary = await imports.importSource(new OnlineRetailSource(file), { batchSize: 3, onError: 'abort' });
      expect(summary.aborted).toBe(true);
      expect(summary.errors).toEqual([{ file, line: 6, reason: 'Quantity "six" is not an integer' }]);
      // Lines 2-4 form the first batch (committed; one is a duplicate); lines 5-7 hold the bad line: none is written.
      expect(summary.batchesCommitted).toBe(1);
      expect(await ds.query(`SELECT external_id FROM orders ORDER BY external_id`)).toEqual([{ external_id: '536365' }]);
      expect(await count(ds, 'order_items')).toBe(2);
    });

    it('with --on-error skip, imports every other line and counts the bad one', async () => {
      const good = fs.readFileSync(fixture('online-retail-sample.csv'), 'utf8').trimEnd().split('\n');
      const broken = [...good.slice(0, 5), '536399,22111,TOO FEW FIELDS,1', ...good.slice(5)].join('\n');
      const summary = await imports.importSource(new OnlineRetailSource(tempFile('broken.csv', broken)), { batchSize: 3, onError: 'skip' });
      expect(summary.aborted).toBe(false);
      expect(summary.errors.map((e) => [e.line, e.reason])).toEqual([[6, 'expected 8 fields, found 4']]);
      expect(summary.skipped.malformed).toBe(1);
      expect(summary.rowsRead).toBe(11);
      expect(summary.rowsImported).toBe(8);
      expect(await count(ds, 'order_items')).toBe(8);
    });

    it('reads gzip files, by extension or by content', async () => {
      const gz = zlib.gzipSync(fs.readFileSync(fixture('online-retail-sample.csv')));
      const named = tempFile('sample.csv.gz', '');
      fs.writeFileSync(named, gz);
      const unnamed = tempFile('sample.csv', '');
      fs.writeFileSync(unnamed, gz);
      for (const file of [named, unnamed]) {
        const summary = await imports.importSource(new OnlineRetailSource(file));
        expect(summary).toMatchObject({ rowsRead: 10, errorCount: 0 });
      }
      expect(await count(ds, 'order_items')).toBe(8);
    });

    it('gives the same result when a worker thread parses', async () => {
      const single = await imports.importSource(new OnlineRetailSource(fixture('online-retail-sample.csv')), { batchSize: 3 });
      const expected = await snapshot(ds);
      const other = await openTestDataSource();
      try {
        const threaded = await new ImportService(other.dataSource).importSource(
          new ThreadedSource({ format: 'online-retail', path: fixture('online-retail-sample.csv') }),
          { batchSize: 3 },
        );
        expect({ ...threaded, durationMs: 0 }).toEqual({ ...single, durationMs: 0 });
        expect(await snapshot(other.dataSource)).toEqual(expected);
        const file = tempFile('wrong.csv', 'a,b\n1,2\n');
        await expect(new ImportService(other.dataSource).importSource(new ThreadedSource({ format: 'online-retail', path: file }))).rejects.toThrow(
          /line 1: expected the Online Retail header/,
        );
      } finally {
        await other.close();
      }
    });

    it('refuses a file that is not in the Online Retail layout', async () => {
      const file = tempFile('wrong.csv', 'a,b,c\n1,2,3\n');
      await expect(imports.importSource(new OnlineRetailSource(file))).rejects.toThrow(/line 1: expected the Online Retail header/);
    });
  });

  describe('the bulk writer', () => {
    it('forgets the ids and rows it learnt in a transaction that rolled back', async () => {
      const shop = generateDemoShop({ customers: 5, seed: 9 });
      const writer = new BulkWriter();
      const runner = ds.createQueryRunner();
      await runner.connect();
      await runner.startTransaction();
      await writer.findMissingReferences(runner.manager, shop);
      await writer.write(runner.manager, shop, { replaceItems: true });
      await runner.rollbackTransaction();
      await runner.release();
      writer.rollback();
      expect(await count(ds, 'customers')).toBe(0);
      // The same writer again: nothing may be skipped as "already written", no id may point at a rolled-back row.
      const { stats } = await imports.writeRecords(writer, shop, { onError: 'abort', replaceItems: true });
      expect(stats.customers.created).toBe(5);
      expect(await count(ds, 'orders')).toBe(shop.orders.length);
      expect(await count(ds, 'order_items')).toBe(shop.orders.reduce((n, o) => n + o.items.length, 0));
    });
  });

  describe('CDNOW', () => {
    it('turns every row into a one-line order of CDs, amounts as recorded', async () => {
      const summary = await imports.importSource(new CdnowSource(fixture('cdnow-sample.csv')));
      expect(summary).toMatchObject({ rowsRead: 6, rowsImported: 6, aborted: false });
      expect(summary.totals.read).toEqual({ quantity: 13, amountE4: 1_618_300 });
      expect(await count(ds, 'customers')).toBe(3);
      expect(await ds.query(`SELECT external_id FROM orders WHERE external_id LIKE '2-%' ORDER BY external_id`)).toEqual([
        { external_id: '2-19970112-1' },
        { external_id: '2-19970112-2' },
      ]);
      const [sum] = await ds.query('SELECT SUM(amount_e4) AS total, SUM(quantity) AS cds FROM order_items');
      expect([Number(sum.total), Number(sum.cds)]).toEqual([1_618_300, 13]);
      const before = await snapshot(ds);
      await imports.importSource(new CdnowSource(fixture('cdnow-sample.csv')));
      expect(await snapshot(ds)).toEqual(before);
    });
  });

  describe('generic layout', () => {
    it('round-trips the demo shop through CSV: same rows as writing it directly', async () => {
      const shop = generateDemoShop({ customers: 60, seed: 3 });
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'segmentql-layout-'));
      writeSegmentqlCsv(dir, shop);
      const summary = await imports.importSource(new SegmentqlSource(dir), { batchSize: 250 });
      expect(summary.errorCount).toBe(0);
      const lines = shop.orders.reduce((n, o) => n + o.items.length, 0);
      expect(summary.rowsRead).toBe(shop.customers.length + shop.products.length + shop.orders.length + lines + shop.reviews.length);
      const viaCsv = await snapshot(ds);

      const other = await openTestDataSource();
      try {
        await new ImportService(other.dataSource).writeRecords(new BulkWriter(), shop, { onError: 'abort', replaceItems: true });
        const direct = await snapshot(other.dataSource);
        expect(viaCsv).toEqual(direct);
      } finally {
        await other.close();
      }
    });

    it('reports bad cells and unknown references with file and line', async () => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'segmentql-layout-'));
      fs.writeFileSync(path.join(dir, 'customers.csv'), 'customer_id,email,birth_year\nc1,a@example.com,1980\nc2,not-an-email,1990\nc3,,1800\n');
      fs.writeFileSync(path.join(dir, 'products.csv'), 'product_id,title,price\np1,"Mug, large",4.50\n');
      fs.writeFileSync(path.join(dir, 'orders.csv'), 'order_id,customer_id,placed_at,status\no1,c1,2024-01-05T10:00:00Z,placed\no2,nobody,2024-01-06,placed\no3,c1,2024-01-07,lost\n');
      fs.writeFileSync(path.join(dir, 'order_items.csv'), 'order_id,product_id,quantity,unit_price\no1,p1,2,4.50\no1,p9,1,1.00\n');
      const summary = await imports.importSource(new SegmentqlSource(dir), { onError: 'skip' });
      const where = (e: { file: string; line: number; reason: string }) => `${path.basename(e.file)}:${e.line} ${e.reason}`;
      expect(summary.errors.map(where)).toEqual([
        'customers.csv:3 email: "not-an-email" is not an email address',
        'customers.csv:4 birth_year: 1800 is below 1900',
        'orders.csv:4 status: "lost" is not one of placed, cancelled, returned',
        'orders.csv:3 unknown customer "nobody"',
        'order_items.csv:3 unknown product "p9"',
      ]);
      expect(await count(ds, 'customers')).toBe(1);
      expect(await count(ds, 'orders')).toBe(1);
      expect(numbers(await ds.query('SELECT line_no, quantity, amount_e4 FROM order_items'))).toEqual([{ line_no: 1, quantity: 2, amount_e4: 90_000 }]);
    });

    it('says which column is unknown or missing', async () => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'segmentql-layout-'));
      fs.writeFileSync(path.join(dir, 'products.csv'), 'product_id,titel\np1,Mug\n');
      await expect(imports.importSource(new SegmentqlSource(dir))).rejects.toThrow(/products.csv line 1: unknown column "titel"/);
    });
  });
});
