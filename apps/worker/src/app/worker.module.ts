import { DynamicModule, Module } from '@nestjs/common';
import { Logger } from '@topicops/config';
import { StageContext, StageHandlers } from '@topicops/pipeline';
import { StageWorkersService } from './stage-workers.service';
import { STAGE_CONTEXT, STAGE_HANDLERS, WORKER_LOGGER, WORKER_SETTINGS } from './tokens';
import { WorkerSettings } from './worker-settings';

export interface WorkerModuleOptions {
  settings: WorkerSettings;
  /** The process's database and tracking context, opened (and checked) before Nest starts. */
  context: StageContext & { close(): Promise<void> };
  handlers: StageHandlers;
  logger: Logger;
}

/** The worker's application context: a pool of stage queue consumers around one stage context. */
@Module({})
export class WorkerModule {
  static forRoot(options: WorkerModuleOptions): DynamicModule {
    return {
      module: WorkerModule,
      providers: [
        { provide: WORKER_SETTINGS, useValue: options.settings },
        { provide: WORKER_LOGGER, useValue: options.logger },
        { provide: STAGE_CONTEXT, useValue: options.context },
        { provide: STAGE_HANDLERS, useValue: options.handlers },
        StageWorkersService,
      ],
    };
  }
}
