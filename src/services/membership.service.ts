import { DataSource, EntityManager, In } from 'typeorm';
import { Dialect } from '../db/dialect';
import { inSqliteTurn, inTransaction } from '../db/sqlite-turns';
import { MembershipChange, MembershipReason, ModelAlias, RescoreJob, SegmentSnapshot } from '../entities';
import { badUserInput, notFound } from '../errors';
import { JobExecutor } from '../jobs/job-queue';
import { endJobRow, requestCancelJobRow, writeJobRow } from '../jobs/job-rows';
import { AppPubSub, Topic } from '../pubsub/pubsub';
import { ChildPageSpec, ChildRow, childConnections } from './child-pages';
import { groupedByKey } from './batching';
import { PageArgs } from './pagination';
import { PredictionService } from './prediction.service';
import { TrainingService } from './training.service';
import { FeatureService } from './feature.service';
import { WebhookService, WebhookEventInput } from './webhook.service';
import { tierOfPercentile } from '../ml/value-tiers';

/** Most customers one re-scoring job takes (an import of 100,000 customers is 20 jobs, not 100,000). */
export const RESCORE_BATCH_MAX = 5000;
/** Customers scored per step: between steps the event loop serves requests and a cancellation is seen. */
const SCORE_CHUNK = 100;
/** Longest rest between two steps of a re-scoring job. */
const MAX_REST_MS = 100;

/** One change of membership, as the subscription and the webhooks see it. */
export interface MembershipEvent {
  customerId: number;
  alias: string;
  versionId: number;
  fromSegmentId: number | null;
  toSegmentId: number | null;
  reason: MembershipReason;
  changedAt: Date;
}

export interface MembershipOptions {
  /** The window in which touched customers are gathered into one job (about a second). */
  debounceMs: number;
  /** How often waiting customers nobody queued (a CLI import, a crash) are looked for. */
  sweepMs: number;
  log: (line: string) => void;
}

const HISTORY_PAGE: ChildPageSpec = { table: 'membership_changes', parentColumn: 'customer_id', timeColumn: 'changed_at', columns: { id: 'id', changed_at: 'changedAt' } };

/**
 * Continuous membership. Writers record the customers they touch (`recordTouches`, in their own transaction); a
 * second later (`touched`) the waiting customers become re-scoring jobs of at most RESCORE_BATCH_MAX customers, on
 * the job queue like training (one process: here, off the request path, in small steps; several machines: any
 * worker). A job re-assigns its customers with every aliased version, stores the assignments (and predictions) that
 * changed, writes one history row per change, keeps segment sizes and their daily counts, and announces the changes
 * (subscription, webhooks).
 */
export class MembershipService implements JobExecutor {
  readonly kind = 'rescore' as const;
  readonly entity = RescoreJob;
  /** Where flushed jobs go (the job queue); set by the wiring. */
  enqueueJob: (id: string) => Promise<void> = async (id) => this.enqueue(id);
  /** Called after a job with the versions it re-scored (drift is recomputed for them). */
  onRescored: (versionIds: number[]) => void = () => undefined;
  private readonly dialect: Dialect;
  private queue: Promise<void> = Promise.resolve();
  private timer: NodeJS.Timeout | null = null;
  /** Customers were recorded since the last flush of this window. */
  private dirty = false;
  private sweeper: NodeJS.Timeout | null = null;
  private flushing: Promise<unknown> = Promise.resolve();
  private readonly running = new Set<string>();
  private readonly cancelled = new Set<string>();
  private closing = false;

  constructor(
    private readonly dataSource: DataSource,
    private readonly training: TrainingService,
    private readonly features: FeatureService,
    private readonly predictions: PredictionService,
    private readonly pubsub: AppPubSub,
    private readonly webhooks: WebhookService,
    private readonly options: MembershipOptions,
  ) {
    this.dialect = Dialect.of(dataSource);
  }

