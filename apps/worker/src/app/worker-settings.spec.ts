import { ConfigError } from '@topicops/config';
import { loadWorkerSettings } from './worker-settings';

describe('loadWorkerSettings', () => {
  it('defaults to every stage, concurrency 1 and 30 s locks', () => {
    expect(loadWorkerSettings('redis://r:6379', {})).toEqual({
      redisUrl: 'redis://r:6379',
      prefix: 'topicops',
      stages: ['ingest', 'preprocess', 'train', 'evaluate'],
      concurrency: { ingest: 1, preprocess: 1, train: 1, evaluate: 1 },
      stalled: { lockDurationMs: 30_000, stalledIntervalMs: 30_000, maxStalledCount: 2 },
      shutdownGraceMs: 20_000,
    });
  });

  it('reads per-stage concurrency, a stage subset and the stalled-job timings', () => {
    const settings = loadWorkerSettings('redis://r', {
      WORKER_CONCURRENCY_TRAIN: '2',
      WORKER_CONCURRENCY_INGEST: '4',
      WORKER_STAGES: 'train, evaluate',
      WORKER_LOCK_DURATION_MS: '5000',
      WORKER_STALLED_INTERVAL_MS: '1000',
      BULLMQ_PREFIX: 'staging',
    });
    expect(settings).toMatchObject({
      prefix: 'staging',
      stages: ['train', 'evaluate'],
      concurrency: { ingest: 4, preprocess: 1, train: 2, evaluate: 1 },
      stalled: { lockDurationMs: 5000, stalledIntervalMs: 1000 },
    });
  });

  it('reports every problem at once', () => {
    let caught: unknown;
    try {
      loadWorkerSettings(undefined, {
        WORKER_CONCURRENCY_TRAIN: 'two',
        WORKER_STAGES: 'train,deploy',
        BULLMQ_PREFIX: 'a b',
      });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ConfigError);
    expect((caught as ConfigError).problems).toEqual([
      'REDIS_URL is required by the worker (e.g. redis://127.0.0.1:6379)',
      'WORKER_STAGES has unknown stage(s) deploy (use ingest, preprocess, train, evaluate)',
      'WORKER_CONCURRENCY_TRAIN="two" must be an integer from 1 to 64',
      `BULLMQ_PREFIX="a b" may hold only letters, digits, '.', '_' and '-'`,
    ]);
  });
});
