import fs from 'node:fs';
import { Readable, Transform } from 'node:stream';
import zlib from 'node:zlib';
import { CsvRow, readCsvRows } from './csv-parser';
import { RecordBatch } from './records';

/** A line that could not be imported, with why. */
export interface LineIssue {
  file: string;
  line: number;
  reason: string;
}

/** Quantity and value (e4) of rows, to reconcile an import against the source's published totals. */
export interface Totals {
  quantity: number;
  amountE4: number;
}

/** What a source yields: the records of one transaction plus the bookkeeping of the rows behind them. */
export interface SourceBatch {
  records: RecordBatch;
  rowsRead: number;
  rowsAccepted: number;
  /** Rows left out on purpose by the format's rules, by reason ("missing customer id", "duplicate line"). */
  skipped: Record<string, number>;
  /** Malformed rows. With `--on-error abort` a batch with errors is not written. */
  errors: LineIssue[];
  /** Totals over every parseable row read, and over the rows accepted. */
  readTotals: Totals;
  acceptedTotals: Totals;
  progress: { bytesRead: number; bytesTotal: number };
}

/** An import format: turns its input into batches of records. */
export interface ImportSource {
  readonly format: string;
  batches(batchSize: number): AsyncGenerator<SourceBatch>;
}

export function newSourceBatch(): SourceBatch {
  return {
    records: { customers: [], products: [], orders: [], reviews: [], items: [] },
    rowsRead: 0,
    rowsAccepted: 0,
    skipped: {},
    errors: [],
    readTotals: { quantity: 0, amountE4: 0 },
    acceptedTotals: { quantity: 0, amountE4: 0 },
    progress: { bytesRead: 0, bytesTotal: 0 },
  };
}

export function countSkip(batch: SourceBatch, reason: string): void {
  batch.skipped[reason] = (batch.skipped[reason] ?? 0) + 1;
}

const CHUNK_BYTES = 64 * 1024;

/** An open CSV file: rows in batches, its header, and how far through the bytes we are. */
export class CsvFile {
  bytesRead = 0;
  readonly bytesTotal: number;

  constructor(readonly path: string) {
    this.bytesTotal = fs.statSync(path).size;
  }

  /**
   * Streams the file's rows (gunzipping `.gz` files or gzip content), counting compressed bytes for progress. Broken
   * gzip data ends the file with an error row at the line it interrupted; any other read error names the file.
   */
  async *rows(): AsyncGenerator<CsvRow[]> {
    // 64 KiB chunks: each chunk's rows die young (larger chunks pushed them into the old generation, and the GC cost
    // of a full import rose by a fifth).
    const raw = fs.createReadStream(this.path, { highWaterMark: CHUNK_BYTES });
    const counter = new Transform({
      transform: (chunk: Buffer, _enc, done) => {
        this.bytesRead += chunk.length;
        done(null, chunk);
      },
    });
    let stream: Readable = raw.pipe(counter);
    if (this.path.endsWith('.gz') || isGzip(this.path)) stream = stream.pipe(zlib.createGunzip({ chunkSize: CHUNK_BYTES }));
    raw.on('error', (err) => stream.destroy(err));
    try {
      yield* readCsvRows(stream, { streamError: gzipErrorReason });
    } catch (err) {
      throw new Error(`${this.path}: ${(err as Error).message}`, { cause: err });
    }
  }
}

/** zlib's errors (Z_DATA_ERROR, Z_BUF_ERROR "unexpected end of file", ...) as the reason of a last error row. */
function gzipErrorReason(err: Error): string | null {
  const code = (err as NodeJS.ErrnoException).code;
  if (typeof code !== 'string' || !code.startsWith('Z_')) return null;
  return `the gzip data is damaged or cut short (${err.message}): the file could not be read from this line on`;
}

function isGzip(path: string): boolean {
  const fd = fs.openSync(path, 'r');
  try {
    const head = Buffer.alloc(2);
    return fs.readSync(fd, head, 0, 2, 0) === 2 && head[0] === 0x1f && head[1] === 0x8b;
  } finally {
    fs.closeSync(fd);
  }
}

/** Maps header names to column indexes, checking required and unknown columns. Throws with line 1's problem. */
export function readHeader(fields: string[], required: string[], optional: string[] = []): Map<string, number> {
  const known = new Set([...required, ...optional]);
  const index = new Map<string, number>();
  fields.forEach((name, i) => {
    const key = name.trim().toLowerCase();
    if (!known.has(key)) throw new Error(`unknown column "${name}" (known: ${[...known].join(', ')})`);
    if (index.has(key)) throw new Error(`column "${name}" appears twice`);
    index.set(key, i);
  });
  const missing = required.filter((name) => !index.has(name));
  if (missing.length > 0) throw new Error(`missing column${missing.length > 1 ? 's' : ''} ${missing.join(', ')}`);
  return index;
}
