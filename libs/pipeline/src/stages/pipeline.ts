import { randomUUID } from 'node:crypto';
import { UsageError } from '@topicops/config';
import { Stage, StageContext } from '../context';
import { decideNextStep } from '../orchestration/decide-next-step';
import { PipelineRunStore, TaskKey, isUniqueViolation } from '../orchestration/pipeline-run-store';
import { PipelineRunParams, PipelineTrigger, TrainingCandidate } from '../orchestration/types';
import { candidateForAttempt, resolveSearchSpace } from '../search-space';
import { EvaluateSummary, runEvaluate } from './evaluate';
import { runIngest } from './ingest';
import { runPreprocess } from './preprocess';
import { runTrain } from './train';

export interface PipelineInput extends PipelineRunParams {
  corpus: string;
  maxAttempts: number;
  trigger: PipelineTrigger;
  idempotencyKey?: string;
  /** Overrides for every attempt's training (e.g. iterations); the search space sets seed, K and passes. */
  lda?: { iterations?: number; chunksize?: number };
}

export interface AttemptSummary {
  attempt: number;
  candidate: TrainingCandidate;
  run_id: string;
  model_version: string;
  c_v: number;
  kpi_ok: boolean;
  promoted: boolean;
  reason: string;
  seconds: number;
}

export interface PipelineSummary {
  pipeline_run_id: string;
  corpus: string;
  status: 'succeeded' | 'failed_kpi';
  attempts: number;
  kpi_ok: boolean;
  promoted: boolean;
  model_version: string;
  c_v: number;
  threshold: number;
  attempts_detail: AttemptSummary[];
  seconds: number;
}

/**
 * The KPI-gated retraining loop in-process (the embedded default, no Redis): ingest → preprocess → train →
 * evaluate, and while the KPI fails and attempts remain, again from ingestion (new documents may have
 * arrived) with the next candidate of the search space. Runs and tasks are recorded like the scheduler's.
 */
export async function runPipeline(ctx: StageContext, input: PipelineInput): Promise<PipelineSummary> {
  const started = Date.now();
  if (!Number.isInteger(input.maxAttempts) || input.maxAttempts < 1 || input.maxAttempts > 100) {
    throw new UsageError(`--max-attempts must be a whole number from 1 to 100 (got ${input.maxAttempts})`);
  }
  const space = resolveSearchSpace(input.searchSpace);
  const store = new PipelineRunStore(ctx.ds);
  const id = randomUUID();
  const params: PipelineRunParams = {
    source: input.source,
    format: input.format,
    publications: input.publications,
    stopwordsFile: input.stopwordsFile,
    searchSpace: input.searchSpace,
  };
  try {
    await store.insertQueued({
      id,
      corpus: input.corpus,
      trigger: input.trigger,
      idempotencyKey: input.idempotencyKey ?? null,
      maxAttempts: input.maxAttempts,
      params,
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new UsageError(`a pipeline run with idempotency key "${input.idempotencyKey}" exists`);
    throw error;
  }
  await store.markStarted(id);

  const details: AttemptSummary[] = [];
  let attempt = 1;
  let candidate = candidateForAttempt(space, attempt);
  try {
    for (;;) {
      const attemptStarted = Date.now();
      await store.createAttemptTasks(id, attempt);
      const step = async <T extends object>(stage: Stage, work: () => Promise<T>): Promise<T> => {
        const key: TaskKey = { pipelineRunId: id, attempt, stage };
        await store.setCurrentStage(id, attempt, stage);
        await store.taskStarted(key, undefined);
        try {
          const result = await work();
          await store.taskSucceeded(key, { ...result });
          return result;
        } catch (error) {
          await store.taskFailed(key, error instanceof Error ? error.message : String(error), true);
          throw error;
        }
      };
      const source = input.source;
      await step('ingest', async () =>
        source
          ? runIngest(ctx, { source, corpus: input.corpus, format: input.format, publications: input.publications })
          : { skipped: true, reason: 'no source: the stored corpus is used as it is' },
      );
      const preprocessed = await step('preprocess', () =>
        runPreprocess(ctx, { corpus: input.corpus, stopwordsFile: input.stopwordsFile }),
      );
      const trained = await step('train', () =>
        runTrain(ctx, {
          corpus: input.corpus,
          preprocessingVersion: preprocessed.preprocessing_version,
          topics: candidate.topics,
          lda: { passes: candidate.passes, randomState: candidate.seed, ...input.lda },
          pipelineRunId: id,
          attempt,
        }),
      );
      await store.recordTrackingRun(id, `attempt-${attempt}`, trained.run_id);
      const evaluation: EvaluateSummary = await step('evaluate', () =>
        runEvaluate(ctx, { modelVersion: trained.model_version, pipelineRunId: id }),
      );
      details.push({
        attempt,
        candidate,
        run_id: trained.run_id,
        model_version: evaluation.model_version,
        c_v: evaluation.c_v,
        kpi_ok: evaluation.kpi_ok,
        promoted: evaluation.promoted,
        reason: evaluation.reason,
        seconds: (Date.now() - attemptStarted) / 1000,
      });
      const next = decideNextStep({ attempt, maxAttempts: input.maxAttempts, searchSpace: space }, evaluation);
      if (next.action === 'finish') {
        await store.finish(id, next.status, {
          kpiOk: evaluation.kpi_ok,
          promoted: evaluation.promoted,
          modelVersion: evaluation.model_version,
          cV: evaluation.c_v,
        });
        return {
          pipeline_run_id: id,
          corpus: input.corpus,
          status: next.status,
          attempts: attempt,
          kpi_ok: evaluation.kpi_ok,
          promoted: evaluation.promoted,
          model_version: evaluation.model_version,
          c_v: evaluation.c_v,
          threshold: evaluation.threshold,
          attempts_detail: details,
          seconds: (Date.now() - started) / 1000,
        };
      }
      ctx.logger.warn({ attempt, reason: evaluation.reason, next: next.candidate }, 'KPI failed: retrying from ingestion');
      await store.advanceAttempt(id, attempt, next.attempt);
      attempt = next.attempt;
      candidate = next.candidate;
    }
  } catch (error) {
    await store.finish(id, 'failed', { error: error instanceof Error ? error.message : String(error) });
    throw error;
  }
}
