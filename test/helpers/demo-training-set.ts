import { kmeansSegmenter } from '../../plugins/kmeans';
import { TrainingSet } from '../../src/registry/segmenter';
import { DataVersion } from '../../src/services/data-version';
import { DemoService } from '../../src/services/demo.service';
import { FeatureService } from '../../src/services/feature.service';
import { ImportService } from '../../src/services/import.service';
import { SequenceService } from '../../src/services/sequence.service';
import { TrainingSetService } from '../../src/services/training-set.service';
import { openTestDataSource } from './database';

/**
 * The synthetic demo shop as the server sees it: seeded into a fresh test database the way the server seeds it
 * (DemoService), and built into a training set by the server's own TrainingSetService (features, purchase sequences,
 * the product catalogue and review texts), plus each customer's persona (their stored ground-truth label). For
 * contract and quality checks of segmenters, on exactly what a training run would give them.
 */
export interface DemoTrainingSet {
  data: TrainingSet;
  /** Ground-truth persona per row of `data`. */
  personas: string[];
}

export async function demoTrainingSet(options: { customers: number; seed: number; featureNames: string[]; asOf?: Date }): Promise<DemoTrainingSet> {
  const db = await openTestDataSource();
  try {
    const { dataSource } = db;
    const dataVersion = new DataVersion();
    await new DemoService(dataSource, new ImportService(dataSource, dataVersion)).seed({ customers: options.customers, seed: options.seed });
    const trainingSets = new TrainingSetService(dataSource, new FeatureService(dataSource, dataVersion), new SequenceService(dataSource));
    // Every input a plugin can declare: numeric features (k-means' own), plus sequences and texts.
    const { data } = await trainingSets.build(kmeansSegmenter, options.featureNames, options.asOf ?? new Date('2026-07-01T00:00:00Z'), { extraInputs: ['sequence', 'text'] });
    const labels: Array<{ id: number; label: string | null }> = await dataSource.query('SELECT id, ground_truth_label AS label FROM customers');
    const persona = new Map(labels.map((r) => [Number(r.id), r.label]));
    const personas = data.customerIds.map((id) => persona.get(id) ?? null);
    if (personas.some((p) => p === null)) throw new Error('a demo customer without a persona');
    return { data, personas: personas as string[] };
  } finally {
    await db.close();
  }
}
