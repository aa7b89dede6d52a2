import { DynamicModule, Module } from '@nestjs/common';
import { AppConfig, createLogger } from '@topicops/config';
import { openStageContext } from '@topicops/pipeline';
import { SchedulerSettings } from './scheduler-settings';
import { SchedulerService } from './scheduler.service';
import { SCHEDULER_CONTEXT, SCHEDULER_LOGGER, SCHEDULER_SETTINGS } from './tokens';

/** The scheduler's application context: the database and the Redis control loop, no HTTP. */
@Module({})
export class SchedulerModule {
  static forRoot(config: AppConfig, settings: SchedulerSettings): DynamicModule {
    const logger = createLogger({ name: 'topicops-scheduler', level: config.logLevel });
    return {
      module: SchedulerModule,
      providers: [
        { provide: SCHEDULER_SETTINGS, useValue: settings },
        { provide: SCHEDULER_LOGGER, useValue: logger },
        { provide: SCHEDULER_CONTEXT, useFactory: () => openStageContext(config, { logger }) },
        SchedulerService,
      ],
      exports: [SchedulerService],
    };
  }
}
