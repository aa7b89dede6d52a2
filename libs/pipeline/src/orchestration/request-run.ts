import { randomUUID } from 'node:crypto';
import { redactUrl } from '@topicops/config';
import { JobsOptions, Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import { withCorpusLock } from './corpus-lock';
import { DEFAULT_QUEUE_PREFIX, REQUESTS_QUEUE, RequestJobName, startRunJobId } from './names';
import { PipelineRunStore, isUniqueViolation } from './pipeline-run-store';
import { validatePipelineRequest } from './pipeline-request';
import { redisConnectionOptions } from './redis-connection';
import { PipelineRequest, StartRunJobData } from './types';

export interface SubmitOutcome {
  pipeline_run_id: string;
  /** False when the request was answered with an existing run. */
  created: boolean;
  /** created; duplicate (same idempotency key); corpus_busy (coalesced into the corpus's active run). */
  reason: 'created' | 'duplicate' | 'corpus_busy';
}

export const START_JOB_OPTIONS: JobsOptions = {
  attempts: 5,
  backoff: { type: 'exponential', delay: 1000 },
  removeOnComplete: { age: 7 * 24 * 3600, count: 5000 },
  removeOnFail: { age: 30 * 24 * 3600 },
};

/**
 * Records a queued pipeline run and puts its start request on the requests queue for the scheduler.
 * Idempotent: a request with an idempotency key already used returns that key's run. One active run per
 * corpus: a request for a corpus whose run is still queued or running is coalesced into that run (its id
 * is returned and nothing new starts) — the data it would ingest is ingested by the active run or, for
 * the new-data watcher, by the next run it triggers once the corpus is free.
 */
export async function requestPipelineRun(
  queue: Queue,
  ds: DataSource,
  request: PipelineRequest,
): Promise<SubmitOutcome> {
  const validated = validatePipelineRequest(request);
  const store = new PipelineRunStore(ds);
  if (validated.idempotencyKey) {
    const existing = await store.findByIdempotencyKey(validated.idempotencyKey);
    if (existing) {
      if (existing.status === 'queued') await enqueueStart(queue, existing.id);
      return { pipeline_run_id: existing.id, created: false, reason: 'duplicate' };
    }
  }
  const prefix = queue.opts.prefix ?? DEFAULT_QUEUE_PREFIX;
  const outcome = await withCorpusLock(
    await queue.client,
    prefix,
    validated.corpus,
    async (): Promise<SubmitOutcome> => {
      const active = await store.findActive(validated.corpus);
      if (active) return { pipeline_run_id: active.id, created: false, reason: 'corpus_busy' };
      const id = randomUUID();
      try {
        await store.insertQueued({ id, ...validated });
      } catch (error) {
        const raced =
          validated.idempotencyKey && isUniqueViolation(error)
            ? await store.findByIdempotencyKey(validated.idempotencyKey)
            : null;
        if (raced) return { pipeline_run_id: raced.id, created: false, reason: 'duplicate' };
        throw error;
      }
      return { pipeline_run_id: id, created: true, reason: 'created' };
    },
  );
  if (outcome.created) await enqueueStart(queue, outcome.pipeline_run_id);
  return outcome;
}

/** Adds the run's start job; a no-op when it is already queued (same job id). */
export async function enqueueStart(queue: Queue, pipelineRunId: string): Promise<void> {
  const data: StartRunJobData = { pipelineRunId };
  await queue.add(RequestJobName.START_RUN, data, { ...START_JOB_OPTIONS, jobId: startRunJobId(pipelineRunId) });
}

export interface SubmitOptions {
  /** BullMQ key prefix (default "topicops"). */
  prefix?: string;
}

/** The CLI's `pipeline --queue` and the API's POST /v1/pipeline/runs: submit and return the run id. */
export async function submitPipelineRun(
  redisUrl: string,
  ds: DataSource,
  request: PipelineRequest,
  options: SubmitOptions = {},
): Promise<string> {
  return (await submitPipelineRunWithOutcome(redisUrl, ds, request, options)).pipeline_run_id;
}

/** submitPipelineRun, also telling whether the run was created, a duplicate, or coalesced. */
export async function submitPipelineRunWithOutcome(
  redisUrl: string,
  ds: DataSource,
  request: PipelineRequest,
  options: SubmitOptions = {},
): Promise<SubmitOutcome> {
  const queue = new Queue(REQUESTS_QUEUE, {
    connection: redisConnectionOptions(redisUrl, 'producer'),
    prefix: options.prefix ?? DEFAULT_QUEUE_PREFIX,
  });
  queue.on('error', () => undefined); // connection errors surface as the rejected call below
  try {
    await readyWithin(queue, PRODUCER_CONNECT_TIMEOUT_MS, redisUrl);
    return await requestPipelineRun(queue, ds, request);
  } finally {
    await queue.close();
  }
}

const PRODUCER_CONNECT_TIMEOUT_MS = 5000;

/** BullMQ waits for Redis forever; a request from the API or the CLI should fail with a clear message. */
async function readyWithin(queue: Queue, ms: number, redisUrl: string): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms / 1000} s`)), ms);
  });
  try {
    await Promise.race([queue.waitUntilReady(), timeout]);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(
      `Redis at ${redactUrl(redisUrl)} is unreachable (${reason}): is REDIS_URL right and Redis running?`,
    );
  } finally {
    clearTimeout(timer);
  }
}
