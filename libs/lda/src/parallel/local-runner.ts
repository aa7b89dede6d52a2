import { PackedDocs } from '../corpus/packed-docs';
import { EStepSession, SessionEStepResult } from '../estep/estep-session';
import { EStepKernel } from '../estep/estep-types';
import { BackendName } from '../types';
import { EStepRunner, TopicSource } from './estep-runner';
import { WorkerEStepSettings } from './protocol';

/** Runs the E-step on the calling thread. */
export class LocalEStepRunner implements EStepRunner {
  readonly threads = 1;
  private readonly session: EStepSession;

  constructor(
    readonly backend: BackendName,
    kernel: EStepKernel,
    numTopics: number,
  ) {
    this.session = new EStepSession(kernel, numTopics);
  }

  async setTopics(source: TopicSource): Promise<void> {
    this.session.setTopics(source.columns());
  }

  async run(docs: PackedDocs, gammaInit: Float32Array, settings: WorkerEStepSettings): Promise<SessionEStepResult> {
    return this.session.run(docs, gammaInit, settings);
  }

  async takeStatistics(): Promise<Float32Array> {
    return this.session.takeStatistics();
  }

  async close(): Promise<void> {
    // Nothing to release: the session's memory goes with it.
  }
}
