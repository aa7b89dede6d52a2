import { Stage } from '../context';

export type PipelineTrigger = 'cli' | 'api' | 'cron' | 'new_data' | 'airflow';
export const PIPELINE_TRIGGERS: readonly PipelineTrigger[] = ['cli', 'api', 'cron', 'new_data', 'airflow'];

export type PipelineRunState = 'queued' | 'running' | 'succeeded' | 'failed' | 'failed_kpi' | 'cancelled';
export const ACTIVE_RUN_STATES: readonly PipelineRunState[] = ['queued', 'running'];

export type PipelineTaskState = 'queued' | 'running' | 'succeeded' | 'failed';

/** The retraining search space: attempt n trains candidate n (see candidateForAttempt). */
export interface SearchSpace {
  topics: number[];
  passes: number[];
  seeds: number[];
}

/** What one attempt trains with. */
export interface TrainingCandidate {
  seed: number;
  topics: number;
  passes: number;
}

/** Stage parameters of a run: stored in pipeline_runs.params and carried by every job of the run. */
export interface PipelineRunParams {
  /** Folder or file ingested at the start of every attempt; without it the stored corpus is used as is. */
  source?: string;
  format?: 'auto' | 'chroniclitaly' | 'csv' | 'jsonl' | 'sotu';
  publications?: string;
  stopwordsFile?: string;
  searchSpace?: Partial<SearchSpace>;
  /** Training overrides for every attempt; the search space sets seed, topics and passes. */
  lda?: { iterations?: number; chunksize?: number };
}

/** A request for a pipeline run, from the API, the CLI, cron or the new-data watcher. */
export interface PipelineRequest extends PipelineRunParams {
  corpus: string;
  trigger: PipelineTrigger;
  maxAttempts?: number;
  /** Same key, same run: a repeated trigger returns the run it started the first time. */
  idempotencyKey?: string;
}

/** Data of a stage job (queues ingest, preprocess, train, evaluate). */
export interface StageJobData {
  pipelineRunId: string;
  attempt: number;
  stage: Stage;
  corpus: string;
  params: PipelineRunParams;
  candidate: TrainingCandidate;
}

/** Data of the jobs on the requests queue. */
export interface StartRunJobData {
  pipelineRunId: string;
}

export interface DecideAttemptJobData {
  pipelineRunId: string;
  attempt: number;
}

export interface CronJobData {
  request: Omit<PipelineRequest, 'idempotencyKey' | 'trigger'>;
}

/** What the evaluate stage reports; the fields the retraining decision reads. */
export interface AttemptEvaluation {
  model_version: string;
  c_v: number;
  kpi_ok: boolean;
  promoted: boolean;
}

/** Final summary of a pipeline run (waitForPipelineRun; the CLI's `pipeline --queue --wait`). */
export interface PipelineRunSummary {
  pipeline_run_id: string;
  status: PipelineRunState;
  attempts: number;
  kpi_per_attempt: Array<{ attempt: number; model_version: string | null; c_v: number | null; kpi_ok: boolean | null }>;
  kpi_ok: boolean | null;
  promoted: boolean;
  model_version: string | null;
  c_v: number | null;
  error: string | null;
}

export interface PipelineTaskStatus {
  attempt: number;
  stage: Stage;
  status: PipelineTaskState;
  progress: number;
  job_id: string | null;
  error: string | null;
  started_at: string | null;
  finished_at: string | null;
}

/** Current state of a pipeline run (the CLI's `pipeline-status`; the API's GET /v1/pipeline/runs/{id}). */
export interface PipelineRunStatus {
  pipeline_run_id: string;
  corpus: string;
  trigger: PipelineTrigger;
  status: PipelineRunState;
  attempt: number;
  max_attempts: number;
  stage: Stage | null;
  kpi_ok: boolean | null;
  promoted: boolean;
  model_version: string | null;
  c_v: number | null;
  error: string | null;
  created_at: string;
  started_at: string | null;
  finished_at: string | null;
  tasks: PipelineTaskStatus[];
}
