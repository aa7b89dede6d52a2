import { FlowJob, JobsOptions } from 'bullmq';
import { Stage } from '../context';
import { REQUESTS_QUEUE, RequestJobName, STAGES, decideJobId, stageJobId } from './names';
import { DecideAttemptJobData, PipelineRunParams, StageJobData, TrainingCandidate } from './types';

export interface StageRetryPolicy {
  /** Tries per stage job (BullMQ `attempts`) before the pipeline attempt is declared failed. */
  attempts: number;
  /** First exponential back-off delay between tries. */
  backoffMs: number;
}

export const DEFAULT_STAGE_RETRY: StageRetryPolicy = { attempts: 3, backoffMs: 2000 };

export interface AttemptFlowInput {
  pipelineRunId: string;
  corpus: string;
  attempt: number;
  params: PipelineRunParams;
  candidate: TrainingCandidate;
}

const RETENTION: Pick<JobsOptions, 'removeOnComplete' | 'removeOnFail'> = {
  removeOnComplete: { age: 7 * 24 * 3600, count: 5000 },
  removeOnFail: { age: 30 * 24 * 3600 },
};

/**
 * One attempt of a pipeline run as a BullMQ flow. A parent runs after its children, so the chain is
 * built upside down: ingest is the deepest child and evaluate the last stage. Above evaluate sits the
 * attempt's decision job on the requests queue, which the scheduler processes to finish the run or start
 * the next attempt; being a job, the decision survives a scheduler restart.
 *
 * A stage that fails for good fails its parent stage in turn (failParentOnFailure), up to evaluate,
 * whose failure is handed to the decision job as an ignored dependency so the scheduler can still
 * finish the run as failed. Job ids are deterministic, so adding the same attempt twice is a no-op.
 */
export function attemptFlow(input: AttemptFlowInput, retry: StageRetryPolicy = DEFAULT_STAGE_RETRY): FlowJob {
  let child: FlowJob | undefined;
  for (const stage of STAGES) {
    const isLast = stage === STAGES[STAGES.length - 1];
    child = stageJob(input, stage, retry, child, isLast);
  }
  const data: DecideAttemptJobData = { pipelineRunId: input.pipelineRunId, attempt: input.attempt };
  return {
    name: RequestJobName.DECIDE_ATTEMPT,
    queueName: REQUESTS_QUEUE,
    data,
    opts: {
      jobId: decideJobId(input.pipelineRunId, input.attempt),
      attempts: 5,
      backoff: { type: 'exponential', delay: 1000 },
      ...RETENTION,
    },
    children: child ? [child] : [],
  };
}

function stageJob(
  input: AttemptFlowInput,
  stage: Stage,
  retry: StageRetryPolicy,
  child: FlowJob | undefined,
  isLast: boolean,
): FlowJob {
  const data: StageJobData = {
    pipelineRunId: input.pipelineRunId,
    attempt: input.attempt,
    stage,
    corpus: input.corpus,
    params: input.params,
    candidate: input.candidate,
  };
  return {
    name: stage,
    queueName: stage,
    data,
    opts: {
      jobId: stageJobId(input.pipelineRunId, input.attempt, stage),
      attempts: retry.attempts,
      backoff: { type: 'exponential', delay: retry.backoffMs },
      ...(isLast ? { ignoreDependencyOnFailure: true } : { failParentOnFailure: true }),
      ...RETENTION,
    },
    ...(child ? { children: [child] } : {}),
  };
}
