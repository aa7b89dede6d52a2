import { UsageError } from '@topicops/config';
import { PipelineRunEntity, PipelineTaskEntity } from '@topicops/corpus';
import { DataSource, In, Repository } from 'typeorm';
import { Stage } from '../context';
import { STAGES } from './names';
import { ACTIVE_RUN_STATES, PipelineRunParams, PipelineRunState, PipelineTrigger } from './types';

export interface TaskKey {
  pipelineRunId: string;
  attempt: number;
  stage: Stage;
}

export interface NewPipelineRun {
  id: string;
  corpus: string;
  trigger: PipelineTrigger;
  idempotencyKey: string | null;
  maxAttempts: number;
  params: PipelineRunParams;
}

export interface RunOutcome {
  kpiOk?: boolean | null;
  promoted?: boolean;
  modelVersion?: string | null;
  cV?: number | null;
  error?: string | null;
}

/**
 * pipeline_runs and pipeline_tasks: the durable record of every run, written by the scheduler (run
 * lifecycle) and the workers (task status, progress, results). State changes are conditional updates,
 * so a job that runs twice (after a crash) cannot move a finished run backwards.
 */
export class PipelineRunStore {
  constructor(private readonly ds: DataSource) {}

  private get runs(): Repository<PipelineRunEntity> {
    return this.ds.getRepository(PipelineRunEntity);
  }

  private get tasks(): Repository<PipelineTaskEntity> {
    return this.ds.getRepository(PipelineTaskEntity);
  }

  find(id: string): Promise<PipelineRunEntity | null> {
    return this.runs.findOneBy({ id });
  }

  async require(id: string): Promise<PipelineRunEntity> {
    const run = await this.find(id);
    if (!run) throw new UsageError(`pipeline run "${id}" does not exist`);
    return run;
  }

  findByIdempotencyKey(idempotencyKey: string): Promise<PipelineRunEntity | null> {
    return this.runs.findOneBy({ idempotencyKey });
  }

  /** The oldest queued or running run of a corpus. */
  findActive(corpus: string): Promise<PipelineRunEntity | null> {
    return this.runs.findOne({ where: { corpus, status: In([...ACTIVE_RUN_STATES]) }, order: { createdAt: 'ASC' } });
  }

  listActive(): Promise<PipelineRunEntity[]> {
    return this.runs.find({ where: { status: In([...ACTIVE_RUN_STATES]) }, order: { createdAt: 'ASC' } });
  }

  /** Inserts a queued run; throws the driver's unique-violation error when the idempotency key is taken. */
  async insertQueued(run: NewPipelineRun): Promise<void> {
    await this.runs.insert({
      id: run.id,
      corpus: run.corpus,
      status: 'queued',
      trigger: run.trigger,
      idempotencyKey: run.idempotencyKey,
      attempt: 0,
      maxAttempts: run.maxAttempts,
      currentStage: null,
      kpiOk: null,
      promoted: false,
      modelVersion: null,
      cV: null,
      params: { ...run.params },
      mlflowRunIds: {},
      error: null,
      startedAt: null,
      finishedAt: null,
    });
  }

  /** queued → running at attempt 1. False when the run had already started or finished. */
  async markStarted(id: string): Promise<boolean> {
    const result = await this.runs.update(
      { id, status: 'queued' },
      { status: 'running', attempt: 1, startedAt: new Date() },
    );
    return (result.affected ?? 0) > 0;
  }

  /** Moves a running run from one attempt to the next; false when another process already did. */
  async advanceAttempt(id: string, from: number, to: number): Promise<boolean> {
    const result = await this.runs.update(
      { id, status: 'running', attempt: from },
      { attempt: to, currentStage: null },
    );
    return (result.affected ?? 0) > 0;
  }

  async setCurrentStage(id: string, attempt: number, stage: Stage): Promise<void> {
    await this.runs.update({ id, status: 'running', attempt }, { currentStage: stage });
  }

  async recordTrackingRun(id: string, role: string, trackingRunId: string): Promise<void> {
    await this.ds.transaction(async (manager) => {
      const run = await manager.findOneBy(PipelineRunEntity, { id });
      if (!run) return;
      await manager.update(PipelineRunEntity, { id }, { mlflowRunIds: { ...run.mlflowRunIds, [role]: trackingRunId } });
    });
  }

  /** Ends an active run; false when it had already ended (the first writer wins). */
  async finish(
    id: string,
    status: Exclude<PipelineRunState, 'queued' | 'running'>,
    outcome: RunOutcome,
  ): Promise<boolean> {
    const result = await this.runs.update(
      { id, status: In([...ACTIVE_RUN_STATES]) },
      { status, finishedAt: new Date(), currentStage: null, ...outcome },
    );
    return (result.affected ?? 0) > 0;
  }

  /** One queued row per stage of an attempt, so status readers see the whole plan at once. */
  async createAttemptTasks(pipelineRunId: string, attempt: number): Promise<void> {
    await this.tasks
      .createQueryBuilder()
      .insert()
      .into(PipelineTaskEntity)
      .values(STAGES.map((stage) => ({ pipelineRunId, attempt, stage, status: 'queued' as const, progress: 0 })))
      .orIgnore()
      .execute();
  }

  async taskStarted(key: TaskKey, jobId: string | undefined): Promise<void> {
    await this.tasks.upsert(
      {
        ...key,
        status: 'running',
        progress: 0,
        jobId: jobId ?? null,
        error: null,
        result: null,
        startedAt: new Date(),
        finishedAt: null,
      },
      { conflictPaths: ['pipelineRunId', 'attempt', 'stage'], skipUpdateIfNoValuesChanged: false },
    );
  }

  async taskProgress(key: TaskKey, fraction: number): Promise<void> {
    await this.tasks.update({ ...key, status: 'running' }, { progress: fraction });
  }

  async taskSucceeded(key: TaskKey, result: object): Promise<void> {
    const task = await this.tasks.findOneBy({ ...key });
    if (!task) throw new Error(`pipeline task ${key.pipelineRunId}/${key.attempt}/${key.stage} was never started`);
    Object.assign(task, {
      status: 'succeeded',
      progress: 1,
      result: { ...result },
      error: null,
      finishedAt: new Date(),
    });
    await this.tasks.save(task);
  }

  /** A failed try: `final` when BullMQ will not try again, otherwise the task waits for its retry. */
  async taskFailed(key: TaskKey, error: string, final: boolean): Promise<void> {
    await this.tasks.update(key, { status: final ? 'failed' : 'queued', error, finishedAt: final ? new Date() : null });
  }

  /** The job was handed back (worker shutdown) and will run again elsewhere. */
  async taskRequeued(key: TaskKey, reason: string): Promise<void> {
    await this.tasks.update(key, { status: 'queued', error: reason, finishedAt: null });
  }

  listTasks(pipelineRunId: string): Promise<PipelineTaskEntity[]> {
    return this.tasks.find({ where: { pipelineRunId }, order: { attempt: 'ASC', id: 'ASC' } });
  }

  findTask(key: TaskKey): Promise<PipelineTaskEntity | null> {
    return this.tasks.findOneBy({ ...key });
  }
}

/** True for a unique-key violation on MySQL/MariaDB or sqlite. */
export function isUniqueViolation(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const driverError = (error as { driverError?: { code?: unknown } }).driverError;
  const code = driverError?.code ?? (error as { code?: unknown }).code;
  return code === 'ER_DUP_ENTRY' || code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}
