import { setTimeout as sleep } from 'node:timers/promises';
import { runMigrations } from '@topicops/corpus';
import { createTrackingClient } from '@topicops/tracking';
import request from 'supertest';
import { TestApp, startTestApp } from './support/test-app';

describe('readiness while dependencies are missing', () => {
  describe('no champion model yet', () => {
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
      expect(ready.body.details.tracking.status).toBe('up');
      expect(ready.body.details.model).toMatchObject({ status: 'down', reason: expect.stringMatching(/no version has been promoted/) });
      await request(t.app.getHttpServer()).get('/health/ready').expect(503);
    });

    it('answers model endpoints with 503 and a clear message, and lists no versions', async () => {
      const server = t.app.getHttpServer();
      const res = await request(server).post('/v1/predictions').send({ text: 'la scuola italiana' }).expect(503);
      expect(res.body.message).toMatch(/no version has been promoted to champion/);
      expect(res.body.requestId).toBe(res.headers['x-request-id']);
      await request(server).get('/v1/models/current').expect(503);
      await request(server).get('/v1/topics').expect(503);
      const models = await request(server).get('/v1/models').expect(200);
      expect(models.body).toEqual({ name: 'topicops-lda', champion: null, serving: null, versions: [] });
    });
  });

  describe('pending migrations and an unreachable registry', () => {
    let t: TestApp;

    beforeAll(async () => {
      t = await startTestApp('pending', {
        overrides: {
          databaseRecheckMs: 100,
          tracking: createTrackingClient('http://127.0.0.1:9', { retries: 0, timeoutMs: 500 }),
        },
        prepare: async ({ db }) => {
          await db.ds.undoLastMigration();
        },
      });
    });

    afterAll(async () => {
      await t?.close();
    });

    it('reports each problem, refuses database endpoints, and becomes ready for the database once migrated', async () => {
      const server = t.app.getHttpServer();
      const before = await request(server).get('/health').expect(503);
      expect(before.body.details.database).toMatchObject({ status: 'down', reason: expect.stringMatching(/1 migration\(s\) pending/) });
      expect(before.body.details.tracking).toMatchObject({ status: 'down', reason: expect.any(String) });
      const kpi = await request(server).get('/v1/kpi').expect(503);
      expect(kpi.body.message).toMatch(/The database is not ready: 1 migration\(s\) pending .*npm run cli -- migrate/);

      await runMigrations(t.db.ds);
      const deadline = Date.now() + 10_000;
      let after = await request(server).get('/health');
      while (after.body.details.database.status !== 'up' && Date.now() < deadline) {
        await sleep(100);
        after = await request(server).get('/health');
      }
      expect(after.body.details.database.status).toBe('up');
      await request(server).get('/v1/kpi').expect(200);
    });
  });
});
