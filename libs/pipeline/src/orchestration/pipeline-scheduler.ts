import { Logger } from '@topicops/config';
import { PipelineRunEntity } from '@topicops/corpus';
import { FlowProducer, Job, Queue, UnrecoverableError, Worker } from 'bullmq';
import { DataSource } from 'typeorm';
import { candidateForAttempt, resolveSearchSpace } from '../search-space';
import { DEFAULT_STAGE_RETRY, StageRetryPolicy, attemptFlow } from './attempt-flow';
import { decideNextStep } from './decide-next-step';
import {
  InvalidJobDataError,
  onlyChildValue,
  parseDecideJobData,
  parseEvaluation,
  parseRunParams,
  parseStartRunJobData,
} from './job-data';
import { DEFAULT_QUEUE_PREFIX, REQUESTS_QUEUE, RequestJobName, decideJobId, startRunJobId } from './names';
import { PipelineRunStore } from './pipeline-run-store';
import { redisConnectionOptions } from './redis-connection';
import { SubmitOutcome, enqueueStart, requestPipelineRun } from './request-run';
import { DEFAULT_STALLED_POLICY, StalledJobPolicy } from './stage-worker-pool';
import { CronJobData, PipelineRequest } from './types';

export interface PipelineSchedulerOptions {
  redisUrl: string;
  prefix?: string;
  ds: DataSource;
  logger: Logger;
  stageRetry?: StageRetryPolicy;
  /** Requests-queue jobs handled at once (they only touch the database and Redis). */
  concurrency?: number;
  /** How often running runs are checked against the queues (0: only at start). */
  reconcileIntervalMs?: number;
  stalled?: Partial<StalledJobPolicy>;
}

export interface ReconcileReport {
  checked: number;
  requeued: string[];
  recreatedFlows: string[];
  retriedDecisions: string[];
}

type JobOutcome = { [key: string]: unknown };

/**
 * The pipeline's control loop on Redis. It consumes the requests queue: start requests (from the API,
 * the CLI, cron and the new-data watcher) become attempt flows; each attempt's decision job runs after
 * evaluate and either ends the run or starts the next attempt. All of its state is in the database and
 * in BullMQ, so a restarted scheduler carries on (reconcile() repairs what a crash left half done).
 */
export class PipelineScheduler {
  private readonly store: PipelineRunStore;
  private readonly prefix: string;
  private readonly queue: Queue;
  private readonly flows: FlowProducer;
  private worker: Worker | null = null;
  private reconcileTimer: NodeJS.Timeout | null = null;

  constructor(private readonly options: PipelineSchedulerOptions) {
    this.store = new PipelineRunStore(options.ds);
    this.prefix = options.prefix ?? DEFAULT_QUEUE_PREFIX;
    const connection = redisConnectionOptions(options.redisUrl, 'worker');
    this.queue = new Queue(REQUESTS_QUEUE, { connection, prefix: this.prefix });
    this.flows = new FlowProducer({ connection, prefix: this.prefix });
    const logError = (error: Error) => options.logger.error({ error: error.message }, 'redis connection error');
    this.queue.on('error', logError);
    this.flows.on('error', logError);
  }

  /** The requests queue (for cron schedulers and for submitting from the same process). */
  get requestsQueue(): Queue {
    return this.queue;
  }

  async start(): Promise<void> {
    if (this.worker) return;
    const stalled = { ...DEFAULT_STALLED_POLICY, ...this.options.stalled };
    this.worker = new Worker(REQUESTS_QUEUE, (job) => this.process(job), {
      connection: redisConnectionOptions(this.options.redisUrl, 'worker'),
      prefix: this.prefix,
      concurrency: this.options.concurrency ?? 4,
      lockDuration: stalled.lockDurationMs,
      stalledInterval: stalled.stalledIntervalMs,
      maxStalledCount: stalled.maxStalledCount,
      autorun: false,
    });
    this.worker.on('error', (error) => this.options.logger.error({ error: error.message }, 'requests queue error'));
    this.worker.on('failed', (job, error) =>
      this.options.logger.error({ job_id: job?.id, name: job?.name, error: error.message }, 'request job failed'),
    );
    await this.reconcile();
    void this.worker.run();
    await this.worker.waitUntilReady();
    const every = this.options.reconcileIntervalMs ?? 30_000;
    if (every > 0) {
      this.reconcileTimer = setInterval(() => {
        this.reconcile().catch((error: unknown) =>
          this.options.logger.error({ error: String(error) }, 'reconcile failed'),
        );
      }, every);
      this.reconcileTimer.unref();
    }
    this.options.logger.info({ prefix: this.prefix }, 'scheduler started');
  }

