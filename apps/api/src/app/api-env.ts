import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError } from '@topicops/config';

/** Settings only the API reads, beside the shared AppConfig. */
export interface ApiEnv {
  /** API_WORKERS: processes serving the port through node:cluster (a number, or `auto`: one per core). */
  workers: number;
  /** MODEL_CACHE_DIR: where registered model versions are downloaded. */
  modelCacheDir: string;
  /** BULLMQ_PREFIX: key prefix of the queues (as the scheduler and the workers read it). */
  queuePrefix: string;
  /** PREDICTIONS_FAST_LANE: serve POST /v1/predictions without the router (default true; see PredictionsFastLane). */
  predictionsFastLane: boolean;
}

const DEFAULT_QUEUE_PREFIX = 'topicops';

export function loadApiEnv(env: Record<string, string | undefined> = process.env): ApiEnv {
  const problems: string[] = [];
  const rawWorkers = (env['API_WORKERS'] ?? '').trim();
  let workers = 1;
  if (rawWorkers === 'auto') workers = availableParallelism();
  else if (rawWorkers) {
    workers = Number(rawWorkers);
    if (!Number.isInteger(workers) || workers < 1 || workers > 64) {
      problems.push(`API_WORKERS="${rawWorkers}" must be "auto" or an integer from 1 to 64`);
    }
  }
  const queuePrefix = (env['BULLMQ_PREFIX'] ?? '').trim() || DEFAULT_QUEUE_PREFIX;
  if (!/^[\w.-]+$/.test(queuePrefix)) problems.push(`BULLMQ_PREFIX="${queuePrefix}" may hold only letters, digits, '.', '_' and '-'`);
  const modelCacheDir = (env['MODEL_CACHE_DIR'] ?? '').trim() || join(tmpdir(), 'topicops-api-models');
  const rawFastLane = (env['PREDICTIONS_FAST_LANE'] ?? '').trim().toLowerCase() || 'true';
  if (rawFastLane !== 'true' && rawFastLane !== 'false') problems.push(`PREDICTIONS_FAST_LANE="${rawFastLane}" must be true or false`);
  if (problems.length) throw new ConfigError(problems);
  return { workers, modelCacheDir, queuePrefix, predictionsFastLane: rawFastLane === 'true' };
}
