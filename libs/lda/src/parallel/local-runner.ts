import { PackedDocs } from '../corpus/packed-docs';
import { EStepResult } from '../estep/estep-types';
import { runEStep } from '../estep/run-estep';
import { TopicColumns } from '../estep/topic-columns';
import { BackendName } from '../types';
import { EStepRunner, TopicSource } from './estep-runner';
import { WorkerEStepSettings } from './protocol';

/** Runs the E-step on the calling thread's tfjs backend. */
export class LocalEStepRunner implements EStepRunner {
  readonly threads = 1;
  private topics?: TopicColumns;

  constructor(readonly backend: BackendName) {}

  async setTopics(source: TopicSource): Promise<void> {
    this.topics = source.columns();
  }

  async run(docs: PackedDocs, gammaInit: Float32Array, settings: WorkerEStepSettings): Promise<EStepResult> {
    if (!this.topics) throw new Error('E-step requested before the topics were set');
    return runEStep(this.topics, docs, gammaInit, settings);
  }

  async close(): Promise<void> {
    this.topics = undefined;
  }
}
