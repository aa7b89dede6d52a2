import pino, { Logger, LoggerOptions } from 'pino';

export type { Logger } from 'pino';

const REDACT = [
  'password',
  '*.password',
  'apiKey',
  '*.apiKey',
  'req.headers.authorization',
  'req.headers["x-api-key"]',
  'headers.authorization',
];

/**
 * Structured JSON logs. CLI processes log to stderr so stdout stays free for the JSON summary line;
 * services log to stdout as usual for containers.
 */
export function createLogger(options: { name: string; level?: string; stream?: 'stdout' | 'stderr' } & LoggerOptions): Logger {
  const { stream = 'stdout', level = process.env['LOG_LEVEL'] || 'info', ...rest } = options;
  return pino({ level, redact: { paths: REDACT, censor: '***' }, ...rest }, pino.destination(stream === 'stderr' ? 2 : 1));
}
