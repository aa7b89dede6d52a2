import { AppConfig, ConfigError, ExitCode, UsageError, createLogger, emitSummary, loadConfig } from '@topicops/config';
import { PendingMigrationsError, StageContext, openStageContext } from '@topicops/pipeline';
import { ProgressReporter } from './progress';

export interface CommandEnvironment {
  config: AppConfig;
  progress: ProgressReporter;
}

/** Errors whose message is the whole story for the user: no stack trace, exit code 2. */
export function isUserError(error: unknown): error is Error {
  return (
    error instanceof UsageError ||
    error instanceof ConfigError ||
    error instanceof PendingMigrationsError ||
    (error instanceof Error && error.name === 'UsageError')
  );
}

/**
 * Runs one CLI command: loads the configuration, runs the action, prints its JSON summary as the last
 * stdout line and sets the exit code (0 ok, 2 bad input or usage, 1 failure). Failures print a JSON line
 * too, so orchestrators that parse the last line always find one.
 */
export interface CommandOutcome {
  summary: object;
  exitCode?: number;
}

export async function runCommand(
  name: string,
  action: (env: CommandEnvironment) => Promise<CommandOutcome>,
): Promise<void> {
  const progress = new ProgressReporter();
  const logger = createLogger({ name: 'topicops-cli', stream: 'stderr' });
  try {
    const config = loadConfig();
    const { summary, exitCode = ExitCode.OK } = await action({ config, progress });
    progress.stop();
    emitSummary(summary);
    process.exitCode = exitCode;
  } catch (error) {
    progress.stop();
    const message = error instanceof Error ? error.message : String(error);
    if (isUserError(error)) {
      process.stderr.write(`topicops ${name}: ${message}\n`);
      emitSummary({ ok: false, command: name, error: message });
      process.exitCode = ExitCode.USAGE;
    } else {
      logger.error({ err: error }, `${name} failed`);
      emitSummary({ ok: false, command: name, error: message });
      process.exitCode = ExitCode.FAILURE;
    }
  }
}

/** Opens the stage context (sqlite is migrated on the fly: one user owns the file) and always closes it. */
export async function withStageContext<T>(
  env: CommandEnvironment,
  work: (ctx: StageContext) => Promise<T>,
): Promise<T> {
  const ctx = await openStageContext(env.config, {
    migrate: 'sqlite-only',
    logger: createLogger({ name: 'topicops-cli', level: env.config.logLevel, stream: 'stderr' }),
  });
  ctx.progress = ({ stage, fraction, message }) => env.progress.update(stage, fraction, message ?? '');
  try {
    return await work(ctx);
  } finally {
    await ctx.close();
  }
}
