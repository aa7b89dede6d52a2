import { AggregatorRegistry, Registry } from 'prom-client';
import { METRICS_REQUEST, MetricsRequest, isMetricsResponse } from './cluster-messages';

const TIMEOUT_MS = 5000;

/**
 * In a cluster worker: answers the primary's aggregation requests with this worker's registry, and
 * returns a function that asks the primary for the metrics of all workers (what /metrics serves).
 */
export function clusterMetricsClient(registry: Registry): () => Promise<string> {
  AggregatorRegistry.setRegistries([registry]);
  new AggregatorRegistry(); // its constructor installs the worker-side listener
  let nextId = 0;
  const pending = new Map<number, { resolve(text: string): void; reject(error: Error): void; timer: NodeJS.Timeout }>();
  process.on('message', (message: unknown) => {
    if (!isMetricsResponse(message)) return;
    const request = pending.get(message.id);
    if (!request) return;
    pending.delete(message.id);
    clearTimeout(request.timer);
    if (message.error !== undefined) request.reject(new Error(`metrics aggregation failed: ${message.error}`));
    else request.resolve(message.text ?? '');
  });
  return () =>
    new Promise<string>((resolve, reject) => {
      const id = nextId++;
      const timer = setTimeout(() => {
        pending.delete(id);
        reject(new Error('the cluster primary did not answer the metrics request in time'));
      }, TIMEOUT_MS);
      pending.set(id, { resolve, reject, timer });
      const request: MetricsRequest = { type: METRICS_REQUEST, id };
      process.send?.(request);
    });
}
