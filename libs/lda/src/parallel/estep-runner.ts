import { PackedDocs } from '../corpus/packed-docs';
import { EStepResult } from '../estep/estep-types';
import { TopicColumns } from '../estep/topic-columns';
import { BackendName } from '../types';
import { WorkerEStepSettings } from './protocol';

/** Where the current exp(E[log β]) comes from (the trainer's TopicState). */
export interface TopicSource {
  readonly numTopics: number;
  readonly numTerms: number;
  /** As a tensor on this thread's backend (the caller disposes it). */
  columns(): TopicColumns;
  /** As floats, (V + 1) × K term-major with a zero padding row. */
  columnValues(): Float32Array;
}

/** Where the E-step runs: the calling thread, or a pool of worker threads. */
export interface EStepRunner {
  readonly threads: number;
  readonly backend: BackendName;
  /** Installs the current topics for the next E-steps. */
  setTopics(source: TopicSource): Promise<void>;
  run(docs: PackedDocs, gammaInit: Float32Array, settings: WorkerEStepSettings): Promise<EStepResult>;
  close(): Promise<void>;
}
