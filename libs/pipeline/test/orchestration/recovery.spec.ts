import { randomUUID } from 'node:crypto';
import { TestDatabase, createTestDatabase } from '@topicops/corpus/testing';
import { Queue } from 'bullmq';
import { stageJobId } from '../../src/orchestration/names';
import { PipelineRunStore } from '../../src/orchestration/pipeline-run-store';
import { PipelineScheduler } from '../../src/orchestration/pipeline-scheduler';
import { redisConnectionOptions } from '../../src/orchestration/redis-connection';
import { submitPipelineRun } from '../../src/orchestration/request-run';
import { pipelineRunStatus, waitForPipelineRun } from '../../src/orchestration/run-status';
import { StageHandlers } from '../../src/orchestration/stage-handlers';
import { StageWorkerPool } from '../../src/orchestration/stage-worker-pool';
import { TEST_REDIS_URL, deletePrefix, fakeStages, quietLogger, redisSkipNotice, sleep, testPrefix } from './support';

redisSkipNotice('recovery.spec');
const describeWithRedis = TEST_REDIS_URL ? describe : describe.skip;

describeWithRedis('recovery: scheduler restarts, lost queue state, worker shutdown', () => {
  const redisUrl = TEST_REDIS_URL ?? '';
  const prefix = testPrefix('recovery');
  const logger = quietLogger();
  let db: TestDatabase;
  let store: PipelineRunStore;
  const closers: Array<() => Promise<unknown>> = [];

  beforeAll(async () => {
    db = await createTestDatabase('orch_recovery');
    store = new PipelineRunStore(db.ds);
  });

  afterEach(async () => {
    while (closers.length) await closers.pop()?.();
  });

  afterAll(async () => {
    await db?.drop();
    await deletePrefix(redisUrl, prefix);
  });

  async function startScheduler(): Promise<PipelineScheduler> {
    const scheduler = new PipelineScheduler({
      redisUrl,
      prefix,
      ds: db.ds,
      logger,
      stageRetry: { attempts: 2, backoffMs: 50 },
      reconcileIntervalMs: 0,
    });
    await scheduler.start();
    closers.push(() => scheduler.close());
    return scheduler;
  }

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
    closers.push(() => pool.close(5000));
    return pool;
  }

  async function until(what: string, check: () => Promise<boolean>, timeoutMs = 20_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!(await check())) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await sleep(50);
    }
  }

  const taskStatus = async (runId: string, attempt: number, stage: 'train' | 'evaluate') =>
    (await store.findTask({ pipelineRunId: runId, attempt, stage }))?.status;

  it('takes the decision a stopped scheduler missed once a new one starts', async () => {
    const first = await startScheduler();
    const { handlers } = fakeStages({ delayMs: { train: 600 } });
    await startWorkers(handlers);
    const runId = await submitPipelineRun(redisUrl, db.ds, { corpus: 'restart', trigger: 'cron' }, { prefix });
    await until('train to start', async () => (await taskStatus(runId, 1, 'train')) === 'running');
    await first.close();

    // The workers finish the attempt on their own; without a scheduler nobody decides.
    await until('evaluate to finish', async () => (await taskStatus(runId, 1, 'evaluate')) === 'succeeded');
    await sleep(300);
    expect((await pipelineRunStatus(db.ds, runId)).status).toBe('running');

    await startScheduler();
    const summary = await waitForPipelineRun(db.ds, runId, { timeoutMs: 20_000, pollMs: 100 });
    expect(summary).toMatchObject({ status: 'succeeded', attempts: 1 });
  });

  it('re-queues a run whose start request was lost and re-creates a running run whose flow was lost', async () => {
    const queuedId = randomUUID();
    await store.insertQueued({
      id: queuedId,
      corpus: 'lost-start',
      trigger: 'api',
      idempotencyKey: null,
      maxAttempts: 1,
      params: {},
    });
    const runningId = randomUUID();
    await store.insertQueued({
      id: runningId,
      corpus: 'lost-flow',
      trigger: 'api',
      idempotencyKey: null,
      maxAttempts: 1,
      params: {},
    });
    await store.markStarted(runningId);

    const { handlers, calls } = fakeStages();
    await startWorkers(handlers);
    const scheduler = await startScheduler();
    // start() reconciled already; a second pass finds nothing left to repair.
    const again = await scheduler.reconcile();
    expect(again.recreatedFlows).toEqual([]);

    for (const id of [queuedId, runningId]) {
      expect(await waitForPipelineRun(db.ds, id, { timeoutMs: 20_000, pollMs: 100 })).toMatchObject({
        status: 'succeeded',
      });
    }
    expect(
      calls
        .filter((call) => call.stage === 'evaluate')
        .map((call) => call.invocation.corpus)
        .sort(),
    ).toEqual(['lost-flow', 'lost-start']);
  });

  it('hands a running job back on shutdown; another worker completes it without losing a retry', async () => {
    await startScheduler();
    const slow = fakeStages({ delayMs: { train: 30_000 } });
    const stopping = new StageWorkerPool({ redisUrl, prefix, ds: db.ds, handlers: slow.handlers, logger });
    stopping.start();
    await stopping.waitUntilReady();
    const runId = await submitPipelineRun(redisUrl, db.ds, { corpus: 'shutdown', trigger: 'api' }, { prefix });
    await until('train to start', async () => (await taskStatus(runId, 1, 'train')) === 'running');

    expect(await stopping.close(200)).toBe('handed_back');
    const task = await store.findTask({ pipelineRunId: runId, attempt: 1, stage: 'train' });
    expect(task).toMatchObject({ status: 'queued', error: 'handed back: the worker shut down mid-stage' });

    const fast = fakeStages();
    await startWorkers(fast.handlers);
    expect(await waitForPipelineRun(db.ds, runId, { timeoutMs: 20_000, pollMs: 100 })).toMatchObject({
      status: 'succeeded',
    });
    expect(fast.calls.filter((call) => call.stage === 'train')).toHaveLength(1);
    const trainQueue = new Queue('train', { connection: redisConnectionOptions(redisUrl, 'producer'), prefix });
    try {
      const job = await trainQueue.getJob(stageJobId(runId, 1, 'train'));
      expect(job?.attemptsMade).toBe(1);
    } finally {
      await trainQueue.close();
    }
  });

  it('lets a running job finish when it ends within the grace period', async () => {
    await startScheduler();
    const { handlers } = fakeStages({ delayMs: { train: 400 } });
    const pool = new StageWorkerPool({ redisUrl, prefix, ds: db.ds, handlers, logger });
    pool.start();
    await pool.waitUntilReady();
    const runId = await submitPipelineRun(redisUrl, db.ds, { corpus: 'drain', trigger: 'api' }, { prefix });
    await until('train to start', async () => (await taskStatus(runId, 1, 'train')) === 'running');
    expect(await pool.close(10_000)).toBe('drained');
    expect(await taskStatus(runId, 1, 'train')).toBe('succeeded');
    // Nothing consumes evaluate any more: the run waits, intact, for the next worker.
    await startWorkers(fakeStages().handlers);
    expect(await waitForPipelineRun(db.ds, runId, { timeoutMs: 20_000, pollMs: 100 })).toMatchObject({
      status: 'succeeded',
    });
  });
});
