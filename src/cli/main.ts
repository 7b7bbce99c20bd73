#!/usr/bin/env node
import path from 'node:path';
import 'reflect-metadata';
import fs from 'node:fs';
import { parseArgs } from 'node:util';
import { loadConfig, parseDatabaseUrl } from '../config/config';
import { openDatabase } from '../db/database';
import { moneyFromE4 } from '../db/money';
import { generateDemoShop } from '../demo/synthetic-shop';
import { writeSegmentqlCsv } from '../import/csv-writer';
import { ImportSource } from '../import/source';
import { createSource, isImportFormat, SourceSpec } from '../import/source-spec';
import { ThreadedSource } from '../import/threaded-source';
import { createSchema, printCommittedSchema, SCHEMA_FILE } from '../schema';
import { createServices } from '../services';
import { ImportSummary, OnError } from '../services/import.service';
import { ProgressBar } from './progress-bar';
import { runEval } from './eval';
import { runExport, runKeys } from './delivery-commands';
import { UsageError } from './usage-error';
import { runWorker } from './worker';
import { runLocalCluster } from './local-cluster';

const USAGE = `segmentql — customer segmentation over GraphQL

Usage:
  segmentql serve                                   start the API server (same as npm start)
  segmentql worker [--queues training,evaluation,exports] [--concurrency N]
                                                    take jobs from Redis (REDIS_URL and a postgres:// DATABASE_URL):
                                                    one of several machines, see README "Running on several machines"
  segmentql cluster-local [--apis N] [--workers N] [--port P]
                                                    2 API instances (ports 4000, 4001) and 2 workers on this machine,
                                                    on DATABASE_URL (postgres://) and REDIS_URL (npm run cluster:local)
  segmentql import --format online-retail FILE      UCI Online Retail CSV (.csv or .csv.gz)
  segmentql import --format cdnow FILE              CDNOW purchase log CSV
  segmentql import --format segmentql DIR           the generic layout (see README)
  segmentql demo [--customers N] [--seed S] [--out DIR]
                                                    load the synthetic demo shop, or write it as CSV to DIR
  segmentql migrate                                 run pending database migrations
  segmentql schema [--check]                        print (or check) the committed GraphQL schema
  segmentql eval [--data FILE] --asOf DATE [--horizon DAYS] [--models all|kmeans,gpt,...] [--k N] [--params JSON]
                                                    import FILE if the database is empty, train the models on data before
                                                    DATE and print their comparison on that split (npm run eval)

  segmentql export [--alias production | --version ID] [--format csv|ndjson] [--columns a,b,...] [--url URL --key KEY]
                                                    every assignment of a version, one row per customer, to stdout
                                                    (with --url or SEGMENTQL_URL: from a running server, as its API does)
  segmentql keys create --role viewer|analyst|admin [--name NAME]
                                                    make an API key (printed once); keys list; keys revoke ID

Options for import:
  --on-error skip|abort   on a malformed line: skip it and go on, or stop (default abort); a batch commits whole or not at all
  --batch-size N          rows per transaction (default 20000)
  --timezone TZ           time zone of Online Retail's InvoiceDate (default Europe/London)
  --json                  print the summary as one JSON line
  --single-thread         parse in the main thread (by default a worker thread parses while the main one writes)

Every command uses DATABASE_URL (default sqlite:./data/segmentql.sqlite); --database URL overrides it.`;

export { UsageError };

