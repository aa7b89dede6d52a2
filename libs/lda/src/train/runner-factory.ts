import { EStepRunner } from '../parallel/estep-runner';
import { LocalEStepRunner } from '../parallel/local-runner';
import { WorkerPoolRunner } from '../parallel/worker-pool';
import { EStepKernel } from '../estep/estep-types';
import { BackendName } from '../types';

export interface RunnerChoice {
  runner: EStepRunner;
  /** Set when worker threads were wanted but could not start. */
  fallback?: string;
}

/** A worker pool for `threads` > 1, falling back to the calling thread when the workers cannot start. */
export async function createEStepRunner(
  threads: number,
  backend: BackendName,
  kernel: EStepKernel,
  numTopics: number,
): Promise<RunnerChoice> {
  const local = () => new LocalEStepRunner(backend, kernel, numTopics);
  if (threads <= 1) return { runner: local() };
  try {
    // Workers start the backend that runs here, so every thread computes the same way.
    return { runner: await WorkerPoolRunner.start(threads, backend, kernel, numTopics) };
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return { runner: local(), fallback: `threads=1: ${reason}` };
  }
}
