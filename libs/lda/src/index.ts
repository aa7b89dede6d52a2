// Public API of @topicops/lda: online variational Bayes LDA over tfjs tensors, inference, model files
export type {
  AlphaOption,
  BackendChoice,
  BackendName,
  Bow,
  BowCorpus,
  EStepKernelChoice,
  EtaOption,
  InferenceOptions,
  LdaTrainOptions,
  TrainHooks,
  TrainProgress,
} from './types';
export { inMemoryCorpus } from './corpus/in-memory-corpus';
export { readMatrixMarket, writeMatrixMarket } from './corpus/matrix-market';
export { trainLda } from './train/train-lda';
export { LdaModel } from './model/lda-model';
export type { LdaModelParameters, ModelInferenceDefaults, TrainingInfo } from './model/model-parameters';
export { MODEL_FORMAT, MODEL_FORMAT_VERSION } from './model/model-file';
export type { ModelHeader } from './model/model-file';
export { selectBackend } from './tensor/backend';
export { runBenchLda } from './bench/run-bench-lda';
export type { BenchLdaArgs, BenchLdaResult } from './bench/run-bench-lda';