  /**
   * In a writer's transaction: these customers changed and wait to be re-scored. Nothing is recorded while no alias
   * exists (there is no membership to keep). Returns how many were recorded.
   */
  static async recordTouches(manager: EntityManager, touches: ReadonlyMap<number, MembershipReason>): Promise<number> {
    if (touches.size === 0) return 0;
    const [alias] = await manager.query('SELECT 1 AS one FROM model_aliases LIMIT 1');
    if (!alias) return 0;
    const d = Dialect.of(manager);
    const rows = [...touches];
    const now = d.timestamp(new Date());
    const per = d.rowsPerStatement(3);
    for (let start = 0; start < rows.length; start += per) {
      const part = rows.slice(start, start + per);
      await manager.query(
        `INSERT INTO rescore_pending (customer_id, reason, touched_at) VALUES ${d.valuesList(part.length, 3)}
         ON CONFLICT (customer_id) WHERE job_id IS NULL DO NOTHING`,
        part.flatMap(([id, reason]) => [id, reason, now]),
      );
    }
    return rows.length;
  }

  /**
   * Customers were recorded: the first write after a quiet spell is queued at once; writes within the next
   * `debounceMs` are gathered and queued together when it ends (at most one job a window, however many writes).
   */
  touched(): void {
    // Only a process that runs the sweep (a server) queues: a CLI command's customers wait for the server to find them.
    if (this.closing || !this.sweeper) return;
    this.dirty = true;
    if (!this.timer) this.flushWindow();
  }

  private flushWindow(): void {
    this.dirty = false;
    void this.flush().catch((err) => this.options.log(`queueing re-scoring failed: ${(err as Error).message}`));
    this.timer = setTimeout(() => {
      this.timer = null;
      if (this.dirty && !this.closing) this.flushWindow();
    }, this.options.debounceMs);
    this.timer.unref();
  }

  /** Queues a re-scoring job of these customers now (`manual`): what `rescoreCustomers` does. */
  async rescoreNow(customerIds: number[]): Promise<RescoreJob[]> {
    if (customerIds.length === 0) return [];
    if (customerIds.length > 10_000) throw badUserInput('at most 10,000 customers per call', { argument: 'ids' });
    const known = await this.dataSource.query(`SELECT id FROM customers WHERE id IN (${this.dialect.inList(customerIds.length)})`, customerIds);
    if (known.length < new Set(customerIds).size) throw notFound('customer', customerIds.filter((id) => !known.some((r: { id: unknown }) => Number(r.id) === id)).join(', '));
    await inTransaction(this.dataSource, (manager) => MembershipService.recordTouches(manager, new Map(customerIds.map((id) => [id, 'manual' as const]))));
    const ids = await this.flush();
    return this.dataSource.getRepository(RescoreJob).findBy({ id: In(ids) });
  }

  /**
   * Turns every waiting customer into re-scoring jobs (at most RESCORE_BATCH_MAX customers each) and queues them.
   * Flushes in this process run one at a time; another process's flush never takes the same rows (the UPDATE
   * re-checks `job_id IS NULL` on each row it takes). Returns the ids of the jobs queued.
   */
  flush(): Promise<number[]> {
    const result = this.flushing.then(() => this.flushNow());
    this.flushing = result.catch(() => undefined);
    return result;
  }

  private async flushNow(): Promise<number[]> {
    const ids: number[] = [];
    for (;;) {
      const [waiting] = await this.dataSource.query('SELECT 1 AS one FROM rescore_pending WHERE job_id IS NULL LIMIT 1');
      if (!waiting) break;
      const id = await inTransaction(this.dataSource, async (manager) => {
        const job = await manager.getRepository(RescoreJob).save({ status: 'QUEUED', customers: 0, createdAt: new Date() } as RescoreJob);
        const d = this.dialect;
        await manager.query(
          `UPDATE rescore_pending SET job_id = ${d.param(1)} WHERE job_id IS NULL AND id IN (SELECT id FROM rescore_pending WHERE job_id IS NULL ORDER BY id LIMIT ${d.param(2)})`,
          [job.id, RESCORE_BATCH_MAX],
        );
        const [{ n }] = await manager.query(`SELECT COUNT(*) AS n FROM rescore_pending WHERE job_id = ${d.param(1)}`, [job.id]);
        if (Number(n) === 0) {
          await manager.getRepository(RescoreJob).delete({ id: job.id });
          return null;
        }
        await manager.getRepository(RescoreJob).update({ id: job.id }, { customers: Number(n) });
        return { id: job.id, full: Number(n) >= RESCORE_BATCH_MAX };
      });
      if (id === null) break;
      ids.push(id.id);
      // A job that took fewer than the most took everything there was: customers written since wait for the next
      // window (their writers marked it), so that writes arriving together are not split into a job each.
      if (!id.full) break;
    }
    for (const id of ids) await this.enqueueJob(String(id));
    return ids;
  }

