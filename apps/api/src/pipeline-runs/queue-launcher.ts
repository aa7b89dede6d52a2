import { ServiceUnavailableException } from '@nestjs/common';
import { UsageError } from '@topicops/config';
import { submitPipelineRunWithOutcome } from '@topicops/pipeline';
import type { DatabaseState } from '../database/database-state';
import { LaunchOutcome, PipelineLauncher, PipelineRunRequest } from './pipeline-launcher';

/** Hands runs to the scheduler through the `pipeline-requests` queue (the orchestration module). */
export class QueuePipelineLauncher extends PipelineLauncher {
  constructor(
    private readonly redisUrl: string,
    private readonly database: DatabaseState,
    private readonly prefix: string,
  ) {
    super();
  }

  async launch(request: PipelineRunRequest): Promise<LaunchOutcome> {
    const ds = this.database.ready();
    let outcome;
    try {
      outcome = await submitPipelineRunWithOutcome(this.redisUrl, ds, { ...request, trigger: 'api' }, { prefix: this.prefix });
    } catch (error) {
      if (error instanceof UsageError) throw error;
      throw new ServiceUnavailableException(`The run could not be queued (${error instanceof Error ? error.message : String(error)})`);
    }
    return { pipelineRunId: outcome.pipeline_run_id, created: outcome.created, reason: outcome.reason, mode: 'queue' };
  }

  async stop(): Promise<void> {
    // Each submission opens and closes its own queue connection: nothing is left open.
  }
}
