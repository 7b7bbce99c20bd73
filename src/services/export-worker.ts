import fs from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import type { DatabaseConfig } from '../config/config';
import { openWorkerConnection, queryCounter } from '../db/database';
import { lowerThreadPriority } from '../ml/thread-priority';
import { ExportSpec, ExportWriter } from './export-writer';

/**
 * Writes one export's file in a worker thread, on a connection of its own: reading a version's assignments and
 * formatting them (hundreds of MB for a large shop) never holds the thread that serves requests. The service checks
 * quotas, names the file and records the outcome; this thread only reads and writes.
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

async function run(): Promise<void> {
  const job = workerData as ExportJob;
  lowerThreadPriority(job.nice);
  const port = parentPort!;
  let written = 0;
  let out: fs.WriteStream | null = null;
  let statements = 0;
  try {
    const dataSource = await openWorkerConnection(job.database);
    try {
      const stream = fs.createWriteStream(job.file);
      out = stream;
      stream.on('error', () => undefined);
      const finished = new Promise<void>((resolve, reject) => {
        stream.once('finish', resolve);
        stream.once('error', reject);
      });
      finished.catch(() => undefined);
      const stopped = () => Atomics.load(job.stopFlag, 0) !== 0;
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
        stopped,
      );
      stream.end();
      await finished;
      statements = queryCounter(dataSource).total;
      port.postMessage({ type: 'done', count, written, statements } satisfies ExportWorkerReply);
    } finally {
      statements = queryCounter(dataSource).total;
      await dataSource.destroy();
    }
  } catch (err) {
    // The file is created when the stream opens: the service removes it once this thread has closed it.
    if (out && !out.closed) await new Promise<void>((resolve) => out!.once('close', () => resolve()).destroy());
    const e = err as NodeJS.ErrnoException;
    port.postMessage({
      type: 'error',
      written,
      statements,
      stop: err instanceof Stop ? err.reason : ([null, 'deleted', 'closing'] as const)[Atomics.load(job.stopFlag, 0)] ?? null,
      message: e?.message ?? String(err),
      code: typeof e?.code === 'string' ? e.code : undefined,
      syscall: typeof e?.syscall === 'string' ? e.syscall : undefined,
      stack: e?.stack,
    } satisfies ExportWorkerReply);
  }
}

// Only as a worker thread (the service imports nothing but this module's types).
if (parentPort) void run();
