import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { EXACT_MATCH, UNICODE_TEXT } from './columns';
import { IngestionRunEntity } from './ingestion-run.entity';

export type IngestionErrorReason =
  | 'not_utf8'
  | 'binary'
  | 'contains_nul'
  | 'empty'
  | 'no_date'
  | 'unreadable'
  | 'unsupported_file'
  | 'malformed_record'
  | 'missing_text'
  | 'duplicate_id'
  | 'too_large';

/** A source that was not loaded, and why. */
@Entity({ name: 'ingestion_errors' })
@Index('IDX_ingestion_errors_run', ['ingestionRunId'])
export class IngestionErrorEntity {
  @PrimaryGeneratedColumn({ type: 'int' })
  id!: number;

  @Column({ name: 'ingestion_run_id', type: 'int' })
  ingestionRunId!: number;

  @ManyToOne(() => IngestionRunEntity, { onDelete: 'CASCADE', onUpdate: 'RESTRICT' })
  @JoinColumn({ name: 'ingestion_run_id', foreignKeyConstraintName: 'FK_ingestion_errors_run' })
  ingestionRun?: IngestionRunEntity;

  @Column({ type: 'varchar', length: 128, ...EXACT_MATCH })
  corpus!: string;

  @Column({ name: 'source_id', type: 'text', ...UNICODE_TEXT })
  sourceId!: string;

  @Column({ name: 'reason_code', type: 'varchar', length: 32, ...UNICODE_TEXT })
  reasonCode!: IngestionErrorReason;

  @Column({ type: 'text', ...UNICODE_TEXT })
  message!: string;

  @CreateDateColumn({ name: 'created_at', type: 'datetime', precision: 6 })
  createdAt!: Date;
}
