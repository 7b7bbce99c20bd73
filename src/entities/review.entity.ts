import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import type { Customer } from './customer.entity';
import type { Product } from './product.entity';

@Entity('reviews')
@Index('idx_reviews_customer_date', ['customerId', 'reviewedAt'])
export class Review {
  @PrimaryGeneratedColumn()
  id: number;

  @Index({ unique: true })
  @Column({ name: 'external_id', type: 'varchar', length: 64 })
  externalId: string;

  @Column({ name: 'customer_id', type: 'integer' })
  customerId: number;

  @ManyToOne('Customer', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'customer_id' })
  customer?: Customer;

  @Index()
  @Column({ name: 'product_id', type: 'integer' })
  productId: number;

  @ManyToOne('Product', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'product_id' })
  product?: Product;

  /** 1..5 */
  @Column({ type: 'integer' })
  rating: number;

  @Column({ type: 'text', nullable: true })
  text: string | null;

  @Column({ name: 'reviewed_at' })
  reviewedAt: Date;
}
