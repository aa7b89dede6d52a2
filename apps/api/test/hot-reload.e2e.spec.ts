import { setTimeout as sleep } from 'node:timers/promises';
import request from 'supertest';
import { MODEL_NAME, promoteNewVersion, registerModelVersion, topicText } from './support/model-fixture';
import { TestApp, startTestApp } from './support/test-app';

async function waitFor(check: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await sleep(50);
  }
}

describe('hot reload of the champion model', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp('hotreload', {
      env: { MODEL_POLL_SECONDS: '0.1' },
      prepare: async ({ tracking }) => {
        await promoteNewVersion(tracking);
      },
    });
  });

  afterAll(async () => {
    await t?.close();
  });

  const servedVersion = async () => (await request(t.app.getHttpServer()).get('/v1/models/current')).body.version as string;

  it('switches to a newly promoted version during a stream of requests without failing any', async () => {
    expect(await servedVersion()).toBe('1');
    const server = t.app.getHttpServer();
    const statuses: number[] = [];
    const versionsSeen = new Set<string>();
    let streaming = true;
    const client = async (topic: number) => {
      while (streaming) {
        const res = await request(server).post('/v1/predictions').send({ texts: [topicText(topic), topicText((topic + 1) % 3)] });
        statuses.push(res.status);
        if (res.status === 200) {
          versionsSeen.add(res.body.model.version);
          expect(res.body.predictions.map((p: { dominantTopic: number }) => p.dominantTopic)).toEqual([topic, (topic + 1) % 3]);
        }
      }
    };
    const clients = Array.from({ length: 8 }, (_, i) => client(i % 3));

    await sleep(300);
    const next = await promoteNewVersion(t.tracking, { strength: 80 });
    await waitFor(async () => (await servedVersion()) === next, 15_000);
    await sleep(300);
    streaming = false;
    await Promise.all(clients);

    expect(statuses.length).toBeGreaterThan(20);
    expect(statuses.filter((status) => status !== 200)).toEqual([]);
    expect([...versionsSeen].sort()).toEqual(['1', next]);
  });

  it('keeps serving the current version when the promoted one fails to load, and says so in /health', async () => {
    const server = t.app.getHttpServer();
    const before = await servedVersion();
    const broken = await registerModelVersion(t.tracking, { broken: true });
    await t.tracking.setAlias(MODEL_NAME, 'champion', broken);
    await waitFor(async () => (await request(server).get('/health')).body.details?.model?.lastFailure?.version === broken, 15_000);

    const health = await request(server).get('/health').expect(200);
    expect(health.body.details.model).toMatchObject({ status: 'up', version: before, lastFailure: { version: broken } });
    expect(health.body.details.model.lastFailure.reason).toEqual(expect.any(String));
    const res = await request(server).post('/v1/predictions').send({ text: topicText(2) }).expect(200);
    expect(res.body.model.version).toBe(before);

    const metrics = await request(server).get('/metrics').expect(200);
    expect(metrics.text).toMatch(/^topicops_model_load_failures_total 1$/m);
    expect(metrics.text).toMatch(new RegExp(`^topicops_model_version ${before}$`, 'm'));
  });
});
