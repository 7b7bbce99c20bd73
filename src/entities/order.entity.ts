import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, OneToMany, PrimaryGeneratedColumn } from 'typeorm';
import type { Customer } from './customer.entity';
import type { OrderItem } from './order-item.entity';

import { OrderStatus } from './order-status';

export { ORDER_STATUSES, type OrderStatus } from './order-status';

@Entity('orders')
@Index('idx_orders_customer_placed', ['customerId', 'placedAt'])
export class Order {
  @PrimaryGeneratedColumn()
  id: number;

  /** Invoice number / order id in the source system; unique; imports upsert by it. */
  @Index({ unique: true })
  @Column({ name: 'external_id', type: 'varchar', length: 64 })
  externalId: string;

  @Column({ name: 'customer_id', type: 'integer' })
  customerId: number;

  @ManyToOne('Customer', (customer: Customer) => customer.orders, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'customer_id' })
  customer?: Customer;

  @Index()
  @Column({ name: 'placed_at' })
  placedAt: Date;

  @Column({ type: 'varchar', length: 16, default: 'placed' })
  status: OrderStatus;

  @CreateDateColumn({ name: 'created_at' })
  createdAt: Date;

  @OneToMany('OrderItem', (item: OrderItem) => item.order)
  items?: OrderItem[];
}
