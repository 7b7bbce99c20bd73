import { parseExpression } from 'cron-parser';
import { DataSource } from 'typeorm';
import { AS_OF_POLICIES, AsOfPolicy, PromotionGate, ScheduleDecision, TrainingSchedule } from '../entities';
import { badUserInput, notFound } from '../errors';
import { inSqliteTurn } from '../db/sqlite-turns';
import { Dialect } from '../db/dialect';
import { DEFAULT_HORIZON_DAYS, EvaluationService, LOWER_IS_BETTER, METRIC_NAMES } from './evaluation.service';
import { FeatureService } from './feature.service';
import { TrainingService } from './training.service';
import { WebhookService } from './webhook.service';

const DAY_MS = 86_400_000;
/** A round claimed this long ago whose training run was never recorded was left by a process that stopped. */
const STARTING_TIMEOUT_MS = 5 * 60_000;

export interface ScheduleInput {
  cron: string;
  asOfPolicy: AsOfPolicy;
  gate: { alias: string; metric: string; minDelta?: number | null; maxStabilityDrop?: number | null; horizonDays?: number | null };
}

export interface ScheduleOptions {
  /** How often schedules are looked at (due rounds, runs and evaluations under way). */
  tickMs: number;
  /** Bootstrap refits of the gate's evaluation (stability needs them). */
  bootstraps?: number;
  log: (line: string) => void;
}

/** The next time a cron expression fires after `after` (UTC). Throws BAD_USER_INPUT for an expression it cannot read. */
export function nextCronTime(cron: string, after: Date): Date {
  try {
    return parseExpression(cron, { currentDate: after, tz: 'UTC' }).next().toDate();
  } catch (err) {
    throw badUserInput(`cron ${JSON.stringify(cron)} is not a cron expression (5 fields: minute hour day month weekday, e.g. "0 3 * * *"): ${(err as Error).message}`, { argument: 'cron' });
  }
}

/**
 * Scheduled retraining with promotion gates (as MLflow's metric thresholds against the champion). On schedule a
 * round trains the model on the latest data, evaluates the candidate and the version the gate's alias points at on
 * the same split, and moves the alias only when the gate holds; the decision and its numbers are recorded either way.
 * A round is a small state machine in the schedule's row (IDLE -> TRAINING -> EVALUATING -> IDLE) that any process's
 * tick advances, each step claimed by a conditional UPDATE, so it survives restarts and never runs twice. A schedule
 * missed while the server was down runs once when it is back; a failed round marks the schedule `failing`, and is
 * sent as `schedule.failed`.
 */
export class ScheduleService {
  private timer: NodeJS.Timeout | null = null;
  private ticking: Promise<void> | null = null;
  private readonly dialect: Dialect;

  constructor(
    private readonly dataSource: DataSource,
    private readonly training: TrainingService,
    private readonly evaluation: EvaluationService,
    private readonly features: FeatureService,
    private readonly webhooks: WebhookService,
    private readonly options: ScheduleOptions,
  ) {
    this.dialect = Dialect.of(dataSource);
  }

  async set(modelId: number, input: ScheduleInput, actor: string): Promise<TrainingSchedule> {
    await this.training.getModel(modelId);
    if (!(AS_OF_POLICIES as readonly string[]).includes(input.asOfPolicy)) throw badUserInput(`asOfPolicy must be one of ${AS_OF_POLICIES.join(', ')}`, { argument: 'asOfPolicy' });
    const cron = input.cron.trim();
    if (cron.split(/\s+/).length !== 5) throw badUserInput(`cron ${JSON.stringify(cron)} must have 5 fields (minute hour day month weekday), e.g. "0 3 * * *" for 03:00 UTC every day`, { argument: 'cron' });
    const nextRunAt = nextCronTime(cron, new Date());
    const gate = checkGate(input.gate);
    const repo = this.dataSource.getRepository(TrainingSchedule);
    const existing = await repo.findOneBy({ modelId });
    const now = new Date();
    if (existing) {
      await repo.update({ id: existing.id }, { cron, asOfPolicy: input.asOfPolicy, gate, enabled: true, nextRunAt, updatedAt: now });
      return repo.findOneByOrFail({ id: existing.id });
    }
    return repo.save(repo.create({ modelId, cron, asOfPolicy: input.asOfPolicy, gate, enabled: true, nextRunAt, lastRunAt: null, state: 'IDLE', failing: false, lastError: null, createdBy: actor, createdAt: now, updatedAt: now }));
  }