  /**
   * Looks every `sweepMs` for customers nobody queued (written by a CLI import, or left by a process that died before
   * its flush) and, in one process, queues again the jobs a previous process left unfinished.
   */
  async startSweeping(options: { requeueUnfinished: boolean }): Promise<void> {
    if (options.requeueUnfinished) {
      const left = await this.dataSource.getRepository(RescoreJob).findBy({ status: In(['QUEUED', 'RUNNING']) });
      for (const job of left) this.enqueue(String(job.id));
      if (left.length > 0) this.options.log(`queued ${left.length} re-scoring job(s) left over from a previous process again`);
    }
    this.sweeper = setInterval(() => {
      void this.flush().catch((err) => this.options.log(`looking for customers to re-score failed: ${(err as Error).message}`));
    }, this.options.sweepMs);
    this.sweeper.unref();
  }

  async close(): Promise<void> {
    this.closing = true;
    if (this.timer) clearTimeout(this.timer);
    if (this.sweeper) clearInterval(this.sweeper);
    for (const id of this.running) this.cancelled.add(id);
    await this.flushing;
    await this.queue;
    await this.training.scoring?.close();
  }

  // --- the job ------------------------------------------------------------------------------------------------

  /** One process: jobs run one after another here, never on a request's path. */
  enqueue(id: string): void {
    this.queue = this.queue.then(() => this.run(id)).catch((err) => this.options.log(`re-scoring job ${id}: ${(err as Error).stack ?? String(err)}`));
  }

  runNow(id: string, owner?: string): Promise<void> {
    return this.run(id, owner);
  }

  async cancel(id: string): Promise<void> {
    if (this.running.has(id)) this.cancelled.add(id);
    else if (await endJobRow(this.dataSource, RescoreJob, id, { status: 'CANCELLED', error: 'cancelled' })) await this.release(Number(id));
  }

  async abandon(id: string, status: 'CANCELLED' | 'FAILED', message: string, unheldForMs?: number): Promise<boolean> {
    const ended = await endJobRow(this.dataSource, RescoreJob, id, { status, error: message }, unheldForMs);
    if (ended) await this.release(Number(id));
    return ended;
  }

  requestCancel(id: string): Promise<void> {
    return requestCancelJobRow(this.dataSource, RescoreJob, id);
  }

  private async run(id: string, owner?: string): Promise<void> {
    const repo = this.dataSource.getRepository(RescoreJob);
    const job = await repo.findOneBy({ id: Number(id) });
    if (!job || (job.status !== 'QUEUED' && job.status !== 'RUNNING')) return;
    if (!(await writeJobRow(this.dataSource, RescoreJob, id, { status: 'RUNNING', startedAt: new Date(), attempts: job.attempts + 1 }, owner))) return;
    this.running.add(id);
    try {
      const { rescored, events, versionIds } = await this.rescore(Number(id), () => this.cancelled.has(id) || this.closing);
      if (this.cancelled.has(id) || this.closing) {
        // Stopped part-way: what was stored is consistent (every step is one transaction) and announced; a shutdown
        // leaves the job QUEUED for the next start, a cancellation hands its customers back to the next job.
        await this.announce(events);
        if (!this.closing) await this.release(Number(id));
        await writeJobRow(this.dataSource, RescoreJob, id, { status: this.closing ? 'QUEUED' : 'CANCELLED', rescored, changed: events.length, finishedAt: this.closing ? null : new Date() }, owner);
        return;
      }
      await this.dataSource.query(`DELETE FROM rescore_pending WHERE job_id = ${this.dialect.param(1)}`, [Number(id)]);
      await writeJobRow(this.dataSource, RescoreJob, id, { status: 'SUCCEEDED', rescored, changed: events.length, finishedAt: new Date() }, owner);
      await this.announce(events);
      if (versionIds.length > 0) this.onRescored(versionIds);
    } catch (err) {
      this.options.log(`re-scoring job ${id} failed: ${(err as Error).message}; its customers wait for the next job`);
      // Its customers are not lost: they wait again, and the sweep queues them in a new job.
      await this.release(Number(id)).catch((e: Error) => this.options.log(`re-scoring job ${id}: handing its customers back failed: ${e.message}`));
      await writeJobRow(this.dataSource, RescoreJob, id, { status: 'FAILED', error: (err as Error).message.slice(0, 2000), finishedAt: new Date() }, owner).catch(() => undefined);
    } finally {
      this.running.delete(id);
      this.cancelled.delete(id);
    }
  }

