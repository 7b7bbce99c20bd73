import path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { ExportJob, ExportThreadData, ExportWorkerReply } from './export-worker';

/** How long a thread waits for the next export before it ends (and closes its connection). */
const IDLE_MS = 30_000;

interface Thread {
  worker: Worker;
  /** While idle: the timer that retires it. */
  timer: NodeJS.Timeout | null;
  /** While busy: how its export ends if the thread dies. */
  fail: ((err: Error) => void) | null;
}

/**
 * The threads that write export files (src/services/export-worker.ts): one per export running at once, each kept for
 * `IDLE_MS` after its export for the next one, with its database connection open. A thread that dies (busy or idle)
 * is dropped: its export fails and the next export gets a new thread.
 */
export class ExportThreads {
  private readonly threads = new Set<Thread>();
  private readonly idle: Thread[] = [];
  private closed = false;

  constructor(
    private readonly options: ExportThreadData & { idleMs?: number },
    private readonly log: (line: string) => void = () => undefined,
  ) {}

  run(job: ExportJob): Promise<ExportWorkerReply> {
    if (this.closed) return Promise.reject(new Error('interrupted: the server stopped'));
    const thread = this.take();
    return new Promise<ExportWorkerReply>((resolve, reject) => {
      const onMessage = (reply: ExportWorkerReply) => {
        thread.worker.off('message', onMessage);
        thread.fail = null;
        this.release(thread);
        resolve(reply);
      };
      thread.fail = (err) => {
        thread.worker.off('message', onMessage);
        reject(err);
      };
      thread.worker.on('message', onMessage);
      thread.worker.postMessage({ type: 'job', job });
    });
  }

  /** Ends every thread (their exports were told to stop by their flags first). */
  async close(): Promise<void> {
    this.closed = true;
    const all = [...this.threads];
    for (const t of all) if (t.timer) clearTimeout(t.timer);
    await Promise.all(all.map((t) => t.worker.terminate()));
  }

  private take(): Thread {
    const idle = this.idle.pop();
    if (idle) {
      if (idle.timer) clearTimeout(idle.timer);
      idle.timer = null;
      return idle;
    }
    const worker = new Worker(path.join(__dirname, 'export-worker.js'), { workerData: { nice: this.options.nice } satisfies ExportThreadData });
    // An idle thread never keeps the process alive.
    worker.unref();
    const thread: Thread = { worker, timer: null, fail: null };
    this.threads.add(thread);
    // Listened to for the thread's whole life, busy or idle: an error or an exit never goes unheard.
    const dead = (err: Error) => {
      if (!this.threads.delete(thread)) return;
      if (thread.timer) clearTimeout(thread.timer);
      const at = this.idle.indexOf(thread);
      if (at >= 0) this.idle.splice(at, 1);
      if (thread.fail) thread.fail(err);
      else if (!this.closed && !(err as { retired?: boolean }).retired) this.log(`an idle export thread ended: ${err.message}`);
    };
    worker.on('error', (err) => dead(err));
    worker.on('exit', (code) => dead(Object.assign(new Error(`the export thread exited with code ${code}`), { retired: code === 0 || code === 1 })));
    return thread;
  }

  private release(thread: Thread): void {
    if (this.closed) {
      void thread.worker.terminate();
      return;
    }
    thread.timer = setTimeout(() => {
      const at = this.idle.indexOf(thread);
      if (at >= 0) this.idle.splice(at, 1);
      // It stays in `threads` until it has ended, so that close() ends it too.
      thread.worker.postMessage({ type: 'close' });
      const end = setTimeout(() => void thread.worker.terminate(), 5_000);
      end.unref();
      thread.worker.once('message', () => {
        clearTimeout(end);
        void thread.worker.terminate();
      });
    }, this.options.idleMs ?? IDLE_MS);
    thread.timer.unref();
    this.idle.push(thread);
  }
}
