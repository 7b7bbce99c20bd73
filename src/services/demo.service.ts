import { DataSource } from 'typeorm';
import { DemoShopOptions, generateDemoShop } from '../demo/synthetic-shop';
import { BulkWriter, WriteStats } from '../import/bulk-writer';
import { In } from 'typeorm';
import { Customer, ModelVersion, SegmentationModel, TrainingRun } from '../entities';
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

  private stopped = false;

  /**
   * The first start on the demo shop: a k-means model is registered and trained (a queued run like any other, off
   * the event loop) and its version aliased `production`, so that the console and `segments` answer at once.
   *
   * Registering is the step instances could race on: `withLock` (the start-up lock) serialises it. It is done when the
   * demo shop was just loaded and no model exists; on a later start, while the demo model has no `production` alias
   * yet (the process stopped while it trained), it is finished: its newest version is aliased, or a new run trains
   * it. The alias is set only if `production` is still unset (nobody has pointed it elsewhere meanwhile).
   * Resolves with the aliased version id, or null (nothing to do, stopped, or the run did not succeed: it says why).
   */
  async trainFirstModel(
    training: TrainingService,
    log: (line: string) => void,
    options: { justSeeded?: boolean; withLock?: <T>(step: () => Promise<T>) => Promise<T>; pollMs?: number; timeoutMs?: number } = {},
  ): Promise<number | null> {
    const withLock = options.withLock ?? (<T>(step: () => Promise<T>) => step());
    const started = Date.now();
    const plan = await withLock(async (): Promise<{ runId: number } | { versionId: number } | null> => {
      if ((await training.versionIdOfAlias('production')) !== null) return null;
      const models = this.dataSource.getRepository(SegmentationModel);
      const demo = await models.findOneBy({ name: DEMO_MODEL_NAME });
      if (!demo) {
        if (!options.justSeeded || (await models.count()) > 0) return null;
        const model = await training.registerModel({ name: DEMO_MODEL_NAME, segmenter: 'kmeans', params: {} });
        return { runId: (await training.startRun(model.id, null)).id };
      }
      const versions = await this.dataSource.getRepository(ModelVersion).find({ where: { modelId: demo.id }, order: { id: 'DESC' }, take: 1 });
      if (versions.length > 0) return { versionId: versions[0].id };
      const pending = await this.dataSource.getRepository(TrainingRun).findOne({ where: { modelId: demo.id, status: In(['QUEUED', 'RUNNING']) }, order: { id: 'DESC' } });
      return { runId: pending?.id ?? (await training.startRun(demo.id, null)).id };
    });
    if (!plan) return null;
    let versionId: number;
    if ('versionId' in plan) {
      versionId = plan.versionId;
    } else {
      const deadline = Date.now() + (options.timeoutMs ?? 30 * 60_000);
      let run = await training.getRun(plan.runId);
      while ((run.status === 'QUEUED' || run.status === 'RUNNING') && !this.stopped && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, options.pollMs ?? 200));
        if (!this.stopped) run = await training.getRun(run.id);
      }
      if (this.stopped) return null;
      if (run.status !== 'SUCCEEDED' || run.modelVersionId === null) {
        log(`training the demo model (run ${run.id}) ${run.status === 'QUEUED' || run.status === 'RUNNING' ? `is still ${run.status} after the wait` : `ended ${run.status}${run.error ? `: ${run.error}` : ''}`}; no alias set (the next start tries again)`);
        return null;
      }
      versionId = run.modelVersionId;
    }
    const aliased = await withLock(async () => {
      if ((await training.versionIdOfAlias('production')) !== null) return false;
      await training.setAlias(versionId, 'production', 'first start');
      return true;
    });
    if (!aliased) return null;
    log(`aliased the demo shop's k-means version ${versionId} production (${Date.now() - started} ms)`);
    return versionId;
  }

  /** Stops waiting for the demo model's run (the server is closing; the run itself is the runner's). */
  stop(): void {
    this.stopped = true;
  }
}