  /** Hands a stopped job's customers back: they wait again (one waiting row per customer), for the next job. */
  private async release(jobId: number): Promise<void> {
    const d = this.dialect;
    await inTransaction(this.dataSource, async (manager) => {
      await manager.query(
        `DELETE FROM rescore_pending WHERE job_id = ${d.param(1)} AND customer_id IN (SELECT customer_id FROM rescore_pending WHERE job_id IS NULL)`,
        [jobId],
      );
      await manager.query(`UPDATE rescore_pending SET job_id = NULL WHERE job_id = ${d.param(1)}`, [jobId]);
    });
  }

  /** Re-assigns the job's customers with every aliased version; returns the changes, in the order they were stored. */
  private async rescore(jobId: number, stopped: () => boolean): Promise<{ rescored: number; events: MembershipEvent[]; versionIds: number[] }> {
    const d = this.dialect;
    const pending: Array<{ customer_id: unknown; reason: MembershipReason }> = await this.dataSource.query(
      `SELECT customer_id, reason FROM rescore_pending WHERE job_id = ${d.param(1)} ORDER BY customer_id`,
      [jobId],
    );
    const reasonOf = new Map(pending.map((p) => [Number(p.customer_id), p.reason]));
    const customers = [...reasonOf.keys()];
    const aliases = await this.dataSource.getRepository(ModelAlias).find({ order: { alias: 'ASC' } });
    const aliasesOf = new Map<number, string[]>();
    for (const a of aliases) aliasesOf.set(a.versionId, [...(aliasesOf.get(a.versionId) ?? []), a.alias]);
    const asOf = await this.features.defaultAsOf();
    const events: MembershipEvent[] = [];
    let rescored = 0;
    for (const [versionId, names] of aliasesOf) {
      const version = await this.training.getVersion(versionId).catch(() => null);
      if (!version) continue;
      const touchedSegments = new Set<number>();
      for (let start = 0; start < customers.length; start += SCORE_CHUNK) {
        if (stopped()) return { rescored, events, versionIds: [...aliasesOf.keys()] };
        const stepStarted = Date.now();
        const chunk = customers.slice(start, start + SCORE_CHUNK);
        const scored = await this.training.score(version, chunk, asOf, { offThread: true });
        const live = scored.predictions ? await this.predictions.place(versionId, version.predictionHorizonDays!, asOf, scored.customerIds, scored.predictions) : null;
        const changedAt = new Date();
        const changes = await inTransaction(this.dataSource, (manager) => this.store(manager, versionId, names, scored, live, reasonOf, changedAt));
        for (const c of changes) {
          if (c.fromSegmentId !== null) touchedSegments.add(c.fromSegmentId);
          if (c.toSegmentId !== null) touchedSegments.add(c.toSegmentId);
        }
        events.push(...changes);
        rescored += scored.customerIds.length;
        // The API's requests go first: scoring is split into small steps, and after each the job rests half as long as
        // the step took (the database and the cores are the API's too: on 2 cores, PostgreSQL's share matters).
        await new Promise((resolve) => setTimeout(resolve, Math.min(MAX_REST_MS, (Date.now() - stepStarted) / 2)));
      }
      await this.recordDailySizes([...touchedSegments]);
    }
    return { rescored, events, versionIds: [...aliasesOf.keys()] };
  }

