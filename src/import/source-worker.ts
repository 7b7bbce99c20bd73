import { parentPort, workerData } from 'node:worker_threads';
import { encodeBatch } from './batch-transport';
import { createSource, SourceSpec } from './source-spec';

/**
 * Runs an import source in a worker thread: parsing and cleaning happen here while the main thread writes the
 * previous batch. At most `inFlight` batches wait for the writer (it acknowledges each), so memory stays flat.
 */
interface WorkerInput {
  spec: SourceSpec;
  batchSize: number;
  inFlight: number;
}

async function run(): Promise<void> {
  const { spec, batchSize, inFlight } = workerData as WorkerInput;
  const port = parentPort!;
  let unacknowledged = 0;
  let wake: (() => void) | null = null;
  port.on('message', (message: { type: string }) => {
    if (message.type === 'ack') {
      unacknowledged--;
      wake?.();
    }
  });
  try {
    for await (const batch of createSource(spec).batches(batchSize)) {
      while (unacknowledged >= inFlight) await new Promise<void>((resolve) => (wake = resolve));
      wake = null;
      unacknowledged++;
      const { message, transfer } = encodeBatch(batch);
      port.postMessage({ type: 'batch', encoded: message }, transfer);
    }
    port.postMessage({ type: 'done' });
  } catch (err) {
    port.postMessage({ type: 'error', message: err instanceof Error ? err.message : String(err) });
  }
  port.close();
}

void run();
