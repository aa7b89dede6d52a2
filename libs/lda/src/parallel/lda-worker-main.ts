// E-step worker thread: owns an E-step session (and its tfjs backend for the tfjs kernel), holds the
// current topics, runs the shards it is sent and keeps their statistics until asked. Bundled builds use
// this file as the `lda-worker` webpack entry.
import { parentPort } from 'node:worker_threads';
import { UsageError } from '@topicops/config';
import { EStepSession } from '../estep/estep-session';
import { TopicColumns } from '../estep/topic-columns';
import { selectBackend } from '../tensor/backend';
import { WorkerRequest, WorkerResponse } from './protocol';

const port = parentPort;
if (!port) throw new Error('lda-worker must run in a worker thread');

let session: EStepSession | undefined;

function reply(message: WorkerResponse, transfer: ArrayBuffer[] = []): void {
  port?.postMessage(message, transfer);
}

function current(): EStepSession {
  if (!session) throw new Error('the LDA worker was not initialised');
  return session;
}

async function handle(request: WorkerRequest): Promise<void> {
  switch (request.type) {
    case 'init': {
      const backend = request.kernel === 'tfjs' ? await selectBackend(request.backend) : null;
      session = new EStepSession(request.kernel, request.numTopics);
      reply({ type: 'ready', backend });
      return;
    }
    case 'topics':
      // A view of the shared buffer: the main thread rewrites it only between E-steps.
      current().setTopics(new TopicColumns(new Float32Array(request.values), request.numTopics, request.numTerms));
      reply({ type: 'topics-loaded' });
      return;
    case 'estep': {
      const result = current().run(request.docs, request.gammaInit, request.settings);
      reply({ type: 'estep-done', id: request.id, result }, [result.gamma.buffer as ArrayBuffer]);
      return;
    }
    case 'take-statistics': {
      const values = current().takeStatistics();
      reply({ type: 'statistics', values }, [values.buffer as ArrayBuffer]);
      return;
    }
  }
}

// Requests are handled one at a time, in order.
let queue = Promise.resolve();
port.on('message', (request: WorkerRequest) => {
  queue = queue.then(() =>
    handle(request).catch((error: unknown) =>
      reply({
        type: 'error',
        message: error instanceof Error ? error.message : String(error),
        usage: error instanceof UsageError,
      }),
    ),
  );
});
