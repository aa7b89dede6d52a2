import { AppConfig, Logger } from '@topicops/config';
import { createJobAwareLogger } from '../../src/orchestration/job-log';
import { StageHandler, StageHandlers, StageInvocation } from '../../src/orchestration/stage-handlers';

export { TEST_REDIS_URL, deletePrefix, redisSkipNotice, testPrefix } from '../../src/testing';

/** Logs at info into job logs only, unless TEST_LOG_LEVEL asks to see them. */
export function quietLogger(): Logger {
  const level = process.env['TEST_LOG_LEVEL'];
  return level
    ? createJobAwareLogger('orchestration-test', level as AppConfig['logLevel'])
    : createJobAwareLogger('orchestration-test', 'info', { processLog: false });
}

export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener('abort', () => {
      clearTimeout(timer);
      reject(signal.reason instanceof Error ? signal.reason : new Error('aborted'));
    });
  });
}

export interface Call {
  stage: keyof StageHandlers;
  invocation: StageInvocation;
}

export interface FakeStageOptions {
  /** c_v reported for an attempt; kpi_ok is c_v >= threshold. */
  cvForAttempt?: (attempt: number) => number;
  threshold?: number;
  /** Replaces one stage's behaviour (after the call is recorded). */
  override?: Partial<StageHandlers>;
  /** Milliseconds each stage takes (honouring the abort signal). */
  delayMs?: Partial<Record<keyof StageHandlers, number>>;
}

/**
 * Stage handlers that do no real work but behave like the real ones at the seams the orchestration
 * relies on: they read the upstream result, report progress and log, and return the same keys.
 */
export function fakeStages(options: FakeStageOptions = {}): { handlers: StageHandlers; calls: Call[] } {
  const calls: Call[] = [];
  const threshold = options.threshold ?? 0.4;
  const cvFor = options.cvForAttempt ?? (() => 0.5);
  const wrap =
    (stage: keyof StageHandlers, work: StageHandler): StageHandler =>
    async (invocation, runtime) => {
      calls.push({ stage, invocation });
      runtime.logger.info({ stage }, `fake ${stage} running`);
      runtime.progress(0.5, 'half way');
      const delay = options.delayMs?.[stage];
      if (delay) await sleep(delay, runtime.signal);
      const override = options.override?.[stage];
      return override ? override(invocation, runtime) : work(invocation, runtime);
    };
  const handlers: StageHandlers = {
    ingest: wrap('ingest', async ({ corpus }) => ({ corpus, added: 3, updated: 0, unchanged: 0, rejected: 0 })),
    preprocess: wrap('preprocess', async ({ corpus }) => ({ corpus, preprocessing_version: 1, created: false })),
    train: wrap('train', async ({ pipelineRunId, attempt, candidate }) => ({
      run_id: `${pipelineRunId}-${attempt}`,
      model_version: String(attempt),
      num_topics: candidate.topics,
    })),
    evaluate: wrap('evaluate', async ({ attempt, upstream }) => {
      const cv = cvFor(attempt);
      return {
        model_version: String(upstream?.['model_version']),
        c_v: cv,
        threshold,
        kpi_ok: cv >= threshold,
        promoted: cv >= threshold,
      };
    }),
  };
  return { handlers, calls };
}