  /** Starts a round now (the schedule keeps its cron for the next ones); CONFLICT-free: a round under way is left alone. */
  async runNow(modelId: number): Promise<TrainingSchedule> {
    const repo = this.dataSource.getRepository(TrainingSchedule);
    const schedule = await repo.findOneBy({ modelId });
    if (!schedule) throw notFound('training schedule of model', modelId);
    if (schedule.state === 'IDLE') await repo.update({ id: schedule.id, state: 'IDLE' }, { nextRunAt: new Date(Date.now() - 1) });
    await this.tick();
    return repo.findOneByOrFail({ id: schedule.id });
  }

  async remove(modelId: number): Promise<boolean> {
    const result = await this.dataSource.getRepository(TrainingSchedule).delete({ modelId });
    if ((result.affected ?? 0) === 0 && !(await this.dataSource.getRepository(TrainingSchedule).existsBy({ modelId }))) return false;
    return true;
  }

  async ofModels(modelIds: readonly number[]): Promise<Array<TrainingSchedule | null>> {
    const rows = await this.dataSource.getRepository(TrainingSchedule).find({ where: modelIds.map((modelId) => ({ modelId })) });
    return modelIds.map((id) => rows.find((r) => r.modelId === id) ?? null);
  }

  decisions(scheduleId: number, limit = 20): Promise<ScheduleDecision[]> {
    return this.dataSource.getRepository(ScheduleDecision).find({ where: { scheduleId }, order: { id: 'DESC' }, take: limit });
  }

  /** For /healthz: schedules whose last round failed. */
  async failing(): Promise<Array<{ modelId: number; error: string | null }>> {
    const rows = await this.dataSource.getRepository(TrainingSchedule).findBy({ failing: true });
    return rows.map((r) => ({ modelId: r.modelId, error: r.lastError }));
  }

  start(): void {
    this.timer = setInterval(() => void this.tick(), this.options.tickMs);
    this.timer.unref();
    void this.tick();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.ticking;
  }

  /** Advances every schedule one step (tests call it directly). */
  tick(): Promise<void> {
    this.ticking ??= this.advanceAll()
      .catch((err) => this.options.log(`schedules: ${(err as Error).message}`))
      .finally(() => (this.ticking = null));
    return this.ticking;
  }

  private async advanceAll(): Promise<void> {
    const schedules = await this.dataSource.getRepository(TrainingSchedule).findBy({ enabled: true });
    for (const s of schedules) {
      try {
        if (s.state === 'IDLE' && s.nextRunAt.getTime() <= Date.now()) await this.begin(s);
        else if (s.state === 'TRAINING') await this.afterTraining(s);
        else if (s.state === 'EVALUATING') await this.afterEvaluation(s);
      } catch (err) {
        await this.fail(s, (err as Error).message);
      }
    }
  }

  /** Moves a schedule from one state to the next only if no other process did it first. */
  private async advance(s: TrainingSchedule, from: string, changes: Partial<TrainingSchedule>): Promise<boolean> {
    const result = await inSqliteTurn(this.dataSource, () =>
      this.dataSource
        .createQueryBuilder()
        .update(TrainingSchedule)
        .set({ ...changes, updatedAt: new Date() })
        .where('id = :id AND state = :from AND updated_at = :seen', { id: s.id, from, seen: this.dialect.timestamp(s.updatedAt) })
        .execute(),
    );
    const row = await this.dataSource.getRepository(TrainingSchedule).findOneBy({ id: s.id });
    const moved = (result.affected ?? 0) > 0 || (this.dialect.kind === 'sqlite' && row !== null && row.state === (changes.state ?? from) && row.updatedAt.getTime() !== s.updatedAt.getTime());
    if (moved && row) Object.assign(s, row);
    return moved;
  }

  /** A due round: claims it (the next time is computed from now, so a schedule missed while down runs once), then trains. */
  private async begin(s: TrainingSchedule): Promise<void> {
    const horizon = s.gate.horizonDays;
    if (!(await this.advance(s, 'IDLE', { state: 'TRAINING', lastRunAt: new Date(), nextRunAt: nextCronTime(s.cron, new Date()), runId: null, evaluationRunId: null, candidateVersionId: null }))) return;
    const end = await this.features.defaultAsOf();
    const asOf = s.asOfPolicy === 'HOLDOUT' ? new Date(end.getTime() - horizon * DAY_MS) : null;
    const run = await this.training.startRun(s.modelId, null, { asOf });
    await this.dataSource.getRepository(TrainingSchedule).update({ id: s.id }, { runId: run.id });
    this.options.log(`schedule of model ${s.modelId}: training run ${run.id} started`);
  }

