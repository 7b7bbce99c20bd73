import { parentPort, workerData } from 'node:worker_threads';
import type { DataSource } from 'typeorm';
import type { DatabaseConfig } from '../config/config';
import { openWorkerConnection, queryCounter } from '../db/database';
import { lowerThreadPriority } from '../ml/thread-priority';
import { ExportFileJob, ExportFileResult, writeExportFile } from './export-writer';

/**
 * Writes export files in a worker thread, on a connection of its own: reading a version's assignments and formatting
 * them (hundreds of MB for a large shop) never holds the thread that serves requests. The thread takes one job at a
 * time and stays a while for the next one (src/services/export-threads.ts), keeping its connection, so that a burst of
 * small exports does not start a thread and open a database for each. The service checks quotas, names the file and
 * records the outcome; this thread only reads and writes (`writeExportFile`, the same code the service runs itself
 * on an in-memory SQLite database).
 */
export interface ExportJob extends ExportFileJob {
  database: DatabaseConfig;
}

/** What the thread is started with. */
export interface ExportThreadData {
  nice: number;
}

/** The file's outcome, with the statements this thread sent for it (counted as the server's). */
export type ExportWorkerReply = ExportFileResult & { statements: number };

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
  let dataSource: DataSource;
  try {
    dataSource = await connectionFor(job.database);
  } catch (err) {
    return { type: 'error', written: 0, statements: 0, stop: null, message: (err as Error)?.message ?? String(err), stack: (err as Error)?.stack };
  }
  const before = queryCounter(dataSource).total;
  const result = await writeExportFile(dataSource, job);
  if (result.type === 'error' && !result.stop && connection) {
    // The connection may be what failed: the next job opens a new one.
    const failed = connection;
    connection = null;
    void failed.dataSource.then((ds) => ds.destroy()).catch(() => undefined);
  }
  return { ...result, statements: queryCounter(dataSource).total - before };
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
