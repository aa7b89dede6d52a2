import { TopicSource } from '../parallel/estep-runner';

/** The topics being trained (gensim's LdaState): λ = η + sstats and the exp(E[log β]) the E-step reads. */
export interface TrainingTopics extends TopicSource {
  readonly currentEta: Float64Array;
  /** gensim's do_mstep with the chunks' term-major V×K statistics. */
  blend(rho: number, chunkStats: Float32Array, chunkDocs: number, totalDocs: number): void;
  /** λ, topic-major K×V. */
  lambda(): Float32Array;
  dispose(): void;
}
