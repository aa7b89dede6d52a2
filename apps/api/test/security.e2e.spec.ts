import request from 'supertest';
import { ApiKeyEntity } from '@topicops/corpus';
import { testDialects } from '@topicops/corpus/testing';
import { sha256Hex } from '../src/security/api-key-hash';
import { LaunchOutcome, PipelineLauncher, PipelineRunRequest } from '../src/pipeline-runs/pipeline-launcher';
import { promoteNewVersion, topicText } from './support/model-fixture';
import { TestApp, startTestApp } from './support/test-app';

class RecordingLauncher extends PipelineLauncher {
  readonly requests: PipelineRunRequest[] = [];
  failWith: Error | null = null;

  async launch(request: PipelineRunRequest): Promise<LaunchOutcome> {
    if (this.failWith) throw this.failWith;
    this.requests.push(request);
    return { pipelineRunId: `run-${this.requests.length}`, created: true, reason: 'created', mode: 'in-process' };
  }

  async stop(): Promise<void> {
    // nothing runs
  }
}

describe.each(testDialects())('API keys, rate limits, headers and CORS (%s)', (dialect) => {
  let t: TestApp;
  const launcher = new RecordingLauncher();
  const server = () => t.app.getHttpServer();

  beforeAll(async () => {
    t = await startTestApp(`security_${dialect}`, {
      dialect,
      env: {
        PREDICT_API_KEYS: 'predict-key-1',
        ADMIN_API_KEYS: `sha256:${sha256Hex('admin-key-1')}`,
        RATE_LIMIT_PER_MINUTE: '40',
        CORS_ORIGINS: 'https://analysts.example.org',
      },
      overrides: { pipelineLauncher: launcher },
      prepare: async ({ db, tracking }) => {
        await promoteNewVersion(tracking);
        await db.ds.getRepository(ApiKeyEntity).insert([
          { name: 'table-admin', keyHash: sha256Hex('table-admin-key'), role: 'admin', revokedAt: null },
          { name: 'revoked', keyHash: sha256Hex('revoked-key'), role: 'predict', revokedAt: new Date() },
        ]);
      },
    });
  });

  afterAll(async () => {
    await t?.close();
  });

  const predict = () => request(server()).post('/v1/predictions').send({ text: topicText(0) });

  it('requires a valid key for predictions once predict keys are configured', async () => {
    expect((await predict().expect(401)).body.message).toMatch(/API key is required/);
    expect((await predict().set('x-api-key', 'wrong').expect(401)).body.message).toMatch(/not valid/);
    await predict().set('x-api-key', 'revoked-key').expect(401);
    await predict().set('x-api-key', 'predict-key-1').expect(200);
    await predict().set('authorization', 'Bearer predict-key-1').expect(200);
    await predict().set('x-api-key', 'admin-key-1').expect(200);
  });

  it('lets only admin keys (from the environment or the api_keys table) start pipeline runs', async () => {
    const start = () => request(server()).post('/v1/pipeline/runs').send({ corpus: 'demo', maxAttempts: 2 });
    await start().expect(401);
    expect((await start().set('x-api-key', 'predict-key-1').expect(403)).body.message).toMatch(/admin API key/);
    const created = await start().set('x-api-key', 'admin-key-1').expect(202);
    expect(created.body).toMatchObject({ pipelineRunId: 'run-1', created: true, statusUrl: '/v1/pipeline/runs/run-1' });
    await start().set('authorization', 'Bearer table-admin-key').expect(202);
    expect(launcher.requests).toEqual([
      { corpus: 'demo', maxAttempts: 2 },
      { corpus: 'demo', maxAttempts: 2 },
    ]);
  });

  it('answers an unexpected error with 500, the request id and no internals', async () => {
    launcher.failWith = new Error('ECONNREFUSED 10.0.0.5:6379 at Queue.add (/srv/app/node_modules/bullmq/dist/queue.js:42:7)');
    try {
      const res = await request(server()).post('/v1/pipeline/runs').set('x-api-key', 'admin-key-1').send({ corpus: 'demo' }).expect(500);
      expect(res.body).toEqual({
        statusCode: 500,
        error: 'Internal Server Error',
        message: 'Unexpected error; quote the requestId when reporting it',
        requestId: res.headers['x-request-id'],
      });
    } finally {
      launcher.failWith = null;
    }
  });

  it('sets security headers and serves Swagger UI and the OpenAPI document', async () => {
    const res = await request(server()).get('/docs').expect(200);
    expect(res.headers['content-security-policy']).toMatch(/default-src 'self'/);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['x-powered-by']).toBeUndefined();
    expect(res.text).toMatch(/swagger-ui/);
    const spec = await request(server()).get('/docs-json').expect(200);
    expect(Object.keys(spec.body.paths)).toEqual(
      expect.arrayContaining(['/v1/predictions', '/v1/topics/prevalence', '/v1/pipeline/runs/{id}', '/health/ready', '/metrics']),
    );
    expect(spec.body.components.schemas.PredictRequestDto.properties.text.example).toEqual(expect.any(String));
    expect(spec.body.components.securitySchemes['api-key']).toMatchObject({ type: 'apiKey', in: 'header', name: 'x-api-key' });
  });

  it('answers a cross-origin prediction with CORS headers and the same key checks', async () => {
    const cross = () => request(server()).post('/v1/predictions').set('origin', 'https://analysts.example.org').send({ text: topicText(1) });
    await cross().expect(401);
    const res = await cross().set('x-api-key', 'predict-key-1').expect(200);
    expect(res.headers['access-control-allow-origin']).toBe('https://analysts.example.org');
    expect(res.body.predictions[0].dominantTopic).toBe(1);
  });

  it('allows the configured CORS origin only', async () => {
    const allowed = await request(server())
      .options('/v1/predictions')
      .set('origin', 'https://analysts.example.org')
      .set('access-control-request-method', 'POST')
      .set('access-control-request-headers', 'content-type,x-api-key');
    expect(allowed.headers['access-control-allow-origin']).toBe('https://analysts.example.org');
    expect(allowed.headers['access-control-allow-headers']).toMatch(/x-api-key/);
    const other = await request(server()).get('/v1/kpi').set('origin', 'https://evil.example.com');
    expect(other.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('rate-limits each client per minute, but never health and metrics probes', async () => {
    let limited: request.Response | undefined;
    for (let i = 0; i < 60 && !limited; i += 1) {
      const res = await request(server()).get('/v1/kpi');
      if (res.status === 429) limited = res;
    }
    expect(limited?.body.message).toMatch(/RATE_LIMIT_PER_MINUTE/);
    expect(limited?.headers['retry-after']).toEqual(expect.any(String));
    for (let i = 0; i < 5; i += 1) {
      await request(server()).get('/health/live').expect(200);
      await request(server()).get('/metrics').expect(200);
    }
  });
});