  private async afterTraining(s: TrainingSchedule): Promise<void> {
    if (s.runId === null) {
      // Claimed, but the run was never started (the process died in between): the round failed.
      if (Date.now() - s.updatedAt.getTime() > STARTING_TIMEOUT_MS) await this.fail(s, 'the round was claimed but its training run never started (the process stopped)');
      return;
    }
    const run = await this.training.getRun(s.runId);
    if (run.status === 'QUEUED' || run.status === 'RUNNING') return;
    if (run.status !== 'SUCCEEDED' || run.modelVersionId === null) {
      await this.fail(s, `training run ${run.id} ended ${run.status}${run.error ? `: ${run.error}` : ''}`);
      return;
    }
    const candidate = run.modelVersionId;
    const champion = await this.training.versionIdOfAlias(s.gate.alias);
    if (champion === null || champion === candidate) {
      // Nothing to beat: the first version under the alias is promoted.
      if (!(await this.advance(s, 'TRAINING', { state: 'IDLE', candidateVersionId: candidate, failing: false, lastError: null }))) return;
      await this.training.setAlias(candidate, s.gate.alias, `schedule:${s.id}`, 'retrained');
      await this.decide(s, { candidate, champion: null, promoted: true, outcome: 'PROMOTED', reason: `alias ${s.gate.alias} pointed at no version` });
      return;
    }
    const end = await this.features.defaultAsOf();
    const split = new Date(end.getTime() - s.gate.horizonDays * DAY_MS);
    const evaluation = await this.evaluation.start([candidate, champion], split, s.gate.horizonDays, { bootstraps: this.options.bootstraps });
    await this.advance(s, 'TRAINING', { state: 'EVALUATING', candidateVersionId: candidate, evaluationRunId: evaluation.id });
  }

  private async afterEvaluation(s: TrainingSchedule): Promise<void> {
    if (s.evaluationRunId === null || s.candidateVersionId === null) return;
    const run = await this.evaluation.getRun(s.evaluationRunId);
    if (run.status === 'QUEUED' || run.status === 'RUNNING') return;
    if (run.status !== 'SUCCEEDED') {
      await this.fail(s, `the gate's evaluation ${run.id} ended ${run.status}${run.error ? `: ${run.error}` : ''}`);
      return;
    }
    const candidate = s.candidateVersionId;
    const champion = run.versionIds.find((id) => id !== candidate) ?? null;
    const comparison = await this.evaluation.compare(run.versionIds, run.asOf, run.horizonDays);
    const metricOf = (id: number | null, metric: string): number | null => {
      const value = comparison.rows.find((r) => r.versionId === id)?.metrics?.[metric as never] as number | null | undefined;
      return value === undefined || value === null || !Number.isFinite(value) ? null : value;
    };
    const { metric, minDelta, maxStabilityDrop } = s.gate;
    const numbers = {
      candidateValue: metricOf(candidate, metric),
      championValue: metricOf(champion, metric),
      candidateStability: metricOf(candidate, 'stabilityAri'),
      championStability: metricOf(champion, 'stabilityAri'),
      splitAsOf: run.asOf,
      horizonDays: run.horizonDays,
    };
    let promoted = false;
    let reason: string;
    if (numbers.candidateValue === null || numbers.championValue === null) {
      reason = `${metric} is missing for the ${numbers.candidateValue === null ? 'candidate' : 'champion'}: not promoted`;
    } else {
      const gain = LOWER_IS_BETTER.has(metric) ? numbers.championValue - numbers.candidateValue : numbers.candidateValue - numbers.championValue;
      const drop = numbers.candidateStability !== null && numbers.championStability !== null ? numbers.championStability - numbers.candidateStability : null;
      if (gain < minDelta) reason = `${metric} ${fmt(numbers.candidateValue)} vs ${fmt(numbers.championValue)}: gain ${fmt(gain)} < minDelta ${minDelta}`;
      else if (maxStabilityDrop !== null && drop === null) reason = `${metric} gain ${fmt(gain)} ≥ ${minDelta}, but stability could not be measured (bootstraps 0)`;
      else if (maxStabilityDrop !== null && drop !== null && drop > maxStabilityDrop) reason = `${metric} gain ${fmt(gain)} ≥ ${minDelta}, but stability dropped ${fmt(drop)} > ${maxStabilityDrop}`;
      else {
        promoted = true;
        reason = `${metric} ${fmt(numbers.candidateValue)} vs ${fmt(numbers.championValue)}: gain ${fmt(gain)} ≥ ${minDelta}${drop !== null ? `, stability drop ${fmt(drop)}` : ''}`;
      }
    }
    if (!(await this.advance(s, 'EVALUATING', { state: 'IDLE', failing: false, lastError: null }))) return;
    if (promoted) await this.training.setAlias(candidate, s.gate.alias, `schedule:${s.id}`, 'retrained');
    await this.decide(s, { candidate, champion, promoted, outcome: promoted ? 'PROMOTED' : 'NOT_PROMOTED', reason, ...numbers });
  }

