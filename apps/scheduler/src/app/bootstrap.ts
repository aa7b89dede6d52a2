import { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { loadConfig } from '@topicops/config';
import { SchedulerModule } from './scheduler.module';
import { loadSchedulerSettings } from './scheduler-settings';

/** Starts the scheduler from the environment; SIGTERM/SIGINT close it cleanly. */
export async function bootstrapScheduler(env: Record<string, string | undefined> = process.env): Promise<INestApplicationContext> {
  const config = loadConfig(env);
  const settings = loadSchedulerSettings(config.redisUrl, env);
  const app = await NestFactory.createApplicationContext(SchedulerModule.forRoot(config, settings), { logger: ['error', 'warn'] });
  app.enableShutdownHooks(['SIGTERM', 'SIGINT']);
  return app;
}
