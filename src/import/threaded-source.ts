import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { decodeBatch, EncodedBatch } from './batch-transport';
import { ImportSource, SourceBatch } from './source';
import { SourceSpec } from './source-spec';

type WorkerMessage = { type: 'batch'; encoded: EncodedBatch } | { type: 'done' } | { type: 'error'; message: string };

/**
 * The same source, parsed in a worker thread: the CSV parsing and cleaning (about half of an import's time) run on
 * the second core while this thread writes to the database. Batches arrive in order; an error in the source is
 * raised here with its message.
 */
export class ThreadedSource implements ImportSource {
  readonly format: string;

  constructor(
    private readonly spec: SourceSpec,
    private readonly inFlight = 2,
  ) {
    this.format = spec.format;
  }

  async *batches(batchSize: number): AsyncGenerator<SourceBatch> {
    const worker = new Worker(path.join(__dirname, 'source-worker.js'), { workerData: { spec: this.spec, batchSize, inFlight: this.inFlight } });
    const queue: WorkerMessage[] = [];
    let notify: (() => void) | null = null;
    let failure: Error | null = null;
    worker.on('message', (message: WorkerMessage) => {
      queue.push(message);
      notify?.();
    });
    worker.on('error', (err) => {
      failure = err;
      notify?.();
    });
    worker.on('exit', (code) => {
      if (code !== 0 && !failure) failure = new Error(`the import worker stopped with code ${code}`);
      notify?.();
    });
    try {
      for (;;) {
        while (queue.length === 0) {
          if (failure) throw failure;
          await new Promise<void>((resolve) => (notify = resolve));
          notify = null;
        }
        const message = queue.shift()!;
        if (message.type === 'done') return;
        if (message.type === 'error') throw new Error(message.message);
        worker.postMessage({ type: 'ack' });
        yield decodeBatch(message.encoded);
      }
    } finally {
      await worker.terminate();
    }
  }
}
