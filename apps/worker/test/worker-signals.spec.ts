import { PipelineTaskEntity } from '@topicops/corpus';
import { TestDatabase, createTestDatabase } from '@topicops/corpus/testing';
import {
  PipelineScheduler,
  pipelineRunStatus,
  redisConnectionOptions,
  submitPipelineRun,
  waitForPipelineRun,
} from '@topicops/pipeline';
import { Queue } from 'bullmq';
import {
  TEST_REDIS_URL,
  deletePrefix,
  pipelineEnv,
  quietLogger,
  redisSkipNotice,
  tempDir,
  testPrefix,
} from './support/environment';
import { WorkerMessage } from './support/messages';
import { WorkerProcess } from './support/worker-process';

redisSkipNotice('worker-signals.spec');
const describeWithRedis = TEST_REDIS_URL ? describe : describe.skip;

type StageStarted = Extract<WorkerMessage, { type: 'stage-started' }>;
const isStageStart = (m: WorkerMessage): m is StageStarted => m.type === 'stage-started';
const startedStage = (runId: string, stage: string) => (m: WorkerMessage) =>
  isStageStart(m) && m.pipelineRunId === runId && m.stage === stage;

describeWithRedis('worker processes and signals (fake stages)', () => {
  const redisUrl = TEST_REDIS_URL ?? '';
  const prefix = testPrefix('signals');
  const tracking = tempDir('tracking');
  let db: TestDatabase;
  let env: Record<string, string>;
  let scheduler: PipelineScheduler;
  let trainQueue: Queue;
  const workers: WorkerProcess[] = [];

  beforeAll(async () => {
    db = await createTestDatabase('worker_signals');
    env = {
      ...pipelineEnv({ databaseUrl: db.url, trackingDir: tracking.dir, redisUrl, prefix, kpiMinCv: 0.4 }),
      TEST_WORKER_STAGES: 'fake',
    };
    scheduler = new PipelineScheduler({ redisUrl, prefix, ds: db.ds, logger: quietLogger(), reconcileIntervalMs: 0 });
    await scheduler.start();
    trainQueue = new Queue('train', { connection: redisConnectionOptions(redisUrl, 'producer'), prefix });
  });

  afterAll(async () => {
    await Promise.all(workers.map((worker) => worker.stop()));
    await trainQueue?.close();
    await scheduler?.close();
    await db?.drop();
    await deletePrefix(redisUrl, prefix);
    tracking.remove();
  });

  async function startWorker(extra: Record<string, string> = {}): Promise<WorkerProcess> {
    const worker = await WorkerProcess.start({ ...env, ...extra });
    workers.push(worker);
    return worker;
  }

  async function untilPaused(worker: WorkerProcess, runId: string): Promise<void> {
    await worker.waitFor((m) => m.type === 'paused' && m.pipelineRunId === runId, 30_000);
    expect((await pipelineRunStatus(db.ds, runId)).stage).toBe('train');
  }

  it('SIGKILL mid-stage: the stalled job is taken over by another worker and the run completes once', async () => {
    const doomed = await startWorker({ TEST_WORKER_PAUSE_AFTER: 'train' });
    const runId = await submitPipelineRun(redisUrl, db.ds, { corpus: 'kill', trigger: 'api' }, { prefix });
    await untilPaused(doomed, runId);
    const survivor = await startWorker();
    doomed.kill('SIGKILL');

    const summary = await waitForPipelineRun(db.ds, runId, { timeoutMs: 60_000, pollMs: 200 });
    expect(summary).toMatchObject({ status: 'succeeded', attempts: 1, model_version: '1' });
    // Only the interrupted stage ran again; the finished ones were not redone.
    const survivorStages = survivor.messages.filter(isStageStart).filter((m) => m.pipelineRunId === runId);
    expect(survivorStages.map((m) => m.stage)).toEqual(['train', 'evaluate']);
    const job = await trainQueue.getJob(`${runId}_a1_train`);
    expect(job?.stalledCounter).toBe(1);
    const { logs } = await trainQueue.getJobLogs(`${runId}_a1_train`);
    expect(new Set(logs.map((line) => (JSON.parse(line) as { pid: number }).pid))).toEqual(
      new Set([doomed.pid, survivor.pid]),
    );
    expect(await db.ds.getRepository(PipelineTaskEntity).countBy({ pipelineRunId: runId })).toBe(4);
  });

  it('SIGTERM mid-stage: the worker hands its job back and exits; the next worker finishes it, no retry used', async () => {
    await Promise.all(workers.map((worker) => worker.stop()));
    const stopping = await startWorker({ TEST_WORKER_PAUSE_AFTER: 'train', WORKER_SHUTDOWN_GRACE_MS: '300' });
    const runId = await submitPipelineRun(redisUrl, db.ds, { corpus: 'term', trigger: 'api' }, { prefix });
    await untilPaused(stopping, runId);

    const signalled = Date.now();
    stopping.kill('SIGTERM');
    const exit = await stopping.exited;
    expect(Date.now() - signalled).toBeLessThan(15_000);
    expect(exit.signal === 'SIGTERM' || exit.code === 0).toBe(true);
    const task = await db.ds
      .getRepository(PipelineTaskEntity)
      .findOneByOrFail({ pipelineRunId: runId, stage: 'train' });
    expect(task).toMatchObject({ status: 'queued', error: 'handed back: the worker shut down mid-stage' });

    const finisher = await startWorker();
    const summary = await waitForPipelineRun(db.ds, runId, { timeoutMs: 60_000, pollMs: 200 });
    expect(summary.status).toBe('succeeded');
    expect(finisher.messages.some(startedStage(runId, 'train'))).toBe(true);
    const job = await trainQueue.getJob(`${runId}_a1_train`);
    expect(job?.stalledCounter).toBe(0);
    expect(job?.attemptsMade).toBe(1);
  });
});