  /** Stores one chunk's assignments (and predictions), size changes and history rows; returns the changes. */
  private async store(
    manager: EntityManager,
    versionId: number,
    aliases: string[],
    scored: { customerIds: number[]; segmentIds: number[]; distances: number[] },
    live: Array<{ expectedPurchases: number; pAlive: number | null; churnProbability: number; expectedSpend: number | null; clv: number; clvPercentile: number; expectedNextPurchaseAt: Date | null; valueTier: string }> | null,
    reasonOf: ReadonlyMap<number, MembershipReason>,
    changedAt: Date,
  ): Promise<MembershipEvent[]> {
    const d = Dialect.of(manager);
    const n = scored.customerIds.length;
    if (n === 0) return [];
    // Several workers may re-score the same customers at once (a customer written again while a job holds them):
    // one transaction per version at a time, so each reads the assignments the other committed (sizes stay exact).
    if (d.kind === 'postgres') await manager.query('SELECT pg_advisory_xact_lock(73190, $1)', [versionId]);
    const before: Array<{ customer_id: unknown; segment_id: unknown }> = await manager.query(
      `SELECT customer_id, segment_id FROM segment_assignments WHERE version_id = ${d.param(1)} AND customer_id IN (${d.inList(n, 1)})`,
      [versionId, ...scored.customerIds],
    );
    const previous = new Map(before.map((r) => [Number(r.customer_id), Number(r.segment_id)]));
    const per = d.rowsPerStatement(4);
    for (let start = 0; start < n; start += per) {
      const end = Math.min(n, start + per);
      const params: unknown[] = [];
      for (let i = start; i < end; i++) params.push(versionId, scored.customerIds[i], scored.segmentIds[i], scored.distances[i]);
      await manager.query(
        `INSERT INTO segment_assignments (version_id, customer_id, segment_id, distance) VALUES ${d.valuesList(end - start, 4)}
         ON CONFLICT (version_id, customer_id) DO UPDATE SET segment_id = excluded.segment_id, distance = excluded.distance`,
        params,
      );
    }
    if (live) {
      const perPrediction = d.rowsPerStatement(10);
      for (let start = 0; start < n; start += perPrediction) {
        const end = Math.min(n, start + perPrediction);
        const params: unknown[] = [];
        for (let i = start; i < end; i++) {
          const p = live[i];
          params.push(versionId, scored.customerIds[i], p.expectedPurchases, p.pAlive, p.churnProbability, p.expectedSpend, p.clv, p.clvPercentile, p.expectedNextPurchaseAt ? d.timestamp(p.expectedNextPurchaseAt) : null, p.valueTier ?? tierOfPercentile(p.clvPercentile));
        }
        await manager.query(
          `INSERT INTO customer_predictions (version_id, customer_id, expected_purchases, p_alive, churn_probability, expected_spend_per_purchase, clv, clv_percentile, next_purchase_at, value_tier)
           VALUES ${d.valuesList(end - start, 10)}
           ON CONFLICT (version_id, customer_id) DO UPDATE SET expected_purchases = excluded.expected_purchases, p_alive = excluded.p_alive,
             churn_probability = excluded.churn_probability, expected_spend_per_purchase = excluded.expected_spend_per_purchase, clv = excluded.clv,
             clv_percentile = excluded.clv_percentile, next_purchase_at = excluded.next_purchase_at, value_tier = excluded.value_tier`,
          params,
        );
      }
    }
    const delta = new Map<number, number>();
    const events: MembershipEvent[] = [];
    scored.customerIds.forEach((customerId, i) => {
      const from = previous.get(customerId) ?? null;
      const to = scored.segmentIds[i];
      if (from === to) return;
      if (from !== null) delta.set(from, (delta.get(from) ?? 0) - 1);
      delta.set(to, (delta.get(to) ?? 0) + 1);
      const reason: MembershipReason = from === null ? 'new_customer' : reasonOf.get(customerId) === 'manual' ? 'manual' : 'new_order';
      for (const alias of aliases) events.push({ customerId, alias, versionId, fromSegmentId: from, toSegmentId: to, reason, changedAt });
    });
    for (const [segmentId, change] of delta) {
      if (change !== 0) await manager.query(`UPDATE segments SET size = size + ${d.param(1)} WHERE id = ${d.param(2)}`, [change, segmentId]);
    }
    await insertHistory(manager, events);
    return events;
  }

