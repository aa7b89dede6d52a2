import { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { loadConfig } from '@topicops/config';
import { StageContext, StageHandlers } from '@topicops/pipeline';
import { WorkerModule } from './worker.module';
import { loadWorkerSettings } from './worker-settings';

export interface WorkerBootstrapOptions {
  env?: Record<string, string | undefined>;
  handlers?: (context: StageContext) => StageHandlers;
}

/**
 * Starts a worker: configuration from the environment, a Nest application context without HTTP, and
 * SIGTERM/SIGINT handled as a graceful stop (no new jobs; running stages finish or are handed back).
 */
export async function bootstrapWorker(options: WorkerBootstrapOptions = {}): Promise<INestApplicationContext> {
  const env = options.env ?? process.env;
  const config = loadConfig(env);
  const settings = loadWorkerSettings(config.redisUrl, env);
  const app = await NestFactory.createApplicationContext(WorkerModule.forRoot({ config, settings, handlers: options.handlers }), {
    logger: ['error', 'warn'],
  });
  app.enableShutdownHooks(['SIGTERM', 'SIGINT']);
  return app;
}
