import { createServer } from 'node:net';
import { TestDatabase, createTestDatabase } from '@topicops/corpus/testing';
import { submitPipelineRun } from '../../src/orchestration/request-run';

/** A local port with nothing listening on it. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (typeof address !== 'object' || !address) throw new Error('no port');
  return address.port;
}

describe('submitPipelineRun without a reachable Redis', () => {
  let db: TestDatabase;

  beforeAll(async () => {
    db = await createTestDatabase('orch_no_redis', 'sqlite');
  });

  afterAll(async () => {
    await db?.drop();
  });

  it('fails within seconds with a clear message and records nothing', async () => {
    const started = Date.now();
    const url = `redis://:s3cret@127.0.0.1:${await closedPort()}`;
    const attempt = submitPipelineRun(url, db.ds, { corpus: 'demo', trigger: 'api' });
    await expect(attempt).rejects.toThrow(
      /^Redis at redis:\/\/:\*\*\*@127\.0\.0\.1:\d+\/? is unreachable \(.+\): is REDIS_URL right and Redis running\?$/,
    );
    expect(Date.now() - started).toBeLessThan(8000);
    expect(await db.ds.query('SELECT COUNT(*) AS n FROM pipeline_runs')).toEqual([{ n: 0 }]);
  });
});
