import type { AppConfig, Logger } from '@topicops/config';
import { createLogger } from '@topicops/config';
import { createDataSource } from '@topicops/corpus';
import { CHAMPION_ALIAS, loadModelVersionBundle, trackingClientFor } from '@topicops/pipeline';
import type { TrackingClient } from '@topicops/tracking';
import type { DataSource } from 'typeorm';
import { DatabaseState } from '../database/database-state';
import { ApiMetrics } from '../metrics/api-metrics';
import { MetricsSource } from '../metrics/metrics-source';
import { InProcessPipelineLauncher } from '../pipeline-runs/in-process-launcher';
import { PipelineLauncher } from '../pipeline-runs/pipeline-launcher';
import { QueuePipelineLauncher } from '../pipeline-runs/queue-launcher';
import { ApiKeyStore } from '../security/api-key-store';
import { WindowThrottlerStorage } from '../security/window-throttler-storage';
import { ChampionHolder } from '../serving/champion-holder';
import { ApiEnv, loadApiEnv } from './api-env';
import { ApiSettings } from './api-settings';

const WARM_UP_TEXT = 'warm up';

/** What tests and the benchmark may swap; everything else comes from the configuration. */
export interface ApiAppOverrides {
  logger?: Logger;
  tracking?: TrackingClient;
  /** An initialised data source owned by the caller (it is not closed with the app). */
  dataSource?: DataSource;
  /** API-only settings (default: read from the environment, see loadApiEnv). */
  apiEnv?: Partial<ApiEnv>;
  metrics?: ApiMetrics;
  /** In cluster mode: asks the primary for the metrics of every worker. */
  clusterMetrics?: () => Promise<string>;
  pipelineLauncher?: PipelineLauncher;
  /** Database re-check interval while not ready (ms, default 5000). */
  databaseRecheckMs?: number;
  /** Wait for the first database check and champion load before returning (default true). */
  awaitStartup?: boolean;
}

/** The long-lived objects of one API app, shared by its controllers. */
export interface ApiRuntime {
  config: AppConfig;
  apiEnv: ApiEnv;
  settings: ApiSettings;
  logger: Logger;
  metrics: ApiMetrics;
  metricsSource: MetricsSource;
  tracking: TrackingClient;
  database: DatabaseState;
  champion: ChampionHolder;
  apiKeys: ApiKeyStore;
  launcher: PipelineLauncher;
  throttlerStorage: WindowThrottlerStorage;
}

export function createApiRuntime(config: AppConfig, overrides: ApiAppOverrides): ApiRuntime {
  const logger = overrides.logger ?? createLogger({ name: 'topicops-api', level: config.logLevel });
  const metrics = overrides.metrics ?? new ApiMetrics();
  const tracking = overrides.tracking ?? trackingClientFor(config);
  const database = new DatabaseState(overrides.dataSource ?? createDataSource(config.database), logger, {
    recheckMs: overrides.databaseRecheckMs ?? 5000,
    ownsConnection: !overrides.dataSource,
  });
  const apiEnv = { ...loadApiEnv(), ...overrides.apiEnv };
  const champion = new ChampionHolder(
    {
      championVersion: async () => (await tracking.getAlias(config.modelName, CHAMPION_ALIAS))?.version ?? null,
      load: async (version) => {
        const bundle = await loadModelVersionBundle(tracking, config.modelName, version, apiEnv.modelCacheDir);
        // One prediction before the switch: builds the topic tables, picks the tfjs backend, warms the JIT.
        await bundle.predict([WARM_UP_TEXT]);
        return bundle;
      },
    },
    logger,
    {
      pollSeconds: config.modelPollSeconds,
      maxBatchTexts: config.maxBatchTexts,
      onSwitch: (serving) => metrics.modelVersion.set(Number(serving.version) || 0),
      onLoadFailure: () => metrics.modelLoadFailures.inc(),
    },
  );
  const launcher =
    overrides.pipelineLauncher ??
    (config.redisUrl
      ? new QueuePipelineLauncher(config.redisUrl, database, apiEnv.queuePrefix)
      : new InProcessPipelineLauncher(database, tracking, config, logger));
  return {
    config,
    apiEnv,
    settings: new ApiSettings(config),
    logger,
    metrics,
    metricsSource: new MetricsSource(metrics, overrides.clusterMetrics),
    tracking,
    database,
    champion,
    apiKeys: new ApiKeyStore({ admin: config.adminApiKeys, predict: config.predictApiKeys }, database, logger),
    launcher,
    throttlerStorage: new WindowThrottlerStorage(),
  };
}
