import {
  BeforeApplicationShutdown,
  Inject,
  Injectable,
  OnApplicationBootstrap,
  OnApplicationShutdown,
} from '@nestjs/common';
import { Logger } from '@topicops/config';
import { StageContext, StageHandlers, StageWorkerPool } from '@topicops/pipeline';
import { STAGE_CONTEXT, STAGE_HANDLERS, WORKER_LOGGER, WORKER_SETTINGS } from './tokens';
import { WorkerSettings } from './worker-settings';

type ClosableStageContext = StageContext & { close(): Promise<void> };

/** Runs the stage queue consumers for the lifetime of the application context. */
@Injectable()
export class StageWorkersService implements OnApplicationBootstrap, BeforeApplicationShutdown, OnApplicationShutdown {
  private readonly pool: StageWorkerPool;

  constructor(
    @Inject(WORKER_SETTINGS) private readonly settings: WorkerSettings,
    @Inject(STAGE_CONTEXT) private readonly context: ClosableStageContext,
    @Inject(STAGE_HANDLERS) handlers: StageHandlers,
    @Inject(WORKER_LOGGER) private readonly logger: Logger,
  ) {
    this.pool = new StageWorkerPool({
      redisUrl: settings.redisUrl,
      prefix: settings.prefix,
      ds: context.ds,
      handlers,
      logger,
      stages: settings.stages,
      concurrency: settings.concurrency,
      stalled: settings.stalled,
    });
  }

  async onApplicationBootstrap(): Promise<void> {
    this.pool.start();
    await this.pool.waitUntilReady();
    this.logger.info(
      {
        prefix: this.settings.prefix,
        stages: this.settings.stages,
        concurrency: this.settings.concurrency,
      },
      'worker ready',
    );
  }

  async beforeApplicationShutdown(signal?: string): Promise<void> {
    this.logger.info({ signal, running: this.pool.runningJobs }, 'worker stopping: no new jobs');
    const outcome = await this.pool.close(this.settings.shutdownGraceMs);
    this.logger.info({ outcome }, 'worker stopped');
  }

  async onApplicationShutdown(): Promise<void> {
    await this.context.close();
  }
}
