import {
  BeforeApplicationShutdown,
  Inject,
  Injectable,
  OnApplicationBootstrap,
  OnApplicationShutdown,
} from '@nestjs/common';
import { Logger } from '@topicops/config';
import { PipelineScheduler, SourceWatcher, StageContext } from '@topicops/pipeline';
import { redisFingerprintMemory } from './redis-fingerprint-memory';
import { SchedulerSettings } from './scheduler-settings';
import { SCHEDULER_CONTEXT, SCHEDULER_LOGGER, SCHEDULER_SETTINGS } from './tokens';

type ClosableStageContext = StageContext & { close(): Promise<void> };

export const CRON_SCHEDULER_PREFIX = 'cron-';

/** The control loop plus its two automatic triggers: the cron schedule and the new-data watcher. */
@Injectable()
export class SchedulerService implements OnApplicationBootstrap, BeforeApplicationShutdown, OnApplicationShutdown {
  readonly scheduler: PipelineScheduler;
  private watchTimer: NodeJS.Timeout | null = null;
  private watching: Promise<void> = Promise.resolve();

  constructor(
    @Inject(SCHEDULER_SETTINGS) private readonly settings: SchedulerSettings,
    @Inject(SCHEDULER_CONTEXT) private readonly context: ClosableStageContext,
    @Inject(SCHEDULER_LOGGER) private readonly logger: Logger,
  ) {
    this.scheduler = new PipelineScheduler({
      redisUrl: settings.redisUrl,
      prefix: settings.prefix,
      ds: context.ds,
      logger,
      stageRetry: settings.stageRetry,
      reconcileIntervalMs: settings.reconcileIntervalMs,
      concurrency: settings.concurrency,
    });
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.scheduler.start();
    await this.configureCron();
    this.startWatcher();
    this.logger.info(
      {
        prefix: this.settings.prefix,
        corpus: this.settings.corpus,
        cron: this.settings.cron,
        watch: this.settings.watch,
      },
      'scheduler ready',
    );
  }

  async beforeApplicationShutdown(): Promise<void> {
    if (this.watchTimer) clearInterval(this.watchTimer);
    this.watchTimer = null;
    await this.watching;
    await this.scheduler.close();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.context.close();
  }

  private async configureCron(): Promise<void> {
    const { cron, corpus, maxAttempts } = this.settings;
    const id = `${CRON_SCHEDULER_PREFIX}${corpus}`;
    const removed = await this.scheduler.removeCronSchedulesExcept(cron ? [id] : []);
    if (removed.length) this.logger.info({ removed }, 'removed cron schedules no longer configured');
    if (!cron) return;
    try {
      await this.scheduler.scheduleCron(id, cron.pattern, cron.tz, {
        corpus,
        maxAttempts,
        ...(cron.source ? { source: cron.source } : {}),
      });
    } catch (error) {
      throw new Error(
        `SCHEDULE_CRON="${cron.pattern}" was rejected: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  }

  private startWatcher(): void {
    const { watch, corpus, maxAttempts, prefix } = this.settings;
    if (!watch) return;
    const watcher = new SourceWatcher({
      source: watch.source,
      corpus,
      memory: redisFingerprintMemory(this.scheduler.requestsQueue.client, prefix, corpus, watch.source),
      submit: (fingerprint) =>
        this.scheduler.request({
          corpus,
          trigger: 'new_data',
          source: watch.source,
          maxAttempts,
          idempotencyKey: `new_data:${corpus}:${fingerprint.slice(0, 40)}`,
        }),
      logger: this.logger,
    });
    const poll = () => {
      this.watching = watcher
        .poll()
        .then((result) => this.logger.debug({ result }, 'watched source polled'))
        .catch((error: unknown) =>
          this.logger.warn(
            { error: error instanceof Error ? error.message : String(error) },
            'watching the source failed',
          ),
        );
    };
    poll();
    this.watchTimer = setInterval(() => {
      void this.watching.then(poll);
    }, watch.intervalMs);
  }
}
