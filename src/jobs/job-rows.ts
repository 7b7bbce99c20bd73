import { DataSource, EntityTarget, ObjectLiteral } from 'typeorm';
import { UNHELD, idValue } from './job-lease';

const ACTIVE = ['QUEUED', 'RUNNING'];

/**
 * Writes columns of a job row. In one process (no `owner`) by id; run by a worker of several machines, only while
 * that worker holds the row's lease: a worker that lost it (another took the job over) writes nothing more. Returns
 * whether the row was written.
 */
export async function writeJobRow(dataSource: DataSource, entity: EntityTarget<ObjectLiteral>, id: string | number, columns: ObjectLiteral, owner?: string): Promise<boolean> {
  const query = dataSource.createQueryBuilder().update(entity).set(columns).where('id = :id', { id: idValue(entity, String(id)) });
  if (owner !== undefined) query.andWhere('worker_id = :owner', { owner });
  const result = await query.execute();
  // SQLite's driver does not always report affected rows; one process owns every row anyway.
  return owner === undefined || (result.affected ?? 0) > 0;
}

/**
 * Ends an unfinished job that will never run (removed from its queue, given up on): with `unheldForMs`, only when no
 * live worker holds it (several machines; PostgreSQL). Returns whether it was ended here.
 */
export async function endJobRow(dataSource: DataSource, entity: EntityTarget<ObjectLiteral>, id: string, changes: ObjectLiteral, unheldForMs?: number): Promise<boolean> {
  const query = dataSource
    .createQueryBuilder()
    .update(entity)
    .set({ ...changes, finishedAt: new Date() })
    .where('id = :id AND status IN (:...active)', { id: idValue(entity, id), active: ACTIVE });
  if (unheldForMs !== undefined) query.andWhere(UNHELD, { lockMs: unheldForMs });
  const result = await query.execute();
  return (result.affected ?? 0) > 0;
}

/** Writes a cancellation request into an unfinished job's row: the worker holding it stops at its next heartbeat. */
export async function requestCancelJobRow(dataSource: DataSource, entity: EntityTarget<ObjectLiteral>, id: string): Promise<void> {
  await dataSource
    .createQueryBuilder()
    .update(entity)
    .set({ cancelRequestedAt: new Date() })
    .where('id = :id AND status IN (:...active) AND cancel_requested_at IS NULL', { id: idValue(entity, id), active: ACTIVE })
    .execute();
}

/** The unique index of one version per run refused a second version: another worker's commit of this run won. */
export function isSecondVersionOfRun(err: unknown): boolean {
  const text = `${(err as Error)?.message ?? ''} ${(err as { driverError?: { constraint?: string } })?.driverError?.constraint ?? ''}`;
  return /ux_model_versions_run|model_versions\.run_id/.test(text);
}

/** How recent a heartbeat a single-process start-up respects (a cluster's worker on the same database). */
const LIVE_HEARTBEAT_MS = 10 * 60_000;

/**
 * Whether a worker of several machines held the row lately: a server started without REDIS_URL on a cluster's
 * database must not mark that worker's job interrupted (it would end a run that is still being trained).
 */
export function heldByLiveWorker(row: { workerId: string | null; heartbeatAt: Date | null }, now = Date.now()): boolean {
  return row.workerId !== null && row.heartbeatAt !== null && now - new Date(row.heartbeatAt).getTime() < LIVE_HEARTBEAT_MS;
}
