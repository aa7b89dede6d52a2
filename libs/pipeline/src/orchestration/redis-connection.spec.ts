import { UsageError } from '@topicops/config';
import { redisConnectionOptions } from './redis-connection';

describe('redisConnectionOptions', () => {
  it('reads host, port, credentials and database from the URL', () => {
    expect(redisConnectionOptions('redis://app:s%40cret@cache:6380/2', 'worker')).toEqual({
      host: 'cache',
      port: 6380,
      db: 2,
      username: 'app',
      password: 's@cret',
      maxRetriesPerRequest: null,
    });
  });

  it('uses TLS for rediss:// and fails fast for producers', () => {
    const options = redisConnectionOptions('rediss://cache', 'producer');
    expect(options).toMatchObject({
      host: 'cache',
      port: 6379,
      db: 0,
      tls: {},
      enableOfflineQueue: false,
      maxRetriesPerRequest: 2,
    });
  });

  it('explains a bad URL without echoing it', () => {
    expect(() => redisConnectionOptions('cache:6379', 'worker')).toThrow(UsageError);
    expect(() => redisConnectionOptions('http://u:hunter2@cache', 'worker')).toThrow(/scheme "http:" is not supported/);
    expect(() => redisConnectionOptions('redis://cache/x', 'worker')).toThrow(/database "x"/);
  });
});
