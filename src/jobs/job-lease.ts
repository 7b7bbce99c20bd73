import { DataSource, EntityTarget, ObjectLiteral } from 'typeorm';

const ACTIVE = ['QUEUED', 'RUNNING'];

/** What `claim` found. */
export type ClaimResult = 'claimed' | 'held' | 'finished';

/**
 * Leases on job rows (several machines; PostgreSQL): the worker running a job writes its id and, every few seconds,
 * a heartbeat, in the job's own row. The database, not Redis, says who holds a job, so a Redis restart forgets no
 * holder: a job whose holder stopped beating for JOB_LOCK_MS is a dead worker's and may be taken over; a live
 * worker's never is. Times are the database's clock, the one every machine shares.
 */
export class JobLeases {
  constructor(
    private readonly dataSource: DataSource,
    readonly workerId: string,
    private readonly lockMs: number,
  ) {}

  /** Takes the lease of an unfinished job that nobody alive holds. */
  async claim(entity: EntityTarget<ObjectLiteral>, id: string): Promise<ClaimResult> {
    const result = await this.dataSource
      .createQueryBuilder()
      .update(entity)
      .set({ workerId: this.workerId, heartbeatAt: () => 'now()' })
      .where('id = :id AND status IN (:...active)', { id: idValue(entity, id), active: ACTIVE })
      .andWhere(`(worker_id IS NULL OR worker_id = :me OR heartbeat_at IS NULL OR heartbeat_at < now() - (:ms * interval '1 millisecond'))`, { me: this.workerId, ms: this.lockMs })
      .execute();
    if ((result.affected ?? 0) > 0) return 'claimed';
    const row = await this.dataSource.getRepository(entity).findOne({ where: { id: idValue(entity, id) }, select: { status: true } as never });
    return row && ACTIVE.includes((row as { status: string }).status) ? 'held' : 'finished';
  }

  /** The heartbeat; false when the lease is lost (the job ended, or another worker took it over). */
  async renew(entity: EntityTarget<ObjectLiteral>, id: string): Promise<boolean> {
    const result = await this.dataSource
      .createQueryBuilder()
      .update(entity)
      .set({ heartbeatAt: () => 'now()' })
      .where('id = :id AND worker_id = :me AND status IN (:...active)', { id: idValue(entity, id), me: this.workerId, active: ACTIVE })
      .execute();
    return (result.affected ?? 0) > 0;
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
  async unfinished(entity: EntityTarget<ObjectLiteral>): Promise<Array<{ id: string; status: string; held: boolean; gpu: boolean }>> {
    const metadata = this.dataSource.getMetadata(entity);
    const gpu = metadata.findColumnWithPropertyName('accelerator') ? `accelerator = 'GPU'` : 'false';
    const rows: Array<{ id: string | number; status: string; held: boolean; gpu: boolean }> = await this.dataSource.query(
      `SELECT id, status, (worker_id IS NOT NULL AND heartbeat_at >= now() - ($1 * interval '1 millisecond')) AS held, ${gpu} AS gpu
       FROM ${metadata.tableName} WHERE status IN ('QUEUED', 'RUNNING') ORDER BY id`,
      [this.lockMs],
    );
    return rows.map((r) => ({ id: String(r.id), status: r.status, held: r.held === true, gpu: r.gpu === true }));
  }
}

/** Integer ids stay integers (training and evaluation runs); exports' ids are strings. */
function idValue(entity: EntityTarget<ObjectLiteral>, id: string): string | number {
  return /^\d+$/.test(id) && typeof entity === 'function' && entity.name !== 'SegmentExport' ? Number(id) : id;
}
