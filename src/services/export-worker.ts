import fs from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import type { DataSource } from 'typeorm';
import type { DatabaseConfig } from '../config/config';
import { openWorkerConnection, queryCounter } from '../db/database';
import { lowerThreadPriority } from '../ml/thread-priority';
import { ExportSpec, ExportWriter } from './export-writer';

/**
 * Writes export files in a worker thread, on a connection of its own: reading a version's assignments and formatting
 * them (hundreds of MB for a large shop) never holds the thread that serves requests. The thread takes one job at a
 * time and stays a while for the next one (src/services/export-threads.ts), keeping its connection, so that a burst of
 * small exports does not start a thread and open a database for each. The service checks quotas, names the file and
 * records the outcome; this thread only reads and writes.
 */
export interface ExportJob {
  database: DatabaseConfig;
  spec: ExportSpec;
  /** The default `asOf` the service read (recency is counted from it), in ms. */
  asOf: number;
  /** The `.part` file to write. */
  file: string;
  /** Bytes the key may still write today: the export stops past it. */
  budget: number;
  /** Set by the service: 1 the export was deleted, 2 the server stops. Read between batches. */
  stopFlag: Int32Array;
}

/** What the thread is started with. */
export interface ExportThreadData {
  nice: number;
}

export type ExportStop = 'deleted' | 'closing' | 'budget';

export type ExportWorkerReply =
  | { type: 'done'; count: number; written: number; statements: number }
  | { type: 'error'; written: number; statements: number; stop: ExportStop | null; message: string; code?: string; syscall?: string; stack?: string };

class Stop extends Error {
  constructor(readonly reason: ExportStop) {
    super(reason);
  }
}

/** This thread's connection, opened by the first job and kept (a failed job closes it: the next one opens a new one). */
let connection: { url: string; dataSource: Promise<DataSource> } | null = null;

function connectionFor(database: DatabaseConfig): Promise<DataSource> {
  if (connection?.url !== database.url) {
    const previous = connection;
    const opening = { url: database.url, dataSource: openWorkerConnection(database) };
    connection = opening;
    // A connection that could not open is never kept: the next job tries again.
    opening.dataSource.catch(() => {
      if (connection === opening) connection = null;
    });
    void previous?.dataSource.then((ds) => ds.destroy()).catch(() => undefined);
  }
  return connection.dataSource;
}

async function runJob(job: ExportJob): Promise<ExportWorkerReply> {
  let written = 0;
  let out: fs.WriteStream | null = null;
  let dataSource: DataSource | null = null;
  let base = 0;
  const statements = () => (dataSource ? queryCounter(dataSource).total - base : 0);
  try {
    dataSource = await connectionFor(job.database);
    base = queryCounter(dataSource).total;
    const stream = fs.createWriteStream(job.file);
    out = stream;
    stream.on('error', () => undefined);
    const finished = new Promise<void>((resolve, reject) => {
      stream.once('finish', resolve);
      stream.once('error', reject);
    });
    finished.catch(() => undefined);
    const count = await new ExportWriter(dataSource).write(
      job.spec,
      job.asOf,
      stream,
      (bytes) => {
        const flag = Atomics.load(job.stopFlag, 0);
        if (flag !== 0) throw new Stop(flag === 1 ? 'deleted' : 'closing');
        written += bytes;
        if (written > job.budget) throw new Stop('budget');
      },
      () => Atomics.load(job.stopFlag, 0) !== 0,
    );
    stream.end();
    await finished;
    return { type: 'done', count, written, statements: statements() };
  } catch (err) {
    // The file is created when the stream opens: the service removes it once this thread has closed it.
    if (out && !out.closed) await new Promise<void>((resolve) => out!.once('close', () => resolve()).destroy());
    const stop = err instanceof Stop ? err.reason : ([null, 'deleted', 'closing'] as const)[Atomics.load(job.stopFlag, 0)] ?? null;
    if (!stop && connection) {
      // The connection may be what failed: the next job opens a new one.
      const failed = connection;
      connection = null;
      void failed.dataSource.then((ds) => ds.destroy()).catch(() => undefined);
    }
    const e = err as NodeJS.ErrnoException;
    return {
      type: 'error',
      written,
      statements: statements(),
      stop,
      message: e?.message ?? String(err),
      code: typeof e?.code === 'string' ? e.code : undefined,
      syscall: typeof e?.syscall === 'string' ? e.syscall : undefined,
      stack: e?.stack,
    };
  }
}

// Only as a worker thread (the service imports nothing but this module's types).
if (parentPort) {
  lowerThreadPriority((workerData as ExportThreadData).nice);
  const port = parentPort;
  port.on('message', (message: { type: 'job'; job: ExportJob } | { type: 'close' }) => {
    if (message.type === 'close') {
      void (connection?.dataSource.then((ds) => ds.destroy()).catch(() => undefined) ?? Promise.resolve()).finally(() => port.postMessage({ type: 'closed' }));
      connection = null;
      return;
    }
    void runJob(message.job).then((reply) => port.postMessage(reply));
  });
}
