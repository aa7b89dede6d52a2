import { ConfigError, loadConfig, parseDatabaseUrl, redactUrl } from './index';

describe('loadConfig', () => {
  it('defaults to the embedded set-up', () => {
    const config = loadConfig({});
    expect(config.database).toEqual({ kind: 'sqlite', path: './data/topicops.sqlite' });
    expect(config.trackingUri).toBe('./mlruns');
    expect(config.redisUrl).toBeUndefined();
    expect(config.kpiMinCv).toBeCloseTo(0.38);
  });

  it('parses a MySQL URL', () => {
    expect(parseDatabaseUrl('mysql://app:s%40cret@db:3307/topicops')).toEqual({
      kind: 'mysql', host: 'db', port: 3307, username: 'app', password: 's@cret', database: 'topicops',
    });
  });

  it('reports every problem at once and never echoes secrets', () => {
    let caught: unknown;
    try {
      loadConfig({ PORT: 'eighty', KPI_MIN_CV: '2', DATABASE_URL: 'postgres://u:hunter2@h/db', TFJS_BACKEND: 'gpu' });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ConfigError);
    const problems = (caught as ConfigError).problems;
    expect(problems).toHaveLength(4);
    expect((caught as Error).message).not.toContain('hunter2');
  });

  it('redacts passwords in URLs', () => {
    expect(redactUrl('mysql://root:topsecret@127.0.0.1:3306/test')).not.toContain('topsecret');
  });
});
