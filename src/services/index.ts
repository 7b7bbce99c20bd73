import { DataSource } from 'typeorm';
import { AppConfig } from '../config/config';
import { CustomerService } from './customer.service';
import { DemoService } from './demo.service';
import { FeatureService } from './feature.service';
import { ImportService } from './import.service';
import { OrderService } from './order.service';
import { ProductService } from './product.service';
import { RecordImportService } from './record-import.service';
import { ReviewService } from './review.service';

/** Every service, built once per process around one DataSource. Services are the only layer that touches the database. */
export interface Services {
  customers: CustomerService;
  products: ProductService;
  orders: OrderService;
  reviews: ReviewService;
  features: FeatureService;
  imports: ImportService;
  recordImports: RecordImportService;
  demo: DemoService;
}

export function createServices(dataSource: DataSource, config: Pick<AppConfig, 'importBatchLimit'>): Services {
  const imports = new ImportService(dataSource);
  return {
    customers: new CustomerService(dataSource),
    products: new ProductService(dataSource),
    orders: new OrderService(dataSource),
    reviews: new ReviewService(dataSource),
    features: new FeatureService(dataSource),
    imports,
    recordImports: new RecordImportService(imports, config.importBatchLimit),
    demo: new DemoService(dataSource, imports),
  };
}
