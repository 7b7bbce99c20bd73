import { DataSource } from 'typeorm';
import { Capabilities, Segmenter, TrainingSet } from '../registry/segmenter';
import { buildTrainingSet } from '../training/feature-catalogue';
import { CustomerFeatures, FeatureService } from './feature.service';
import { SequenceService } from './sequence.service';

/** Customers per feature query (each chunk holds a synchronous driver for ~0.1 s at most). */
// Small enough that one statement holds a SQLite server for tens of milliseconds, not hundreds (Online Retail).
const FEATURE_CHUNK = 100;

export interface BuiltTrainingSet {
  data: TrainingSet;
  /** The natural-unit features of the same customers, in the same order. */
  features: CustomerFeatures[];
}

/**
 * What a segmenter sees for the customers who bought before `asOf`: its features, plus sequences, catalogue and
 * reviews when it declares those inputs. Used by training runs and by evaluations on a time split, so both see the
 * data the same way.
 */
export class TrainingSetService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly featureService: FeatureService,
    private readonly sequences: SequenceService,
  ) {}

  async build(segmenter: Segmenter, featureNames: string[], asOf: Date, options: { cancelled?: () => boolean; extraInputs?: Capabilities['inputs'] } = {}): Promise<BuiltTrainingSet> {
    const features = (await this.computeFeatures(asOf, options.cancelled)).filter((f) => f.frequency > 0);
    const data = buildTrainingSet(features, featureNames);
    await this.sequences.complete(data, [...segmenter.capabilities.inputs, ...(options.extraInputs ?? [])], asOf, yieldTurn);
    return { data, features };
  }

  /**
   * Features of every customer, a chunk at a time with a turn of the event loop between chunks: on SQLite each query
   * runs synchronously, and one statement over 100,000 customers would hold the server for seconds.
   */
  private async computeFeatures(asOf: Date, cancelled?: () => boolean): Promise<CustomerFeatures[]> {
    const ids: Array<{ id: number }> = await this.dataSource.query('SELECT id FROM customers ORDER BY id');
    const out: CustomerFeatures[] = [];
    for (let start = 0; start < ids.length; start += FEATURE_CHUNK) {
      if (cancelled?.()) throw Object.assign(new Error('cancelled'), { cancelled: true });
      for (const f of await this.featureService.compute(ids.slice(start, start + FEATURE_CHUNK).map((r) => Number(r.id)), asOf)) out.push(f);
      await yieldTurn();
    }
    return out;
  }
}

function yieldTurn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
