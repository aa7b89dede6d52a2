import { Column, CreateDateColumn, Entity, Index, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import { EXACT_MATCH, UNICODE_TEXT, jsonText } from './columns';
import type { PipelineStage } from './pipeline-task.entity';

export type PipelineRunStatus = 'queued' | 'running' | 'succeeded' | 'failed' | 'failed_kpi' | 'cancelled';
export type PipelineTrigger = 'cli' | 'api' | 'cron' | 'new_data' | 'airflow';

/** One execution of the workflow (ingest → preprocess → train → evaluate), possibly retried. */
@Entity({ name: 'pipeline_runs' })
@Index('IDX_pipeline_runs_status_created', ['status', 'createdAt'])
@Index('IDX_pipeline_runs_corpus_created', ['corpus', 'createdAt'])
export class PipelineRunEntity {
  /** A UUID chosen by the caller. */
  @PrimaryColumn({ type: 'varchar', length: 36, ...EXACT_MATCH })
  id!: string;

  @Column({ type: 'varchar', length: 128, ...EXACT_MATCH })
  corpus!: string;

  @Column({ type: 'varchar', length: 16, ...UNICODE_TEXT })
  status!: PipelineRunStatus;

  @Column({ type: 'varchar', length: 16, ...UNICODE_TEXT })
  trigger!: PipelineTrigger;

  @Column({ name: 'idempotency_key', type: 'varchar', length: 191, nullable: true, unique: true, ...EXACT_MATCH })
  idempotencyKey!: string | null;

  @Column({ type: 'int' })
  attempt!: number;

  @Column({ name: 'max_attempts', type: 'int' })
  maxAttempts!: number;

  @Column({ name: 'current_stage', type: 'varchar', length: 16, nullable: true, ...UNICODE_TEXT })
  currentStage!: PipelineStage | null;

  @Column({ name: 'kpi_ok', type: 'boolean', nullable: true })
  kpiOk!: boolean | null;

  @Column({ type: 'boolean' })
  promoted!: boolean;

  @Column({ name: 'model_version', type: 'varchar', length: 64, nullable: true, ...EXACT_MATCH })
  modelVersion!: string | null;

  @Column({ name: 'c_v', type: 'double', nullable: true })
  cV!: number | null;

  @Column({ type: 'longtext', transformer: jsonText<Record<string, unknown>>(), ...UNICODE_TEXT })
  params!: Record<string, unknown>;

  /** Tracking run ids by stage or role, e.g. { parent, train }. */
  @Column({
    name: 'mlflow_run_ids',
    type: 'longtext',
    transformer: jsonText<Record<string, string>>(),
    ...UNICODE_TEXT,
  })
  mlflowRunIds!: Record<string, string>;

  @Column({ type: 'text', nullable: true, ...UNICODE_TEXT })
  error!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'datetime', precision: 6 })
  createdAt!: Date;

  @Column({ name: 'started_at', type: 'datetime', precision: 6, nullable: true })
  startedAt!: Date | null;

  @Column({ name: 'finished_at', type: 'datetime', precision: 6, nullable: true })
  finishedAt!: Date | null;

  @UpdateDateColumn({ name: 'updated_at', type: 'datetime', precision: 6 })
  updatedAt!: Date;
}