  /** Today's size of each segment (the last write of a day is that day's count). */
  private async recordDailySizes(segmentIds: number[]): Promise<void> {
    if (segmentIds.length === 0) return;
    const d = this.dialect;
    const day = new Date().toISOString().slice(0, 10);
    await inSqliteTurn(this.dataSource, () =>
      this.dataSource.query(
        `INSERT INTO segment_size_days (segment_id, day, size) SELECT id, ${d.param(1)}, size FROM segments WHERE id IN (${d.inList(segmentIds.length, 1)})
         ON CONFLICT (segment_id, day) DO UPDATE SET size = excluded.size`,
        [day, ...segmentIds],
      ),
    );
  }

  /** Publishes the changes to subscribers (one message per alias) and hands them to the webhooks. */
  private async announce(events: MembershipEvent[]): Promise<void> {
    if (events.length === 0) return;
    const byAlias = new Map<string, MembershipEvent[]>();
    for (const e of events) {
      const list = byAlias.get(e.alias);
      if (list) list.push(e);
      else byAlias.set(e.alias, [e]);
    }
    for (const [alias, list] of byAlias) await this.pubsub.publish(Topic.MEMBERSHIP_CHANGED, alias, { alias, events: list });
    const out: WebhookEventInput[] = [];
    for (const e of events) {
      const base = { alias: e.alias, versionId: e.versionId, customerId: e.customerId, reason: e.reason, changedAt: e.changedAt.toISOString() };
      if (e.fromSegmentId !== null) out.push({ type: 'segment.exited', data: { ...base, segmentId: e.fromSegmentId, toSegmentId: e.toSegmentId }, customerId: e.customerId });
      if (e.toSegmentId !== null) out.push({ type: 'segment.entered', data: { ...base, segmentId: e.toSegmentId, fromSegmentId: e.fromSegmentId }, customerId: e.customerId });
    }
    await this.webhooks.emit(out);
  }

  // --- alias moves (TrainingService.aliasMoved) ---------------------------------------------------------------

  /**
   * In `setAlias`'s transaction: one history row per customer whose segment under the alias changes (every customer
   * of either version: segment ids differ between versions), with the reason given.
   */
  async recordAliasMove(manager: EntityManager, alias: string, fromVersionId: number | null, toVersionId: number, reason: 'alias_moved' | 'retrained', at: Date): Promise<void> {
    const d = Dialect.of(manager);
    const ts = d.timestamp(at);
    await manager.query(
      `INSERT INTO membership_changes (customer_id, alias, version_id, from_segment_id, to_segment_id, reason, changed_at)
       SELECT n.customer_id, ${d.param(1)}, ${d.param(2)}, o.segment_id, n.segment_id, ${d.param(3)}, ${d.param(4)}
       FROM segment_assignments n LEFT JOIN segment_assignments o ON o.version_id = ${d.param(5)} AND o.customer_id = n.customer_id
       WHERE n.version_id = ${d.param(6)}`,
      [alias, toVersionId, reason, ts, fromVersionId ?? -1, toVersionId],
    );
    if (fromVersionId !== null) {
      await manager.query(
        `INSERT INTO membership_changes (customer_id, alias, version_id, from_segment_id, to_segment_id, reason, changed_at)
         SELECT o.customer_id, ${d.param(1)}, ${d.param(2)}, o.segment_id, NULL, ${d.param(3)}, ${d.param(4)}
         FROM segment_assignments o WHERE o.version_id = ${d.param(5)}
           AND NOT EXISTS (SELECT 1 FROM segment_assignments n WHERE n.version_id = ${d.param(6)} AND n.customer_id = o.customer_id)`,
        [alias, toVersionId, reason, ts, fromVersionId, toVersionId],
      );
    }
    // The version's assignments are as of its training: customers written since (created, or with orders written
    // since) are re-scored by it now (after the commit, `announce` queues them). Customers it left out on purpose
    // (no purchase before its asOf, created before it) stay out, as in training.
    const version: Array<{ created_at: unknown }> = await manager.query(`SELECT created_at FROM model_versions WHERE id = ${d.param(1)}`, [toVersionId]);
    const created = version[0] ? d.readTimestamp(version[0].created_at) : null;
    if (created) {
      // A second early: SQLite's default timestamps have whole seconds (re-scoring a few more customers is harmless).
      const since = new Date(created.getTime() - 1000);
      const now = d.timestamp(new Date());
      // Typed: a parameter in a SELECT list (with DISTINCT) is text to PostgreSQL, whatever the target column.
      const nowParam = d.kind === 'postgres' ? `CAST(${d.param(1)} AS timestamptz)` : d.param(1);
      await manager.query(
        `INSERT INTO rescore_pending (customer_id, reason, touched_at)
         SELECT DISTINCT o.customer_id, 'new_order', ${nowParam} FROM orders o WHERE o.created_at >= ${d.param(2)}
         ON CONFLICT (customer_id) WHERE job_id IS NULL DO NOTHING`,
        [now, d.timestamp(since)],
      );
      await manager.query(
        `INSERT INTO rescore_pending (customer_id, reason, touched_at)
         SELECT c.id, 'new_customer', ${nowParam} FROM customers c WHERE c.created_at >= ${d.param(2)}
         ON CONFLICT (customer_id) WHERE job_id IS NULL DO NOTHING`,
        [now, d.timestamp(since)],
      );
    }
  }

