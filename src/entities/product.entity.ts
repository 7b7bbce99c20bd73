import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

@Entity('products')
export class Product {
  @PrimaryGeneratedColumn()
  id: number;

  /** SKU / stock code in the source system; unique; imports upsert by it. */
  @Index({ unique: true })
  @Column({ name: 'external_id', type: 'varchar', length: 64 })
  externalId: string;

  @Column({ type: 'varchar', length: 500 })
  title: string;

  @Column({ type: 'text', nullable: true })
  description: string | null;

  @Index()
  @Column({ type: 'varchar', length: 100, nullable: true })
  category: string | null;

  /** List price in e4 units (see `src/db/money.ts`). */
  @Column({ name: 'price_e4', type: 'integer', nullable: true })
  priceE4: number | null;

  @CreateDateColumn({ name: 'created_at' })
  createdAt: Date;
}