export async function runCli(argv: string[], out: NodeJS.WriteStream = process.stdout): Promise<number> {
  if (argv[0] === '--help' || argv[0] === '-h') {
    out.write(USAGE + '\n');
    return 0;
  }
  const [command, ...rest] = argv;
  const { values, positionals } = parseArgs({
    args: rest,
    allowPositionals: true,
    options: {
      format: { type: 'string' },
      'on-error': { type: 'string', default: 'abort' },
      'batch-size': { type: 'string' },
      timezone: { type: 'string' },
      database: { type: 'string' },
      json: { type: 'boolean', default: false },
      customers: { type: 'string' },
      seed: { type: 'string' },
      out: { type: 'string' },
      check: { type: 'boolean', default: false },
      write: { type: 'boolean', default: false },
      'single-thread': { type: 'boolean', default: false },
      queues: { type: 'string' },
      apis: { type: 'string' },
      workers: { type: 'string' },
      port: { type: 'string' },
      concurrency: { type: 'string' },
      data: { type: 'string' },
      asOf: { type: 'string' },
      horizon: { type: 'string', default: '90' },
      models: { type: 'string', default: 'all' },
      k: { type: 'string' },
      params: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
      role: { type: 'string' },
      name: { type: 'string' },
      alias: { type: 'string' },
      version: { type: 'string' },
      columns: { type: 'string' },
      url: { type: 'string' },
      key: { type: 'string' },
    },
  });
  if (!command || values.help || command === 'help') {
    out.write(USAGE + '\n');
    return command ? 0 : 2;
  }
  const config = loadConfig();
  const database = values.database ? parseDatabaseUrl(values.database) : config.database;

  switch (command) {
    case 'serve':
      // Starting the server is the module's side effect, loaded only for this command.
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      require('../main');
      return new Promise<number>(() => undefined); // runs until a signal
    case 'cluster-local':
      return runLocalCluster({ apis: optionalInt(values.apis, 'apis'), workers: optionalInt(values.workers, 'workers'), port: optionalInt(values.port, 'port') }, out);
    case 'worker':
      return runWorker(config, { queues: values.queues, concurrency: optionalInt(values.concurrency, 'concurrency') });
    case 'migrate': {
      const dataSource = await openDatabase(database);
      await dataSource.destroy();
      out.write('migrations are up to date\n');
      return 0;
    }
    case 'schema': {
      const text = printCommittedSchema(await createSchema());
      if (values.check) {
        const committed = fs.existsSync(SCHEMA_FILE) ? fs.readFileSync(SCHEMA_FILE, 'utf8') : '';
        if (committed !== text) {
          out.write(`schema/schema.graphql is out of date: run npm run schema:emit\n`);
          return 1;
        }
        out.write('schema/schema.graphql is current\n');
        return 0;
      }
      if (values.write) {
        fs.writeFileSync(SCHEMA_FILE, text);
        out.write(`wrote ${SCHEMA_FILE}\n`);
        return 0;
      }
      out.write(text);
      return 0;
    }
    case 'demo': {
      const options = { customers: optionalInt(values.customers, 'customers'), seed: optionalInt(values.seed, 'seed') };
      if (values.out) {
        const files = writeSegmentqlCsv(values.out, generateDemoShop(options));
        out.write(`wrote ${files.join(', ')}\n`);
        return 0;
      }
      const dataSource = await openDatabase(database);
      try {
        const stats = await createServices(dataSource, config).demo.seed(options);
        out.write(`demo shop loaded: ${stats.customers.created} customers, ${stats.products.created} products, ${stats.orders.created} orders created\n`);
      } finally {
        await dataSource.destroy();
      }
      return 0;
    }
    case 'import':
      return runImport(values, positionals, database, out);
    case 'keys':
      return runKeys(values, positionals, database, out);
    case 'export':
      return runExport(values, database, out);
    case 'eval': {
      const asOf = new Date(String(values.asOf ?? ''));
      if (Number.isNaN(asOf.getTime())) throw new UsageError('eval needs --asOf DATE (e.g. 2011-09-01)');
      const evalDatabase = values.database || process.env.DATABASE_URL ? database : parseDatabaseUrl('sqlite:./data/eval.sqlite');
      // Artifacts beside the evaluation's own database unless MODELS_DIR says otherwise: model numbers are per
      // database, and the server's MODELS_DIR holds the server database's.
      const modelsDir = process.env.MODELS_DIR ? config.modelsDir : evalModelsDir(evalDatabase);
      out.write(`artifacts in ${modelsDir}\n`);
      const comparison = await runEval({ ...config, modelsDir }, evalDatabase, {
        data: values.data as string | undefined,
        format: (values.format as string | undefined) ?? 'online-retail',
        asOf,
        horizonDays: optionalInt(values.horizon as string, 'horizon') ?? 90,
        models: String(values.models).split(','),
        seed: optionalInt(values.seed as string | undefined, 'seed') ?? 42,
        k: optionalInt(values.k as string | undefined, 'k'),
        params: values.params ? parseJsonObject(String(values.params), 'params') : undefined,
      }, out);
      out.write(JSON.stringify({ asOf: comparison.asOf, horizonDays: comparison.horizonDays, bestByMetric: comparison.bestByMetric, rows: comparison.rows.map((r) => ({ model: r.modelName.replace(/ @ .*$/, ''), versionId: r.versionId, ...r.metrics })) }) + '\n');
      return 0;
    }
    default:
      throw new UsageError(`unknown command "${command}"\n\n${USAGE}`);
  }
}

function parseJsonObject(text: string, name: string): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new UsageError(`--${name} must be a JSON object, got ${text}`);
  }
  if (!value || typeof value !== 'object' || Array.isArray(value)) throw new UsageError(`--${name} must be a JSON object, got ${text}`);
  return value as Record<string, unknown>;
}

function optionalInt(value: string | undefined, name: string): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new UsageError(`--${name} must be a whole number, got "${value}"`);
  return n;
}

