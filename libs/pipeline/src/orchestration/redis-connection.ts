import { UsageError } from '@topicops/config';
import { RedisOptions } from 'bullmq';

export type ConnectionRole = 'worker' | 'producer';

/**
 * BullMQ connection options from a redis:// or rediss:// URL. Workers block on Redis and must retry
 * forever (`maxRetriesPerRequest: null`, as BullMQ requires); producers (one API or CLI request) fail
 * fast instead of queueing commands while Redis is down, so a request gets a clear error, not a hang.
 */
export function redisConnectionOptions(redisUrl: string, role: ConnectionRole): RedisOptions {
  let url: URL;
  try {
    url = new URL(redisUrl);
  } catch {
    throw new UsageError('REDIS_URL is not a URL (expected redis://host:6379 or rediss://host:6380)');
  }
  if (url.protocol !== 'redis:' && url.protocol !== 'rediss:') {
    throw new UsageError(`REDIS_URL scheme "${url.protocol}" is not supported (use redis:// or rediss://)`);
  }
  const dbPath = url.pathname.replace(/^\//, '');
  const db = dbPath ? Number(dbPath) : 0;
  if (!Number.isInteger(db) || db < 0) throw new UsageError(`REDIS_URL database "${dbPath}" is not a number`);
  const options: RedisOptions = {
    host: url.hostname || '127.0.0.1',
    port: url.port ? Number(url.port) : 6379,
    db,
    ...(url.username ? { username: decodeURIComponent(url.username) } : {}),
    ...(url.password ? { password: decodeURIComponent(url.password) } : {}),
    ...(url.protocol === 'rediss:' ? { tls: {} } : {}),
  };
  return role === 'worker'
    ? { ...options, maxRetriesPerRequest: null }
    : {
        ...options,
        maxRetriesPerRequest: 2,
        enableOfflineQueue: false,
        connectTimeout: 5000,
        // A producer lives for one request: give up reconnecting instead of retrying in the background.
        retryStrategy: (times: number) => (times > 3 ? null : 250 * times),
      };
}
