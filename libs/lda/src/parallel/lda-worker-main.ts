// E-step worker thread: owns its tfjs backend, holds the current topic columns, runs batched E-steps on
// the shards it is sent. Bundled builds use this file as the `lda-worker` webpack entry.
import { parentPort } from 'node:worker_threads';
import { UsageError } from '@topicops/config';
import { runEStep } from '../estep/run-estep';
import { TopicColumns } from '../estep/topic-columns';
import { selectBackend } from '../tensor/backend';
import { WorkerRequest, WorkerResponse } from './protocol';

const port = parentPort;
if (!port) throw new Error('lda-worker must run in a worker thread');

let topics: TopicColumns | undefined;

function reply(message: WorkerResponse, transfer: ArrayBuffer[] = []): void {
  port?.postMessage(message, transfer);
}

async function handle(request: WorkerRequest): Promise<void> {
  switch (request.type) {
    case 'init':
      reply({ type: 'ready', backend: request.kernel === 'tfjs' ? await selectBackend(request.backend) : null });
      return;
    case 'topics':
      // A view of the shared buffer: the main thread rewrites it only between E-steps.
      topics = new TopicColumns(new Float32Array(request.values), request.numTopics, request.numTerms);
      reply({ type: 'topics-loaded' });
      return;
    case 'estep': {
      if (!topics) throw new Error('E-step requested before the topics were sent');
      const result = runEStep(topics, request.docs, request.gammaInit, request.settings);
      const transfer = [result.gamma.buffer as ArrayBuffer];
      if (result.sstats) transfer.push(result.sstats.buffer as ArrayBuffer);
      reply({ type: 'estep-done', id: request.id, result }, transfer);
      return;
    }
  }
}

// Requests are handled one at a time, in order.
let queue = Promise.resolve();
port.on('message', (request: WorkerRequest) => {
  queue = queue.then(() =>
    handle(request).catch((error: unknown) =>
      reply({ type: 'error', message: error instanceof Error ? error.message : String(error), usage: error instanceof UsageError }),
    ),
  );
});