  // --- reads --------------------------------------------------------------------------------------------------

  /** Customers' membership changes, newest first, one page each (two queries whatever the number of customers). */
  async historyPages(customerIds: readonly number[], page: PageArgs): Promise<Array<{ edges: Array<{ cursor: string; node: MembershipChange }>; pageInfo: unknown; totalCount: () => Promise<number> }>> {
    const pages = await childConnections<ChildRow>(this.dataSource, HISTORY_PAGE, customerIds, page);
    const ids = [...new Set(pages.flatMap((p) => p.edges.map((e) => e.node.id)))];
    const rows = ids.length ? await this.dataSource.getRepository(MembershipChange).findBy({ id: In(ids) }) : [];
    const byId = new Map(rows.map((r) => [r.id, r]));
    return pages.map((p) => Object.assign(p, { edges: p.edges.map((e) => ({ cursor: e.cursor, node: byId.get(e.node.id)! })) })) as never;
  }

  /** Daily sizes of segments (the size at the end of each day it changed, and today's), oldest first. */
  async sizeHistories(segmentIds: readonly number[]): Promise<Array<Array<{ day: string; size: number }>>> {
    if (segmentIds.length === 0) return [];
    const d = this.dialect;
    const rows: Array<{ segment_id: unknown; day: string; size: unknown }> = await this.dataSource.query(
      `SELECT segment_id, day, size FROM segment_size_days WHERE segment_id IN (${d.inList(segmentIds.length)}) ORDER BY day`,
      [...segmentIds],
    );
    const current: Array<{ id: unknown; size: unknown }> = await this.dataSource.query(`SELECT id, size FROM segments WHERE id IN (${d.inList(segmentIds.length)})`, [...segmentIds]);
    const today = new Date().toISOString().slice(0, 10);
    const byId = new Map(current.map((c) => [Number(c.id), c]));
    return groupedByKey(segmentIds, rows, (r) => Number(r.segment_id)).map((group, i) => {
      const list = group.map((r) => ({ day: String(r.day), size: Number(r.size) }));
      const now = byId.get(segmentIds[i]);
      if (now && list[list.length - 1]?.day !== today) list.push({ day: today, size: Number(now.size) });
      return list;
    });
  }

