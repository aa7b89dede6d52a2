import { availableParallelism } from 'node:os';
import { UsageError } from '@topicops/config';
import { MAX_THREADS } from './train-options';

/** Below this many documents (half a default chunk), starting worker threads costs more than it saves. */
const MIN_DOCS_FOR_WORKERS = 1000;

/** Threads for the E-step: the option, else LDA_THREADS (0 = auto), else one per core (at most 8). */
export function resolveThreadCount(requested: number | undefined, numDocs: number): number {
  let threads = requested;
  if (threads === undefined) {
    const raw = (process.env['LDA_THREADS'] ?? '').trim();
    const fromEnv = raw ? Number(raw) : 0;
    if (!Number.isInteger(fromEnv) || fromEnv < 0 || fromEnv > MAX_THREADS) {
      throw new UsageError(`LDA_THREADS="${raw}" must be an integer from 0 (auto) to ${MAX_THREADS}`);
    }
    threads = fromEnv || Math.min(availableParallelism(), 8);
    if (numDocs < MIN_DOCS_FOR_WORKERS) threads = 1;
  }
  return Math.max(1, Math.min(threads, numDocs));
}
