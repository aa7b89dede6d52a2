import request from 'supertest';
import { TestApp, startTestApp } from './support/test-app';

describe('API without a champion model', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp('nomodel');
  });

  afterAll(async () => {
    await t?.close();
  });

  it('is alive but not ready, and says why', async () => {
    await request(t.app.getHttpServer()).get('/health/live').expect(200);
    const ready = await request(t.app.getHttpServer()).get('/health').expect(503);
    expect(ready.body.status).toBe('error');
    expect(ready.body.details.database.status).toBe('up');
    expect(ready.body.details.model.status).toBe('down');
    expect(ready.body.details.model.reason).toMatch(/no version has been promoted/);
  });

  it('answers predictions with 503 and a clear message', async () => {
    const res = await request(t.app.getHttpServer()).post('/v1/predictions').send({ text: 'la scuola italiana' }).expect(503);
    expect(res.body.message).toMatch(/no version has been promoted to champion/);
    expect(res.body.requestId).toBe(res.headers['x-request-id']);
  });
});
