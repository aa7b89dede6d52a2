import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  Unique,
  UpdateDateColumn,
} from 'typeorm';
import { EXACT_MATCH, UNICODE_TEXT, jsonText } from './columns';
import { IngestionRunEntity } from './ingestion-run.entity';

export type DocumentMetadata = Record<string, unknown>;

/** One source text (a newspaper page, a speech, a CSV record) of a corpus. */
@Entity({ name: 'documents' })
@Unique('UQ_documents_corpus_source', ['corpus', 'sourceId'])
@Index('IDX_documents_corpus_year', ['corpus', 'year'])
@Index('IDX_documents_ingestion_run', ['ingestionRunId'])
export class DocumentEntity {
  @PrimaryGeneratedColumn({ type: 'int' })
  id!: number;

  @Column({ type: 'varchar', length: 128, ...EXACT_MATCH })
  corpus!: string;

  /** Stable identity inside the corpus: the path under the source root, or the record's id. */
  @Column({ name: 'source_id', type: 'varchar', length: 512, ...EXACT_MATCH })
  sourceId!: string;

  @Column({ name: 'source_path', type: 'text', ...UNICODE_TEXT })
  sourcePath!: string;

  @Column({ name: 'publication_ref', type: 'varchar', length: 64, nullable: true, ...UNICODE_TEXT })
  publicationRef!: string | null;

  @Column({ name: 'publication_name', type: 'varchar', length: 255, nullable: true, ...UNICODE_TEXT })
  publicationName!: string | null;

  /** 'YYYY-MM-DD' (a string, so no time zone can shift it). */
  @Column({ type: 'varchar', length: 10, nullable: true, ...UNICODE_TEXT })
  date!: string | null;

  @Column({ type: 'int', nullable: true })
  year!: number | null;

  @Column({ type: 'longtext', ...UNICODE_TEXT })
  text!: string;

  /** sha256 hex of the stored text (UTF-8): re-ingesting compares it to spot changed sources. */
  @Column({ name: 'content_hash', type: 'char', length: 64, ...EXACT_MATCH })
  contentHash!: string;

  @Column({ name: 'char_count', type: 'int' })
  charCount!: number;

  @Column({ name: 'word_count', type: 'int' })
  wordCount!: number;

  @Column({ type: 'longtext', nullable: true, transformer: jsonText<DocumentMetadata>(), ...UNICODE_TEXT })
  metadata!: DocumentMetadata | null;

  /** The run that last added or changed this document. */
  @Column({ name: 'ingestion_run_id', type: 'int' })
  ingestionRunId!: number;

  @ManyToOne(() => IngestionRunEntity, { onDelete: 'RESTRICT', onUpdate: 'RESTRICT' })
  @JoinColumn({ name: 'ingestion_run_id', foreignKeyConstraintName: 'FK_documents_ingestion_run' })
  ingestionRun?: IngestionRunEntity;

  @CreateDateColumn({ name: 'created_at', type: 'datetime', precision: 6 })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'datetime', precision: 6 })
  updatedAt!: Date;
}
