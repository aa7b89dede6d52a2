import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { EXACT_MATCH } from './columns';

/** One evaluation of a trained model against the coherence KPI. */
@Entity({ name: 'kpi_records' })
@Index('IDX_kpi_records_model', ['modelName', 'modelVersion'])
export class KpiRecordEntity {
  @PrimaryGeneratedColumn({ type: 'int' })
  id!: number;

  @Column({ name: 'model_name', type: 'varchar', length: 128, ...EXACT_MATCH })
  modelName!: string;

  @Column({ name: 'model_version', type: 'varchar', length: 64, nullable: true, ...EXACT_MATCH })
  modelVersion!: string | null;

  /** The tracking (MLflow) run that produced the model. */
  @Column({ name: 'run_id', type: 'varchar', length: 64, nullable: true, ...EXACT_MATCH })
  runId!: string | null;

  @Column({ type: 'varchar', length: 128, ...EXACT_MATCH })
  corpus!: string;

  @Column({ name: 'c_v', type: 'double' })
  cV!: number;

  @Column({ name: 'u_mass', type: 'double', nullable: true })
  uMass!: number | null;

  @Column({ name: 'c_npmi', type: 'double', nullable: true })
  cNpmi!: number | null;

  @Column({ name: 'log_perplexity', type: 'double', nullable: true })
  logPerplexity!: number | null;

  @Column({ type: 'double' })
  threshold!: number;

  @Column({ name: 'kpi_ok', type: 'boolean' })
  kpiOk!: boolean;

  @Column({ type: 'boolean' })
  promoted!: boolean;

  @CreateDateColumn({ name: 'created_at', type: 'datetime', precision: 6 })
  createdAt!: Date;
}
