import { PipelineRunEntity, PipelineTaskEntity } from '@topicops/corpus';
import { DataSource } from 'typeorm';
import { PipelineRunStore } from './pipeline-run-store';
import { ACTIVE_RUN_STATES, PipelineRunStatus, PipelineRunSummary, PipelineTaskStatus } from './types';

/** The CLI's `pipeline-status <run-id>` and the API's run view; a UsageError for an unknown id. */
export async function pipelineRunStatus(ds: DataSource, runId: string): Promise<PipelineRunStatus> {
  const store = new PipelineRunStore(ds);
  const run = await store.require(runId);
  return statusOf(run, await store.listTasks(runId));
}

export class PipelineWaitTimeoutError extends Error {
  constructor(
    readonly status: PipelineRunStatus,
    timeoutMs: number,
  ) {
    super(
      `pipeline run ${status.pipeline_run_id} is still ${status.status} (attempt ${status.attempt}, ` +
        `stage ${status.stage ?? 'none'}) after ${Math.round(timeoutMs / 1000)} s; it goes on in the background`,
    );
    this.name = 'PipelineWaitTimeoutError';
  }
}

export interface WaitOptions {
  timeoutMs: number;
  pollMs?: number;
}

/** Polls the database until the run has ended and returns its summary. */
export async function waitForPipelineRun(
  ds: DataSource,
  runId: string,
  options: WaitOptions,
): Promise<PipelineRunSummary> {
  const store = new PipelineRunStore(ds);
  const deadline = Date.now() + options.timeoutMs;
  const pollMs = options.pollMs ?? 1000;
  for (;;) {
    const run = await store.require(runId);
    const tasks = await store.listTasks(runId);
    if (!ACTIVE_RUN_STATES.includes(run.status)) return summaryOf(run, tasks);
    if (Date.now() >= deadline) throw new PipelineWaitTimeoutError(statusOf(run, tasks), options.timeoutMs);
    await new Promise((resolve) => setTimeout(resolve, Math.min(pollMs, Math.max(1, deadline - Date.now()))));
  }
}

export function summaryOf(run: PipelineRunEntity, tasks: PipelineTaskEntity[]): PipelineRunSummary {
  const kpiPerAttempt = tasks
    .filter((task) => task.stage === 'evaluate' && task.status === 'succeeded' && task.result)
    .map((task) => {
      const result = task.result ?? {};
      return {
        attempt: task.attempt,
        model_version: typeof result['model_version'] === 'string' ? result['model_version'] : null,
        c_v: typeof result['c_v'] === 'number' ? result['c_v'] : null,
        kpi_ok: typeof result['kpi_ok'] === 'boolean' ? result['kpi_ok'] : null,
      };
    });
  return {
    pipeline_run_id: run.id,
    status: run.status,
    attempts: run.attempt,
    kpi_per_attempt: kpiPerAttempt,
    kpi_ok: run.kpiOk,
    promoted: run.promoted,
    model_version: run.modelVersion,
    c_v: run.cV,
    error: run.error,
  };
}

export function statusOf(run: PipelineRunEntity, tasks: PipelineTaskEntity[]): PipelineRunStatus {
  return {
    pipeline_run_id: run.id,
    corpus: run.corpus,
    trigger: run.trigger,
    status: run.status,
    attempt: run.attempt,
    max_attempts: run.maxAttempts,
    stage: run.currentStage,
    kpi_ok: run.kpiOk,
    promoted: run.promoted,
    model_version: run.modelVersion,
    c_v: run.cV,
    error: run.error,
    created_at: run.createdAt.toISOString(),
    started_at: run.startedAt?.toISOString() ?? null,
    finished_at: run.finishedAt?.toISOString() ?? null,
    tasks: tasks.map(taskStatusOf),
  };
}

function taskStatusOf(task: PipelineTaskEntity): PipelineTaskStatus {
  return {
    attempt: task.attempt,
    stage: task.stage,
    status: task.status,
    progress: task.progress,
    job_id: task.jobId,
    error: task.error,
    started_at: task.startedAt?.toISOString() ?? null,
    finished_at: task.finishedAt?.toISOString() ?? null,
  };
}
