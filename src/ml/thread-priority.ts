import fs from 'node:fs';
import os from 'node:os';

/**
 * Lowers the calling thread's scheduling priority, so that the server's requests are served first. On Linux a thread
 * is a task with its own id and niceness (setpriority(PRIO_PROCESS, tid)); threads it starts later (TensorFlow's)
 * inherit it. Elsewhere, or when not permitted, it does nothing.
 */
export function lowerThreadPriority(nice: number): void {
  if (nice <= 0 || process.platform !== 'linux') return;
  try {
    const tid = Number(fs.readlinkSync('/proc/thread-self').split('/').pop());
    if (Number.isInteger(tid) && tid > 0) os.setPriority(tid, Math.min(19, nice));
  } catch {
    // No /proc or not permitted: normal priority.
  }
}
