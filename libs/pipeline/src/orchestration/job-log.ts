import { AsyncLocalStorage } from 'node:async_hooks';
import { AppConfig, Logger, createLogger } from '@topicops/config';

type LineSink = (line: string) => void;

const currentJobSink = new AsyncLocalStorage<LineSink>();

/**
 * A logger whose lines written while a job runs (through runWithJobLog) are also appended to that
 * job's BullMQ log. The lines are copied after pino has serialised and redacted them, so the job log
 * holds exactly what the process log holds, for the stage code's own child loggers too.
 */
export function createJobAwareLogger(
  name: string,
  level: AppConfig['logLevel'],
  options: { /** false: lines go to job logs only (tests) */ processLog?: boolean } = {},
): Logger {
  const processLog = options.processLog ?? true;
  return createLogger({
    name,
    level,
    hooks: {
      streamWrite: (line: string) => {
        currentJobSink.getStore()?.(line);
        return processLog ? line : '';
      },
    },
  });
}

/** Runs `work` with every log line it writes also handed to `sink` (in order, failures ignored). */
export function runWithJobLog<T>(sink: (line: string) => Promise<unknown>, work: () => Promise<T>): Promise<T> {
  let chain: Promise<unknown> = Promise.resolve();
  const ordered: LineSink = (line) => {
    chain = chain.then(() => sink(line.trimEnd())).catch(() => undefined);
  };
  return currentJobSink.run(ordered, async () => {
    try {
      return await work();
    } finally {
      await chain;
    }
  });
}
