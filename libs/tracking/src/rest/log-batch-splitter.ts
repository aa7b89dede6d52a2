import { MLFLOW_LIMITS } from '../validation';
import { WireKeyValue, WireLogBatch, WireMetric } from './wire';

export interface BatchLimits {
  maxMetricsPerBatch: number;
  maxParamsPerBatch: number;
  maxTagsPerBatch: number;
  maxEntitiesPerBatch: number;
  maxBatchBodyBytes: number;
}

type Item =
  | { kind: 'params'; entry: WireKeyValue }
  | { kind: 'tags'; entry: WireKeyValue }
  | { kind: 'metrics'; entry: WireMetric };

/**
 * Splits one logical batch into log-batch request bodies that each respect MLflow's limits on counts
 * and body size. Order is kept (params, then tags, then metrics), so metric history stays in order.
 */
export function splitLogBatch(
  runId: string,
  content: { metrics: WireMetric[]; params: WireKeyValue[]; tags: WireKeyValue[] },
  limits: BatchLimits = MLFLOW_LIMITS,
): WireLogBatch[] {
  const items: Item[] = [
    ...content.params.map((entry): Item => ({ kind: 'params', entry })),
    ...content.tags.map((entry): Item => ({ kind: 'tags', entry })),
    ...content.metrics.map((entry): Item => ({ kind: 'metrics', entry })),
  ];
  const emptyBodyBytes = byteLength({ run_id: runId, metrics: [], params: [], tags: [] });
  const batches: WireLogBatch[] = [];
  let current = emptyBatch(runId);
  let currentBytes = emptyBodyBytes;

  for (const item of items) {
    // +1 for the separating comma (over-counts the first item of each array: safe).
    const itemBytes = byteLength(item.entry) + 1;
    if (emptyBodyBytes + itemBytes > limits.maxBatchBodyBytes) {
      throw new RangeError(`a single ${item.kind} entry (${itemBytes} bytes) exceeds the request size limit`);
    }
    if (!fits(current, item.kind, currentBytes + itemBytes, limits)) {
      batches.push(current);
      current = emptyBatch(runId);
      currentBytes = emptyBodyBytes;
    }
    pushItem(current, item);
    currentBytes += itemBytes;
  }
  if (count(current) > 0) batches.push(current);
  return batches;
}

function fits(batch: WireLogBatch, kind: Item['kind'], bytesAfter: number, limits: BatchLimits): boolean {
  if (bytesAfter > limits.maxBatchBodyBytes) return false;
  if (count(batch) + 1 > limits.maxEntitiesPerBatch) return false;
  if (kind === 'metrics') return batch.metrics.length + 1 <= limits.maxMetricsPerBatch;
  if (kind === 'params') return batch.params.length + 1 <= limits.maxParamsPerBatch;
  return batch.tags.length + 1 <= limits.maxTagsPerBatch;
}

function pushItem(batch: WireLogBatch, item: Item): void {
  if (item.kind === 'metrics') batch.metrics.push(item.entry);
  else if (item.kind === 'params') batch.params.push(item.entry);
  else batch.tags.push(item.entry);
}

function emptyBatch(runId: string): WireLogBatch {
  return { run_id: runId, metrics: [], params: [], tags: [] };
}

function count(batch: WireLogBatch): number {
  return batch.metrics.length + batch.params.length + batch.tags.length;
}

function byteLength(value: unknown): number {
  return Buffer.byteLength(JSON.stringify(value), 'utf8');
}
