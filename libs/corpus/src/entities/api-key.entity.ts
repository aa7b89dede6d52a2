import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { EXACT_MATCH, UNICODE_TEXT } from './columns';

export type ApiKeyRole = 'admin' | 'predict';

/** An API key, stored only as its sha256 hash. */
@Entity({ name: 'api_keys' })
export class ApiKeyEntity {
  @PrimaryGeneratedColumn({ type: 'int' })
  id!: number;

  @Column({ type: 'varchar', length: 128, unique: true, ...EXACT_MATCH })
  name!: string;

  /** sha256 hex of the key. */
  @Column({ name: 'key_hash', type: 'char', length: 64, unique: true, ...EXACT_MATCH })
  keyHash!: string;

  @Column({ type: 'varchar', length: 16, ...UNICODE_TEXT })
  role!: ApiKeyRole;

  @CreateDateColumn({ name: 'created_at', type: 'datetime', precision: 6 })
  createdAt!: Date;

  @Column({ name: 'revoked_at', type: 'datetime', precision: 6, nullable: true })
  revokedAt!: Date | null;
}
