import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { bigintAsNumber } from '../db/column-types';
import type { Order } from './order.entity';
import type { Product } from './product.entity';

/**
 * One line of an order: a product, or a charge (postage, fees, manual adjustments) that is not a product.
 * The key is `(order_id, line_no)`: natural, so re-imports are idempotent, and clustered (SQLite `WITHOUT ROWID`), so
 * an order's lines sit together and the largest table carries one B-tree instead of three.
 */
@Entity('order_items')
export class OrderItem {
  @PrimaryColumn({ name: 'order_id', type: 'integer' })
  orderId: number;

  @ManyToOne('Order', (order: Order) => order.items, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'order_id' })
  order?: Order;

  @PrimaryColumn({ name: 'line_no', type: 'integer' })
  lineNo: number;

  @Column({ name: 'product_id', type: 'integer', nullable: true })
  productId: number | null;

  @ManyToOne('Product', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'product_id' })
  product?: Product | null;

  /** Set instead of `productId` for non-product lines (Online Retail's POST, M, AMAZONFEE, ...). */
  @Column({ name: 'charge_code', type: 'varchar', length: 64, nullable: true })
  chargeCode: string | null;

  /** Negative on returns. */
  @Column({ type: 'integer' })
  quantity: number;

  @Column({ name: 'unit_price_e4', type: 'integer' })
  unitPriceE4: number;

  /** What the line is worth, in e4 units: quantity x unit price unless the source says otherwise (discounts). */
  @Column({ name: 'amount_e4', type: 'bigint', transformer: bigintAsNumber })
  amountE4: number;
}
