import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { KMeansState, runKernel } from './kernels';

/** Control words shared with the helpers. */
const SEQ = 0;
const KERNEL = 1;
const DONE = 2;
export const STOP = -1;

/**
 * Runs a kernel over all rows, split evenly between this thread and `threads - 1` helper worker threads that share
 * the state's SharedArrayBuffers. Dispatch is synchronous (Atomics.wait), so the algorithm code stays sequential.
 */
export class RowPool {
  private readonly workers: Worker[] = [];
  private readonly control = new Int32Array(new SharedArrayBuffer(16));

  constructor(
    private readonly state: KMeansState,
    readonly threads: number,
  ) {
    for (let t = 1; t < threads; t++) {
      const worker = new Worker(path.join(__dirname, 'kmeans-helper.js'), { workerData: { state, control: this.control, thread: t, threads } });
      worker.unref();
      this.workers.push(worker);
    }
  }

  /** The rows of thread t. */
  static range(n: number, threads: number, t: number): [number, number] {
    const size = Math.ceil(n / threads);
    return [Math.min(n, t * size), Math.min(n, (t + 1) * size)];
  }

  run(kernel: number): void {
    const { n } = this.state;
    if (this.threads === 1) {
      runKernel(this.state, kernel, 0, n, 0);
      return;
    }
    Atomics.store(this.control, KERNEL, kernel);
    Atomics.store(this.control, DONE, 0);
    Atomics.add(this.control, SEQ, 1);
    Atomics.notify(this.control, SEQ);
    const [start, end] = RowPool.range(n, this.threads, 0);
    runKernel(this.state, kernel, start, end, 0);
    for (;;) {
      const done = Atomics.load(this.control, DONE);
      if (done >= this.threads - 1) break;
      Atomics.wait(this.control, DONE, done);
    }
  }

  close(): void {
    if (this.workers.length === 0) return;
    Atomics.store(this.control, KERNEL, STOP);
    Atomics.add(this.control, SEQ, 1);
    Atomics.notify(this.control, SEQ);
    for (const worker of this.workers) void worker.terminate();
  }
}
