import { DynamicModule, Module } from '@nestjs/common';
import { AppConfig } from '@topicops/config';
import { StageContext, StageHandlers, createJobAwareLogger, openStageContext, realStageHandlers } from '@topicops/pipeline';
import { StageWorkersService } from './stage-workers.service';
import { STAGE_CONTEXT, STAGE_HANDLERS, WORKER_LOGGER, WORKER_SETTINGS } from './tokens';
import { WorkerSettings } from './worker-settings';

export interface WorkerModuleOptions {
  config: AppConfig;
  settings: WorkerSettings;
  /** Stage implementations; the real stages unless a test injects its own. */
  handlers?: (context: StageContext) => StageHandlers;
}

/** The worker's application context: one database/tracking context and a pool of stage queue consumers. */
@Module({})
export class WorkerModule {
  static forRoot(options: WorkerModuleOptions): DynamicModule {
    const logger = createJobAwareLogger('topicops-worker', options.config.logLevel);
    return {
      module: WorkerModule,
      providers: [
        { provide: WORKER_SETTINGS, useValue: options.settings },
        { provide: WORKER_LOGGER, useValue: logger },
        { provide: STAGE_CONTEXT, useFactory: () => openStageContext(options.config, { logger }) },
        {
          provide: STAGE_HANDLERS,
          useFactory: (context: StageContext) => (options.handlers ?? realStageHandlers)(context),
          inject: [STAGE_CONTEXT],
        },
        StageWorkersService,
      ],
    };
  }
}
