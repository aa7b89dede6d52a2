import { createHash } from 'node:crypto';
import { FingerprintMemory } from '@topicops/pipeline';
import { RedisClient } from 'bullmq';

/** The watcher's last acted-on fingerprint, kept in Redis so a restarted scheduler does not re-trigger. */
export function redisFingerprintMemory(
  client: Promise<RedisClient>,
  prefix: string,
  corpus: string,
  source: string,
): FingerprintMemory {
  const key = `${prefix}:watch:${corpus}:${createHash('sha256').update(source).digest('hex').slice(0, 16)}`;
  return {
    get: async () => (await client).get(key),
    set: async (fingerprint) => {
      await (await client).set(key, fingerprint);
    },
  };
}
