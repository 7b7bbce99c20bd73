import { Column, CreateDateColumn, Entity, Index, OneToMany, PrimaryGeneratedColumn } from 'typeorm';
import type { Order } from './order.entity';

/** A shopper. `email` and `name` are PII: keep them optional and never copy them into features. */
@Entity('customers')
export class Customer {
  @PrimaryGeneratedColumn()
  id: number;

  /** The id in the source system (CustomerID, customer_id); unique; imports upsert by it. */
  @Index({ unique: true })
  @Column({ name: 'external_id', type: 'varchar', length: 64 })
  externalId: string;

  @Column({ type: 'varchar', length: 320, nullable: true })
  email: string | null;

  @Column({ type: 'varchar', length: 200, nullable: true })
  name: string | null;

  @Index()
  @Column({ type: 'varchar', length: 100, nullable: true })
  country: string | null;

  @Column({ type: 'varchar', length: 100, nullable: true })
  city: string | null;

  @Column({ type: 'varchar', length: 32, nullable: true })
  gender: string | null;

  @Column({ name: 'birth_year', type: 'integer', nullable: true })
  birthYear: number | null;

  @Column({ name: 'signup_at', type: Date, nullable: true })
  signupAt: Date | null;

  /** Free-form attributes from the source, as JSON text (portable across SQLite and PostgreSQL). */
  @Column({ type: 'simple-json', nullable: true })
  attributes: Record<string, unknown> | null;

  /** Known segment for synthetic data (the demo's persona); evaluation compares segmenters against it. */
  @Column({ name: 'ground_truth_label', type: 'varchar', length: 64, nullable: true })
  groundTruthLabel: string | null;

  @CreateDateColumn({ name: 'created_at' })
  createdAt: Date;

  @OneToMany('Order', (order: Order) => order.customer)
  orders?: Order[];
}
