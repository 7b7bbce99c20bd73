import path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { ExportJob, ExportThreadData, ExportWorkerReply } from './export-worker';

/** How long a thread waits for the next export before it ends (and closes its connection). */
const IDLE_MS = 30_000;

interface Idle {
  worker: Worker;
  timer: NodeJS.Timeout;
}

/**
 * The threads that write export files (src/services/export-worker.ts): one per export running at once, each kept for
 * `IDLE_MS` after its export for the next one, with its database connection open. A thread that dies fails its export
 * and is replaced by a new one.
 */
export class ExportThreads {
  private readonly idle: Idle[] = [];
  private readonly busy = new Set<Worker>();
  private closed = false;

  constructor(private readonly options: ExportThreadData & { idleMs?: number }) {}

  run(job: ExportJob): Promise<ExportWorkerReply> {
    if (this.closed) return Promise.reject(new Error('interrupted: the server stopped'));
    const worker = this.take();
    this.busy.add(worker);
    return new Promise<ExportWorkerReply>((resolve, reject) => {
      const onMessage = (reply: ExportWorkerReply) => {
        settle();
        this.release(worker);
        resolve(reply);
      };
      const onError = (err: Error) => {
        settle();
        reject(err);
      };
      const onExit = (code: number) => {
        settle();
        reject(new Error(`the export thread exited with code ${code}`));
      };
      const settle = () => {
        worker.off('message', onMessage);
        worker.off('error', onError);
        worker.off('exit', onExit);
        this.busy.delete(worker);
      };
      worker.on('message', onMessage);
      worker.on('error', onError);
      worker.on('exit', onExit);
      worker.postMessage({ type: 'job', job });
    });
  }

  /** Ends every thread (their exports were told to stop by their flags first). */
  async close(): Promise<void> {
    this.closed = true;
    const workers = [...this.idle.splice(0).map((i) => (clearTimeout(i.timer), i.worker)), ...this.busy];
    await Promise.all(workers.map((w) => w.terminate()));
  }

  private take(): Worker {
    const idle = this.idle.pop();
    if (idle) {
      clearTimeout(idle.timer);
      return idle.worker;
    }
    const worker = new Worker(path.join(__dirname, 'export-worker.js'), { workerData: { nice: this.options.nice } satisfies ExportThreadData });
    // An idle thread never keeps the process alive.
    worker.unref();
    return worker;
  }

  private release(worker: Worker): void {
    if (this.closed) {
      void worker.terminate();
      return;
    }
    const timer = setTimeout(() => {
      const at = this.idle.findIndex((i) => i.worker === worker);
      if (at >= 0) this.idle.splice(at, 1);
      this.retire(worker);
    }, this.options.idleMs ?? IDLE_MS);
    timer.unref();
    this.idle.push({ worker, timer });
  }

  /** Closes the thread's connection, then ends it. */
  private retire(worker: Worker): void {
    const end = setTimeout(() => void worker.terminate(), 5_000);
    end.unref();
    worker.once('message', () => {
      clearTimeout(end);
      void worker.terminate();
    });
    worker.postMessage({ type: 'close' });
  }
}
