import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** What a key may do; each role includes the ones before it. */
export const ROLES = ['viewer', 'analyst', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** An API key. Only the SHA-256 of the secret is stored; the secret is shown once, when the key is created. */
@Entity('api_keys')
export class ApiKey {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'varchar', length: 200 })
  name: string;

  @Column({ type: 'varchar', length: 16 })
  role: Role;

  /** The first characters of the secret, to recognise a key in lists and logs. */
  @Column({ type: 'varchar', length: 16 })
  prefix: string;

  @Column({ name: 'key_hash', type: 'varchar', length: 64, unique: true })
  keyHash: string;

  @Column({ name: 'created_at', type: Date })
  createdAt: Date;

  /** Who created it: another key's name, or "first start", or "cli". */
  @Column({ name: 'created_by', type: 'varchar', length: 200 })
  createdBy: string;

  @Column({ name: 'revoked_at', type: Date, nullable: true })
  revokedAt: Date | null;
}
