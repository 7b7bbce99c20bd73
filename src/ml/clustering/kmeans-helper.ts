import { workerData } from 'node:worker_threads';
import { KMeansState, runKernel } from './kernels';
import { RowPool, STOP } from './row-pool';

/** A helper thread of RowPool: waits for a kernel, runs it on its rows, says it is done, until told to stop. */
const { state, control, thread, threads } = workerData as { state: KMeansState; control: Int32Array; thread: number; threads: number };
const [start, end] = RowPool.range(state.n, threads, thread);
let seen = 0;
for (;;) {
  Atomics.wait(control, 0, seen);
  seen = Atomics.load(control, 0);
  const kernel = Atomics.load(control, 1);
  if (kernel === STOP) break;
  runKernel(state, kernel, start, end, thread);
  Atomics.add(control, 2, 1);
  Atomics.notify(control, 2);
}
