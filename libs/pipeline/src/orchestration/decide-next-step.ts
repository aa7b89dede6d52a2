import { candidateForAttempt, resolveSearchSpace } from '../search-space';
import { AttemptEvaluation, SearchSpace, TrainingCandidate } from './types';

export interface RunProgress {
  /** The attempt that was just evaluated (1-based). */
  attempt: number;
  maxAttempts: number;
  searchSpace?: Partial<SearchSpace>;
}

export type NextStep =
  | { action: 'finish'; status: 'succeeded'; attempt: number; evaluation: AttemptEvaluation }
  | { action: 'finish'; status: 'failed_kpi'; attempt: number; evaluation: AttemptEvaluation }
  | { action: 'retry'; attempt: number; candidate: TrainingCandidate; evaluation: AttemptEvaluation };

/**
 * The retraining loop's one decision, shared by the in-process runPipeline and the Redis scheduler:
 * a passing KPI finishes the run (promoted or not — evaluate does not replace a better champion);
 * a failing one retrains from ingestion with the next candidate of the search space until max_attempts,
 * after which the run ends as failed_kpi and the champion stays.
 */
export function decideNextStep(run: RunProgress, evaluation: AttemptEvaluation): NextStep {
  if (!Number.isInteger(run.attempt) || run.attempt < 1)
    throw new RangeError(`attempt must be a positive integer (got ${run.attempt})`);
  if (!Number.isInteger(run.maxAttempts) || run.maxAttempts < 1) {
    throw new RangeError(`max_attempts must be a positive integer (got ${run.maxAttempts})`);
  }
  if (evaluation.kpi_ok) return { action: 'finish', status: 'succeeded', attempt: run.attempt, evaluation };
  if (run.attempt >= run.maxAttempts)
    return { action: 'finish', status: 'failed_kpi', attempt: run.attempt, evaluation };
  const next = run.attempt + 1;
  return {
    action: 'retry',
    attempt: next,
    candidate: candidateForAttempt(resolveSearchSpace(run.searchSpace), next),
    evaluation,
  };
}
