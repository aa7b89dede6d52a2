import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { EXACT_MATCH, UNICODE_TEXT, bigintAsNumber } from './columns';

export type IngestionFormat = 'chroniclitaly' | 'csv' | 'jsonl' | 'sotu';
export type IngestionStatus = 'running' | 'succeeded' | 'failed';

/** One run of `ingest`: what was read and what came of it. */
@Entity({ name: 'ingestion_runs' })
export class IngestionRunEntity {
  @PrimaryGeneratedColumn({ type: 'int' })
  id!: number;

  @Column({ type: 'varchar', length: 128, ...EXACT_MATCH })
  corpus!: string;

  @Column({ type: 'text', ...UNICODE_TEXT })
  source!: string;

  @Column({ type: 'varchar', length: 16, ...UNICODE_TEXT })
  format!: IngestionFormat;

  @Column({ type: 'varchar', length: 16, ...UNICODE_TEXT })
  status!: IngestionStatus;

  @Column({ type: 'int' })
  added!: number;

  @Column({ type: 'int' })
  updated!: number;

  @Column({ type: 'int' })
  unchanged!: number;

  @Column({ type: 'int' })
  rejected!: number;

  @Column({ type: 'bigint', transformer: bigintAsNumber })
  bytes!: number;

  @Column({ type: 'double' })
  seconds!: number;

  @Column({ name: 'started_at', type: 'datetime', precision: 6 })
  startedAt!: Date;

  @Column({ name: 'finished_at', type: 'datetime', precision: 6, nullable: true })
  finishedAt!: Date | null;
}
