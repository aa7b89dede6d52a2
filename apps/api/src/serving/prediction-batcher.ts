import type { Prediction, PredictOptions } from '@topicops/pipeline';

export type PredictFn = (texts: string[], options: Required<PredictOptions>) => Promise<Prediction[]>;

interface PendingRequest {
  texts: string[];
  resolve(predictions: Prediction[]): void;
  reject(error: unknown): void;
}

/**
 * Micro-batching: requests that arrive in the same turn of the event loop are answered by one call to
 * the model (one tensor dispatch instead of one per request). Requests are never split; a batch holds at
 * most `maxBatchTexts` texts. When a shared batch fails, its requests are retried one by one so that a
 * single bad request cannot fail its neighbours.
 */
export class PredictionBatcher {
  private readonly queues = new Map<string, { options: Required<PredictOptions>; pending: PendingRequest[] }>();
  private scheduled = false;

  constructor(
    private readonly predictFn: PredictFn,
    private readonly maxBatchTexts: number,
  ) {}

  predict(texts: string[], options: Required<PredictOptions>): Promise<Prediction[]> {
    return new Promise<Prediction[]>((resolve, reject) => {
      const key = `${options.minimumProbability}|${options.topWords}`;
      let queue = this.queues.get(key);
      if (!queue) {
        queue = { options, pending: [] };
        this.queues.set(key, queue);
      }
      queue.pending.push({ texts, resolve, reject });
      if (!this.scheduled) {
        this.scheduled = true;
        setImmediate(() => this.flush());
      }
    });
  }

  private flush(): void {
    this.scheduled = false;
    const queues = [...this.queues.values()];
    this.queues.clear();
    for (const { options, pending } of queues) {
      for (const batch of this.chunk(pending)) void this.run(batch, options);
    }
  }

  private chunk(pending: PendingRequest[]): PendingRequest[][] {
    const batches: PendingRequest[][] = [];
    let current: PendingRequest[] = [];
    let size = 0;
    for (const request of pending) {
      if (current.length && size + request.texts.length > this.maxBatchTexts) {
        batches.push(current);
        current = [];
        size = 0;
      }
      current.push(request);
      size += request.texts.length;
    }
    if (current.length) batches.push(current);
    return batches;
  }

  private async run(batch: PendingRequest[], options: Required<PredictOptions>): Promise<void> {
    if (batch.length === 1) {
      const [only] = batch;
      await this.predictFn(only.texts, options).then(only.resolve, only.reject);
      return;
    }
    let predictions: Prediction[];
    try {
      predictions = await this.predictFn(
        batch.flatMap((request) => request.texts),
        options,
      );
    } catch {
      for (const request of batch) void this.run([request], options);
      return;
    }
    let offset = 0;
    for (const request of batch) {
      request.resolve(predictions.slice(offset, offset + request.texts.length));
      offset += request.texts.length;
    }
  }
}
