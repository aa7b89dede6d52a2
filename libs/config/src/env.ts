import { ConfigError, DatabaseTarget, parseDatabaseUrl } from './database-url';

export type TfjsBackendChoice = 'auto' | 'node' | 'wasm' | 'cpu';

export interface AppConfig {
  databaseUrl: string;
  database: DatabaseTarget;
  trackingUri: string;
  trackingToken?: string;
  trackingUsername?: string;
  trackingPassword?: string;
  redisUrl?: string;
  port: number;
  host: string;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  modelName: string;
  experimentName: string;
  kpiMinCv: number;
  /** Words per topic in the KPI's coherence (10, as the benchmark evaluator; gensim's own default is 20). */
  kpiTopn: number;
  kpiMaxPerplexity?: number;
  tfjsBackend: TfjsBackendChoice;
  ldaThreads: number;
  adminApiKeys: string[];
  predictApiKeys: string[];
  corsOrigins: string[];
  rateLimitPerMinute: number;
  maxBatchTexts: number;
  maxTextChars: number;
  bodyLimit: string;
  modelPollSeconds: number;
}

type Env = Record<string, string | undefined>;

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
const BACKENDS = ['auto', 'node', 'wasm', 'cpu'] as const;

/** Defaults are the embedded set-up: sqlite in ./data, MLflow file store in ./mlruns, no Redis. */
export const DEFAULTS = {
  DATABASE_URL: 'sqlite:./data/topicops.sqlite',
  TRACKING_URI: './mlruns',
  PORT: '3000',
  HOST: '0.0.0.0',
  LOG_LEVEL: 'info',
  MODEL_NAME: 'topicops-lda',
  EXPERIMENT_NAME: 'topicops',
  KPI_MIN_CV: '0.38',
  KPI_TOPN: '10',
  TFJS_BACKEND: 'auto',
  RATE_LIMIT_PER_MINUTE: '6000',
  MAX_BATCH_TEXTS: '256',
  MAX_TEXT_CHARS: '200000',
  BODY_LIMIT: '2mb',
  MODEL_POLL_SECONDS: '5',
} as const;

function list(value: string | undefined): string[] {
  return (value ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}

/**
 * Reads and validates the whole configuration at start-up. Every problem is reported at once, as a
 * ConfigError, so a bad deployment fails fast with one clear message. Secrets are never echoed.
 */
export function loadConfig(env: Env = process.env): AppConfig {
  const problems: string[] = [];
  const get = (key: keyof typeof DEFAULTS) => (env[key] ?? '').trim() || DEFAULTS[key];

  const number = (key: keyof typeof DEFAULTS, opts: { min?: number; max?: number; integer?: boolean }) => {
    const raw = get(key);
    const value = Number(raw);
    if (!Number.isFinite(value) || (opts.integer && !Number.isInteger(value))) {
      problems.push(`${key}="${raw}" is not a${opts.integer ? 'n integer' : ' number'}`);
      return Number(DEFAULTS[key]);
    }
    if ((opts.min !== undefined && value < opts.min) || (opts.max !== undefined && value > opts.max)) {
      problems.push(`${key}=${value} is outside [${opts.min ?? '-inf'}, ${opts.max ?? 'inf'}]`);
    }
    return value;
  };
  const optionalNumber = (key: string) => {
    const raw = (env[key] ?? '').trim();
    if (!raw) return undefined;
    const value = Number(raw);
    if (!Number.isFinite(value)) {
      problems.push(`${key}="${raw}" is not a number`);
      return undefined;
    }
    return value;
  };

  const databaseUrl = get('DATABASE_URL');
  let database: DatabaseTarget = { kind: 'sqlite', path: './data/topicops.sqlite' };
  try {
    database = parseDatabaseUrl(databaseUrl);
  } catch (error) {
    problems.push(...(error instanceof ConfigError ? error.problems : [String(error)]));
  }

  const logLevel = get('LOG_LEVEL') as AppConfig['logLevel'];
  if (!LOG_LEVELS.includes(logLevel)) problems.push(`LOG_LEVEL="${logLevel}" is not one of ${LOG_LEVELS.join(', ')}`);
  const tfjsBackend = get('TFJS_BACKEND') as TfjsBackendChoice;
  if (!BACKENDS.includes(tfjsBackend)) problems.push(`TFJS_BACKEND="${tfjsBackend}" is not one of ${BACKENDS.join(', ')}`);

  const redisUrl = (env['REDIS_URL'] ?? '').trim() || undefined;
  if (redisUrl && !/^rediss?:\/\//.test(redisUrl)) problems.push('REDIS_URL must start with redis:// or rediss://');

  const trackingUri = get('TRACKING_URI');
  const ldaThreadsRaw = (env['LDA_THREADS'] ?? '').trim();
  const ldaThreads = ldaThreadsRaw ? Number(ldaThreadsRaw) : 0;
  if (!Number.isInteger(ldaThreads) || ldaThreads < 0 || ldaThreads > 64) {
    problems.push(`LDA_THREADS="${ldaThreadsRaw}" must be an integer from 0 (auto) to 64`);
  }

  const config: AppConfig = {
    databaseUrl,
    database,
    trackingUri,
    trackingToken: env['MLFLOW_TRACKING_TOKEN'] || undefined,
    trackingUsername: env['MLFLOW_TRACKING_USERNAME'] || undefined,
    trackingPassword: env['MLFLOW_TRACKING_PASSWORD'] || undefined,
    redisUrl,
    port: number('PORT', { min: 0, max: 65535, integer: true }),
    host: get('HOST'),
    logLevel,
    modelName: get('MODEL_NAME'),
    experimentName: get('EXPERIMENT_NAME'),
    kpiMinCv: number('KPI_MIN_CV', { min: -1, max: 1 }),
    kpiTopn: number('KPI_TOPN', { min: 2, max: 100, integer: true }),
    kpiMaxPerplexity: optionalNumber('KPI_MAX_PERPLEXITY'),
    tfjsBackend,
    ldaThreads,
    adminApiKeys: list(env['ADMIN_API_KEYS']),
    predictApiKeys: list(env['PREDICT_API_KEYS']),
    corsOrigins: list(env['CORS_ORIGINS']),
    rateLimitPerMinute: number('RATE_LIMIT_PER_MINUTE', { min: 1, integer: true }),
    maxBatchTexts: number('MAX_BATCH_TEXTS', { min: 1, max: 10000, integer: true }),
    maxTextChars: number('MAX_TEXT_CHARS', { min: 1, integer: true }),
    bodyLimit: get('BODY_LIMIT'),
    modelPollSeconds: number('MODEL_POLL_SECONDS', { min: 0.1 }),
  };
  if (!/^[\w.-]+$/.test(config.modelName)) problems.push(`MODEL_NAME="${config.modelName}" may hold only letters, digits, '.', '_' and '-'`);
  if (problems.length) throw new ConfigError(problems);
  return config;
}
