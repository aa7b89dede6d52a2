import type { PipelineRequest } from '@topicops/pipeline';

export type PipelineRunRequest = Omit<PipelineRequest, 'trigger'>;

export interface LaunchOutcome {
  pipelineRunId: string;
  created: boolean;
  reason: 'created' | 'duplicate' | 'corpus_busy';
  mode: 'queue' | 'in-process';
}

/** Starts retraining runs: through the Redis scheduler when configured, otherwise inside this process. */
export abstract class PipelineLauncher {
  abstract launch(request: PipelineRunRequest): Promise<LaunchOutcome>;

  /** Waits for (or abandons) work started by this process; called on shutdown. */
  abstract stop(): Promise<void>;
}

/** Another run is already executing inside this process (the in-process launcher runs one at a time). */
export class LauncherBusyError extends Error {
  constructor(readonly pipelineRunId: string) {
    super(`pipeline run ${pipelineRunId} is already running in this API process; retry when it has finished, or configure REDIS_URL to queue runs`);
    this.name = 'LauncherBusyError';
  }
}
