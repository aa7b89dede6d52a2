import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { INestApplicationContext } from '@nestjs/common';
import { createLogger } from '@topicops/config';
import { PipelineRunEntity } from '@topicops/corpus';
import { TestDatabase, createTestDatabase } from '@topicops/corpus/testing';
import { StageHandlers, StageWorkerPool, redisConnectionOptions } from '@topicops/pipeline';
import { TEST_REDIS_URL, deletePrefix, redisSkipNotice, testPrefix } from '@topicops/pipeline/testing';
import { Queue } from 'bullmq';
import { bootstrapScheduler } from '../src/app/bootstrap';

redisSkipNotice('scheduler-app.spec');
const describeWithRedis = TEST_REDIS_URL ? describe : describe.skip;

/** Instant stages: this suite is about triggers, not stage work. */
const instantStages: StageHandlers = {
  ingest: async ({ corpus, params }) => ({ corpus, source: params.source ?? null }),
  preprocess: async ({ corpus }) => ({ corpus, preprocessing_version: 1 }),
  train: async ({ attempt }) => ({ run_id: `r${attempt}`, model_version: String(attempt) }),
  evaluate: async ({ upstream }) => ({
    model_version: String(upstream?.['model_version']),
    c_v: 0.5,
    kpi_ok: true,
    promoted: true,
  }),
};

async function eventually<T>(
  what: string,
  read: () => Promise<T>,
  ok: (value: T) => boolean,
  timeoutMs = 20_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (ok(value)) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describeWithRedis('the scheduler app (cron and new-data triggers)', () => {
  const redisUrl = TEST_REDIS_URL ?? '';
  const prefix = testPrefix('sched');
  const watched = mkdtempSync(join(tmpdir(), 'topicops-watched-'));
  let db: TestDatabase;
  let pool: StageWorkerPool;
  let app: INestApplicationContext | undefined;

  beforeAll(async () => {
    db = await createTestDatabase('scheduler_app');
    pool = new StageWorkerPool({
      redisUrl,
      prefix,
      ds: db.ds,
      handlers: instantStages,
      logger: createLogger({ name: 't', level: 'silent' }),
    });
    pool.start();
    await pool.waitUntilReady();
  });

  afterEach(async () => {
    await app?.close();
    app = undefined;
  });

  afterAll(async () => {
    await pool?.close(5000);
    await db?.drop();
    await deletePrefix(redisUrl, prefix);
    rmSync(watched, { recursive: true, force: true });
  });

  const baseEnv = () => ({
    DATABASE_URL: db.url,
    REDIS_URL: redisUrl,
    BULLMQ_PREFIX: prefix,
    LOG_LEVEL: 'silent',
    RECONCILE_INTERVAL_SECONDS: '0',
  });
  const runs = (trigger: string) =>
    db.ds
      .getRepository(PipelineRunEntity)
      .find({ where: { trigger: trigger as PipelineRunEntity['trigger'] }, order: { createdAt: 'ASC' } });

  it('starts runs on a cron schedule, and stops when the schedule is removed', async () => {
    app = await bootstrapScheduler({
      ...baseEnv(),
      SCHEDULE_CRON: '*/2 * * * * *',
      PIPELINE_CORPUS: 'cron-corpus',
      PIPELINE_MAX_ATTEMPTS: '2',
    });
    const [first] = await eventually(
      'a cron run to finish',
      () => runs('cron'),
      (list) => list.some((run) => run.status === 'succeeded'),
    );
    expect(first).toMatchObject({ corpus: 'cron-corpus', maxAttempts: 2, status: 'succeeded' });
    expect(first.idempotencyKey).toMatch(/^cron:/);
    await eventually(
      'a second tick',
      () => runs('cron'),
      (list) => list.length >= 2,
    );

    await app.close();
    app = await bootstrapScheduler(baseEnv());
    const queue = new Queue('pipeline-requests', { connection: redisConnectionOptions(redisUrl, 'producer'), prefix });
    try {
      expect(await queue.getJobSchedulers()).toEqual([]);
    } finally {
      await queue.close();
    }
  });

  it('starts a run when new files arrive in the watched folder, once per change', async () => {
    writeFileSync(join(watched, 'a.csv'), 'id,text\n1,hello\n');
    app = await bootstrapScheduler({
      ...baseEnv(),
      WATCH_SOURCE: watched,
      WATCH_INTERVAL_SECONDS: '1',
      PIPELINE_CORPUS: 'watched',
    });
    const [run] = await eventually(
      'a new-data run',
      () => runs('new_data'),
      (list) => list.length === 1 && list[0].status === 'succeeded',
    );
    expect(run).toMatchObject({ corpus: 'watched', params: { source: watched } });
    await new Promise((resolve) => setTimeout(resolve, 2500));
    expect(await runs('new_data')).toHaveLength(1);

    writeFileSync(join(watched, 'b.csv'), 'id,text\n2,more\n');
    await eventually(
      'a second new-data run',
      () => runs('new_data'),
      (list) => list.length === 2,
    );

    // A restarted scheduler remembers what it has already acted on.
    await app.close();
    app = await bootstrapScheduler({
      ...baseEnv(),
      WATCH_SOURCE: watched,
      WATCH_INTERVAL_SECONDS: '1',
      PIPELINE_CORPUS: 'watched',
    });
    await new Promise((resolve) => setTimeout(resolve, 2500));
    expect(await runs('new_data')).toHaveLength(2);
  });
});
