"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
const node_fs_1 = __importDefault(require("node:fs"));
const node_os_1 = __importDefault(require("node:os"));
const node_path_1 = __importDefault(require("node:path"));
const node_zlib_1 = __importDefault(require("node:zlib"));
const synthetic_shop_1 = require("../../src/demo/synthetic-shop");
const bulk_writer_1 = require("../../src/import/bulk-writer");
const csv_writer_1 = require("../../src/import/csv-writer");
const cdnow_source_1 = require("../../src/import/sources/cdnow.source");
const online_retail_source_1 = require("../../src/import/sources/online-retail.source");
const segmentql_source_1 = require("../../src/import/sources/segmentql.source");
const threaded_source_1 = require("../../src/import/threaded-source");
const feature_service_1 = require("../../src/services/feature.service");
const import_service_1 = require("../../src/services/import.service");
const database_1 = require("../helpers/database");
const paths_1 = require("../helpers/paths");
/** PostgreSQL returns bigint columns as strings. */
function numbers(rows) {
    return rows.map((row) => ({ ...row, amount_e4: Number(row.amount_e4) }));
}
function tempFile(name, text) {
    const dir = node_fs_1.default.mkdtempSync(node_path_1.default.join(node_os_1.default.tmpdir(), 'segmentql-import-'));
    const file = node_path_1.default.join(dir, name);
    node_fs_1.default.writeFileSync(file, text);
    return file;
}
describe(`import on ${database_1.TEST_KIND}`, () => {
    let ctx;
    let ds;
    let imports;
    beforeEach(async () => {
        ctx = await (0, database_1.openTestDataSource)();
        ds = ctx.dataSource;
        imports = new import_service_1.ImportService(ds);
    });
    afterEach(() => ctx.close());
    describe('Online Retail', () => {
        it('applies the format rules: skips, duplicates, charges, cancellations, titles, UK time', async () => {
            const summary = await imports.importSource(new online_retail_source_1.OnlineRetailSource((0, paths_1.fixture)('online-retail-sample.csv')));
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
            expect(await (0, database_1.count)(ds, 'customers')).toBe(2);
            expect(await (0, database_1.count)(ds, 'orders')).toBe(6);
            expect(await (0, database_1.count)(ds, 'order_items')).toBe(8);
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
            const [cancellation] = await ds.query(`SELECT o.status, i.quantity, i.amount_e4 FROM orders o JOIN order_items i ON i.order_id = o.id WHERE o.external_id = 'C536379'`);
            expect(numbers([cancellation])[0]).toEqual({ status: 'returned', quantity: -2, amount_e4: -51_000 });
            const [summer] = await ds.getRepository('Order').find({ where: { externalId: '536380' } });
            expect(summer.placedAt.toISOString()).toBe('2011-06-01T09:00:00.000Z');
            const [lines] = await ds.query(`SELECT COUNT(*) AS n FROM order_items i JOIN orders o ON o.id = i.order_id WHERE o.external_id = '536365'`);
            expect(Number(lines.n)).toBe(2);
        });
        it('changes nothing when the same file is imported twice', async () => {
            await imports.importSource(new online_retail_source_1.OnlineRetailSource((0, paths_1.fixture)('online-retail-sample.csv')), { batchSize: 3 });
            const before = await (0, database_1.snapshot)(ds);
            const again = await imports.importSource(new online_retail_source_1.OnlineRetailSource((0, paths_1.fixture)('online-retail-sample.csv')), { batchSize: 4 });
            expect(again.written.customers.created + again.written.products.created + again.written.orders.created).toBe(0);
            expect(await (0, database_1.snapshot)(ds)).toEqual(before);
        });
        it('with --on-error abort, reports the line and writes no part of the failing batch', async () => {
            const good = node_fs_1.default.readFileSync((0, paths_1.fixture)('online-retail-sample.csv'), 'utf8').trimEnd().split('\n');
            const broken = [...good.slice(0, 5), '536399,22111,BAD QUANTITY,six,2010-12-02 10:00:00,1.00,17850.0,United Kingdom', ...good.slice(5)].join('\n');
            const file = tempFile('broken.csv', broken);
            const summary = await imports.importSource(new online_retail_source_1.OnlineRetailSource(file), { batchSize: 3, onError: 'abort' });
            expect(summary.aborted).toBe(true);
            expect(summary.errors).toEqual([{ file, line: 6, reason: 'Quantity "six" is not an integer' }]);
            // Lines 2-4 form the first batch (committed; one is a duplicate); lines 5-7 hold the bad line: none is written.
            expect(summary.batchesCommitted).toBe(1);
            expect(await ds.query(`SELECT external_id FROM orders ORDER BY external_id`)).toEqual([{ external_id: '536365' }]);
            expect(await (0, database_1.count)(ds, 'order_items')).toBe(2);
        });
        it('with --on-error skip, imports every other line and counts the bad one', async () => {
            const good = node_fs_1.default.readFileSync((0, paths_1.fixture)('online-retail-sample.csv'), 'utf8').trimEnd().split('\n');
            const broken = [...good.slice(0, 5), '536399,22111,TOO FEW FIELDS,1', ...good.slice(5)].join('\n');
            const summary = await imports.importSource(new online_retail_source_1.OnlineRetailSource(tempFile('broken.csv', broken)), { batchSize: 3, onError: 'skip' });
            expect(summary.aborted).toBe(false);
            expect(summary.errors.map((e) => [e.line, e.reason])).toEqual([[6, 'expected 8 fields, found 4']]);
            expect(summary.skipped.malformed).toBe(1);
            expect(summary.rowsRead).toBe(11);
            expect(summary.rowsImported).toBe(8);
            expect(await (0, database_1.count)(ds, 'order_items')).toBe(8);
        });
        it('reads gzip files, by extension or by content', async () => {
            const gz = node_zlib_1.default.gzipSync(node_fs_1.default.readFileSync((0, paths_1.fixture)('online-retail-sample.csv')));
            const named = tempFile('sample.csv.gz', '');
            node_fs_1.default.writeFileSync(named, gz);
            const unnamed = tempFile('sample.csv', '');
            node_fs_1.default.writeFileSync(unnamed, gz);
            for (const file of [named, unnamed]) {
                const summary = await imports.importSource(new online_retail_source_1.OnlineRetailSource(file));
                expect(summary).toMatchObject({ rowsRead: 10, errorCount: 0 });
            }
            expect(await (0, database_1.count)(ds, 'order_items')).toBe(8);
        });
        it('gives the same result when a worker thread parses', async () => {
            const single = await imports.importSource(new online_retail_source_1.OnlineRetailSource((0, paths_1.fixture)('online-retail-sample.csv')), { batchSize: 3 });
            const expected = await (0, database_1.snapshot)(ds);
            const other = await (0, database_1.openTestDataSource)();
            try {
                const threaded = await new import_service_1.ImportService(other.dataSource).importSource(new threaded_source_1.ThreadedSource({ format: 'online-retail', path: (0, paths_1.fixture)('online-retail-sample.csv') }), { batchSize: 3 });
                expect({ ...threaded, durationMs: 0 }).toEqual({ ...single, durationMs: 0 });
                expect(await (0, database_1.snapshot)(other.dataSource)).toEqual(expected);
                const file = tempFile('wrong.csv', 'a,b\n1,2\n');
                await expect(new import_service_1.ImportService(other.dataSource).importSource(new threaded_source_1.ThreadedSource({ format: 'online-retail', path: file }))).rejects.toThrow(/line 1: expected the Online Retail header/);
            }
            finally {
                await other.close();
            }
        });
        it('refuses a file that is not in the Online Retail layout', async () => {
            const file = tempFile('wrong.csv', 'a,b,c\n1,2,3\n');
            await expect(imports.importSource(new online_retail_source_1.OnlineRetailSource(file))).rejects.toThrow(/line 1: expected the Online Retail header/);
        });
    });
    describe('the bulk writer', () => {
        it('forgets the ids and rows it learnt in a transaction that rolled back', async () => {
            const shop = (0, synthetic_shop_1.generateDemoShop)({ customers: 5, seed: 9 });
            const writer = new bulk_writer_1.BulkWriter();
            const runner = ds.createQueryRunner();
            await runner.connect();
            await runner.startTransaction();
            await writer.findMissingReferences(runner.manager, shop);
            await writer.write(runner.manager, shop, { replaceItems: true });
            await runner.rollbackTransaction();
            await runner.release();
            writer.rollback();
            expect(await (0, database_1.count)(ds, 'customers')).toBe(0);
            // The same writer again: nothing may be skipped as "already written", no id may point at a rolled-back row.
            const { stats } = await imports.writeRecords(writer, shop, { onError: 'abort', replaceItems: true });
            expect(stats.customers.created).toBe(5);
            expect(await (0, database_1.count)(ds, 'orders')).toBe(shop.orders.length);
            expect(await (0, database_1.count)(ds, 'order_items')).toBe(shop.orders.reduce((n, o) => n + o.items.length, 0));
        });
    });
    describe('CDNOW', () => {
        it('turns every row into a one-line order of CDs, amounts as recorded', async () => {
            const summary = await imports.importSource(new cdnow_source_1.CdnowSource((0, paths_1.fixture)('cdnow-sample.csv')));
            expect(summary).toMatchObject({ rowsRead: 6, rowsImported: 6, aborted: false });
            expect(summary.totals.read).toEqual({ quantity: 13, amountE4: 1_618_300 });
            expect(await (0, database_1.count)(ds, 'customers')).toBe(3);
            expect(await ds.query(`SELECT external_id FROM orders WHERE external_id LIKE '2-%' ORDER BY external_id`)).toEqual([
                { external_id: '2-19970112-1' },
                { external_id: '2-19970112-2' },
            ]);
            const [sum] = await ds.query('SELECT SUM(amount_e4) AS total, SUM(quantity) AS cds FROM order_items');
            expect([Number(sum.total), Number(sum.cds)]).toEqual([1_618_300, 13]);
            const before = await (0, database_1.snapshot)(ds);
            await imports.importSource(new cdnow_source_1.CdnowSource((0, paths_1.fixture)('cdnow-sample.csv')));
            expect(await (0, database_1.snapshot)(ds)).toEqual(before);
        });
    });
    describe('generic layout', () => {
        it('round-trips the demo shop through CSV: same rows as writing it directly', async () => {
            const shop = (0, synthetic_shop_1.generateDemoShop)({ customers: 60, seed: 3 });
            const dir = node_fs_1.default.mkdtempSync(node_path_1.default.join(node_os_1.default.tmpdir(), 'segmentql-layout-'));
            (0, csv_writer_1.writeSegmentqlCsv)(dir, shop);
            const summary = await imports.importSource(new segmentql_source_1.SegmentqlSource(dir), { batchSize: 250 });
            expect(summary.errorCount).toBe(0);
            const lines = shop.orders.reduce((n, o) => n + o.items.length, 0);
            expect(summary.rowsRead).toBe(shop.customers.length + shop.products.length + shop.orders.length + lines + shop.reviews.length);
            const viaCsv = await (0, database_1.snapshot)(ds);
            const other = await (0, database_1.openTestDataSource)();
            try {
                await new import_service_1.ImportService(other.dataSource).writeRecords(new bulk_writer_1.BulkWriter(), shop, { onError: 'abort', replaceItems: true });
                const direct = await (0, database_1.snapshot)(other.dataSource);
                expect(viaCsv).toEqual(direct);
            }
            finally {
                await other.close();
            }
        });
        it('sums the order lines it read, and a re-import of the same folder changes nothing: rows "unchanged", the shop revision kept', async () => {
            const shop = (0, synthetic_shop_1.generateDemoShop)({ customers: 40, seed: 5 });
            const dir = node_fs_1.default.mkdtempSync(node_path_1.default.join(node_os_1.default.tmpdir(), 'segmentql-layout-'));
            (0, csv_writer_1.writeSegmentqlCsv)(dir, shop);
            const lines = shop.orders.flatMap((o) => o.items);
            const first = await imports.importSource(new segmentql_source_1.SegmentqlSource(dir), { batchSize: 200 });
            // What the files hold, summed here from the shop they were written from (returned orders' lines negative).
            const expected = shop.orders.reduce((t, o) => o.items.reduce((u, i) => ({ quantity: u.quantity + (o.status === 'returned' ? -Math.abs(i.quantity) : i.quantity), amountE4: u.amountE4 + (o.status === 'returned' ? -Math.abs(i.amountE4) : i.amountE4) }), t), { quantity: 0, amountE4: 0 });
            expect(lines.length).toBeGreaterThan(50);
            expect(first.totals.read).toEqual(expected);
            expect(first.totals.imported).toEqual(expected);
            const revision = async () => Number((await ds.query(`SELECT revision FROM data_revisions WHERE name = 'shop'`))[0].revision);
            const before = { rows: await (0, database_1.snapshot)(ds), revision: await revision() };
            const again = await imports.importSource(new segmentql_source_1.SegmentqlSource(dir), { batchSize: 200 });
            expect(again.written.customers).toEqual({ created: 0, updated: 0, unchanged: shop.customers.length });
            expect(again.written.orders).toEqual({ created: 0, updated: 0, unchanged: shop.orders.length });
            expect(again.written.products.updated + again.written.reviews.updated + again.written.orderItems).toBe(0);
            expect(again.written.orderItemsUnchanged).toBe(lines.length);
            expect({ rows: await (0, database_1.snapshot)(ds), revision: await revision() }).toEqual(before);
            // One changed cell: one row updated, and the revision moves.
            const customers = node_path_1.default.join(dir, 'customers.csv');
            const text = node_fs_1.default.readFileSync(customers, 'utf8').split('\n');
            text[1] = text[1].replace(/,[^,]*@[^,]*,/, ',changed@example.com,');
            node_fs_1.default.writeFileSync(customers, text.join('\n'));
            const third = await imports.importSource(new segmentql_source_1.SegmentqlSource(dir), { batchSize: 200 });
            expect(third.written.customers).toEqual({ created: 0, updated: 1, unchanged: shop.customers.length - 1 });
            expect(await revision()).toBeGreaterThan(before.revision);
        });
        it('reports bad cells and unknown references with file and line', async () => {
            const dir = node_fs_1.default.mkdtempSync(node_path_1.default.join(node_os_1.default.tmpdir(), 'segmentql-layout-'));
            node_fs_1.default.writeFileSync(node_path_1.default.join(dir, 'customers.csv'), 'customer_id,email,birth_year\nc1,a@example.com,1980\nc2,not-an-email,1990\nc3,,1800\n');
            node_fs_1.default.writeFileSync(node_path_1.default.join(dir, 'products.csv'), 'product_id,title,price\np1,"Mug, large",4.50\n');
            node_fs_1.default.writeFileSync(node_path_1.default.join(dir, 'orders.csv'), 'order_id,customer_id,placed_at,status\no1,c1,2024-01-05T10:00:00Z,placed\no2,nobody,2024-01-06,placed\no3,c1,2024-01-07,lost\n');
            node_fs_1.default.writeFileSync(node_path_1.default.join(dir, 'order_items.csv'), 'order_id,product_id,quantity,unit_price\no1,p1,2,4.50\no1,p9,1,1.00\n');
            const summary = await imports.importSource(new segmentql_source_1.SegmentqlSource(dir), { onError: 'skip' });
            const where = (e) => `${node_path_1.default.basename(e.file)}:${e.line} ${e.reason}`;
            expect(summary.errors.map(where)).toEqual([
                'customers.csv:3 email: "not-an-email" is not an email address',
                'customers.csv:4 birth_year: 1800 is below 1900',
                'orders.csv:4 status: "lost" is not one of placed, cancelled, returned',
                'orders.csv:3 unknown customer "nobody"',
                'order_items.csv:3 unknown product "p9"',
            ]);
            expect(await (0, database_1.count)(ds, 'customers')).toBe(1);
            expect(await (0, database_1.count)(ds, 'orders')).toBe(1);
            expect(numbers(await ds.query('SELECT line_no, quantity, amount_e4 FROM order_items'))).toEqual([{ line_no: 1, quantity: 2, amount_e4: 90_000 }]);
        });
        it('says which column is unknown or missing', async () => {
            const dir = node_fs_1.default.mkdtempSync(node_path_1.default.join(node_os_1.default.tmpdir(), 'segmentql-layout-'));
            node_fs_1.default.writeFileSync(node_path_1.default.join(dir, 'products.csv'), 'product_id,titel\np1,Mug\n');
            await expect(imports.importSource(new segmentql_source_1.SegmentqlSource(dir))).rejects.toThrow(/products.csv line 1: unknown column "titel"/);
        });
        it('refuses misnamed files instead of leaving them out, listing the names it reads', async () => {
            const dir = node_fs_1.default.mkdtempSync(node_path_1.default.join(node_os_1.default.tmpdir(), 'segmentql-layout-'));
            node_fs_1.default.writeFileSync(node_path_1.default.join(dir, 'customers.csv'), 'customer_id\nc1\n');
            node_fs_1.default.writeFileSync(node_path_1.default.join(dir, 'Orders.csv'), 'order_id,customer_id,placed_at\no1,c1,2024-01-05\n');
            node_fs_1.default.writeFileSync(node_path_1.default.join(dir, 'review.csv.gz'), node_zlib_1.default.gzipSync('review_id\n'));
            node_fs_1.default.writeFileSync(node_path_1.default.join(dir, 'notes.txt'), 'not a table');
            expect(() => new segmentql_source_1.SegmentqlSource(dir)).toThrow(`${dir}: unknown files Orders.csv, review.csv.gz; the generic layout reads only customers.csv, products.csv, orders.csv, order_items.csv, reviews.csv (each may be .csv.gz; names are lower-case)`);
            node_fs_1.default.rmSync(node_path_1.default.join(dir, 'Orders.csv'));
            node_fs_1.default.rmSync(node_path_1.default.join(dir, 'review.csv.gz'));
            node_fs_1.default.writeFileSync(node_path_1.default.join(dir, 'customers.csv.gz'), node_zlib_1.default.gzipSync('customer_id\nc2\n'));
            expect(() => new segmentql_source_1.SegmentqlSource(dir)).toThrow('customers.csv and customers.csv.gz both exist');
            node_fs_1.default.rmSync(node_path_1.default.join(dir, 'customers.csv.gz'));
            expect((await imports.importSource(new segmentql_source_1.SegmentqlSource(dir))).rowsImported).toBe(1);
        });
    });
    describe('dates', () => {
        const DAY = 86_400_000;
        const daysFromNow = (n) => new Date(Date.now() + n * DAY).toISOString().slice(0, 10);
        const where = (e) => `${node_path_1.default.basename(e.file)}:${e.line} ${e.reason}`;
        it('refuses dates before 1990-01-01 or more than a day ahead in every format, with file and line', async () => {
            const cdnow = tempFile('cdnow.csv', `customer_id,date,number_of_cds,dollar_value\n1,1997-01-01,1,11.77\n2,9999-12-31,1,10.00\n3,00010101,1,5.00\n4,${daysFromNow(3)},1,5.00\n5,${daysFromNow(0)},1,5.00\n`);
            const summary = await imports.importSource(new cdnow_source_1.CdnowSource(cdnow), { onError: 'skip' });
            expect(summary.errors.map(where)).toEqual([
                'cdnow.csv:3 date "9999-12-31" is in the future (a date may be at most one day after now)',
                'cdnow.csv:4 date "00010101" is before 1990-01-01 (the earliest date accepted)',
                `cdnow.csv:5 date "${daysFromNow(3)}" is in the future (a date may be at most one day after now)`,
            ]);
            expect(await (0, database_1.count)(ds, 'orders')).toBe(2);
            const good = node_fs_1.default.readFileSync((0, paths_1.fixture)('online-retail-sample.csv'), 'utf8').trimEnd().split('\n');
            const retail = tempFile('retail.csv', [...good, '536999,22111,FROM THE FUTURE,1,9999-12-31 10:00:00,1.00,17850.0,United Kingdom'].join('\n'));
            const aborted = await imports.importSource(new online_retail_source_1.OnlineRetailSource(retail), { onError: 'abort' });
            expect(aborted.aborted).toBe(true);
            expect(aborted.errors.map(where)).toEqual(['retail.csv:12 InvoiceDate "9999-12-31 10:00:00" is in the future (a date may be at most one day after now)']);
            const dir = node_fs_1.default.mkdtempSync(node_path_1.default.join(node_os_1.default.tmpdir(), 'segmentql-layout-'));
            node_fs_1.default.writeFileSync(node_path_1.default.join(dir, 'customers.csv'), 'customer_id,signup_at\nc1,2020-01-01\nc2,0001-01-01\n');
            node_fs_1.default.writeFileSync(node_path_1.default.join(dir, 'orders.csv'), `order_id,customer_id,placed_at\no1,c1,2024-01-05\no2,c1,9999-12-31\no3,c1,${daysFromNow(2)}T00:00:00Z\n`);
            const generic = await imports.importSource(new segmentql_source_1.SegmentqlSource(dir), { onError: 'skip' });
            expect(generic.errors.map(where)).toEqual([
                'customers.csv:3 signup_at: "0001-01-01" is before 1990-01-01 (the earliest date accepted)',
                'orders.csv:3 placed_at: "9999-12-31" is in the future (a date may be at most one day after now)',
                `orders.csv:4 placed_at: "${daysFromNow(2)}T00:00:00Z" is in the future (a date may be at most one day after now)`,
            ]);
            expect(await ds.query(`SELECT external_id FROM orders WHERE external_id LIKE 'o%'`)).toEqual([{ external_id: 'o1' }]);
        });
        it('never defaults asOf to the future, even with a stray future order in the database', async () => {
            const shop = (0, synthetic_shop_1.generateDemoShop)({ customers: 5, seed: 4 });
            const stray = { ...shop.orders[0], externalId: 'stray', placedAt: new Date('9999-12-31T00:00:00Z') };
            // Written past the import's checks, as data from before the date rule would be.
            await imports.writeRecords(new bulk_writer_1.BulkWriter(), { ...shop, orders: [...shop.orders, stray] }, { onError: 'abort', replaceItems: true });
            const before = Date.now();
            const asOf = (await new feature_service_1.FeatureService(ds).defaultAsOf()).getTime();
            expect(asOf).toBeGreaterThanOrEqual(before - 1000);
            expect(asOf).toBeLessThanOrEqual(Date.now());
        });
    });
    describe('unreadable records', () => {
        const where = (e) => `${node_path_1.default.basename(e.file)}:${e.line} ${e.reason}`;
        const NUL_REASON = 'field 2 holds a NUL character (\\u0000), which is not text';
        it('refuses a NUL character in a cell on every database: skipped under skip, stops under abort', async () => {
            const dir = node_fs_1.default.mkdtempSync(node_path_1.default.join(node_os_1.default.tmpdir(), 'segmentql-layout-'));
            node_fs_1.default.writeFileSync(node_path_1.default.join(dir, 'customers.csv'), 'customer_id,name\nc1,Ann\nc2,Bo\u0000b\nc3,Cy\n');
            const aborted = await imports.importSource(new segmentql_source_1.SegmentqlSource(dir), { onError: 'abort' });
            expect(aborted.aborted).toBe(true);
            expect(aborted.errors.map(where)).toEqual([`customers.csv:3 ${NUL_REASON}`]);
            expect(await (0, database_1.count)(ds, 'customers')).toBe(0);
            const skipped = await imports.importSource(new segmentql_source_1.SegmentqlSource(dir), { onError: 'skip' });
            expect(skipped).toMatchObject({ aborted: false, rowsRead: 3, rowsImported: 2, skipped: { malformed: 1 } });
            expect(skipped.errors.map(where)).toEqual([`customers.csv:3 ${NUL_REASON}`]);
            expect(await ds.query('SELECT external_id, name FROM customers ORDER BY external_id')).toEqual([
                { external_id: 'c1', name: 'Ann' },
                { external_id: 'c3', name: 'Cy' },
            ]);
            const good = node_fs_1.default.readFileSync((0, paths_1.fixture)('online-retail-sample.csv'), 'utf8').trimEnd().split('\n');
            const retail = tempFile('retail.csv', [...good.slice(0, 3), '536399,22\u0000111,NUL,1,2010-12-02 10:00:00,1.00,17850.0,United Kingdom', ...good.slice(3)].join('\n'));
            const summary = await imports.importSource(new online_retail_source_1.OnlineRetailSource(retail), { onError: 'skip' });
            expect(summary.errors.map(where)).toEqual([`retail.csv:4 ${NUL_REASON}`]);
            expect(summary.rowsImported).toBe(8);
        });
        it('skips records with CSV syntax errors under skip and goes on; an unclosed quote ends the file, and says so', async () => {
            const dir = node_fs_1.default.mkdtempSync(node_path_1.default.join(node_os_1.default.tmpdir(), 'segmentql-layout-'));
            node_fs_1.default.writeFileSync(node_path_1.default.join(dir, 'products.csv'), 'product_id,title\np1,Mug\np2,Big "Mug"\np3,"Cup"x\np4,Plate\n');
            node_fs_1.default.writeFileSync(node_path_1.default.join(dir, 'reviews.csv'), 'review_id,customer_id,product_id,rating,reviewed_at\n');
            node_fs_1.default.writeFileSync(node_path_1.default.join(dir, 'customers.csv'), 'customer_id,name\nc1,Ann\nc2,"Open\nc3,Cy\n');
            const aborted = await imports.importSource(new segmentql_source_1.SegmentqlSource(dir), { onError: 'abort' });
            expect(aborted.aborted).toBe(true);
            const unclosed = 'customers.csv:3 a quoted field opened here is never closed: it runs to the end of the file, so the rest of the file could not be read';
            expect(aborted.errors.map(where)).toEqual([unclosed]);
            const summary = await imports.importSource(new segmentql_source_1.SegmentqlSource(dir), { onError: 'skip' });
            expect(summary.aborted).toBe(false);
            expect(summary.errors.map(where)).toEqual([
                unclosed,
                'products.csv:3 a quote inside an unquoted field (quote the whole field and double the quote)',
                'products.csv:4 unexpected character "x" after a closing quote',
            ]);
            expect(await ds.query('SELECT external_id FROM customers ORDER BY external_id')).toEqual([{ external_id: 'c1' }]);
            expect(await ds.query('SELECT external_id FROM products ORDER BY external_id')).toEqual([{ external_id: 'p1' }, { external_id: 'p4' }]);
        });
        it('names the file and line of broken gzip data', async () => {
            const text = node_fs_1.default.readFileSync((0, paths_1.fixture)('online-retail-sample.csv'), 'utf8');
            const cut = tempFile('cut.csv.gz', '');
            const gz = node_zlib_1.default.gzipSync(text);
            node_fs_1.default.writeFileSync(cut, gz.subarray(0, gz.length - 12));
            const summary = await imports.importSource(new online_retail_source_1.OnlineRetailSource(cut), { onError: 'abort' });
            expect(summary.aborted).toBe(true);
            expect(summary.errors).toHaveLength(1);
            expect(summary.errors[0].file).toBe(cut);
            expect(summary.errors[0].line).toBeGreaterThan(1);
            expect(summary.errors[0].reason).toMatch(/^the gzip data is damaged or cut short \(unexpected end of file\): the file could not be read from this line on$/);
            const garbage = tempFile('garbage.csv.gz', 'this is not gzip\n');
            await expect(imports.importSource(new online_retail_source_1.OnlineRetailSource(garbage))).rejects.toThrow(new RegExp(`^${garbage.replace(/[.\\/]/g, '\\$&')} line 1: the gzip data is damaged or cut short \\(incorrect header check\\)`));
        });
    });
});
//# sourceMappingURL=import.spec.js.map