  async close(): Promise<void> {
    if (this.reconcileTimer) clearInterval(this.reconcileTimer);
    this.reconcileTimer = null;
    await this.worker?.close();
    this.worker = null;
    await this.flows.close();
    await this.queue.close();
  }

  /** Submits a request from inside the scheduler process (cron, watcher). */
  request(request: PipelineRequest): Promise<SubmitOutcome> {
    return requestPipelineRun(this.queue, this.options.ds, request);
  }

  /** Registers (or replaces) a cron schedule whose ticks land on the requests queue. */
  async scheduleCron(
    schedulerId: string,
    pattern: string,
    tz: string | undefined,
    request: CronJobData['request'],
  ): Promise<void> {
    const data: CronJobData = { request };
    await this.queue.upsertJobScheduler(
      schedulerId,
      { pattern, ...(tz ? { tz } : {}) },
      { name: RequestJobName.CRON, data, opts: { removeOnComplete: { count: 100 }, removeOnFail: { count: 100 } } },
    );
  }

  /** Removes every cron schedule except the ones listed. */
  async removeCronSchedulesExcept(keep: readonly string[]): Promise<string[]> {
    const removed: string[] = [];
    for (const scheduler of await this.queue.getJobSchedulers()) {
      const id = scheduler.id ?? scheduler.key;
      if (!keep.includes(id)) {
        await this.queue.removeJobScheduler(id);
        removed.push(id);
      }
    }
    return removed;
  }

  /**
   * Brings BullMQ in line with the database after a crash or a Redis loss: queued runs get their start
   * job back, running runs whose attempt flow is missing get it re-created (stages are idempotent), and
   * decision jobs that failed are retried.
   */
  async reconcile(): Promise<ReconcileReport> {
    const report: ReconcileReport = { checked: 0, requeued: [], recreatedFlows: [], retriedDecisions: [] };
    for (const run of await this.store.listActive()) {
      report.checked += 1;
      if (run.status === 'queued') {
        const start = await this.queue.getJob(startRunJobId(run.id));
        if (!start) {
          await enqueueStart(this.queue, run.id);
          report.requeued.push(run.id);
        } else if (await start.isFailed()) {
          await start.retry('failed');
          report.requeued.push(run.id);
        }
        continue;
      }
      const decide = await this.queue.getJob(decideJobId(run.id, run.attempt));
      if (!decide) {
        await this.ensureAttempt(run, run.attempt);
        report.recreatedFlows.push(run.id);
        continue;
      }
      const state = await decide.getState();
      if (state === 'failed' || state === 'completed') {
        await decide.retry(state);
        report.retriedDecisions.push(run.id);
      }
    }
    if (report.requeued.length || report.recreatedFlows.length || report.retriedDecisions.length) {
      this.options.logger.warn({ ...report }, 'reconciled pipeline runs with the queues');
    }
    return report;
  }

  private async process(job: Job): Promise<JobOutcome> {
    switch (job.name) {
      case RequestJobName.START_RUN:
        return this.startRun(job);
      case RequestJobName.DECIDE_ATTEMPT:
        return this.decide(job);
      case RequestJobName.CRON:
        return this.cronTick(job);
      default:
        throw new UnrecoverableError(`unknown request job "${job.name}"`);
    }
  }

  private async startRun(job: Job): Promise<JobOutcome> {
    const { pipelineRunId } = parseOrFail(() => parseStartRunJobData(job.data));
    await this.store.markStarted(pipelineRunId);
    const run = await this.store.find(pipelineRunId);
    if (!run) throw new UnrecoverableError(`pipeline run "${pipelineRunId}" does not exist`);
    if (run.status !== 'running') return { skipped: run.status };
    await this.ensureAttempt(run, run.attempt);
    this.options.logger.info(
      { pipeline_run_id: run.id, corpus: run.corpus, trigger: run.trigger },
      'pipeline run started',
    );
    return { started: run.id, attempt: run.attempt };
  }

