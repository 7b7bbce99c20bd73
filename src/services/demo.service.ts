import { DataSource } from 'typeorm';
import { DemoShopOptions, generateDemoShop } from '../demo/synthetic-shop';
import { BulkWriter, WriteStats } from '../import/bulk-writer';
import { Customer, SegmentationModel } from '../entities';
import { ImportService } from './import.service';
import type { TrainingService } from './training.service';

/** The name of the model the first start trains on the demo shop. */
export const DEMO_MODEL_NAME = 'Demo shop k-means';

export class DemoService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly imports: ImportService,
  ) {}

  /** Writes the synthetic demo shop in one transaction (idempotent: the same seed writes the same rows). */
  async seed(options: DemoShopOptions = {}): Promise<WriteStats> {
    const shop = generateDemoShop(options);
    const { stats } = await this.imports.writeRecords(new BulkWriter(), shop, { onError: 'abort', replaceItems: true });
    return stats;
  }

  /** Seeds only an empty database; returns whether it did. */
  async seedIfEmpty(options: DemoShopOptions = {}): Promise<boolean> {
    if ((await this.dataSource.getRepository(Customer).count()) > 0) return false;
    await this.seed(options);
    return true;
  }

  /**
   * The first start on the demo shop: registers a k-means model, trains it (a queued run like any other, off the
   * event loop) and aliases its version `production`, so that the console and `segments` answer at once. Only when
   * no model exists yet; resolves when the alias is set (or the run did not succeed: then it says why).
   */
  async trainFirstModel(training: TrainingService, log: (line: string) => void, pollMs = 200): Promise<number | null> {
    if ((await this.dataSource.getRepository(SegmentationModel).count()) > 0) return null;
    const started = Date.now();
    const model = await training.registerModel({ name: DEMO_MODEL_NAME, segmenter: 'kmeans', params: {} });
    let run = await training.startRun(model.id, null);
    while (run.status === 'QUEUED' || run.status === 'RUNNING') {
      await new Promise((resolve) => setTimeout(resolve, pollMs));
      run = await training.getRun(run.id);
    }
    if (run.status !== 'SUCCEEDED' || run.modelVersionId === null) {
      log(`training the demo model (run ${run.id}) ended ${run.status}${run.error ? `: ${run.error}` : ''}; no alias set`);
      return null;
    }
    await training.setAlias(run.modelVersionId, 'production', 'first start');
    log(`trained a k-means version of the demo shop and aliased it production in ${Date.now() - started} ms`);
    return run.modelVersionId;
  }
}
