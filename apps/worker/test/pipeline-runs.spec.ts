import { INestApplicationContext } from '@nestjs/common';
import { IngestionRunEntity, KpiRecordEntity } from '@topicops/corpus';
import { TestDatabase, createTestDatabase } from '@topicops/corpus/testing';
import {
  CHAMPION_ALIAS,
  PipelineScheduler,
  submitPipelineRun,
  trackingClientFor,
  waitForPipelineRun,
} from '@topicops/pipeline';
import { bootstrapWorker } from '../src/app/bootstrap';
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

redisSkipNotice('pipeline-runs.spec');
const describeWithRedis = TEST_REDIS_URL ? describe : describe.skip;

describeWithRedis('pipeline runs through the worker app (real stages, Redis)', () => {
  const redisUrl = TEST_REDIS_URL ?? '';
  const prefix = testPrefix('runs');
  const corpus = smallCorpus(4);
  const tracking = tempDir('tracking');
  const modelName = 'topicops-lda-test';
  let db: TestDatabase;
  let scheduler: PipelineScheduler;
  let worker: INestApplicationContext | undefined;

  beforeAll(async () => {
    db = await createTestDatabase('worker_runs');
    scheduler = new PipelineScheduler({
      redisUrl,
      prefix,
      ds: db.ds,
      logger: quietLogger(),
      stageRetry: { attempts: 1, backoffMs: 0 },
      reconcileIntervalMs: 0,
    });
    await scheduler.start();
  });

  afterEach(async () => {
    await worker?.close();
    worker = undefined;
  });

  afterAll(async () => {
    await scheduler?.close();
    await db?.drop();
    await deletePrefix(redisUrl, prefix);
    corpus.remove();
    tracking.remove();
  });

  function envWithKpi(kpiMinCv: number) {
    return {
      ...pipelineEnv({ databaseUrl: db.url, trackingDir: tracking.dir, redisUrl, prefix, kpiMinCv }),
      LOG_LEVEL: 'silent',
    };
  }

  const request = (maxAttempts: number) => ({
    corpus: 'demo',
    source: corpus.dir,
    trigger: 'cli' as const,
    maxAttempts,
    searchSpace: SMALL_SEARCH_SPACE,
    lda: SMALL_LDA,
  });

  it('runs a passing pipeline and promotes its model to champion', async () => {
    const env = envWithKpi(-1);
    worker = await bootstrapWorker({ env });
    const runId = await submitPipelineRun(redisUrl, db.ds, request(3), { prefix });
    const summary = await waitForPipelineRun(db.ds, runId, { timeoutMs: 90_000, pollMs: 200 });

    expect(summary).toMatchObject({ status: 'succeeded', attempts: 1, kpi_ok: true, promoted: true, error: null });
    expect(summary.kpi_per_attempt).toHaveLength(1);
    expect(summary.c_v).toEqual(summary.kpi_per_attempt[0].c_v);
    const champion = await trackingClientFor(configFor(env)).getAlias(modelName, CHAMPION_ALIAS);
    expect(champion?.version).toBe(summary.model_version);
  }, 120_000);

  it('retries a failing KPI from ingestion up to max_attempts and keeps the champion', async () => {
    const env = envWithKpi(0.99);
    const client = trackingClientFor(configFor(env));
    const championBefore = await client.getAlias(modelName, CHAMPION_ALIAS);
    expect(championBefore).not.toBeNull();
    worker = await bootstrapWorker({ env });
    const runId = await submitPipelineRun(redisUrl, db.ds, request(2), { prefix });
    const summary = await waitForPipelineRun(db.ds, runId, { timeoutMs: 90_000, pollMs: 200 });

    expect(summary).toMatchObject({ status: 'failed_kpi', attempts: 2, kpi_ok: false, promoted: false });
    expect(summary.kpi_per_attempt.map((a) => a.kpi_ok)).toEqual([false, false]);
    expect(new Set(summary.kpi_per_attempt.map((a) => a.model_version)).size).toBe(2);
    expect((await client.getAlias(modelName, CHAMPION_ALIAS))?.version).toBe(championBefore?.version);
    const records = await db.ds.getRepository(KpiRecordEntity).findBy({ kpiOk: false });
    expect(records.map((r) => r.promoted)).toEqual([false, false]);
    // Every attempt started from ingestion again; the unchanged files were not written twice.
    const ingestions = await db.ds.getRepository(IngestionRunEntity).find({ order: { id: 'ASC' } });
    expect(ingestions).toHaveLength(3);
    expect(ingestions.slice(1).map((run) => [run.added, run.unchanged])).toEqual([
      [0, corpus.files],
      [0, corpus.files],
    ]);
  }, 120_000);
});
