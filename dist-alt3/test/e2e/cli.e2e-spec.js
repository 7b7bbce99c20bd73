"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
const node_fs_1 = __importDefault(require("node:fs"));
const node_os_1 = __importDefault(require("node:os"));
const node_path_1 = __importDefault(require("node:path"));
const database_1 = require("../helpers/database");
const cli_1 = require("../helpers/cli");
const paths_1 = require("../helpers/paths");
describe(`the segmentql command on ${database_1.TEST_KIND}`, () => {
    let db;
    let env;
    beforeEach(async () => {
        db = await (0, database_1.createTestDatabase)();
        env = { DATABASE_URL: db.url };
    });
    afterEach(() => db.drop());
    const withDb = (fn) => (0, database_1.withDataSource)(db, fn);
    it('imports an Online Retail file and prints a summary, then a JSON summary on request', async () => {
        const text = await (0, cli_1.runSegmentql)(['import', '--format', 'online-retail', (0, paths_1.fixture)('online-retail-sample.csv')], env);
        expect(text.code).toBe(0);
        expect(text.stdout).toContain('rows read:      10');
        expect(text.stdout).toContain('skipped, missing customer id: 1');
        expect(text.stdout).toContain('skipped, duplicate line: 1');
        const json = await (0, cli_1.runSegmentql)(['import', '--format', 'online-retail', (0, paths_1.fixture)('online-retail-sample.csv'), '--json'], env);
        expect(json.code).toBe(0);
        const summary = JSON.parse(json.stdout.trim().split('\n').pop());
        expect(summary).toMatchObject({ rowsRead: 10, rowsImported: 8, aborted: false, written: { orders: { created: 0 } } });
        expect(await withDb((ds) => (0, database_1.count)(ds, 'orders'))).toBe(6);
    });
    it('stops at a malformed line with its number and exit code 1, or skips it on request', async () => {
        const dir = node_fs_1.default.mkdtempSync(node_path_1.default.join(node_os_1.default.tmpdir(), 'segmentql-cli-'));
        const file = node_path_1.default.join(dir, 'bad.csv');
        node_fs_1.default.writeFileSync(file, 'customer_id,date,number_of_cds,dollar_value\n1,1997-01-01,1,11.77\n2,someday,1,12.00\n3,1997-01-02,2,20.76\n');
        const aborted = await (0, cli_1.runSegmentql)(['import', '--format', 'cdnow', file], env);
        expect(aborted.code).toBe(1);
        expect(aborted.stdout).toContain('import ABORTED');
        expect(aborted.stdout).toContain(`${file}:3: date "someday" is not a date`);
        expect(await withDb((ds) => (0, database_1.count)(ds, 'orders'))).toBe(0);
        const skipped = await (0, cli_1.runSegmentql)(['import', '--format', 'cdnow', file, '--on-error', 'skip'], env);
        expect(skipped.code).toBe(0);
        expect(skipped.stdout).toContain('skipped, malformed: 1');
        expect(await withDb((ds) => (0, database_1.count)(ds, 'orders'))).toBe(2);
    });
    it('names the file and line of unreadable records, skips them on request, and refuses misnamed files', async () => {
        const dir = node_fs_1.default.mkdtempSync(node_path_1.default.join(node_os_1.default.tmpdir(), 'segmentql-cli-'));
        const file = node_path_1.default.join(dir, 'broken.csv');
        node_fs_1.default.writeFileSync(file, 'customer_id,date,number_of_cds,dollar_value\n1,1997-01-01,1,11.77\n2,1997-01-01,1,1"2.00\n3,9999-12-31,2,20.76\n4,1997-01-02,2,20\u000076\n5,1997-01-03,1,"9.99\n');
        const aborted = await (0, cli_1.runSegmentql)(['import', '--format', 'cdnow', file], env);
        expect(aborted.code).toBe(1);
        expect(aborted.stdout).toContain(`${file}:3: a quote inside an unquoted field`);
        const skipped = await (0, cli_1.runSegmentql)(['import', '--format', 'cdnow', file, '--on-error', 'skip'], env);
        expect(skipped.code).toBe(0);
        expect(skipped.stdout).toContain('skipped, malformed: 4');
        expect(skipped.stdout).toContain(`${file}:4: date "9999-12-31" is in the future`);
        expect(skipped.stdout).toContain(`${file}:5: field 4 holds a NUL character`);
        expect(skipped.stdout).toContain(`${file}:6: a quoted field opened here is never closed: it runs to the end of the file`);
        expect(await withDb((ds) => (0, database_1.count)(ds, 'orders'))).toBe(1);
        const layout = node_fs_1.default.mkdtempSync(node_path_1.default.join(node_os_1.default.tmpdir(), 'segmentql-cli-'));
        node_fs_1.default.writeFileSync(node_path_1.default.join(layout, 'customers.csv'), 'customer_id\nc1\n');
        node_fs_1.default.writeFileSync(node_path_1.default.join(layout, 'Orders.csv'), 'order_id,customer_id,placed_at\no1,c1,2024-01-05\n');
        const misnamed = await (0, cli_1.runSegmentql)(['import', '--format', 'segmentql', layout], env);
        expect(misnamed.code).toBe(1);
        expect(misnamed.stderr).toContain(`${layout}: unknown file Orders.csv; the generic layout reads only customers.csv, products.csv, orders.csv`);
    });
    it('explains usage mistakes with exit code 2', async () => {
        const noFormat = await (0, cli_1.runSegmentql)(['import', (0, paths_1.fixture)('cdnow-sample.csv')], env);
        expect(noFormat.code).toBe(2);
        expect(noFormat.stderr).toContain('import needs --format');
        const badFormat = await (0, cli_1.runSegmentql)(['import', '--format', 'xlsx', (0, paths_1.fixture)('cdnow-sample.csv')], env);
        expect(badFormat.code).toBe(2);
        expect(badFormat.stderr).toContain('unknown --format "xlsx"');
        expect((await (0, cli_1.runSegmentql)(['import', '--format', 'cdnow', '/nonexistent.csv'], env)).code).toBe(2);
    });
    it('writes the demo shop as the generic layout, which imports back', async () => {
        const dir = node_fs_1.default.mkdtempSync(node_path_1.default.join(node_os_1.default.tmpdir(), 'segmentql-demo-'));
        const written = await (0, cli_1.runSegmentql)(['demo', '--customers', '50', '--out', dir], env);
        expect(written.code).toBe(0);
        expect(node_fs_1.default.readdirSync(dir).sort()).toEqual(['customers.csv', 'order_items.csv', 'orders.csv', 'products.csv', 'reviews.csv']);
        const imported = await (0, cli_1.runSegmentql)(['import', '--format', 'segmentql', dir, '--json'], env);
        expect(imported.code).toBe(0);
        expect(JSON.parse(imported.stdout).written.customers.created).toBe(50);
    });
    it('checks the committed schema', async () => {
        const res = await (0, cli_1.runSegmentql)(['schema', '--check'], env);
        expect(res.stdout).toContain('schema/schema.graphql is current');
        expect(res.code).toBe(0);
    });
});
//# sourceMappingURL=cli.e2e-spec.js.map