import { isAbsolute, resolve } from 'node:path';
import { ConfigError } from '@topicops/config';
import { DEFAULT_MAX_ATTEMPTS, DEFAULT_QUEUE_PREFIX, DEFAULT_STAGE_RETRY, StageRetryPolicy } from '@topicops/pipeline';

/** The scheduler's own environment, on top of loadConfig()'s. */
export interface SchedulerSettings {
  redisUrl: string;
  prefix: string;
  /** Corpus of the cron and new-data triggers. */
  corpus: string;
  maxAttempts: number;
  stageRetry: StageRetryPolicy;
  reconcileIntervalMs: number;
  concurrency: number;
  cron: { pattern: string; tz?: string; source?: string } | null;
  watch: { source: string; intervalMs: number } | null;
}

type Env = Record<string, string | undefined>;

/** Validates the scheduler's variables; every problem is reported at once as a ConfigError. */
export function loadSchedulerSettings(redisUrl: string | undefined, env: Env = process.env): SchedulerSettings {
  const problems: string[] = [];
  const text = (key: string): string | undefined => (env[key] ?? '').trim() || undefined;
  const integer = (key: string, fallback: number, min: number, max: number): number => {
    const raw = text(key);
    if (!raw) return fallback;
    const value = Number(raw);
    if (!Number.isInteger(value) || value < min || value > max) {
      problems.push(`${key}="${raw}" must be an integer from ${min} to ${max}`);
      return fallback;
    }
    return value;
  };
  const path = (key: string): string | undefined => {
    const raw = text(key);
    return raw ? (isAbsolute(raw) ? raw : resolve(raw)) : undefined;
  };

  if (!redisUrl) problems.push('REDIS_URL is required by the scheduler (e.g. redis://127.0.0.1:6379)');
  const prefix = text('BULLMQ_PREFIX') ?? DEFAULT_QUEUE_PREFIX;
  if (!/^[\w.-]+$/.test(prefix))
    problems.push(`BULLMQ_PREFIX="${prefix}" may hold only letters, digits, '.', '_' and '-'`);
  const corpus = text('PIPELINE_CORPUS') ?? 'default';
  if (corpus.length > 128) problems.push('PIPELINE_CORPUS must be at most 128 characters');

  const pattern = text('SCHEDULE_CRON');
  if (pattern && pattern.split(/\s+/).length < 5)
    problems.push(`SCHEDULE_CRON="${pattern}" is not a cron pattern (e.g. "0 2 * * *")`);
  const cronSource = path('SCHEDULE_SOURCE');
  if (cronSource && !pattern) problems.push('SCHEDULE_SOURCE is set but SCHEDULE_CRON is not');
  const watchSource = path('WATCH_SOURCE');

  const settings: SchedulerSettings = {
    redisUrl: redisUrl ?? '',
    prefix,
    corpus,
    maxAttempts: integer('PIPELINE_MAX_ATTEMPTS', DEFAULT_MAX_ATTEMPTS, 1, 50),
    stageRetry: {
      attempts: integer('PIPELINE_STAGE_ATTEMPTS', DEFAULT_STAGE_RETRY.attempts, 1, 20),
      backoffMs: integer('PIPELINE_STAGE_BACKOFF_MS', DEFAULT_STAGE_RETRY.backoffMs, 0, 3_600_000),
    },
    reconcileIntervalMs: integer('RECONCILE_INTERVAL_SECONDS', 30, 0, 86_400) * 1000,
    concurrency: integer('SCHEDULER_CONCURRENCY', 4, 1, 64),
    cron: pattern ? { pattern, tz: text('SCHEDULE_TZ'), source: cronSource } : null,
    watch: watchSource
      ? { source: watchSource, intervalMs: integer('WATCH_INTERVAL_SECONDS', 60, 1, 86_400) * 1000 }
      : null,
  };
  if (problems.length) throw new ConfigError(problems);
  return settings;
}
