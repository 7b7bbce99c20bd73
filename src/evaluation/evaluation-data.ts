import { DataSource, In } from 'typeorm';
import { Dialect } from '../db/dialect';
import { Customer } from '../entities';
import { Segmenter, TrainingSet } from '../registry/segmenter';
import { FeatureService } from '../services/feature.service';
import { SequenceService } from '../services/sequence.service';
import { TrainingSetService } from '../services/training-set.service';
import { Outcomes } from './evaluate';

/** Days of the horizon read per statement when outcomes are collected. */
const OUTCOME_WINDOW_DAYS = 7;
const DAY = 86_400_000;

/** What an evaluation reads from the database: the training set at the split, the horizon's outcomes, ground truth. */
export interface EvaluationData {
  data: TrainingSet;
  outcome: Outcomes;
  truth: Int32Array;
}

export interface EvaluationDataRequest {
  segmenter: Segmenter;
  featureNames: string[];
  asOf: Date;
  horizonDays: number;
  cancelled?: () => boolean;
  progress?: (fraction: number, message: string) => void;
}

/**
 * Reads an evaluation's data. The evaluation worker calls it on a connection of its own (so a server's requests never
 * wait behind these statements); with an in-memory SQLite database, which no other connection can see, the runner
 * calls it on the server's.
 */
export async function loadEvaluationData(dataSource: DataSource, trainingSets: TrainingSetService, request: EvaluationDataRequest): Promise<EvaluationData> {
  const cancelled = request.cancelled ?? (() => false);
  request.progress?.(0, 'computing features');
  // Sequences always: HitRate@10 needs what each customer bought before asOf, whatever the plugin reads.
  const { data } = await trainingSets.build(request.segmenter, request.featureNames, request.asOf, { extraInputs: ['sequence'], cancelled });
  if (cancelled()) throw cancelledError();
  if (data.customerIds.length === 0) throw new Error(`no customer bought anything before ${request.asOf.toISOString()}`);
  request.progress?.(0.005, "reading the horizon's outcomes");
  const outcome = await readOutcomes(dataSource, data, request.asOf, request.horizonDays);
  request.progress?.(0.008, 'reading ground-truth labels');
  const truth = await readGroundTruth(dataSource, data.customerIds);
  if (cancelled()) throw cancelledError();
  return { data, outcome, truth };
}

/** The services `loadEvaluationData` needs, on a connection of the caller's (a worker's own). */
export function evaluationDataServices(dataSource: DataSource): TrainingSetService {
  return new TrainingSetService(dataSource, new FeatureService(dataSource), new SequenceService(dataSource));
}

function cancelledError(): Error {
  return Object.assign(new Error('cancelled'), { cancelled: true });
}

/** Net spend, whether they bought again, and which products they bought, in [asOf, asOf + horizon). */
async function readOutcomes(dataSource: DataSource, data: TrainingSet, asOf: Date, horizonDays: number): Promise<Outcomes> {
  const d = Dialect.of(dataSource);
  const n = data.customerIds.length;
  const end = new Date(asOf.getTime() + horizonDays * DAY);
  const index = new Map(data.customerIds.map((id, i) => [id, i]));
  const spend = new Float64Array(n);
  const boughtAgain = new Uint8Array(n);
  const products = new Map<number, Set<number>>();
  const days = new Map<number, Set<number>>();
  // The horizon a few days at a time, with a turn of the event loop between: when this runs on a server's own SQLite
  // connection each statement holds its thread, and the whole horizon in one would take hundreds of ms (Online Retail).
  type Row = { cid: number; status: string; pid: number | null; amount: number; at: unknown };
  for (let from = asOf.getTime(); from < end.getTime(); from += OUTCOME_WINDOW_DAYS * DAY) {
    const to = new Date(Math.min(end.getTime(), from + OUTCOME_WINDOW_DAYS * DAY));
    const part: Row[] = await dataSource.query(
      `SELECT o.customer_id AS cid, o.status AS status, i.product_id AS pid, i.amount_e4 AS amount, o.placed_at AS at
       FROM orders o JOIN order_items i ON i.order_id = o.id
       WHERE o.placed_at >= ${d.param(1)} AND o.placed_at < ${d.param(2)} AND o.status IN ('placed', 'returned')`,
      [d.timestamp(new Date(from)), d.timestamp(to)],
    );
    for (const r of part) {
      const i = index.get(Number(r.cid));
      if (i === undefined) continue;
      const amount = Number(r.amount) / 10_000;
      if (r.status === 'placed') {
        spend[i] += amount;
        boughtAgain[i] = 1;
        const day = Math.floor(d.readTimestamp(r.at)!.getTime() / DAY);
        const seen = days.get(i) ?? new Set<number>();
        seen.add(day);
        days.set(i, seen);
        if (r.pid !== null) {
          const set = products.get(i) ?? new Set<number>();
          set.add(Number(r.pid));
          products.set(i, set);
        }
      } else spend[i] -= Math.abs(amount);
    }
    await new Promise((resolve) => setImmediate(resolve));
  }
  const futureOffsets = new Int32Array(n + 1);
  for (let i = 0; i < n; i++) futureOffsets[i + 1] = futureOffsets[i] + (products.get(i)?.size ?? 0);
  const futureProducts = new Int32Array(futureOffsets[n]);
  for (const [i, set] of products) {
    let at = futureOffsets[i];
    for (const p of set) futureProducts[at++] = p;
  }
  const purchaseDays = new Int32Array(n);
  for (const [i, set] of days) purchaseDays[i] = set.size;
  return { spend, boughtAgain, purchaseDays, futureOffsets, futureProducts };
}

/** Customers' ground-truth labels as integer codes (-1: none), in the order of `customerIds`. */
async function readGroundTruth(dataSource: DataSource, customerIds: number[]): Promise<Int32Array> {
  const label = new Map<number, string>();
  for (let start = 0; start < customerIds.length; start += 500) {
    const rows = await dataSource.getRepository(Customer).find({ select: { id: true, groundTruthLabel: true }, where: { id: In(customerIds.slice(start, start + 500)) } });
    for (const r of rows) if (r.groundTruthLabel !== null && r.groundTruthLabel !== undefined) label.set(r.id, r.groundTruthLabel);
    await new Promise((resolve) => setImmediate(resolve));
  }
  const codes = new Map<string, number>();
  return Int32Array.from(customerIds, (id) => {
    const l = label.get(id);
    if (l === undefined) return -1;
    if (!codes.has(l)) codes.set(l, codes.size);
    return codes.get(l)!;
  });
}
