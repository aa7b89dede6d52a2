import { UsageError } from '@topicops/config';
import { PipelineTaskEntity } from '@topicops/corpus';
import { TestDatabase, createTestDatabase } from '@topicops/corpus/testing';
import { Queue } from 'bullmq';
import { stageJobId } from '../../src/orchestration/names';
import { PipelineScheduler } from '../../src/orchestration/pipeline-scheduler';
import { redisConnectionOptions } from '../../src/orchestration/redis-connection';
import { submitPipelineRunWithOutcome } from '../../src/orchestration/request-run';
import { pipelineRunStatus, waitForPipelineRun } from '../../src/orchestration/run-status';
import { StageHandlers } from '../../src/orchestration/stage-handlers';
import { StageWorkerPool } from '../../src/orchestration/stage-worker-pool';
import { PipelineRequest } from '../../src/orchestration/types';
import { DEFAULT_SEARCH_SPACE, candidateForAttempt } from '../../src/search-space';
import { TEST_REDIS_URL, deletePrefix, fakeStages, quietLogger, redisSkipNotice, testPrefix } from './support';

redisSkipNotice('pipeline-loop.spec');
const describeWithRedis = TEST_REDIS_URL ? describe : describe.skip;

describeWithRedis('the pipeline loop on Redis, with injected stages', () => {
  const redisUrl = TEST_REDIS_URL ?? '';
  const prefix = testPrefix('loop');
  const logger = quietLogger();
  let db: TestDatabase;
  let scheduler: PipelineScheduler;
  let pools: StageWorkerPool[] = [];

  beforeAll(async () => {
    db = await createTestDatabase('orch_loop');
    scheduler = new PipelineScheduler({
      redisUrl,
      prefix,
      ds: db.ds,
      logger,
      stageRetry: { attempts: 2, backoffMs: 50 },
      reconcileIntervalMs: 0,
    });
    await scheduler.start();
  });

  afterEach(async () => {
    await Promise.all(pools.map((pool) => pool.close(5000)));
    pools = [];
  });

  afterAll(async () => {
    await scheduler?.close();
    await db?.drop();
    await deletePrefix(redisUrl, prefix);
  });

  async function startWorkers(handlers: StageHandlers): Promise<StageWorkerPool> {
    const pool = new StageWorkerPool({
      redisUrl,
      prefix,
      ds: db.ds,
      handlers,
      logger,
      stalled: { lockDurationMs: 5000, stalledIntervalMs: 2000 },
    });
    pool.start();
    await pool.waitUntilReady();
    pools.push(pool);
    return pool;
  }

  function submit(request: Omit<PipelineRequest, 'trigger'> & Partial<Pick<PipelineRequest, 'trigger'>>) {
    return submitPipelineRunWithOutcome(redisUrl, db.ds, { trigger: 'api', ...request }, { prefix });
  }

  it('runs ingest → preprocess → train → evaluate and finishes a passing run', async () => {
    const { handlers, calls } = fakeStages({ cvForAttempt: () => 0.52 });
    await startWorkers(handlers);
    const submitted = await submit({ corpus: 'passing', source: '/data/passing', maxAttempts: 3 });
    expect(submitted).toMatchObject({ created: true, reason: 'created' });

    const summary = await waitForPipelineRun(db.ds, submitted.pipeline_run_id, { timeoutMs: 30_000, pollMs: 100 });
    expect(summary).toMatchObject({
      status: 'succeeded',
      attempts: 1,
      kpi_ok: true,
      promoted: true,
      model_version: '1',
      c_v: 0.52,
    });
    expect(summary.kpi_per_attempt).toEqual([{ attempt: 1, model_version: '1', c_v: 0.52, kpi_ok: true }]);
    expect(calls.map((call) => call.stage)).toEqual(['ingest', 'preprocess', 'train', 'evaluate']);
    // Each stage reads its child's result; train gets attempt 1's candidate and the run's parameters.
    expect(calls[1].invocation.upstream).toMatchObject({ added: 3 });
    expect(calls[2].invocation.upstream).toMatchObject({ preprocessing_version: 1 });
    expect(calls[2].invocation.candidate).toEqual(candidateForAttempt(DEFAULT_SEARCH_SPACE, 1));
    expect(calls[0].invocation.params).toMatchObject({ source: '/data/passing' });

    const status = await pipelineRunStatus(db.ds, submitted.pipeline_run_id);
    expect(status.stage).toBeNull();
    expect(status.tasks.map((task) => [task.stage, task.status, task.progress])).toEqual([
      ['ingest', 'succeeded', 1],
      ['preprocess', 'succeeded', 1],
      ['train', 'succeeded', 1],
      ['evaluate', 'succeeded', 1],
    ]);
    const run = await db.ds.query('SELECT mlflow_run_ids FROM pipeline_runs WHERE id = ?', [submitted.pipeline_run_id]);
    expect(JSON.parse(run[0].mlflow_run_ids)).toEqual({ 'attempt-1': `${submitted.pipeline_run_id}-1` });

    // The stage's own log lines and its progress reached the BullMQ job.
    const trainQueue = new Queue('train', { connection: redisConnectionOptions(redisUrl, 'producer'), prefix });
    try {
      const jobId = stageJobId(submitted.pipeline_run_id, 1, 'train');
      const { logs } = await trainQueue.getJobLogs(jobId);
      expect(logs.some((line) => line.includes('fake train running'))).toBe(true);
      expect((await trainQueue.getJob(jobId))?.progress).toBe(100);
    } finally {
      await trainQueue.close();
    }
  });

  it('retrains from ingestion with the next candidate until max_attempts, then ends as failed_kpi', async () => {
    const { handlers, calls } = fakeStages({ cvForAttempt: (attempt) => 0.2 + attempt / 100 });
    await startWorkers(handlers);
    const space = { topics: [4, 5, 6], passes: [1, 2], seeds: [7, 8, 9] };
    const { pipeline_run_id } = await submit({ corpus: 'failing', maxAttempts: 3, searchSpace: space });

    const summary = await waitForPipelineRun(db.ds, pipeline_run_id, { timeoutMs: 30_000, pollMs: 100 });
    expect(summary).toMatchObject({
      status: 'failed_kpi',
      attempts: 3,
      kpi_ok: false,
      promoted: false,
      model_version: '3',
    });
    expect(summary.kpi_per_attempt.map((a) => [a.attempt, a.kpi_ok])).toEqual([
      [1, false],
      [2, false],
      [3, false],
    ]);
    expect(calls.filter((call) => call.stage === 'ingest')).toHaveLength(3);
    expect(calls.filter((call) => call.stage === 'train').map((call) => call.invocation.candidate)).toEqual([
      { topics: 4, passes: 1, seed: 7 },
      { topics: 5, passes: 2, seed: 8 },
      { topics: 6, passes: 1, seed: 9 },
    ]);
    const tasks = await db.ds.getRepository(PipelineTaskEntity).countBy({ pipelineRunId: pipeline_run_id });
    expect(tasks).toBe(12);
  });

  it('stops retrying as soon as an attempt passes', async () => {
    const { handlers } = fakeStages({ cvForAttempt: (attempt) => (attempt === 2 ? 0.45 : 0.3) });
    await startWorkers(handlers);
    const { pipeline_run_id } = await submit({ corpus: 'second-time', maxAttempts: 4 });
    const summary = await waitForPipelineRun(db.ds, pipeline_run_id, { timeoutMs: 30_000, pollMs: 100 });
    expect(summary).toMatchObject({
      status: 'succeeded',
      attempts: 2,
      kpi_ok: true,
      promoted: true,
      model_version: '2',
    });
  });

  it('retries a failing stage, then fails the run with the stage error and never evaluates', async () => {
    let trainCalls = 0;
    const { handlers, calls } = fakeStages({
      override: {
        train: async () => {
          trainCalls += 1;
          throw new Error('tracking server unreachable');
        },
      },
    });
    await startWorkers(handlers);
    const { pipeline_run_id } = await submit({ corpus: 'broken-train' });
    const summary = await waitForPipelineRun(db.ds, pipeline_run_id, { timeoutMs: 30_000, pollMs: 100 });
    expect(summary.status).toBe('failed');
    expect(summary.error).toBe('train failed: tracking server unreachable');
    expect(trainCalls).toBe(2);
    expect(calls.some((call) => call.stage === 'evaluate')).toBe(false);
    const status = await pipelineRunStatus(db.ds, pipeline_run_id);
    expect(status.tasks.find((task) => task.stage === 'train')).toMatchObject({
      status: 'failed',
      error: 'tracking server unreachable',
    });
  });

  it('does not retry bad input (UsageError)', async () => {
    let preprocessCalls = 0;
    const { handlers } = fakeStages({
      override: {
        preprocess: async () => {
          preprocessCalls += 1;
          throw new UsageError('corpus "empty" has no documents: run ingest first');
        },
      },
    });
    await startWorkers(handlers);
    const { pipeline_run_id } = await submit({ corpus: 'empty' });
    const summary = await waitForPipelineRun(db.ds, pipeline_run_id, { timeoutMs: 30_000, pollMs: 100 });
    expect(summary).toMatchObject({
      status: 'failed',
      error: 'preprocess failed: corpus "empty" has no documents: run ingest first',
    });
    expect(preprocessCalls).toBe(1);
  });

  it('answers a repeated idempotency key with the same run and coalesces requests for a busy corpus', async () => {
    const { handlers, calls } = fakeStages({ delayMs: { train: 800 } });
    await startWorkers(handlers);
    const first = await submit({ corpus: 'busy', idempotencyKey: 'nightly-2024-01-01' });
    const again = await submit({ corpus: 'busy', idempotencyKey: 'nightly-2024-01-01' });
    const other = await submit({ corpus: 'busy', idempotencyKey: 'manual-1' });
    const elsewhere = await submit({ corpus: 'not-busy' });
    expect(again).toEqual({ pipeline_run_id: first.pipeline_run_id, created: false, reason: 'duplicate' });
    expect(other).toEqual({ pipeline_run_id: first.pipeline_run_id, created: false, reason: 'corpus_busy' });
    expect(elsewhere.created).toBe(true);

    await waitForPipelineRun(db.ds, first.pipeline_run_id, { timeoutMs: 30_000, pollMs: 100 });
    await waitForPipelineRun(db.ds, elsewhere.pipeline_run_id, { timeoutMs: 30_000, pollMs: 100 });
    expect(calls.filter((call) => call.stage === 'train' && call.invocation.corpus === 'busy')).toHaveLength(1);
    const [{ count }] = await db.ds.query("SELECT COUNT(*) AS count FROM pipeline_runs WHERE corpus = 'busy'");
    expect(Number(count)).toBe(1);
    // Once the corpus is free again, a new request starts a new run.
    const later = await submit({ corpus: 'busy', idempotencyKey: 'manual-1' });
    expect(later.created).toBe(true);
    await waitForPipelineRun(db.ds, later.pipeline_run_id, { timeoutMs: 30_000, pollMs: 100 });
  });

  it('rejects a malformed request before writing anything', async () => {
    await expect(submit({ corpus: '', maxAttempts: 0, searchSpace: { topics: [1] } })).rejects.toThrow(
      /invalid pipeline request: corpus must be .*; max attempts must be .*; search space "topics" values must be at least 2/,
    );
    await expect(pipelineRunStatus(db.ds, 'no-such-run')).rejects.toThrow(UsageError);
  });
});
