import { availableParallelism } from 'node:os';
import { UsageError } from '@topicops/config';
import { MAX_THREADS } from './train-options';

/**
 * Below this many documents × topics, starting worker threads and merging their statistics costs more than
 * the E-step saves (measured: 450 pages at K = 20 ran faster on one thread, at K = 100 on two).
 */
const MIN_WORK_FOR_WORKERS = 20_000;

/** Threads for the E-step: the option, else LDA_THREADS (0 = auto), else one per core (at most 8). */
export function resolveThreadCount(requested: number | undefined, numDocs: number, numTopics: number): number {
  let threads = requested;
  if (threads === undefined) {
    const raw = (process.env['LDA_THREADS'] ?? '').trim();
    const fromEnv = raw ? Number(raw) : 0;
    if (!Number.isInteger(fromEnv) || fromEnv < 0 || fromEnv > MAX_THREADS) {
      throw new UsageError(`LDA_THREADS="${raw}" must be an integer from 0 (auto) to ${MAX_THREADS}`);
    }
    threads = fromEnv || Math.min(availableParallelism(), 8);
    if (numDocs * numTopics < MIN_WORK_FOR_WORKERS) threads = 1;
  }
  return Math.max(1, Math.min(threads, numDocs));
}
