import { DataSource, In, Repository } from 'typeorm';
import { Order, OrderItem } from '../entities';
import { ChildPageSpec, childCursor, countChildren, loadChildPages } from './child-pages';
import { ConnectionShape, PageArgs, checkFirst, toConnection } from './pagination';

const ORDER_PAGE: ChildPageSpec = {
  table: 'orders',
  parentColumn: 'customer_id',
  timeColumn: 'placed_at',
  columns: { id: 'id', external_id: 'externalId', customer_id: 'customerId', placed_at: 'placedAt', status: 'status' },
};

export class OrderService {
  private readonly orders: Repository<Order>;
  private readonly items: Repository<OrderItem>;

  constructor(private readonly dataSource: DataSource) {
    this.orders = dataSource.getRepository(Order);
    this.items = dataSource.getRepository(OrderItem);
  }

  /**
   * Orders of many customers, newest first, one page each (same `first`/`after` for all): one query for the
   * page, and the count query only for connections whose `totalCount` is read.
   */
  async pagesForCustomers(customerIds: readonly number[], page: PageArgs): Promise<Array<ConnectionShape<Order>>> {
    checkFirst(page.first);
    const pages = await loadChildPages(this.dataSource, ORDER_PAGE, customerIds, page);
    let counts: Promise<Map<number, number>> | null = null;
    const countFor = (id: number) => async () => {
      counts ??= countChildren(this.dataSource, 'orders', 'customer_id', customerIds);
      return (await counts).get(id) ?? 0;
    };
    return customerIds.map((id) =>
      toConnection((pages.get(id) ?? []) as unknown as Order[], page, (o) => childCursor(o.placedAt, o.id), countFor(id)),
    );
  }

  findById(id: number): Promise<Order | null> {
    return this.orders.findOneBy({ id });
  }

  /** Items of many orders in one query, by line number. */
  async itemsForOrders(orderIds: readonly number[]): Promise<OrderItem[][]> {
    const rows = await this.items.find({ where: { orderId: In([...orderIds]) }, order: { orderId: 'ASC', lineNo: 'ASC' } });
    const byOrder = new Map<number, OrderItem[]>();
    for (const item of rows) {
      let list = byOrder.get(item.orderId);
      if (!list) byOrder.set(item.orderId, (list = []));
      list.push(item);
    }
    return orderIds.map((id) => byOrder.get(id) ?? []);
  }
}
