import { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { createLogger, loadConfig } from '@topicops/config';
import { openStageContext } from '@topicops/pipeline';
import { SchedulerModule } from './scheduler.module';
import { loadSchedulerSettings } from './scheduler-settings';

/**
 * Starts the scheduler from the environment; SIGTERM/SIGINT close it cleanly. Configuration and schema
 * problems are thrown before Nest starts, so main.ts can print one clear line.
 */
export async function bootstrapScheduler(
  env: Record<string, string | undefined> = process.env,
): Promise<INestApplicationContext> {
  const config = loadConfig(env);
  const settings = loadSchedulerSettings(config.redisUrl, env);
  const logger = createLogger({ name: 'topicops-scheduler', level: config.logLevel });
  const context = await openStageContext(config, { logger });
  try {
    const app = await NestFactory.createApplicationContext(SchedulerModule.forRoot({ settings, context, logger }), {
      logger: ['error', 'warn'],
      abortOnError: false,
    });
    app.enableShutdownHooks(['SIGTERM', 'SIGINT']);
    return app;
  } catch (error) {
    await context.close();
    throw error;
  }
}