  private async decide(
    s: TrainingSchedule,
    d: { candidate: number | null; champion: number | null; promoted: boolean; outcome: ScheduleDecision['outcome']; reason: string } & Partial<Pick<ScheduleDecision, 'candidateValue' | 'championValue' | 'candidateStability' | 'championStability' | 'splitAsOf' | 'horizonDays'>>,
  ): Promise<ScheduleDecision> {
    const repo = this.dataSource.getRepository(ScheduleDecision);
    const row = await repo.save(
      repo.create({
        scheduleId: s.id,
        modelId: s.modelId,
        runId: s.runId,
        candidateVersionId: d.candidate,
        championVersionId: d.champion,
        alias: s.gate.alias,
        metric: s.gate.metric,
        candidateValue: d.candidateValue ?? null,
        championValue: d.championValue ?? null,
        candidateStability: d.candidateStability ?? null,
        championStability: d.championStability ?? null,
        splitAsOf: d.splitAsOf ?? null,
        horizonDays: d.horizonDays ?? null,
        promoted: d.promoted,
        outcome: d.outcome,
        reason: d.reason,
        decidedAt: new Date(),
      }),
    );
    this.options.log(`schedule of model ${s.modelId}: ${d.outcome} (${d.reason})`);
    return row;
  }

  /**
   * A round failed: the schedule says so (model, /healthz), the decision is recorded, and `schedule.failed` is sent —
   * by the one process whose claim of the failure wins.
   */
  private async fail(s: TrainingSchedule, message: string): Promise<void> {
    if (!(await this.advance(s, s.state, { state: 'IDLE', failing: true, lastError: message.slice(0, 2000) }))) return;
    await this.decide(s, { candidate: s.candidateVersionId, champion: null, promoted: false, outcome: 'FAILED', reason: message });
    await this.webhooks.emit([{ type: 'schedule.failed', data: { scheduleId: s.id, modelId: s.modelId, runId: s.runId, error: message } }]);
  }
}

function checkGate(gate: ScheduleInput['gate']): PromotionGate {
  if (!/^[a-z][a-z0-9_-]{0,63}$/.test(gate.alias)) throw badUserInput(`gate.alias ${JSON.stringify(gate.alias)} must be lower-case letters, digits, - or _`, { argument: 'gate' });
  if (!(METRIC_NAMES as readonly string[]).includes(gate.metric)) throw badUserInput(`gate.metric ${JSON.stringify(gate.metric)} must be one of ${METRIC_NAMES.join(', ')}`, { argument: 'gate' });
  const minDelta = gate.minDelta ?? 0;
  if (!Number.isFinite(minDelta)) throw badUserInput('gate.minDelta must be a number', { argument: 'gate' });
  const maxStabilityDrop = gate.maxStabilityDrop ?? null;
  if (maxStabilityDrop !== null && (!Number.isFinite(maxStabilityDrop) || maxStabilityDrop < 0)) throw badUserInput('gate.maxStabilityDrop must be 0 or more', { argument: 'gate' });
  const horizonDays = gate.horizonDays ?? DEFAULT_HORIZON_DAYS;
  if (!Number.isInteger(horizonDays) || horizonDays < 1 || horizonDays > 3650) throw badUserInput('gate.horizonDays must be 1 to 3650', { argument: 'gate' });
  return { alias: gate.alias, metric: gate.metric, minDelta, maxStabilityDrop, horizonDays };
}

function fmt(x: number): string {
  return Number(x.toFixed(4)).toString();
}