  /** Freezes the alias's membership now under a name (unique). */
  async createSnapshot(alias: string, name: string, createdBy: string): Promise<SegmentSnapshot> {
    const trimmed = name.trim();
    if (trimmed === '' || trimmed.length > 200) throw badUserInput('name must be 1 to 200 characters', { argument: 'name' });
    const versionId = await this.training.versionIdOfAlias(alias);
    if (versionId === null) throw notFound('alias', alias);
    const repo = this.dataSource.getRepository(SegmentSnapshot);
    if (await repo.existsBy({ name: trimmed })) throw badUserInput(`a snapshot named ${JSON.stringify(trimmed)} exists already`, { argument: 'name' });
    return inTransaction(this.dataSource, async (manager) => {
      const d = Dialect.of(manager);
      const snapshot = await manager.getRepository(SegmentSnapshot).save({ name: trimmed, alias, versionId, customers: 0, createdBy, createdAt: new Date() } as SegmentSnapshot);
      await manager.query(
        `INSERT INTO segment_snapshot_members (snapshot_id, customer_id, segment_id) SELECT ${d.param(1)}, customer_id, segment_id FROM segment_assignments WHERE version_id = ${d.param(2)}`,
        [snapshot.id, versionId],
      );
      const [{ n }] = await manager.query(`SELECT COUNT(*) AS n FROM segment_snapshot_members WHERE snapshot_id = ${d.param(1)}`, [snapshot.id]);
      snapshot.customers = Number(n);
      await manager.getRepository(SegmentSnapshot).update({ id: snapshot.id }, { customers: snapshot.customers });
      return snapshot;
    });
  }

  listSnapshots(): Promise<SegmentSnapshot[]> {
    return this.dataSource.getRepository(SegmentSnapshot).find({ order: { id: 'DESC' } });
  }

  async getSnapshot(id: number): Promise<SegmentSnapshot> {
    return (await this.dataSource.getRepository(SegmentSnapshot).findOneBy({ id })) ?? Promise.reject(notFound('snapshot', id));
  }

  /** A snapshot's segments with their frozen sizes. */
  async snapshotSizes(snapshotId: number): Promise<Array<{ segmentId: number; size: number }>> {
    const rows: Array<{ segment_id: unknown; n: unknown }> = await this.dataSource.query(
      `SELECT segment_id, COUNT(*) AS n FROM segment_snapshot_members WHERE snapshot_id = ${this.dialect.param(1)} GROUP BY segment_id ORDER BY segment_id`,
      [snapshotId],
    );
    return rows.map((r) => ({ segmentId: Number(r.segment_id), size: Number(r.n) }));
  }

  /** A page of a snapshot segment's members (customer ids, ascending), for exports and BI. */
  async snapshotMembers(snapshotId: number, segmentId: number | null, after: number, limit: number): Promise<Array<{ customerId: number; segmentId: number }>> {
    const d = this.dialect;
    const params: unknown[] = [snapshotId, after];
    const segment = segmentId === null ? '' : `AND segment_id = ${d.param(3)}`;
    if (segmentId !== null) params.push(segmentId);
    params.push(limit);
    const rows: Array<{ customer_id: unknown; segment_id: unknown }> = await this.dataSource.query(
      `SELECT customer_id, segment_id FROM segment_snapshot_members WHERE snapshot_id = ${d.param(1)} AND customer_id > ${d.param(2)} ${segment}
       ORDER BY customer_id LIMIT ${d.param(params.length)}`,
      params,
    );
    return rows.map((r) => ({ customerId: Number(r.customer_id), segmentId: Number(r.segment_id) }));
  }

  getJob(id: number): Promise<RescoreJob | null> {
    return this.dataSource.getRepository(RescoreJob).findOneBy({ id });
  }
}

async function insertHistory(manager: EntityManager, events: MembershipEvent[]): Promise<void> {
  const d = Dialect.of(manager);
  const per = d.rowsPerStatement(7);
  for (let start = 0; start < events.length; start += per) {
    const part = events.slice(start, start + per);
    await manager.query(
      `INSERT INTO membership_changes (customer_id, alias, version_id, from_segment_id, to_segment_id, reason, changed_at) VALUES ${d.valuesList(part.length, 7)}`,
      part.flatMap((e) => [e.customerId, e.alias, e.versionId, e.fromSegmentId, e.toSegmentId, e.reason, d.timestamp(e.changedAt)]),
    );
  }
}
