import cluster, { Worker } from 'node:cluster';
import type { Logger } from '@topicops/config';
import { AggregatorRegistry } from 'prom-client';
import { METRICS_RESPONSE, MetricsResponse, isMetricsRequest } from './cluster-messages';

const CRASH_WINDOW_MS = 10_000;
const MAX_QUICK_CRASHES = 5;
const SHUTDOWN_GRACE_MS = 30_000;

/**
 * The cluster primary: forks the workers (which share the listening port), restarts one that dies,
 * gives up when workers keep dying right after start, and aggregates their metrics for /metrics.
 */
export function runPrimary(workerCount: number, logger: Logger): void {
  const aggregator = new AggregatorRegistry();
  const startedAt = new Map<number, number>();
  let quickCrashes = 0;
  let stopping = false;

  const fork = () => {
    const worker = cluster.fork();
    startedAt.set(worker.id, Date.now());
    worker.on('message', (message: unknown) => answerMetrics(worker, message));
  };

  const answerMetrics = (worker: Worker, message: unknown) => {
    if (!isMetricsRequest(message)) return;
    aggregator.clusterMetrics().then(
      (text) => send(worker, { type: METRICS_RESPONSE, id: message.id, text }),
      (error: unknown) => send(worker, { type: METRICS_RESPONSE, id: message.id, error: error instanceof Error ? error.message : String(error) }),
    );
  };

  cluster.on('exit', (worker, code, signal) => {
    const lived = Date.now() - (startedAt.get(worker.id) ?? 0);
    startedAt.delete(worker.id);
    if (stopping) {
      if (!Object.keys(cluster.workers ?? {}).length) process.exit(0);
      return;
    }
    quickCrashes = lived < CRASH_WINDOW_MS ? quickCrashes + 1 : 0;
    if (quickCrashes >= MAX_QUICK_CRASHES) {
      logger.fatal({ code, signal }, 'API workers keep exiting right after start; giving up');
      process.exit(1);
    }
    logger.error({ pid: worker.process.pid, code, signal }, 'API worker exited; starting another');
    fork();
  });

  const shutdown = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'stopping API workers');
    for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill('SIGTERM');
    setTimeout(() => process.exit(1), SHUTDOWN_GRACE_MS).unref();
  };
  process.on('SIGTERM', shutdown);
  process.on('SIGINT', shutdown);

  logger.info({ workers: workerCount }, 'starting API workers');
  for (let i = 0; i < workerCount; i += 1) fork();
}

function send(worker: Worker, message: MetricsResponse): void {
  if (worker.isConnected()) worker.send(message);
}
