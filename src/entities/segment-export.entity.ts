import { Column, Entity, PrimaryColumn } from 'typeorm';

/** EXPIRED: it SUCCEEDED, and its file was removed EXPORT_TTL_HOURS after it finished. */
export const EXPORT_STATUSES = ['QUEUED', 'RUNNING', 'SUCCEEDED', 'FAILED', 'EXPIRED'] as const;
export type ExportStatus = (typeof EXPORT_STATUSES)[number];
export type ExportFormat = 'CSV' | 'NDJSON';

/** A bulk export of a version's segment assignments, written to a file by a job and streamed from GET /exports/<id>. */
@Entity('segment_exports')
export class SegmentExport {
  /** Random and unguessable (the download is still authorised). */
  @PrimaryColumn({ type: 'varchar', length: 40 })
  id: string;

  @Column({ name: 'version_id', type: 'integer' })
  versionId: number;

  /** The alias it was asked for by, if any (the version is resolved when the export is created). */
  @Column({ type: 'varchar', length: 64, nullable: true })
  alias: string | null;

  /** Set when the export reads a snapshot's frozen membership (createSegmentSnapshot) instead of the live one. */
  @Column({ name: 'snapshot_id', type: 'integer', nullable: true })
  snapshotId: number | null;

  /** Only this segment's customers (of the version, or of the snapshot); all of them when null. */
  @Column({ name: 'segment_id', type: 'integer', nullable: true })
  segmentId: number | null;

  @Column({ type: 'varchar', length: 8 })
  format: ExportFormat;

  /** JSON array of column names, in file order. */
  @Column({ type: 'text' })
  columns: string;

  @Column({ type: 'varchar', length: 16 })
  status: ExportStatus;

  @Column({ name: 'row_count', type: 'integer', default: 0 })
  rowCount: number;

  /** Bytes written: the file's size, or what a FAILED export wrote before it stopped (they count against EXPORT_DAILY_BYTES). */
  @Column({ name: 'byte_size', type: 'integer', nullable: true })
  byteSize: number | null;

  /** PII columns are written empty (the creator was a viewer). */
  @Column({ name: 'pii_masked', type: 'boolean', default: false })
  piiMasked: boolean;

  @Column({ name: 'created_by_key_id', type: 'integer', nullable: true })
  createdByKeyId: number | null;

  @Column({ type: 'text', nullable: true })
  error: string | null;

  @Column({ name: 'created_at', type: Date })
  createdAt: Date;

  @Column({ name: 'finished_at', type: Date, nullable: true })
  finishedAt: Date | null;

  /** The worker holding the job (several machines: `<host>:<pid>:<n>`); null while queued or in the embedded mode. */
  @Column({ name: 'worker_id', type: 'varchar', length: 120, nullable: true })
  workerId: string | null;

  /** When the holding worker last said it is alive: a lease older than JOB_LOCK_MS is a dead worker's, taken over. */
  @Column({ name: 'heartbeat_at', type: Date, nullable: true })
  heartbeatAt: Date | null;

  /** How many times a worker started it (more than 1: taken over from a worker that died or stopped). */
  @Column({ type: 'integer', default: 0 })
  attempts: number;

  /** Several machines: when someone asked to cancel it; the worker holding it sees it at its next heartbeat. */
  @Column({ name: 'cancel_requested_at', type: Date, nullable: true })
  cancelRequestedAt: Date | null;
}
