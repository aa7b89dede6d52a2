import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { EXACT_MATCH, UNICODE_TEXT, bigintAsNumber, jsonText } from './columns';

export type PreprocessingStatus = 'building' | 'ready' | 'failed';

/** One pre-processing configuration applied to a corpus; its tokens and dictionary hang off it. */
@Entity({ name: 'preprocessing_versions' })
@Unique('UQ_preprocessing_versions_corpus_version', ['corpus', 'version'])
@Unique('UQ_preprocessing_versions_corpus_config_data', ['corpus', 'configHash', 'corpusDigest'])
export class PreprocessingVersionEntity {
  @PrimaryGeneratedColumn({ type: 'int' })
  id!: number;

  @Column({ type: 'varchar', length: 128, ...EXACT_MATCH })
  corpus!: string;

  @Column({ type: 'int' })
  version!: number;

  /** sha256 hex of the canonical configuration JSON. */
  @Column({ name: 'config_hash', type: 'char', length: 64, ...EXACT_MATCH })
  configHash!: string;

  /**
   * sha256 hex of the corpus content the version was built from (document ids and content hashes), so new or
   * changed documents lead to a new version under the same configuration. '' for versions made before it existed.
   */
  @Column({ name: 'corpus_digest', type: 'char', length: 64, default: '', ...EXACT_MATCH })
  corpusDigest!: string;

  @Column({ type: 'longtext', transformer: jsonText<Record<string, unknown>>(), ...UNICODE_TEXT })
  config!: Record<string, unknown>;

  @Column({ name: 'document_count', type: 'int' })
  documentCount!: number;

  @Column({ name: 'token_count', type: 'bigint', transformer: bigintAsNumber })
  tokenCount!: number;

  @Column({ type: 'varchar', length: 16, ...UNICODE_TEXT })
  status!: PreprocessingStatus;

  @CreateDateColumn({ name: 'created_at', type: 'datetime', precision: 6 })
  createdAt!: Date;
}
