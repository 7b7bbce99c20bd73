import { DataSource } from 'typeorm';
import { DemoShopOptions, generateDemoShop } from '../demo/synthetic-shop';
import { BulkWriter, WriteStats } from '../import/bulk-writer';
import { Customer } from '../entities';
import { ImportService } from './import.service';

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
}
