"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
/**
 * npm run bench:import — imports the full UCI Online Retail file into a fresh SQLite database and compares the time
 * with the sqlite3 command-line tool's `.import` of the same (uncompressed) CSV into one plain table, on the same
 * machine in the same run. Each side runs three times; medians are reported. The last line is one JSON object.
 */
const node_child_process_1 = require("node:child_process");
const node_fs_1 = __importDefault(require("node:fs"));
const node_os_1 = __importDefault(require("node:os"));
const node_path_1 = __importDefault(require("node:path"));
const node_zlib_1 = __importDefault(require("node:zlib"));
const config_1 = require("../../src/config/config");
const database_1 = require("../../src/db/database");
const online_retail_source_1 = require("../../src/import/sources/online-retail.source");
const threaded_source_1 = require("../../src/import/threaded-source");
const import_service_1 = require("../../src/services/import.service");
const paths_1 = require("../helpers/paths");
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const source = node_path_1.default.resolve(paths_1.REPO_ROOT, process.env.ONLINE_RETAIL_CSV ?? '../shared/datasets/online-retail/online_retail.csv.gz');
function median(xs) {
    const s = [...xs].sort((a, b) => a - b);
    return s[Math.floor(s.length / 2)];
}
function ensureSqlite3() {
    const found = (0, node_child_process_1.spawnSync)('sh', ['-c', 'command -v sqlite3'], { encoding: 'utf8' }).stdout.trim();
    if (found)
        return found;
    if (process.getuid?.() === 0) {
        process.stderr.write('sqlite3 not found: installing it from apt\n');
        (0, node_child_process_1.execFileSync)('sh', ['-c', 'apt-get install -y -qq sqlite3 >/dev/null 2>&1 || (apt-get update -qq && apt-get install -y -qq sqlite3)'], { stdio: 'inherit' });
        return (0, node_child_process_1.spawnSync)('sh', ['-c', 'command -v sqlite3'], { encoding: 'utf8' }).stdout.trim();
    }
    throw new Error('the sqlite3 command-line tool is needed: apt-get install sqlite3');
}
/** What `segmentql import --format online-retail FILE` does: a worker parses, this thread writes (or one thread). */
async function ours(file, dir, run, threaded = true) {
    const db = node_path_1.default.join(dir, `segmentql-${node_path_1.default.basename(file)}-${run}-${threaded}.sqlite`);
    const started = process.hrtime.bigint();
    const dataSource = await (0, database_1.openDatabase)((0, config_1.parseDatabaseUrl)(`sqlite:${db}`));
    const source = threaded ? new threaded_source_1.ThreadedSource({ format: 'online-retail', path: file }) : new online_retail_source_1.OnlineRetailSource(file);
    const summary = await new import_service_1.ImportService(dataSource).importSource(source);
    await dataSource.destroy();
    return { seconds: Number(process.hrtime.bigint() - started) / 1e9, summary };
}
function sqlite3Import(sqlite3, csv, dir, run) {
    const db = node_path_1.default.join(dir, `sqlite3-${run}.sqlite`);
    const started = process.hrtime.bigint();
    (0, node_child_process_1.execFileSync)(sqlite3, [db, '-cmd', '.mode csv', `.import ${csv} retail`]);
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    const rows = Number((0, node_child_process_1.execFileSync)(sqlite3, [db, 'SELECT COUNT(*) FROM retail'], { encoding: 'utf8' }).trim());
    if (rows !== 541_909)
        throw new Error(`sqlite3 imported ${rows} rows`);
    return seconds;
}
async function main() {
    if (!node_fs_1.default.existsSync(source))
        throw new Error(`${source} not found: set ONLINE_RETAIL_CSV`);
    const sqlite3 = ensureSqlite3();
    const dir = node_fs_1.default.mkdtempSync(node_path_1.default.join(node_os_1.default.tmpdir(), 'segmentql-bench-'));
    try {
        const csv = node_path_1.default.join(dir, 'online_retail.csv');
        node_fs_1.default.writeFileSync(csv, node_zlib_1.default.gunzipSync(node_fs_1.default.readFileSync(source)));
        const sqliteTimes = [];
        const gzTimes = [];
        const csvTimes = [];
        const singleTimes = [];
        let summary = null;
        for (let run = 0; run < RUNS; run++) {
            sqliteTimes.push(sqlite3Import(sqlite3, csv, dir, run));
            const gz = await ours(source, dir, run);
            gzTimes.push(gz.seconds);
            summary = gz.summary;
            csvTimes.push((await ours(csv, dir, run)).seconds);
            singleTimes.push((await ours(source, dir, run, false)).seconds);
            process.stderr.write(`run ${run + 1}: sqlite3 .import ${sqliteTimes[run].toFixed(3)} s; segmentql ${gzTimes[run].toFixed(3)} s (.csv.gz), ` +
                `${csvTimes[run].toFixed(3)} s (.csv), ${singleTimes[run].toFixed(3)} s (.csv.gz, one thread)\n`);
        }
        const seconds = median(gzTimes);
        const sqliteSeconds = median(sqliteTimes);
        const figures = {
            benchmark: 'import',
            dataset: 'UCI Online Retail',
            rows_read: summary.rowsRead,
            rows_imported: summary.rowsImported,
            rows_skipped: summary.skipped,
            runs: RUNS,
            seconds: round(seconds),
            // Rows written to the database per second; the CSV rows parsed per second (skipped ones included) apart.
            rows_imported_per_s: Math.round(summary.rowsImported / seconds),
            rows_read_per_s: Math.round(summary.rowsRead / seconds),
            seconds_plain_csv: round(median(csvTimes)),
            sqlite3_seconds: round(sqliteSeconds),
            sqlite3_rows_per_s: Math.round(541_909 / sqliteSeconds),
            ratio_vs_sqlite3: round(seconds / sqliteSeconds),
            ratio_vs_sqlite3_plain_csv: round(median(csvTimes) / sqliteSeconds),
            seconds_single_thread: round(median(singleTimes)),
            ratio_vs_sqlite3_single_thread: round(median(singleTimes) / sqliteSeconds),
            goal_ratio: 2,
            node: process.version,
            cpus: node_os_1.default.cpus().length,
        };
        process.stdout.write(JSON.stringify(figures) + '\n');
    }
    finally {
        node_fs_1.default.rmSync(dir, { recursive: true, force: true });
    }
}
function round(x) {
    return Math.round(x * 1000) / 1000;
}
main().catch((err) => {
    process.stderr.write(`bench:import failed: ${err instanceof Error ? err.stack : String(err)}\n`);
    process.exit(1);
});
//# sourceMappingURL=import.bench.js.map