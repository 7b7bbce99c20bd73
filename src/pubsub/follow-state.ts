import { FINISHED_STATUSES, RunStatus } from '../entities';

/** How often a subscription reads the run's state itself, in case a message was lost (another instance, Redis down). */
export const FOLLOW_READ_INTERVAL_MS = 2_000;

/**
 * A run's stream for a subscription: the current state first (a late subscriber is not blind), then each update,
 * never backwards, until the run ends. It listens before it reads, so nothing published in between is missed, and
 * reads the state again every few seconds without a message: with several machines a message can be lost (a
 * reconnecting subscriber, a Redis restart), and the run's end must still reach the subscriber.
 */
export async function* followState<T extends { status: RunStatus; progress: number; attempts?: number }>(updates: AsyncIterator<T>, read: () => Promise<T>, intervalMs = FOLLOW_READ_INTERVAL_MS): AsyncGenerator<T> {
  let pending = updates.next();
  pending.catch(() => undefined);
  let last = await read();
  yield last;
  if (FINISHED_STATUSES.includes(last.status)) return;
  for (;;) {
    let timer: NodeJS.Timeout | undefined;
    const tick = new Promise<'tick'>((resolve) => (timer = setTimeout(() => resolve('tick'), intervalMs)));
    const got = await Promise.race([pending, tick]);
    clearTimeout(timer);
    let next: T;
    if (got === 'tick') {
      next = await read();
      if (next.status === last.status && (next.attempts ?? 0) === (last.attempts ?? 0) && next.progress <= last.progress) continue;
    } else {
      if (got.done) return;
      next = got.value;
      pending = updates.next();
      pending.catch(() => undefined);
      // Never backwards within an attempt; a run taken over by another worker starts again from 0.
      if (next.status === last.status && (next.attempts ?? 0) === (last.attempts ?? 0) && next.progress < last.progress) continue;
    }
    last = next;
    yield next;
    if (FINISHED_STATUSES.includes(next.status)) return;
  }
}
