import cluster from 'node:cluster';
import { AppConfig, ConfigError, createLogger, loadConfig } from '@topicops/config';
import { loadApiEnv } from './app/api-env';
import { createApiApp } from './app/create-api-app';
import { runPrimary } from './cluster/primary';
import { clusterMetricsClient } from './cluster/worker-metrics';
import { ApiMetrics } from './metrics/api-metrics';

async function serve(config: AppConfig, inCluster: boolean): Promise<void> {
  const logger = createLogger({ name: 'topicops-api', level: config.logLevel });
  const metrics = new ApiMetrics();
  const app = await createApiApp(config, {
    logger,
    metrics,
    clusterMetrics: inCluster ? clusterMetricsClient(metrics.registry) : undefined,
    // Listen at once; /health/ready says when the database and the model are there.
    awaitStartup: false,
  });
  app.enableShutdownHooks();
  await app.listen(config.port, config.host);
  logger.info({ port: config.port, host: config.host, pid: process.pid }, 'TopicOps API listening');
}

function main(): void {
  let config: AppConfig;
  let workers: number;
  try {
    config = loadConfig();
    workers = loadApiEnv().workers;
  } catch (error) {
    process.stderr.write(`topicops api: ${error instanceof ConfigError ? error.message : String(error)}\n`);
    process.exit(2);
  }
  if (cluster.isPrimary && workers > 1) {
    runPrimary(workers, createLogger({ name: 'topicops-api', level: config.logLevel }));
    return;
  }
  serve(config, cluster.isWorker).catch((error: unknown) => {
    process.stderr.write(`topicops api: failed to start: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  });
}

main();
