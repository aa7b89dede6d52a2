import { Logger, UsageError } from '@topicops/config';
import { DelayedError, Job, UnrecoverableError } from 'bullmq';
import { Stage } from '../context';
import { InvalidJobDataError, onlyChildValue, parseStageJobData } from './job-data';
import { runWithJobLog } from './job-log';
import { stageJobId } from './names';
import { PipelineRunStore, TaskKey } from './pipeline-run-store';
import { ProgressReporter } from './progress-reporter';
import { StageHandlers, StageResult } from './stage-handlers';
import { StageJobData } from './types';

/** How long a job handed back at shutdown waits before another worker may take it. */
const HAND_BACK_DELAY_MS = 1000;

/** Abort controllers of the jobs this process is running, so shutdown can ask them to stop. */
export class ActiveJobs {
  private readonly controllers = new Map<string, AbortController>();

  register(jobId: string): AbortController {
    const controller = new AbortController();
    this.controllers.set(jobId, controller);
    return controller;
  }

  release(jobId: string): void {
    this.controllers.delete(jobId);
  }

  get size(): number {
    return this.controllers.size;
  }

  abortAll(reason: string): void {
    for (const controller of this.controllers.values()) controller.abort(new Error(reason));
  }
}

export interface StageProcessorDeps {
  handlers: StageHandlers;
  store: PipelineRunStore;
  logger: Logger;
  activeJobs: ActiveJobs;
}

export type StageProcessor = (job: Job, token?: string) => Promise<StageResult>;

/**
 * The BullMQ processor of one stage queue: mirrors the job into pipeline_tasks (running, progress,
 * result or error), feeds the handler the previous stage's result, copies its logs into the job log,
 * and hands the job back to the queue when the worker shuts down mid-stage.
 */
export function createStageProcessor(stage: Stage, deps: StageProcessorDeps): StageProcessor {
  return async (job, token) => {
    const data = parseJob(job, stage);
    const run = await deps.store.find(data.pipelineRunId);
    if (!run) throw new UnrecoverableError(`pipeline run "${data.pipelineRunId}" does not exist`);
    if (run.status !== 'running')
      throw new UnrecoverableError(`pipeline run "${run.id}" is ${run.status}, not running`);
    return runWithJobLog(
      (line) => job.log(line),
      () => processStage(job, token, data, deps),
    );
  };
}

function parseJob(job: Job, stage: Stage): StageJobData {
  try {
    const data = parseStageJobData(job.data);
    if (data.stage !== stage)
      throw new InvalidJobDataError('stage job data', `stage "${data.stage}" on the ${stage} queue`);
    return data;
  } catch (error) {
    throw new UnrecoverableError(error instanceof Error ? error.message : String(error));
  }
}

async function processStage(
  job: Job,
  token: string | undefined,
  data: StageJobData,
  deps: StageProcessorDeps,
): Promise<StageResult> {
  const { store, activeJobs } = deps;
  const key: TaskKey = { pipelineRunId: data.pipelineRunId, attempt: data.attempt, stage: data.stage };
  const jobId = job.id ?? stageJobId(key.pipelineRunId, key.attempt, key.stage);
  const logger = deps.logger.child({
    pipeline_run_id: key.pipelineRunId,
    attempt: key.attempt,
    stage: key.stage,
    job_id: jobId,
    try: job.attemptsMade + 1,
  });
  const started = Date.now();
  const controller = activeJobs.register(jobId);
  const reporter = new ProgressReporter(
    async (fraction) => {
      await job.updateProgress(Math.round(fraction * 1000) / 10);
      await store.taskProgress(key, fraction);
    },
    (error) => logger.warn({ error: describe(error) }, 'could not record progress'),
  );
  try {
    await store.taskStarted(key, job.id);
    await store.setCurrentStage(key.pipelineRunId, key.attempt, key.stage);
    const upstream = key.stage === 'ingest' ? null : onlyChildValue(await job.getChildrenValues());
    if (key.stage !== 'ingest' && !upstream)
      throw new UnrecoverableError(`the ${key.stage} job has no upstream result`);
    logger.info('stage started');
    const result = await deps.handlers[key.stage](
      { ...data, upstream },
      {
        logger,
        signal: controller.signal,
        progress: (fraction, message) => {
          reporter.report(fraction);
          if (message) logger.debug({ fraction, message }, 'progress');
        },
      },
    );
    reporter.report(1);
    await reporter.flush();
    if (key.stage === 'train' && typeof result['run_id'] === 'string') {
      await store.recordTrackingRun(key.pipelineRunId, `attempt-${key.attempt}`, result['run_id']);
    }
    await store.taskSucceeded(key, result);
    logger.info({ seconds: (Date.now() - started) / 1000 }, 'stage finished');
    return result;
  } catch (error) {
    await reporter.stop();
    if (controller.signal.aborted && token) {
      await job.moveToDelayed(Date.now() + HAND_BACK_DELAY_MS, token);
      await store.taskRequeued(key, 'handed back: the worker shut down mid-stage');
      logger.warn('stage interrupted by shutdown; job handed back to the queue');
      throw new DelayedError();
    }
    const unrecoverable = error instanceof UsageError || error instanceof UnrecoverableError;
    const final = unrecoverable || job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
    const message = describe(error);
    await store.taskFailed(key, message, final);
    logger.error({ err: error, final }, final ? 'stage failed' : 'stage failed; it will be retried');
    throw unrecoverable && !(error instanceof UnrecoverableError) ? new UnrecoverableError(message) : error;
  } finally {
    activeJobs.release(jobId);
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
