import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { UsageError } from '@topicops/config';
import { PackedDocs, packedDocCount } from '../corpus/packed-docs';
import { SessionEStepResult } from '../estep/estep-session';
import { EStepKernel } from '../estep/estep-types';
import { BackendChoice, BackendName } from '../types';
import { EStepRunner, TopicSource } from './estep-runner';
import { WorkerEStepSettings, WorkerRequest, WorkerResponse } from './protocol';
import { mergeShardResults, splitIntoShards } from './shards';

const START_TIMEOUT_MS = 120_000;
const SHARDS_PER_WORKER = 4;
export const WORKER_SCRIPT_NAME = 'lda-worker.js';

/**
 * The worker entry: LDA_WORKER_SCRIPT, else lda-worker.js beside this code — the TypeScript bootstrap in
 * the sources, or the `lda-worker` webpack entry beside a bundle.
 */
export function findWorkerScript(): string | undefined {
  const path = (process.env['LDA_WORKER_SCRIPT'] ?? '').trim() || join(__dirname, WORKER_SCRIPT_NAME);
  return existsSync(path) ? path : undefined;
}

/** One worker thread and the reply it owes. */
class WorkerHandle {
  private pending?: { resolve(message: WorkerResponse): void; reject(error: Error): void };
  private failure?: Error;

  constructor(readonly worker: Worker) {
    worker.on('message', (message: WorkerResponse) => {
      const pending = this.pending;
      this.pending = undefined;
      if (message.type === 'error')
        pending?.reject(message.usage ? new UsageError(message.message) : new Error(`LDA worker: ${message.message}`));
      else pending?.resolve(message);
    });
    const fail = (error: Error) => {
      this.failure = error;
      this.pending?.reject(error);
      this.pending = undefined;
    };
    worker.on('error', (error) => fail(error instanceof Error ? error : new Error(String(error))));
    worker.on('exit', (code) => fail(new Error(`LDA worker exited (code ${code})`)));
  }

  request(message: WorkerRequest, transfer: ArrayBuffer[] = []): Promise<WorkerResponse> {
    if (this.failure) return Promise.reject(this.failure);
    return new Promise((resolve, reject) => {
      this.pending = { resolve, reject };
      this.worker.postMessage(message, transfer);
    });
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} timed out after ${ms / 1000} s`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** E-steps sharded over worker threads, each with its own tfjs backend; statistics merged on return. */
export class WorkerPoolRunner implements EStepRunner {
  private shared?: SharedArrayBuffer;

  private constructor(
    private readonly handles: WorkerHandle[],
    readonly backend: BackendName,
  ) {}

  get threads(): number {
    return this.handles.length;
  }

  /**
   * Starts `threads` workers (with the tfjs backend `backend` when the kernel is 'tfjs'); throws if the
   * script is missing or a worker fails.
   */
  static async start(
    threads: number,
    backend: BackendName,
    kernel: EStepKernel,
    numTopics: number,
  ): Promise<WorkerPoolRunner> {
    const script = findWorkerScript();
    if (!script) {
      const looked = (process.env['LDA_WORKER_SCRIPT'] ?? '').trim() || join(__dirname, WORKER_SCRIPT_NAME);
      throw new Error(`worker script not found at ${looked} (set LDA_WORKER_SCRIPT or build the lda-worker entry)`);
    }
    const handles = Array.from({ length: threads }, () => new WorkerHandle(new Worker(script)));
    try {
      const choice: BackendChoice = backend === 'tensorflow' ? 'node' : backend;
      const replies = await withTimeout(
        Promise.all(handles.map((h) => h.request({ type: 'init', backend: choice, kernel, numTopics }))),
        START_TIMEOUT_MS,
        'starting the LDA workers',
      );
      for (const reply of replies) {
        if (reply.type !== 'ready' || (kernel === 'tfjs' && reply.backend !== backend)) {
          throw new Error(`an LDA worker did not start the ${backend} backend (${JSON.stringify(reply)})`);
        }
      }
      return new WorkerPoolRunner(handles, backend);
    } catch (error) {
      await Promise.all(handles.map((h) => h.worker.terminate()));
      throw error;
    }
  }

  async setTopics(source: TopicSource): Promise<void> {
    const values = source.columns().values;
    if (!this.shared || this.shared.byteLength !== values.byteLength)
      this.shared = new SharedArrayBuffer(values.byteLength);
    new Float32Array(this.shared).set(values);
    const message: WorkerRequest = {
      type: 'topics',
      values: this.shared,
      numTopics: source.numTopics,
      numTerms: source.numTerms,
    };
    await Promise.all(this.handles.map((h) => h.request(message)));
  }

  /**
   * Splits the chunk into a few shards per worker and hands them out as workers finish, so that a shard
   * of slow-converging documents does not leave the other threads idle.
   */
  async run(docs: PackedDocs, gammaInit: Float32Array, settings: WorkerEStepSettings): Promise<SessionEStepResult> {
    const numTopics = settings.alpha.length;
    const shards = splitIntoShards(docs, this.handles.length * SHARDS_PER_WORKER);
    const results = new Array<SessionEStepResult>(shards.length);
    let next = 0;
    const drain = async (handle: WorkerHandle) => {
      while (next < shards.length) {
        const index = next++;
        const shard = shards[index];
        // A copy, not a view: posting a view would clone its whole buffer.
        const shardGamma = gammaInit.slice(
          shard.from * numTopics,
          (shard.from + packedDocCount(shard.docs)) * numTopics,
        );
        const transfer = [
          shard.docs.ids.buffer,
          shard.docs.counts.buffer,
          shard.docs.offsets.buffer,
          shardGamma.buffer,
        ] as ArrayBuffer[];
        const reply = await handle.request(
          { type: 'estep', id: index, docs: shard.docs, gammaInit: shardGamma, settings },
          transfer,
        );
        if (reply.type !== 'estep-done') throw new Error(`LDA worker answered ${reply.type} to an E-step`);
        results[index] = reply.result;
      }
    };
    await Promise.all(this.handles.map(drain));
    return mergeShardResults(shards, results, packedDocCount(docs), numTopics);
  }

  async takeStatistics(): Promise<Float32Array> {
    const replies = await Promise.all(this.handles.map((h) => h.request({ type: 'take-statistics' })));
    let total: Float32Array | undefined;
    for (const reply of replies) {
      if (reply.type !== 'statistics') throw new Error(`LDA worker answered ${reply.type} to take-statistics`);
      if (!total) total = reply.values;
      else for (let i = 0; i < total.length; i++) total[i] += reply.values[i];
    }
    if (!total) throw new Error('the LDA worker pool is empty');
    return total;
  }

  async close(): Promise<void> {
    await Promise.all(this.handles.map((h) => h.worker.terminate()));
  }
}
