// A worker process for the multi-process tests: the real worker application (bootstrapWorker) with its
// stage handlers (the real ones, or fakes with TEST_WORKER_STAGES=fake) instrumented to report over IPC
// and, when asked, to pause after a stage has done its work but before its job completes — the window in
// which a SIGKILL must not cause duplicates.
import 'reflect-metadata';
import { Stage, StageHandlers, realStageHandlers } from '@topicops/pipeline';
import { bootstrapWorker } from '../../src/app/bootstrap';
import { fakeStages } from './fake-stages';
import { WorkerMessage } from './messages';

const useFakeStages = process.env['TEST_WORKER_STAGES'] === 'fake';

const pauseAfter = (process.env['TEST_WORKER_PAUSE_AFTER'] ?? '').split(',').filter(Boolean);
const pauseMs = Number(process.env['TEST_WORKER_PAUSE_MS'] ?? '60000');

function send(message: WorkerMessage): void {
  process.send?.(message);
}

function pause(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => {
      clearTimeout(timer);
      reject(new Error('aborted'));
    });
  });
}

function instrument(handlers: StageHandlers): StageHandlers {
  const wrap =
    (stage: Stage): StageHandlers[Stage] =>
    async (invocation, runtime) => {
      const about = {
        pid: process.pid,
        stage,
        pipelineRunId: invocation.pipelineRunId,
        attempt: invocation.attempt,
        corpus: invocation.corpus,
      };
      send({ type: 'stage-started', ...about });
      const result = await handlers[stage](invocation, runtime);
      if (pauseAfter.includes(stage)) {
        send({ type: 'paused', ...about });
        await pause(pauseMs, runtime.signal);
      }
      send({ type: 'stage-finished', ...about });
      return result;
    };
  return { ingest: wrap('ingest'), preprocess: wrap('preprocess'), train: wrap('train'), evaluate: wrap('evaluate') };
}

bootstrapWorker({ handlers: (context) => instrument(useFakeStages ? fakeStages : realStageHandlers(context)) })
  .then(() => send({ type: 'ready', pid: process.pid }))
  .catch((error: unknown) => {
    send({ type: 'startup-failed', pid: process.pid, message: error instanceof Error ? error.message : String(error) });
    process.exit(1);
  });
