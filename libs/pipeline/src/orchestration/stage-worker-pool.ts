import { Logger } from '@topicops/config';
import { Worker } from 'bullmq';
import { DataSource } from 'typeorm';
import { Stage } from '../context';
import { DEFAULT_QUEUE_PREFIX, STAGES } from './names';
import { PipelineRunStore } from './pipeline-run-store';
import { redisConnectionOptions } from './redis-connection';
import { StageHandlers } from './stage-handlers';
import { ActiveJobs, createStageProcessor } from './stage-processor';

export interface StalledJobPolicy {
  /** A job whose lock is not renewed within this time counts as stalled (its worker died or hung). */
  lockDurationMs: number;
  /** How often each worker looks for stalled jobs to put back in the queue. */
  stalledIntervalMs: number;
  /** Stalls tolerated before a job fails for good. */
  maxStalledCount: number;
}

export const DEFAULT_STALLED_POLICY: StalledJobPolicy = {
  lockDurationMs: 30_000,
  stalledIntervalMs: 30_000,
  maxStalledCount: 2,
};

export interface StageWorkerPoolOptions {
  redisUrl: string;
  prefix?: string;
  ds: DataSource;
  handlers: StageHandlers;
  logger: Logger;
  /** Jobs processed at once per stage queue (default 1 each). */
  concurrency?: Partial<Record<Stage, number>>;
  /** The stage queues this process consumes (default all four). */
  stages?: readonly Stage[];
  stalled?: Partial<StalledJobPolicy>;
}

export type CloseOutcome = 'drained' | 'handed_back' | 'forced';

/** After asking running stages to stop, how long to wait for them to hand their jobs back. */
const HAND_BACK_WAIT_MS = 10_000;

/** One BullMQ worker per stage queue, sharing the process's database connection and stage handlers. */
export class StageWorkerPool {
  private readonly workers: Worker[] = [];
  private readonly activeJobs = new ActiveJobs();

  constructor(private readonly options: StageWorkerPoolOptions) {}

  start(): void {
    if (this.workers.length) return;
    const { options } = this;
    const stalled = { ...DEFAULT_STALLED_POLICY, ...options.stalled };
    const store = new PipelineRunStore(options.ds);
    for (const stage of options.stages ?? STAGES) {
      const processor = createStageProcessor(stage, {
        handlers: options.handlers,
        store,
        logger: options.logger,
        activeJobs: this.activeJobs,
      });
      const worker = new Worker(stage, processor, {
        connection: redisConnectionOptions(options.redisUrl, 'worker'),
        prefix: options.prefix ?? DEFAULT_QUEUE_PREFIX,
        concurrency: options.concurrency?.[stage] ?? 1,
        lockDuration: stalled.lockDurationMs,
        stalledInterval: stalled.stalledIntervalMs,
        maxStalledCount: stalled.maxStalledCount,
      });
      worker.on('error', (error) =>
        options.logger.error({ queue: stage, error: error.message }, 'queue connection error'),
      );
      worker.on('stalled', (jobId) =>
        options.logger.warn({ queue: stage, job_id: jobId }, 'stalled job put back in the queue'),
      );
      this.workers.push(worker);
    }
  }

  /** Resolves when every worker is connected and consuming. */
  async waitUntilReady(): Promise<void> {
    await Promise.all(this.workers.map((worker) => worker.waitUntilReady()));
  }

  get runningJobs(): number {
    return this.activeJobs.size;
  }

  /**
   * Graceful stop: take no new jobs and let the running ones finish for `graceMs`; then ask them to stop
   * and hand their jobs back to the queue; as a last resort drop the connections, leaving the jobs to
   * BullMQ's stalled-job recovery. Stages write their registry entries last, so none of these leaves a
   * half-registered model.
   */
  async close(graceMs: number): Promise<CloseOutcome> {
    const closing = Promise.all(this.workers.map((worker) => worker.close()));
    if (await settlesWithin(closing, graceMs)) return 'drained';
    this.options.logger.warn({ running: this.activeJobs.size }, 'grace period over: handing running jobs back');
    this.activeJobs.abortAll('the worker is shutting down');
    if (await settlesWithin(closing, HAND_BACK_WAIT_MS)) return 'handed_back';
    await Promise.all(this.workers.map((worker) => worker.close(true)));
    return 'forced';
  }
}

async function settlesWithin(promise: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), ms);
  });
  try {
    return await Promise.race([promise.then(() => true), timeout]);
  } finally {
    clearTimeout(timer);
  }
}
