import { DataSource, EntityTarget, ObjectLiteral } from 'typeorm';

const ACTIVE = ['QUEUED', 'RUNNING'];

/** What `claim` found. */
export type ClaimResult = 'claimed' | 'held' | 'finished' | 'cancelled';

/** What a heartbeat found: go on, stop (cancelled), nothing to do (the job ended), or another worker took it over. */
export type RenewResult = 'ok' | 'cancelled' | 'finished' | 'lost';

/** SQL: the row's holder has not beaten for `:lockMs` (or there is none). */
export const UNHELD = `(worker_id IS NULL OR heartbeat_at IS NULL OR heartbeat_at < now() - (:lockMs * interval '1 millisecond'))`;

/**
 * Leases on job rows (several machines; PostgreSQL): the worker running a job writes its id and, every few seconds,
 * a heartbeat, in the job's own row. The database, not Redis, says who holds a job, so a Redis restart forgets no
 * holder: a job whose holder stopped beating for JOB_LOCK_MS is a dead worker's and may be taken over; a live
 * worker's never is. A cancellation is written in the row too, so that no lost message can undo it. Times are the
 * database's clock, the one every machine shares.
 */
export class JobLeases {
  constructor(
    private readonly dataSource: DataSource,
    readonly workerId: string,
    readonly lockMs: number,
  ) {}

  /** Takes the lease of an unfinished, uncancelled job that nobody alive holds. */
  async claim(entity: EntityTarget<ObjectLiteral>, id: string): Promise<ClaimResult> {
    const result = await this.dataSource
      .createQueryBuilder()
      .update(entity)
      .set({ workerId: this.workerId, heartbeatAt: () => 'now()' })
      .where('id = :id AND status IN (:...active) AND cancel_requested_at IS NULL', { id: idValue(entity, id), active: ACTIVE })
      .andWhere(UNHELD, { lockMs: this.lockMs })
      .execute();
    if ((result.affected ?? 0) > 0) return 'claimed';
    const row = await this.row(entity, id);
    if (!row || !ACTIVE.includes(row.status)) return 'finished';
    return row.cancelRequestedAt ? 'cancelled' : 'held';
  }

  /** The heartbeat, which also brings back a cancellation asked for since the last one. */
  async renew(entity: EntityTarget<ObjectLiteral>, id: string): Promise<RenewResult> {
    const result = await this.dataSource
      .createQueryBuilder()
      .update(entity)
      .set({ heartbeatAt: () => 'now()' })
      .where('id = :id AND worker_id = :me AND status IN (:...active)', { id: idValue(entity, id), me: this.workerId, active: ACTIVE })
      .returning('cancel_requested_at')
      .execute();
    if ((result.affected ?? 0) > 0) return (result.raw as Array<{ cancel_requested_at: unknown }>)[0]?.cancel_requested_at ? 'cancelled' : 'ok';
    const row = await this.row(entity, id);
    return !row || !ACTIVE.includes(row.status) ? 'finished' : 'lost';
  }

  /** Gives the lease up (the job ended, or was handed back): another worker may take it at once. */
  async release(entity: EntityTarget<ObjectLiteral>, id: string): Promise<void> {
    await this.dataSource
      .createQueryBuilder()
      .update(entity)
      .set({ workerId: null, heartbeatAt: null })
      .where('id = :id AND worker_id = :me', { id: idValue(entity, id), me: this.workerId })
      .execute();
  }

  /** Unfinished jobs of a kind, with whether a live worker holds them: what the reconciler compares with the queues. */
  async unfinished(entity: EntityTarget<ObjectLiteral>): Promise<Array<{ id: string; status: string; held: boolean; gpu: boolean; cancelled: boolean }>> {
    const metadata = this.dataSource.getMetadata(entity);
    const gpu = metadata.findColumnWithPropertyName('accelerator') ? `accelerator = 'GPU'` : 'false';
    const rows: Array<{ id: string | number; status: string; held: boolean; gpu: boolean; cancelled: boolean }> = await this.dataSource.query(
      `SELECT id, status, (worker_id IS NOT NULL AND heartbeat_at >= now() - ($1 * interval '1 millisecond')) AS held, ${gpu} AS gpu,
              cancel_requested_at IS NOT NULL AS cancelled
       FROM ${metadata.tableName} WHERE status IN ('QUEUED', 'RUNNING') ORDER BY id`,
      [this.lockMs],
    );
    return rows.map((r) => ({ id: String(r.id), status: r.status, held: r.held === true, gpu: r.gpu === true, cancelled: r.cancelled === true }));
  }

  private async row(entity: EntityTarget<ObjectLiteral>, id: string): Promise<{ status: string; cancelRequestedAt: Date | null } | null> {
    const row = await this.dataSource.getRepository(entity).findOne({ where: { id: idValue(entity, id) }, select: { status: true, cancelRequestedAt: true } as never });
    return row as { status: string; cancelRequestedAt: Date | null } | null;
  }
}

/** Integer ids stay integers (training and evaluation runs); exports' ids are strings. */
export function idValue(entity: EntityTarget<ObjectLiteral>, id: string): string | number {
  return /^\d+$/.test(id) && typeof entity === 'function' && entity.name !== 'SegmentExport' ? Number(id) : id;
}
