import { DataSource } from 'typeorm';
import { Review } from '../entities';
import { ChildPageSpec, childConnections } from './child-pages';
import { ConnectionShape, PageArgs } from './pagination';

const REVIEW_PAGE: ChildPageSpec = {
  table: 'reviews',
  parentColumn: 'customer_id',
  timeColumn: 'reviewed_at',
  columns: {
    id: 'id',
    external_id: 'externalId',
    customer_id: 'customerId',
    product_id: 'productId',
    rating: 'rating',
    text: 'text',
    reviewed_at: 'reviewedAt',
  },
};

export class ReviewService {
  constructor(private readonly dataSource: DataSource) {}

  /** Reviews of many customers, newest first, one page each, in one query. */
  pagesForCustomers(customerIds: readonly number[], page: PageArgs): Promise<Array<ConnectionShape<Review>>> {
    return childConnections(this.dataSource, REVIEW_PAGE, customerIds, page) as unknown as Promise<Array<ConnectionShape<Review>>>;
  }
}
