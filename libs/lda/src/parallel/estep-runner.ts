import { PackedDocs } from '../corpus/packed-docs';
import { SessionEStepResult } from '../estep/estep-session';
import { TopicColumns } from '../estep/topic-columns';
import { BackendName } from '../types';
import { WorkerEStepSettings } from './protocol';

/** Where the current exp(E[log β]) comes from (the trainer's TopicState). */
export interface TopicSource {
  readonly numTopics: number;
  readonly numTerms: number;
  /** Term-major with a zero padding row. */
  columns(): TopicColumns;
}

/**
 * Where the E-step runs: the calling thread, or a pool of worker threads. Statistics stay where they were
 * computed until the M-step takes them.
 */
export interface EStepRunner {
  readonly threads: number;
  readonly backend: BackendName;
  /** Installs the current topics for the next E-steps and clears the statistics. */
  setTopics(source: TopicSource): Promise<void>;
  /** An E-step over a chunk; γ starts from `gammaInit` (documents × K: gensim's draws, or the warm start). */
  run(docs: PackedDocs, gammaInit: Float32Array, settings: WorkerEStepSettings): Promise<SessionEStepResult>;
  /** The sufficient statistics (term-major V × K) gathered since the last setTopics() or take. */
  takeStatistics(): Promise<Float32Array>;
  close(): Promise<void>;
}
