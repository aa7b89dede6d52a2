// Public API of @topicops/config: typed environment configuration, logging and CLI output helpers.
export { ConfigError, parseDatabaseUrl, redactUrl } from './database-url';
export type { DatabaseTarget } from './database-url';
export { loadConfig, DEFAULTS } from './env';
export type { AppConfig, TfjsBackendChoice } from './env';
export { ExitCode, UsageError, emitSummary } from './cli-output';
export { createLogger } from './logger';
export type { Logger } from './logger';