async function runImport(
  values: Record<string, string | boolean | undefined>,
  positionals: string[],
  database: ReturnType<typeof parseDatabaseUrl>,
  out: NodeJS.WriteStream,
): Promise<number> {
  const format = values.format as string | undefined;
  const target = positionals[0];
  if (!format) throw new UsageError('import needs --format online-retail|cdnow|segmentql');
  if (!target) throw new UsageError(`import needs a ${format === 'segmentql' ? 'folder' : 'file'} to read`);
  if (!fs.existsSync(target)) throw new UsageError(`${target} does not exist`);
  const onError = values['on-error'] as string;
  if (onError !== 'skip' && onError !== 'abort') throw new UsageError(`--on-error must be skip or abort, got "${onError}"`);
  if (!isImportFormat(format)) throw new UsageError(`unknown --format "${format}": use online-retail, cdnow or segmentql`);
  const spec: SourceSpec = { format, path: target, timeZone: values.timezone as string | undefined };
  // Build it here first so that a bad folder or file is reported before any thread starts.
  const local = createSource(spec);
  const source: ImportSource = values['single-thread'] ? local : new ThreadedSource(spec);
  const dataSource = await openDatabase(database);
  const bar = new ProgressBar();
  let summary: ImportSummary;
  try {
    summary = await createServices(dataSource, loadConfig()).imports.importSource(source, {
      onError: onError as OnError,
      batchSize: optionalInt(values['batch-size'] as string | undefined, 'batch-size'),
      onProgress: (p) => bar.update(p.bytesRead, p.bytesTotal, `${p.rowsRead.toLocaleString('en')} rows read`),
    });
  } finally {
    bar.finish();
    await dataSource.destroy();
  }
  out.write(values.json ? JSON.stringify(summary) + '\n' : formatSummary(summary));
  return summary.aborted ? 1 : 0;
}

/** `data/eval-models` for `data/eval.sqlite`; `./data/eval-models` for PostgreSQL. */
export function evalModelsDir(database: ReturnType<typeof parseDatabaseUrl>): string {
  if (database.kind === 'sqlite' && database.sqlitePath && database.sqlitePath !== ':memory:') {
    return path.join(path.dirname(database.sqlitePath), `${path.basename(database.sqlitePath).replace(/\.[^.]*$/, '')}-models`);
  }
  return path.resolve('./data/eval-models');
}

export function formatSummary(s: ImportSummary): string {
  const n = (x: number) => x.toLocaleString('en');
  const money = (e4: number) => moneyFromE4(e4).toLocaleString('en', { minimumFractionDigits: 2, maximumFractionDigits: 4 });
  const lines = [
    `${s.aborted ? 'import ABORTED' : 'import finished'} (${s.format}) in ${(s.durationMs / 1000).toFixed(1)} s`,
    `  rows read:      ${n(s.rowsRead)}`,
    `  rows imported:  ${n(s.rowsImported)}`,
  ];
  for (const [reason, count] of Object.entries(s.skipped).sort((a, b) => b[1] - a[1])) lines.push(`  skipped, ${reason}: ${n(count)}`);
  const w = s.written;
  lines.push(
    `  created: ${n(w.customers.created)} customers, ${n(w.products.created)} products, ${n(w.orders.created)} orders, ${n(w.reviews.created)} reviews; ${n(w.orderItems)} order lines written`,
    `  updated: ${n(w.customers.updated)} customers, ${n(w.products.updated)} products, ${n(w.orders.updated)} orders, ${n(w.reviews.updated)} reviews`,
    `  unchanged: ${n(w.customers.unchanged)} customers, ${n(w.products.unchanged)} products, ${n(w.orders.unchanged)} orders, ${n(w.reviews.unchanged)} reviews, ${n(w.orderItemsUnchanged)} order lines (identical to what is stored: not rewritten)`,
    `  totals read:     quantity ${n(s.totals.read.quantity)}, value ${money(s.totals.read.amountE4)}`,
    `  totals imported: quantity ${n(s.totals.imported.quantity)}, value ${money(s.totals.imported.amountE4)}`,
  );
  if (s.errorCount > 0) {
    lines.push(`  ${n(s.errorCount)} malformed or unresolved line(s)${s.aborted ? ' (the batch holding the first was not written; earlier batches were)' : ' (skipped)'}:`);
    for (const e of s.errors) lines.push(`    ${e.file}:${e.line}: ${e.reason}`);
    if (s.errorCount > s.errors.length) lines.push(`    ... and ${n(s.errorCount - s.errors.length)} more`);
  }
  return lines.join('\n') + '\n';
}

if (require.main === module) {
  // A reader that stops early (`segmentql export ... | head`) closes the pipe: that ends the command quietly, as in Unix tools.
  process.stdout.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE') process.exit(0);
    throw err;
  });
  runCli(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (err) => {
      process.stderr.write(`segmentql: ${err instanceof Error ? err.message : String(err)}\n`);
      process.exit(err instanceof UsageError ? 2 : 1);
    },
  );
}
