import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { AppConfig, Logger } from '@topicops/config';
import { PipelineRunStore, runPipeline, validatePipelineRequest } from '@topicops/pipeline';
import type { TrackingClient } from '@topicops/tracking';
import type { DatabaseState } from '../database/database-state';
import { LaunchOutcome, LauncherBusyError, PipelineLauncher, PipelineRunRequest } from './pipeline-launcher';

const ROW_WAIT_MS = 15_000;
const ROW_POLL_MS = 10;
const STOP_GRACE_MS = 10_000;

/**
 * The embedded set-up (no Redis): runs runPipeline in the background of this process, one run at a time.
 * runPipeline records its own pipeline_runs row; the run is found through its idempotency key so that
 * the caller gets the run id at once, long before training ends.
 */
export class InProcessPipelineLauncher extends PipelineLauncher {
  private active: { id: string; done: Promise<void>; abort: AbortController } | null = null;

  constructor(
    private readonly database: DatabaseState,
    private readonly tracking: TrackingClient,
    private readonly config: AppConfig,
    private readonly logger: Logger,
  ) {
    super();
  }

  async launch(request: PipelineRunRequest): Promise<LaunchOutcome> {
    const validated = validatePipelineRequest({ ...request, trigger: 'api' });
    const ds = this.database.ready();
    const store = new PipelineRunStore(ds);
    if (validated.idempotencyKey) {
      const existing = await store.findByIdempotencyKey(validated.idempotencyKey);
      if (existing) return { pipelineRunId: existing.id, created: false, reason: 'duplicate', mode: 'in-process' };
    }
    const active = await store.findActive(validated.corpus);
    if (active) return { pipelineRunId: active.id, created: false, reason: 'corpus_busy', mode: 'in-process' };
    if (this.active) throw new LauncherBusyError(this.active.id);

    const idempotencyKey = validated.idempotencyKey ?? `api:${randomUUID()}`;
    let failure: unknown = null;
    let settled = false;
    const abort = new AbortController();
    const running = runPipeline(
      { ds, tracking: this.tracking, config: this.config, logger: this.logger, signal: abort.signal },
      { ...validated.params, corpus: validated.corpus, maxAttempts: validated.maxAttempts, trigger: 'api', idempotencyKey },
    );
    const slot = { id: 'starting', done: Promise.resolve(), abort };
    this.active = slot;
    slot.done = running.then(
      (summary) => {
        this.logger.info({ pipelineRunId: summary.pipeline_run_id, status: summary.status, modelVersion: summary.model_version }, 'pipeline run finished');
      },
      (error: unknown) => {
        failure = error;
        this.logger.error({ reason: error instanceof Error ? error.message : String(error) }, 'pipeline run failed');
      },
    ).finally(() => {
      settled = true;
      if (this.active === slot) this.active = null;
    });

    const deadline = Date.now() + ROW_WAIT_MS;
    for (;;) {
      const row = await store.findByIdempotencyKey(idempotencyKey);
      if (row) {
        slot.id = row.id;
        return { pipelineRunId: row.id, created: true, reason: 'created', mode: 'in-process' };
      }
      if (settled) throw failure ?? new Error('the pipeline run ended before it was recorded');
      if (Date.now() > deadline) throw new Error('the pipeline run was not recorded in time; see the API logs');
      await sleep(ROW_POLL_MS);
    }
  }

  /** Asks the running pipeline to stop and gives it a short grace period to record that it ended. */
  async stop(): Promise<void> {
    const active = this.active;
    if (!active) return;
    this.logger.warn({ pipelineRunId: active.id }, 'shutting down: aborting the in-process pipeline run');
    active.abort.abort();
    const timeout = sleep(STOP_GRACE_MS, 'timeout' as const);
    if ((await Promise.race([active.done.then(() => 'done' as const), timeout])) === 'timeout') {
      this.logger.warn({ pipelineRunId: active.id }, 'the pipeline run did not stop in time; it is left as it was');
    }
  }
}
