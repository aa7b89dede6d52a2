import { DynamicModule, Module } from '@nestjs/common';
import { Logger } from '@topicops/config';
import { StageContext } from '@topicops/pipeline';
import { SchedulerSettings } from './scheduler-settings';
import { SchedulerService } from './scheduler.service';
import { SCHEDULER_CONTEXT, SCHEDULER_LOGGER, SCHEDULER_SETTINGS } from './tokens';

export interface SchedulerModuleOptions {
  settings: SchedulerSettings;
  /** The database context, opened (and checked) before Nest starts. */
  context: StageContext & { close(): Promise<void> };
  logger: Logger;
}

/** The scheduler's application context: the database and the Redis control loop, no HTTP. */
@Module({})
export class SchedulerModule {
  static forRoot(options: SchedulerModuleOptions): DynamicModule {
    return {
      module: SchedulerModule,
      providers: [
        { provide: SCHEDULER_SETTINGS, useValue: options.settings },
        { provide: SCHEDULER_LOGGER, useValue: options.logger },
        { provide: SCHEDULER_CONTEXT, useValue: options.context },
        SchedulerService,
      ],
      exports: [SchedulerService],
    };
  }
}
