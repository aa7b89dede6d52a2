import { Column, CreateDateColumn, Entity, JoinColumn, OneToOne, PrimaryColumn } from 'typeorm';
import { UNICODE_TEXT, jsonText } from './columns';
import { PreprocessingVersionEntity } from './preprocessing-version.entity';

/** The dictionary (and learned phrases) of one pre-processing version, as JSON. */
@Entity({ name: 'dictionaries' })
export class DictionaryEntity {
  @PrimaryColumn({ name: 'preprocessing_version_id', type: 'int' })
  preprocessingVersionId!: number;

  @OneToOne(() => PreprocessingVersionEntity, { onDelete: 'CASCADE', onUpdate: 'RESTRICT' })
  @JoinColumn({ name: 'preprocessing_version_id', foreignKeyConstraintName: 'FK_dictionaries_version' })
  preprocessingVersion?: PreprocessingVersionEntity;

  @Column({ type: 'longtext', transformer: jsonText<Record<string, unknown>>(), ...UNICODE_TEXT })
  payload!: Record<string, unknown>;

  @Column({ name: 'num_terms', type: 'int' })
  numTerms!: number;

  @Column({ name: 'num_docs', type: 'int' })
  numDocs!: number;

  @CreateDateColumn({ name: 'created_at', type: 'datetime', precision: 6 })
  createdAt!: Date;
}
