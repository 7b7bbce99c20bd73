/**
 * npm run bench:import — imports the full UCI Online Retail file into a fresh SQLite database and compares the time
 * with the sqlite3 command-line tool's `.import` of the same (uncompressed) CSV into one plain table, on the same
 * machine in the same run. Each side runs three times; medians are reported. The last line is one JSON object.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { parseDatabaseUrl } from '../../src/config/config';
import { openDatabase } from '../../src/db/database';
import { OnlineRetailSource } from '../../src/import/sources/online-retail.source';
import { ThreadedSource } from '../../src/import/threaded-source';
import { ImportService, ImportSummary } from '../../src/services/import.service';
import { REPO_ROOT } from '../helpers/paths';

const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const source = path.resolve(REPO_ROOT, process.env.ONLINE_RETAIL_CSV ?? '../shared/datasets/online-retail/online_retail.csv.gz');

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

function ensureSqlite3(): string {
  const found = spawnSync('sh', ['-c', 'command -v sqlite3'], { encoding: 'utf8' }).stdout.trim();
  if (found) return found;
  if (process.getuid?.() === 0) {
    process.stderr.write('sqlite3 not found: installing it from apt\n');
    execFileSync('sh', ['-c', 'apt-get install -y -qq sqlite3 >/dev/null 2>&1 || (apt-get update -qq && apt-get install -y -qq sqlite3)'], { stdio: 'inherit' });
    return spawnSync('sh', ['-c', 'command -v sqlite3'], { encoding: 'utf8' }).stdout.trim();
  }
  throw new Error('the sqlite3 command-line tool is needed: apt-get install sqlite3');
}

/** What `segmentql import --format online-retail FILE` does: a worker parses, this thread writes (or one thread). */
async function ours(file: string, dir: string, run: number, threaded = true): Promise<{ seconds: number; summary: ImportSummary }> {
  const db = path.join(dir, `segmentql-${path.basename(file)}-${run}-${threaded}.sqlite`);
  const started = process.hrtime.bigint();
  const dataSource = await openDatabase(parseDatabaseUrl(`sqlite:${db}`));
  const source = threaded ? new ThreadedSource({ format: 'online-retail', path: file }) : new OnlineRetailSource(file);
  const summary = await new ImportService(dataSource).importSource(source);
  await dataSource.destroy();
  return { seconds: Number(process.hrtime.bigint() - started) / 1e9, summary };
}

function sqlite3Import(sqlite3: string, csv: string, dir: string, run: number): number {
  const db = path.join(dir, `sqlite3-${run}.sqlite`);
  const started = process.hrtime.bigint();
  execFileSync(sqlite3, [db, '-cmd', '.mode csv', `.import ${csv} retail`]);
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const rows = Number(execFileSync(sqlite3, [db, 'SELECT COUNT(*) FROM retail'], { encoding: 'utf8' }).trim());
  if (rows !== 541_909) throw new Error(`sqlite3 imported ${rows} rows`);
  return seconds;
}

async function main(): Promise<void> {
  if (!fs.existsSync(source)) throw new Error(`${source} not found: set ONLINE_RETAIL_CSV`);
  const sqlite3 = ensureSqlite3();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'segmentql-bench-'));
  try {
    const csv = path.join(dir, 'online_retail.csv');
    fs.writeFileSync(csv, zlib.gunzipSync(fs.readFileSync(source)));
    const sqliteTimes: number[] = [];
    const gzTimes: number[] = [];
    const csvTimes: number[] = [];
    const singleTimes: number[] = [];
    let summary: ImportSummary | null = null;
    for (let run = 0; run < RUNS; run++) {
      sqliteTimes.push(sqlite3Import(sqlite3, csv, dir, run));
      const gz = await ours(source, dir, run);
      gzTimes.push(gz.seconds);
      summary = gz.summary;
      csvTimes.push((await ours(csv, dir, run)).seconds);
      singleTimes.push((await ours(source, dir, run, false)).seconds);
      process.stderr.write(
        `run ${run + 1}: sqlite3 .import ${sqliteTimes[run].toFixed(3)} s; segmentql ${gzTimes[run].toFixed(3)} s (.csv.gz), ` +
          `${csvTimes[run].toFixed(3)} s (.csv), ${singleTimes[run].toFixed(3)} s (.csv.gz, one thread)\n`,
      );
    }
    const seconds = median(gzTimes);
    const sqliteSeconds = median(sqliteTimes);
    const figures = {
      benchmark: 'import',
      dataset: 'UCI Online Retail',
      rows_read: summary!.rowsRead,
      rows_imported: summary!.rowsImported,
      rows_skipped: summary!.skipped,
      runs: RUNS,
      seconds: round(seconds),
      // Rows written to the database per second; the CSV rows parsed per second (skipped ones included) apart.
      rows_imported_per_s: Math.round(summary!.rowsImported / seconds),
      rows_read_per_s: Math.round(summary!.rowsRead / seconds),
      seconds_plain_csv: round(median(csvTimes)),
      sqlite3_seconds: round(sqliteSeconds),
      sqlite3_rows_per_s: Math.round(541_909 / sqliteSeconds),
      ratio_vs_sqlite3: round(seconds / sqliteSeconds),
      ratio_vs_sqlite3_plain_csv: round(median(csvTimes) / sqliteSeconds),
      seconds_single_thread: round(median(singleTimes)),
      ratio_vs_sqlite3_single_thread: round(median(singleTimes) / sqliteSeconds),
      goal_ratio: 2,
      node: process.version,
      cpus: os.cpus().length,
    };
    process.stdout.write(JSON.stringify(figures) + '\n');
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}

main().catch((err) => {
  process.stderr.write(`bench:import failed: ${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
