import { randomBytes } from 'node:crypto';
import { Queue } from 'bullmq';
import { redisConnectionOptions } from '../orchestration/redis-connection';

/** The Redis server of the integration suites (TEST_REDIS_URL), or undefined: the suite then says why it skips. */
export const TEST_REDIS_URL = process.env['TEST_REDIS_URL']?.trim() || undefined;

export function redisSkipNotice(suite: string): void {
  if (!TEST_REDIS_URL) console.log(`${suite}: skipped, set TEST_REDIS_URL (e.g. redis://127.0.0.1:6379) to run it`);
}

/** A BullMQ prefix of the test file's own, so parallel suites never see each other's queues. */
export function testPrefix(label: string): string {
  return `t-${label}-${process.pid}-${randomBytes(3).toString('hex')}`;
}

/** Deletes every key under the prefix (BullMQ queues, locks, the watcher's memory). */
export async function deletePrefix(redisUrl: string, prefix: string): Promise<void> {
  // Any BullMQ object gives a plain Redis client; the queue itself is not used.
  const queue = new Queue('cleanup', { connection: redisConnectionOptions(redisUrl, 'producer'), prefix });
  const redis = await queue.client;
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 500);
      cursor = next;
      if (keys.length) await redis.del(...keys);
    } while (cursor !== '0');
  } finally {
    await queue.close();
  }
}
