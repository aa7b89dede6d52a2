import { Column, Entity, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { EXACT_MATCH, UNICODE_TEXT, jsonText } from './columns';
import type { PipelineRunEntity } from './pipeline-run.entity';

export type PipelineStage = 'ingest' | 'preprocess' | 'train' | 'evaluate';
export type PipelineTaskStatus = 'queued' | 'running' | 'succeeded' | 'failed';

/** One stage of one attempt of a pipeline run. */
@Entity({ name: 'pipeline_tasks' })
@Unique('UQ_pipeline_tasks_run_attempt_stage', ['pipelineRunId', 'attempt', 'stage'])
export class PipelineTaskEntity {
  @PrimaryGeneratedColumn({ type: 'int' })
  id!: number;

  @Column({ name: 'pipeline_run_id', type: 'varchar', length: 36, ...EXACT_MATCH })
  pipelineRunId!: string;

  @ManyToOne('PipelineRunEntity', { onDelete: 'CASCADE', onUpdate: 'RESTRICT' })
  @JoinColumn({ name: 'pipeline_run_id', foreignKeyConstraintName: 'FK_pipeline_tasks_run' })
  pipelineRun?: PipelineRunEntity;

  @Column({ type: 'int' })
  attempt!: number;

  @Column({ type: 'varchar', length: 16, ...UNICODE_TEXT })
  stage!: PipelineStage;

  @Column({ type: 'varchar', length: 16, ...UNICODE_TEXT })
  status!: PipelineTaskStatus;

  /** 0..1 */
  @Column({ type: 'double' })
  progress!: number;

  @Column({ name: 'job_id', type: 'varchar', length: 128, nullable: true, ...EXACT_MATCH })
  jobId!: string | null;

  @Column({ type: 'longtext', nullable: true, transformer: jsonText<Record<string, unknown>>(), ...UNICODE_TEXT })
  result!: Record<string, unknown> | null;

  @Column({ type: 'text', nullable: true, ...UNICODE_TEXT })
  error!: string | null;

  @Column({ name: 'started_at', type: 'datetime', precision: 6, nullable: true })
  startedAt!: Date | null;

  @Column({ name: 'finished_at', type: 'datetime', precision: 6, nullable: true })
  finishedAt!: Date | null;
}
