import { splitLogBatch } from './log-batch-splitter';
import { WireKeyValue, WireMetric } from './wire';

const metric = (i: number): WireMetric => ({ key: `m${i}`, value: i, timestamp: 1, step: 0 });
const kv = (prefix: string, count: number, size = 1): WireKeyValue[] =>
  Array.from({ length: count }, (_, i) => ({ key: `${prefix}${i}`, value: 'x'.repeat(size) }));

describe('splitLogBatch', () => {
  it('returns nothing to send for an empty batch and one request for a small one', () => {
    expect(splitLogBatch('r', { metrics: [], params: [], tags: [] })).toEqual([]);
    expect(splitLogBatch('r', { metrics: [metric(1)], params: kv('p', 2), tags: [] })).toHaveLength(1);
  });

  it('respects per-kind and total counts, keeping order', () => {
    const batches = splitLogBatch('r', {
      metrics: Array.from({ length: 2300 }, (_, i) => metric(i)),
      params: kv('p', 250),
      tags: kv('t', 120),
    });
    for (const batch of batches) {
      expect(batch.params.length).toBeLessThanOrEqual(100);
      expect(batch.tags.length).toBeLessThanOrEqual(100);
      expect(batch.metrics.length).toBeLessThanOrEqual(1000);
      expect(batch.metrics.length + batch.params.length + batch.tags.length).toBeLessThanOrEqual(1000);
    }
    expect(batches.flatMap((b) => b.params.map((p) => p.key))).toEqual(kv('p', 250).map((p) => p.key));
    expect(batches.flatMap((b) => b.metrics.map((m) => m.value))).toEqual(Array.from({ length: 2300 }, (_, i) => i));
  });

  it('splits by body size even when counts are within limits', () => {
    const batches = splitLogBatch('r', { metrics: [], params: kv('p', 100, 6000), tags: kv('t', 100, 8000) });
    expect(batches.length).toBeGreaterThan(1);
    for (const batch of batches) expect(Buffer.byteLength(JSON.stringify(batch))).toBeLessThanOrEqual(1_000_000);
  });

  it('honours custom limits', () => {
    const limits = {
      maxMetricsPerBatch: 2,
      maxParamsPerBatch: 1,
      maxTagsPerBatch: 1,
      maxEntitiesPerBatch: 3,
      maxBatchBodyBytes: 10_000,
    };
    const batches = splitLogBatch(
      'r',
      { metrics: [metric(1), metric(2), metric(3)], params: kv('p', 2), tags: [] },
      limits,
    );
    expect(batches.map((b) => [b.params.length, b.metrics.length])).toEqual([
      [1, 0],
      [1, 2],
      [0, 1],
    ]);
  });
});