  private async decide(job: Job): Promise<JobOutcome> {
    const { pipelineRunId, attempt } = parseOrFail(() => parseDecideJobData(job.data));
    const run = await this.store.find(pipelineRunId);
    if (!run) throw new UnrecoverableError(`pipeline run "${pipelineRunId}" does not exist`);
    if (run.status !== 'running') return { skipped: run.status };
    if (run.attempt > attempt) {
      // The decision was taken before a crash; make sure the next attempt's flow exists.
      await this.ensureAttempt(run, run.attempt);
      return { skipped: 'superseded', attempt: run.attempt };
    }
    const log = this.options.logger.child({ pipeline_run_id: run.id, attempt });
    const failures = await job.getIgnoredChildrenFailures();
    if (Object.keys(failures).length) {
      const error = await this.failureOf(run.id, attempt, Object.values(failures));
      await this.store.finish(run.id, 'failed', { error });
      log.error({ error }, 'pipeline run failed');
      return { status: 'failed', error };
    }
    let evaluation;
    try {
      evaluation = parseEvaluation(onlyChildValue(await job.getChildrenValues()));
    } catch (error) {
      const message = `the evaluate stage returned an unusable result: ${error instanceof Error ? error.message : String(error)}`;
      await this.store.finish(run.id, 'failed', { error: message });
      return { status: 'failed', error: message };
    }
    const params = parseRunParams(run.params);
    const next = decideNextStep({ attempt, maxAttempts: run.maxAttempts, searchSpace: params.searchSpace }, evaluation);
    if (next.action === 'retry') {
      await this.store.advanceAttempt(run.id, attempt, next.attempt);
      await this.ensureAttempt(run, next.attempt);
      log.info({ c_v: evaluation.c_v, next: next.candidate }, 'KPI not met: retraining with the next candidate');
      return { status: 'retry', attempt: next.attempt };
    }
    await this.store.finish(run.id, next.status, {
      kpiOk: evaluation.kpi_ok,
      promoted: evaluation.promoted,
      modelVersion: evaluation.model_version,
      cV: evaluation.c_v,
    });
    log.info({ status: next.status, c_v: evaluation.c_v, promoted: evaluation.promoted }, 'pipeline run finished');
    return { status: next.status };
  }

  private async cronTick(job: Job): Promise<JobOutcome> {
    const data = job.data as Partial<CronJobData>;
    if (!data.request) throw new UnrecoverableError('cron job without a request');
    const outcome = await this.request({
      ...data.request,
      trigger: 'cron',
      idempotencyKey: `cron:${job.id ?? job.timestamp}`,
    });
    this.options.logger.info({ ...outcome }, 'cron trigger');
    return { ...outcome };
  }

  /** Creates the attempt's task rows and flow; both are idempotent. */
  private async ensureAttempt(run: PipelineRunEntity, attempt: number): Promise<void> {
    const params = parseRunParams(run.params);
    const candidate = candidateForAttempt(resolveSearchSpace(params.searchSpace), attempt);
    await this.store.createAttemptTasks(run.id, attempt);
    await this.flows.add(
      attemptFlow(
        { pipelineRunId: run.id, corpus: run.corpus, attempt, params, candidate },
        this.options.stageRetry ?? DEFAULT_STAGE_RETRY,
      ),
    );
  }

  /** The failed stage's own error (pipeline_tasks), else BullMQ's reason (e.g. stalled too often). */
  private async failureOf(runId: string, attempt: number, queueReasons: string[]): Promise<string> {
    const failed = (await this.store.listTasks(runId)).find(
      (task) => task.attempt === attempt && task.status === 'failed',
    );
    if (failed) return `${failed.stage} failed: ${failed.error ?? 'unknown error'}`;
    return `attempt ${attempt} failed: ${queueReasons.join('; ')}`;
  }
}

function parseOrFail<T>(parse: () => T): T {
  try {
    return parse();
  } catch (error) {
    if (error instanceof InvalidJobDataError) throw new UnrecoverableError(error.message);
    throw error;
  }
}
