import { cpSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { Queue } from 'bullmq';
import { REQUESTS_QUEUE, redisConnectionOptions } from '@topicops/pipeline';
import request from 'supertest';
import { TestApp, startTestApp } from './support/test-app';

const ADMIN_KEY = 'pipeline-admin-key';
const DEMO_CORPUS = join(__dirname, '../../../fixtures/demo-corpus');

/** A small ChroniclItaly-layout copy of the demo corpus: a few pages of each publication. */
function smallCorpus(): string {
  const dir = mkdtempSync(join(tmpdir(), 'topicops-api-corpus-'));
  for (const publication of readdirSync(DEMO_CORPUS)) {
    for (const file of readdirSync(join(DEMO_CORPUS, publication)).slice(0, 3)) {
      cpSync(join(DEMO_CORPUS, publication, file), join(dir, publication, file));
    }
  }
  return dir;
}

async function waitForEnd(t: TestApp, id: string, timeoutMs: number): Promise<request.Response> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const res = await request(t.app.getHttpServer()).get(`/v1/pipeline/runs/${id}`).expect(200);
    if (!['queued', 'running'].includes(res.body.status)) return res;
    if (Date.now() > deadline) throw new Error(`run ${id} still ${res.body.status}`);
    await sleep(250);
  }
}

describe('pipeline runs in-process (no Redis)', () => {
  let t: TestApp;
  let corpus: string;

  beforeAll(async () => {
    corpus = smallCorpus();
    t = await startTestApp('pipeline', { env: { ADMIN_API_KEYS: ADMIN_KEY, KPI_MIN_CV: '-1', MODEL_POLL_SECONDS: '0.2' } });
  });

  afterAll(async () => {
    await t?.close();
    rmSync(corpus, { recursive: true, force: true });
  });

  const start = (body: object) => request(t.app.getHttpServer()).post('/v1/pipeline/runs').set('x-api-key', ADMIN_KEY).send(body);

  it('runs ingest → preprocess → train → evaluate in the background, reports progress, and serves the promoted model', async () => {
    const body = { corpus: 'demo', source: corpus, maxAttempts: 1, idempotencyKey: 'e2e-run-1', searchSpace: { topics: [3], passes: [1], seeds: [1] } };
    const started = await start(body).expect(202);
    expect(started.body).toMatchObject({ created: true, reason: 'created', mode: 'in-process' });
    const id = started.body.pipelineRunId as string;

    const again = await start(body).expect(200);
    expect(again.body).toMatchObject({ pipelineRunId: id, created: false, reason: 'duplicate' });

    const finished = await waitForEnd(t, id, 120_000);
    expect(finished.body).toMatchObject({ pipelineRunId: id, corpus: 'demo', trigger: 'api', status: 'succeeded', attempt: 1, promoted: true });
    expect(finished.body.tasks.map((task: { stage: string; status: string }) => `${task.stage}:${task.status}`)).toEqual([
      'ingest:succeeded',
      'preprocess:succeeded',
      'train:succeeded',
      'evaluate:succeeded',
    ]);

    const version = finished.body.modelVersion as string;
    const deadline = Date.now() + 15_000;
    let current = await request(t.app.getHttpServer()).get('/v1/models/current');
    while (current.body.version !== version && Date.now() < deadline) {
      await sleep(100);
      current = await request(t.app.getHttpServer()).get('/v1/models/current');
    }
    expect(current.body).toMatchObject({ version, numTopics: 3, corpus: 'demo' });
    await request(t.app.getHttpServer()).post('/v1/predictions').send({ text: 'Il piroscafo è arrivato nel porto di New York' }).expect(200);
  });

  it('validates run requests and unknown run ids', async () => {
    expect((await start({ corpus: '' }).expect(400)).body.message).toMatch(/corpus must not be empty/);
    expect((await start({ corpus: 'demo', maxAttempts: 0 }).expect(400)).body.message).toMatch(/maxAttempts must be at least 1/);
    expect((await start({ corpus: 'demo', searchSpace: { topics: ['ten'] } }).expect(400)).body.details).toEqual([
      'searchSpace.topics must hold integers',
    ]);
    await request(t.app.getHttpServer()).get('/v1/pipeline/runs/00000000-0000-0000-0000-000000000000').expect(404);
    await request(t.app.getHttpServer()).get(`/v1/pipeline/runs/${encodeURIComponent("x' OR 1=1 --")}`).expect(400);
  });
});

const redisUrl = process.env['TEST_REDIS_URL'];
if (!redisUrl) console.log('Queued pipeline-run tests skipped: set TEST_REDIS_URL (e.g. redis://127.0.0.1:6379) to run them');

(redisUrl ? describe : describe.skip)('pipeline runs through the queue (REDIS_URL)', () => {
  let t: TestApp;
  const prefix = `api-e2e-${process.pid}-${Date.now()}`;

  beforeAll(async () => {
    t = await startTestApp('pipeline_queue', {
      env: { ADMIN_API_KEYS: ADMIN_KEY, REDIS_URL: redisUrl as string },
      overrides: { apiEnv: { queuePrefix: prefix } },
    });
  });

  afterAll(async () => {
    const queue = new Queue(REQUESTS_QUEUE, { connection: redisConnectionOptions(redisUrl as string, 'producer'), prefix });
    await queue.obliterate({ force: true }).catch(() => undefined);
    await queue.close();
    await t?.close();
  });

  it('records a queued run, puts its start request on the queue and coalesces a second request', async () => {
    const server = t.app.getHttpServer();
    const started = await request(server).post('/v1/pipeline/runs').set('x-api-key', ADMIN_KEY).send({ corpus: 'queued-demo' }).expect(202);
    expect(started.body).toMatchObject({ created: true, mode: 'queue' });
    const status = await request(server).get(`/v1/pipeline/runs/${started.body.pipelineRunId}`).expect(200);
    expect(status.body).toMatchObject({ status: 'queued', attempt: 0, maxAttempts: 3, tasks: [] });

    const queue = new Queue(REQUESTS_QUEUE, { connection: redisConnectionOptions(redisUrl as string, 'producer'), prefix });
    try {
      expect((await queue.getJobCounts('waiting')).waiting).toBe(1);
    } finally {
      await queue.close();
    }
    const busy = await request(server).post('/v1/pipeline/runs').set('x-api-key', ADMIN_KEY).send({ corpus: 'queued-demo' }).expect(200);
    expect(busy.body).toMatchObject({ pipelineRunId: started.body.pipelineRunId, reason: 'corpus_busy' });
  });
});
