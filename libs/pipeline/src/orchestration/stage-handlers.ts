import { Logger } from '@topicops/config';
import { StageJobData } from './types';

/** A stage's JSON result: it travels through Redis to the next stage and is kept in pipeline_tasks. */
export type StageResult = { [key: string]: unknown };

/** One stage job as its handler sees it. */
export interface StageInvocation extends StageJobData {
  /** The previous stage's result (null for ingest, the first stage). */
  upstream: StageResult | null;
}

/** What the worker gives a handler besides its input. */
export interface StageRuntime {
  /** Writes to the worker's log and to the job's own log (BullMQ job.log). */
  logger: Logger;
  /** Aborted when the worker shuts down and the job should be handed back. */
  signal: AbortSignal;
  /** Fraction done in [0, 1]; mirrored to the job and to pipeline_tasks.progress. */
  progress(fraction: number, message?: string): void;
}

export type StageHandler = (invocation: StageInvocation, runtime: StageRuntime) => Promise<StageResult>;

/**
 * The worker's stage implementations. Production uses the real stages (realStageHandlers); tests inject
 * slow or failing ones to exercise the orchestration without training models.
 */
export interface StageHandlers {
  ingest: StageHandler;
  preprocess: StageHandler;
  train: StageHandler;
  evaluate: StageHandler;
}
