import { DataSource } from 'typeorm';
import { Review } from '../entities';
import { ChildPageSpec, childCursor, countChildren, loadChildPages } from './child-pages';
import { ConnectionShape, PageArgs, checkFirst, toConnection } from './pagination';

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
  async pagesForCustomers(customerIds: readonly number[], page: PageArgs): Promise<Array<ConnectionShape<Review>>> {
    checkFirst(page.first);
    const pages = await loadChildPages(this.dataSource, REVIEW_PAGE, customerIds, page);
    let counts: Promise<Map<number, number>> | null = null;
    const countFor = (id: number) => async () => {
      counts ??= countChildren(this.dataSource, 'reviews', 'customer_id', customerIds);
      return (await counts).get(id) ?? 0;
    };
    return customerIds.map((id) =>
      toConnection((pages.get(id) ?? []) as unknown as Review[], page, (r) => childCursor(r.reviewedAt, r.id), countFor(id)),
    );
  }
}
