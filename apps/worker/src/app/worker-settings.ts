import { ConfigError } from '@topicops/config';
import { DEFAULT_QUEUE_PREFIX, DEFAULT_STALLED_POLICY, STAGES, Stage, StalledJobPolicy } from '@topicops/pipeline';

/** The worker's own environment, on top of loadConfig()'s. */
export interface WorkerSettings {
  redisUrl: string;
  prefix: string;
  /** Stage queues this process consumes (WORKER_STAGES, default all). */
  stages: Stage[];
  concurrency: Record<Stage, number>;
  stalled: StalledJobPolicy;
  /** After SIGTERM, how long running stages may take to finish before they are asked to hand back. */
  shutdownGraceMs: number;
}

type Env = Record<string, string | undefined>;

export const DEFAULT_SHUTDOWN_GRACE_MS = 20_000;

/** Validates the worker's variables; every problem is reported at once as a ConfigError. */
export function loadWorkerSettings(redisUrl: string | undefined, env: Env = process.env): WorkerSettings {
  const problems: string[] = [];
  const integer = (key: string, fallback: number, min: number, max: number): number => {
    const raw = (env[key] ?? '').trim();
    if (!raw) return fallback;
    const value = Number(raw);
    if (!Number.isInteger(value) || value < min || value > max) {
      problems.push(`${key}="${raw}" must be an integer from ${min} to ${max}`);
      return fallback;
    }
    return value;
  };
  if (!redisUrl) problems.push('REDIS_URL is required by the worker (e.g. redis://127.0.0.1:6379)');

  const stagesRaw = (env['WORKER_STAGES'] ?? '').trim();
  const stages = stagesRaw
    ? stagesRaw
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean)
    : [...STAGES];
  const unknown = stages.filter((stage) => !(STAGES as readonly string[]).includes(stage));
  if (unknown.length)
    problems.push(`WORKER_STAGES has unknown stage(s) ${unknown.join(', ')} (use ${STAGES.join(', ')})`);

  const concurrency = Object.fromEntries(
    STAGES.map((stage) => [stage, integer(`WORKER_CONCURRENCY_${stage.toUpperCase()}`, 1, 1, 64)]),
  ) as Record<Stage, number>;
  const stalled: StalledJobPolicy = {
    lockDurationMs: integer('WORKER_LOCK_DURATION_MS', DEFAULT_STALLED_POLICY.lockDurationMs, 1000, 3_600_000),
    stalledIntervalMs: integer('WORKER_STALLED_INTERVAL_MS', DEFAULT_STALLED_POLICY.stalledIntervalMs, 500, 3_600_000),
    maxStalledCount: integer('WORKER_MAX_STALLED_COUNT', DEFAULT_STALLED_POLICY.maxStalledCount, 0, 100),
  };
  const shutdownGraceMs = integer('WORKER_SHUTDOWN_GRACE_MS', DEFAULT_SHUTDOWN_GRACE_MS, 0, 3_600_000);
  const prefix = (env['BULLMQ_PREFIX'] ?? '').trim() || DEFAULT_QUEUE_PREFIX;
  if (!/^[\w.-]+$/.test(prefix))
    problems.push(`BULLMQ_PREFIX="${prefix}" may hold only letters, digits, '.', '_' and '-'`);

  if (problems.length || !redisUrl) throw new ConfigError(problems);
  return { redisUrl, prefix, stages: stages as Stage[], concurrency, stalled, shutdownGraceMs };
}
