import { availableParallelism } from 'node:os';
import { ConfigError } from '@topicops/config';

/** API_WORKERS: how many processes serve the port (node:cluster). A number, or `auto` for one per core. */
export function apiWorkerCount(env: Record<string, string | undefined> = process.env): number {
  const raw = (env['API_WORKERS'] ?? '').trim();
  if (!raw) return 1;
  if (raw === 'auto') return availableParallelism();
  const count = Number(raw);
  if (!Number.isInteger(count) || count < 1 || count > 64) {
    throw new ConfigError([`API_WORKERS="${raw}" must be "auto" or an integer from 1 to 64`]);
  }
  return count;
}
