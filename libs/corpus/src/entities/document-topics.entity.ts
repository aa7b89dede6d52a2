import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { EXACT_MATCH, UNICODE_TEXT, jsonText } from './columns';
import { DocumentEntity } from './document.entity';

/** A model version's topic distribution for one document. */
@Entity({ name: 'document_topics' })
@Index('IDX_document_topics_model', ['modelName', 'modelVersion'])
@Index('IDX_document_topics_document', ['documentId'])
export class DocumentTopicsEntity {
  @PrimaryColumn({ name: 'model_name', type: 'varchar', length: 128, ...EXACT_MATCH })
  modelName!: string;

  @PrimaryColumn({ name: 'model_version', type: 'varchar', length: 64, ...EXACT_MATCH })
  modelVersion!: string;

  @PrimaryColumn({ name: 'document_id', type: 'int' })
  documentId!: number;

  @ManyToOne(() => DocumentEntity, { onDelete: 'CASCADE', onUpdate: 'RESTRICT' })
  @JoinColumn({ name: 'document_id', foreignKeyConstraintName: 'FK_document_topics_document' })
  document?: DocumentEntity;

  /** K topic probabilities, as a JSON array of numbers. */
  @Column({ type: 'longtext', transformer: jsonText<number[]>(), ...UNICODE_TEXT })
  theta!: number[];

  @Column({ name: 'dominant_topic', type: 'int' })
  dominantTopic!: number;

  /** The document's token count, the weight of its row in corpus-level topic shares. */
  @Column({ type: 'int' })
  weight!: number;
}
