import { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { loadConfig } from '@topicops/config';
import {
  StageContext,
  StageHandlers,
  createJobAwareLogger,
  openStageContext,
  realStageHandlers,
} from '@topicops/pipeline';
import { WorkerModule } from './worker.module';
import { loadWorkerSettings } from './worker-settings';

export interface WorkerBootstrapOptions {
  env?: Record<string, string | undefined>;
  /** Stage implementations; the real stages unless a test injects its own. */
  handlers?: (context: StageContext) => StageHandlers;
}

/**
 * Starts a worker: configuration from the environment, the database and tracking context (refusing a
 * schema with pending migrations), then a Nest application context without HTTP whose SIGTERM/SIGINT
 * handling is a graceful stop (no new jobs; running stages finish or are handed back). Problems before
 * Nest starts are thrown as they are, so main.ts can print one clear line.
 */
export async function bootstrapWorker(options: WorkerBootstrapOptions = {}): Promise<INestApplicationContext> {
  const env = options.env ?? process.env;
  const config = loadConfig(env);
  const settings = loadWorkerSettings(config.redisUrl, env);
  const logger = createJobAwareLogger('topicops-worker', config.logLevel);
  const context = await openStageContext(config, { logger });
  try {
    const handlers = (options.handlers ?? realStageHandlers)(context);
    const app = await NestFactory.createApplicationContext(
      WorkerModule.forRoot({ settings, context, handlers, logger }),
      {
        logger: ['error', 'warn'],
        abortOnError: false,
      },
    );
    app.enableShutdownHooks(['SIGTERM', 'SIGINT']);
    return app;
  } catch (error) {
    await context.close();
    throw error;
  }
}
