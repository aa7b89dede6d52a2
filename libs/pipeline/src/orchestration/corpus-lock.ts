import { randomUUID } from 'node:crypto';
import { RedisClient } from 'bullmq';

const LOCK_TTL_MS = 15_000;
const WAIT_STEP_MS = 50;
const RELEASE_IF_OWNER = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end`;

export class CorpusBusyError extends Error {
  constructor(corpus: string) {
    super(`another submission for corpus "${corpus}" is in progress; try again in a moment`);
    this.name = 'CorpusBusyError';
  }
}

/**
 * Serialises "is this corpus busy? if not, create its run" across processes (API replicas, CLI,
 * scheduler). The lock is short-lived and expires on its own if its holder dies.
 */
export async function withCorpusLock<T>(
  client: RedisClient,
  prefix: string,
  corpus: string,
  work: () => Promise<T>,
  waitMs = 10_000,
): Promise<T> {
  const key = `${prefix}:lock:corpus:${corpus}`;
  const token = randomUUID();
  const deadline = Date.now() + waitMs;
  while ((await client.set(key, token, 'PX', LOCK_TTL_MS, 'NX')) !== 'OK') {
    if (Date.now() >= deadline) throw new CorpusBusyError(corpus);
    await new Promise((resolve) => setTimeout(resolve, WAIT_STEP_MS));
  }
  try {
    return await work();
  } finally {
    await client.eval(RELEASE_IF_OWNER, 1, key, token);
  }
}
