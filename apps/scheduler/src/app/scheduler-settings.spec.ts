import { resolve } from 'node:path';
import { ConfigError } from '@topicops/config';
import { loadSchedulerSettings } from './scheduler-settings';

describe('loadSchedulerSettings', () => {
  it('defaults to no automatic triggers', () => {
    expect(loadSchedulerSettings('redis://r', {})).toEqual({
      redisUrl: 'redis://r',
      prefix: 'topicops',
      corpus: 'default',
      maxAttempts: 3,
      stageRetry: { attempts: 3, backoffMs: 2000 },
      reconcileIntervalMs: 30_000,
      concurrency: 4,
      cron: null,
      watch: null,
    });
  });

  it('reads the cron schedule and the watched folder', () => {
    const settings = loadSchedulerSettings('redis://r', {
      SCHEDULE_CRON: '0 2 * * *',
      SCHEDULE_TZ: 'Europe/Rome',
      SCHEDULE_SOURCE: 'data/incoming',
      WATCH_SOURCE: '/srv/drop',
      WATCH_INTERVAL_SECONDS: '15',
      PIPELINE_CORPUS: 'chroniclitaly',
      PIPELINE_MAX_ATTEMPTS: '5',
    });
    expect(settings).toMatchObject({
      corpus: 'chroniclitaly',
      maxAttempts: 5,
      cron: { pattern: '0 2 * * *', tz: 'Europe/Rome', source: resolve('data/incoming') },
      watch: { source: '/srv/drop', intervalMs: 15_000 },
    });
  });

  it('reports every problem at once', () => {
    let caught: unknown;
    try {
      loadSchedulerSettings(undefined, { SCHEDULE_CRON: 'nightly', SCHEDULE_SOURCE: '/x', PIPELINE_MAX_ATTEMPTS: '0' });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ConfigError);
    expect((caught as ConfigError).problems).toEqual([
      'REDIS_URL is required by the scheduler (e.g. redis://127.0.0.1:6379)',
      'SCHEDULE_CRON="nightly" is not a cron pattern (e.g. "0 2 * * *")',
      'PIPELINE_MAX_ATTEMPTS="0" must be an integer from 1 to 50',
    ]);
  });
});
