import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Continuous segmentation (issue 14): customers touched by writes wait in `rescore_pending` until a re-scoring job
 * (`rescore_jobs`, a job row with a lease like the others) takes them; every change of membership is recorded
 * (`membership_changes`), with daily segment sizes and frozen snapshots; webhooks and their deliveries (an outbox
 * that any process may send from); training schedules with their promotion decisions; per-version drift baselines
 * (what the training data looked like) and the last drift figures.
 */
export class ContinuousSegmentation1765700000000 implements MigrationInterface {
  name = 'ContinuousSegmentation1765700000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const postgres = queryRunner.connection.driver.options.type === 'postgres';
    const ts = postgres ? 'timestamptz' : 'datetime';
    const id = postgres ? 'id serial PRIMARY KEY' : 'id integer PRIMARY KEY AUTOINCREMENT';
    const bool = postgres ? 'boolean' : 'boolean';
    const q = (sql: string) => queryRunner.query(sql);
    await q(`CREATE TABLE rescore_pending (${id}, customer_id integer NOT NULL, reason varchar(16) NOT NULL, touched_at ${ts} NOT NULL, job_id integer)`);
    // One waiting row per customer (a touch while a job holds the customer's earlier row waits beside it).
    await q(`CREATE UNIQUE INDEX ux_rescore_pending_waiting ON rescore_pending (customer_id) WHERE job_id IS NULL`);
    await q(`CREATE INDEX ix_rescore_pending_job ON rescore_pending (job_id)`);
    await q(`CREATE TABLE rescore_jobs (${id}, status varchar(16) NOT NULL, customers integer NOT NULL DEFAULT 0, rescored integer NOT NULL DEFAULT 0,
      changed integer NOT NULL DEFAULT 0, error text, created_at ${ts} NOT NULL, started_at ${ts}, finished_at ${ts},
      worker_id varchar(120), heartbeat_at ${ts}, attempts integer NOT NULL DEFAULT 0, cancel_requested_at ${ts})`);
    await q(`CREATE INDEX ix_rescore_jobs_status ON rescore_jobs (status)`);
    await q(`CREATE TABLE membership_changes (${id}, customer_id integer NOT NULL, alias varchar(64) NOT NULL, version_id integer NOT NULL,
      from_segment_id integer, to_segment_id integer, reason varchar(16) NOT NULL, changed_at ${ts} NOT NULL)`);
    await q(`CREATE INDEX ix_membership_changes_customer ON membership_changes (customer_id, id)`);
    await q(`CREATE INDEX ix_membership_changes_version ON membership_changes (version_id, changed_at)`);
    await q(`CREATE TABLE segment_size_days (segment_id integer NOT NULL, day varchar(10) NOT NULL, size integer NOT NULL, PRIMARY KEY (segment_id, day))`);
    await q(`CREATE TABLE segment_snapshots (${id}, name varchar(200) NOT NULL, alias varchar(64) NOT NULL, version_id integer NOT NULL, customers integer NOT NULL,
      created_by varchar(200) NOT NULL, created_at ${ts} NOT NULL)`);
    await q(`CREATE UNIQUE INDEX ux_segment_snapshots_name ON segment_snapshots (name)`);
    await q(`CREATE TABLE segment_snapshot_members (snapshot_id integer NOT NULL, customer_id integer NOT NULL, segment_id integer NOT NULL, PRIMARY KEY (snapshot_id, customer_id))`);
    await q(`CREATE INDEX ix_segment_snapshot_members_segment ON segment_snapshot_members (snapshot_id, segment_id, customer_id)`);
    // An export may read a snapshot's frozen membership instead of the version's live one.
    await q(`ALTER TABLE segment_exports ADD COLUMN snapshot_id integer`);
    await q(`CREATE TABLE webhooks (${id}, url varchar(2000) NOT NULL, events text NOT NULL, secret varchar(200) NOT NULL, include_personal_data ${bool} NOT NULL DEFAULT false,
      enabled ${bool} NOT NULL DEFAULT true, disabled_reason text, consecutive_failures integer NOT NULL DEFAULT 0, created_by varchar(200) NOT NULL, created_at ${ts} NOT NULL)`);
    await q(`CREATE TABLE webhook_deliveries (${id}, webhook_id integer NOT NULL, body text NOT NULL, event_count integer NOT NULL, event_types varchar(400) NOT NULL,
      status varchar(16) NOT NULL, attempts integer NOT NULL DEFAULT 0, next_attempt_at ${ts} NOT NULL, last_error text, response_code integer,
      claimed_by varchar(120), claimed_at ${ts}, created_at ${ts} NOT NULL, delivered_at ${ts})`);
    await q(`CREATE INDEX ix_webhook_deliveries_due ON webhook_deliveries (status, next_attempt_at)`);
    await q(`CREATE INDEX ix_webhook_deliveries_webhook ON webhook_deliveries (webhook_id, id)`);
    await q(`CREATE TABLE training_schedules (${id}, model_id integer NOT NULL, cron varchar(120) NOT NULL, as_of_policy varchar(16) NOT NULL, gate text NOT NULL,
      enabled ${bool} NOT NULL DEFAULT true, next_run_at ${ts} NOT NULL, last_run_at ${ts}, state varchar(24) NOT NULL, run_id integer, evaluation_run_id integer,
      candidate_version_id integer, failing ${bool} NOT NULL DEFAULT false, last_error text, created_by varchar(200) NOT NULL, created_at ${ts} NOT NULL, updated_at ${ts} NOT NULL)`);
    await q(`CREATE UNIQUE INDEX ux_training_schedules_model ON training_schedules (model_id)`);
    await q(`CREATE TABLE schedule_decisions (${id}, schedule_id integer NOT NULL, model_id integer NOT NULL, run_id integer, candidate_version_id integer,
      champion_version_id integer, alias varchar(64) NOT NULL, metric varchar(64) NOT NULL, candidate_value float, champion_value float,
      candidate_stability float, champion_stability float, split_as_of ${ts}, horizon_days integer, promoted ${bool} NOT NULL, outcome varchar(24) NOT NULL, reason text NOT NULL, decided_at ${ts} NOT NULL)`);
    await q(`CREATE INDEX ix_schedule_decisions_schedule ON schedule_decisions (schedule_id, id)`);
    await q(`CREATE TABLE version_baselines (version_id integer PRIMARY KEY, features text NOT NULL, shares text NOT NULL, created_at ${ts} NOT NULL)`);
    await q(`CREATE TABLE version_drift (version_id integer PRIMARY KEY, feature_psi text NOT NULL, segment_share_psi float NOT NULL, max_psi float NOT NULL,
      stale ${bool} NOT NULL, data_as_of ${ts} NOT NULL, computed_at ${ts} NOT NULL, alerted_at ${ts})`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE segment_exports DROP COLUMN snapshot_id');
    for (const table of [
      'version_drift',
      'version_baselines',
      'schedule_decisions',
      'training_schedules',
      'webhook_deliveries',
      'webhooks',
      'segment_snapshot_members',
      'segment_snapshots',
      'segment_size_days',
      'membership_changes',
      'rescore_jobs',
      'rescore_pending',
    ]) {
      await queryRunner.query(`DROP TABLE ${table}`);
    }
  }
}
