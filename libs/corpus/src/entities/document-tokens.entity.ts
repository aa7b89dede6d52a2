import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { UNICODE_TEXT, jsonText } from './columns';
import { DocumentEntity } from './document.entity';
import { PreprocessingVersionEntity } from './preprocessing-version.entity';

/** A document's token list under one pre-processing version. */
@Entity({ name: 'document_tokens' })
@Index('IDX_document_tokens_version', ['preprocessingVersionId'])
export class DocumentTokensEntity {
  @PrimaryColumn({ name: 'document_id', type: 'int' })
  documentId!: number;

  @PrimaryColumn({ name: 'preprocessing_version_id', type: 'int' })
  preprocessingVersionId!: number;

  @ManyToOne(() => DocumentEntity, { onDelete: 'CASCADE', onUpdate: 'RESTRICT' })
  @JoinColumn({ name: 'document_id', foreignKeyConstraintName: 'FK_document_tokens_document' })
  document?: DocumentEntity;

  @ManyToOne(() => PreprocessingVersionEntity, { onDelete: 'CASCADE', onUpdate: 'RESTRICT' })
  @JoinColumn({ name: 'preprocessing_version_id', foreignKeyConstraintName: 'FK_document_tokens_version' })
  preprocessingVersion?: PreprocessingVersionEntity;

  /** The token list as a JSON array of strings. */
  @Column({ type: 'longtext', transformer: jsonText<string[]>(), ...UNICODE_TEXT })
  tokens!: string[];

  @Column({ name: 'token_count', type: 'int' })
  tokenCount!: number;
}
