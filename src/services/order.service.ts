import { DataSource, In, Repository } from 'typeorm';
import { Order, OrderItem } from '../entities';
import { groupedByKey } from './batching';
import { ChildPageSpec, childConnections } from './child-pages';
import { ConnectionShape, PageArgs } from './pagination';

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
  pagesForCustomers(customerIds: readonly number[], page: PageArgs): Promise<Array<ConnectionShape<Order>>> {
    return childConnections(this.dataSource, ORDER_PAGE, customerIds, page) as unknown as Promise<Array<ConnectionShape<Order>>>;
  }

  findById(id: number): Promise<Order | null> {
    return this.orders.findOneBy({ id });
  }

  /** Items of many orders in one query, by line number. */
  async itemsForOrders(orderIds: readonly number[]): Promise<OrderItem[][]> {
    const rows = await this.items.find({ where: { orderId: In([...orderIds]) }, order: { orderId: 'ASC', lineNo: 'ASC' } });
    return groupedByKey(orderIds, rows, (item) => item.orderId);
  }
}
