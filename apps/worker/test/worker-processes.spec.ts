import { DocumentEntity, KpiRecordEntity, PipelineTaskEntity } from '@topicops/corpus';
import { TestDatabase, createTestDatabase } from '@topicops/corpus/testing';
import {
  PipelineScheduler,
  STAGES,
  pipelineRunStatus,
  redisConnectionOptions,
  submitPipelineRun,
  trackingClientFor,
  waitForPipelineRun,
} from '@topicops/pipeline';
import { Queue } from 'bullmq';
import {
  SMALL_LDA,
  SMALL_SEARCH_SPACE,
  TEST_REDIS_URL,
  configFor,
  deletePrefix,
  pipelineEnv,
  quietLogger,
  redisSkipNotice,
  smallCorpus,
  tempDir,
  testPrefix,
} from './support/environment';
import { WorkerMessage } from './support/messages';
import { WorkerProcess } from './support/worker-process';

type StageStarted = Extract<WorkerMessage, { type: 'stage-started' }>;
const isStageStart = (message: WorkerMessage): message is StageStarted => message.type === 'stage-started';

redisSkipNotice('worker-processes.spec');
const describeWithRedis = TEST_REDIS_URL ? describe : describe.skip;

describeWithRedis('worker processes on Redis (real stages)', () => {
  const redisUrl = TEST_REDIS_URL ?? '';
  const prefix = testPrefix('procs');
  const corpus = smallCorpus(4);
  const tracking = tempDir('tracking');
  let db: TestDatabase;
  let env: Record<string, string>;
  let scheduler: PipelineScheduler;
  const workers: WorkerProcess[] = [];
  let survivor: WorkerProcess | undefined;

  beforeAll(async () => {
    db = await createTestDatabase('worker_procs');
    env = pipelineEnv({ databaseUrl: db.url, trackingDir: tracking.dir, redisUrl, prefix, kpiMinCv: -1 });
    scheduler = new PipelineScheduler({
      redisUrl,
      prefix,
      ds: db.ds,
      logger: quietLogger(),
      stageRetry: { attempts: 2, backoffMs: 200 },
      reconcileIntervalMs: 0,
    });
    await scheduler.start();
  });

  afterAll(async () => {
    await Promise.all(workers.map((worker) => worker.stop()));
    await scheduler?.close();
    await db?.drop();
    await deletePrefix(redisUrl, prefix);
    corpus.remove();
    tracking.remove();
  });

  async function startWorker(extra: Record<string, string> = {}): Promise<WorkerProcess> {
    const worker = await WorkerProcess.start({ ...env, ...extra });
    workers.push(worker);
    return worker;
  }

  /** Waits for the worker to pause in the run; fails at once with the run's error if the run ends first. */
  async function untilPaused(worker: WorkerProcess, runId: string): Promise<void> {
    const deadline = Date.now() + 90_000;
    while (!worker.messages.some((m) => m.type === 'paused' && m.pipelineRunId === runId)) {
      const status = await pipelineRunStatus(db.ds, runId);
      if (!['queued', 'running'].includes(status.status))
        throw new Error(`the run ended (${status.status}: ${status.error}) before the worker paused`);
      if (Date.now() > deadline) throw new Error('the worker never paused');
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }

  const request = (corpusName: string) => ({
    corpus: corpusName,
    source: corpus.dir,
    trigger: 'api' as const,
    maxAttempts: 1,
    searchSpace: SMALL_SEARCH_SPACE,
    lda: SMALL_LDA,
  });

  it('completes the job of a worker killed mid-stage on another worker, with no duplicates', async () => {
    // Worker A registers the model version, then is killed before its train job completes.
    const doomed = await startWorker({ TEST_WORKER_PAUSE_AFTER: 'train' });
    const runId = await submitPipelineRun(redisUrl, db.ds, request('killed'), { prefix });
    await untilPaused(doomed, runId);
    survivor = await startWorker();
    doomed.kill('SIGKILL');
    expect((await doomed.exited).signal).toBe('SIGKILL');

    const summary = await waitForPipelineRun(db.ds, runId, { timeoutMs: 90_000, pollMs: 200 });
    expect(summary).toMatchObject({ status: 'succeeded', attempts: 1, kpi_ok: true, promoted: true });

    // The survivor found the version A had registered instead of training a second one.
    const trackingClient = trackingClientFor(configFor(env));
    const versions = await trackingClient.listModelVersions('topicops-lda-test');
    expect(versions.map((v) => v.version)).toEqual([summary.model_version]);
    const trainTask = await db.ds
      .getRepository(PipelineTaskEntity)
      .findOneByOrFail({ pipelineRunId: runId, stage: 'train' });
    expect(trainTask.result).toMatchObject({ model_version: summary.model_version, reused: true });
    expect(await db.ds.getRepository(PipelineTaskEntity).countBy({ pipelineRunId: runId })).toBe(STAGES.length);
    expect(await db.ds.getRepository(KpiRecordEntity).countBy({ modelVersion: summary.model_version ?? '' })).toBe(1);
    expect(await db.ds.getRepository(DocumentEntity).countBy({ corpus: 'killed' })).toBe(corpus.files);

    // Both processes worked on the train job: its log holds lines from each.
    const trainQueue = new Queue('train', { connection: redisConnectionOptions(redisUrl, 'producer'), prefix });
    trainQueue.on('error', () => undefined);
    try {
      const { logs } = await trainQueue.getJobLogs(`${runId}_a1_train`);
      const pids = new Set(logs.map((line) => (JSON.parse(line) as { pid: number }).pid));
      expect(pids).toEqual(new Set([doomed.pid, survivor.pid]));
    } finally {
      await trainQueue.close();
    }
  }, 180_000);

  it('lets two workers run two corpora concurrently', async () => {
    if (!survivor) throw new Error('the previous test left no running worker');
    const pair = [survivor, await startWorker()];
    const ids = await Promise.all(
      ['north', 'south'].map((name) => submitPipelineRun(redisUrl, db.ds, request(name), { prefix })),
    );
    const summaries = await Promise.all(
      ids.map((id) => waitForPipelineRun(db.ds, id, { timeoutMs: 120_000, pollMs: 200 })),
    );
    expect(summaries.map((s) => s.status)).toEqual(['succeeded', 'succeeded']);

    // Both processes took stage jobs of these runs, and the two runs were in flight at the same time.
    const starts = pair.flatMap((worker) =>
      worker.messages.filter(isStageStart).filter((m) => ids.includes(m.pipelineRunId)),
    );
    expect(new Set(starts.map((m) => m.pid))).toEqual(new Set(pair.map((worker) => worker.pid)));
    const [a, b] = await Promise.all(ids.map((id) => pipelineRunStatus(db.ds, id)));
    const time = (iso: string | null) => new Date(iso ?? 0).getTime();
    expect(time(a.started_at)).toBeLessThan(time(b.finished_at));
    expect(time(b.started_at)).toBeLessThan(time(a.finished_at));
    for (const name of ['north', 'south'])
      expect(await db.ds.getRepository(DocumentEntity).countBy({ corpus: name })).toBe(corpus.files);
  }, 180_000);
});
