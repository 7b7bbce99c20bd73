import { Customer } from './customer.entity';
import { Order } from './order.entity';
import { OrderItem } from './order-item.entity';
import { Product } from './product.entity';
import { Review } from './review.entity';

export { Customer, Order, OrderItem, Product, Review };
export { ORDER_STATUSES, type OrderStatus } from './order.entity';

/** Every entity, for the DataSource. */
export const ENTITIES = [Customer, Product, Order, OrderItem, Review];
