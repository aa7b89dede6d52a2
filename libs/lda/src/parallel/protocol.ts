import { PackedDocs } from '../corpus/packed-docs';
import { EStepKernel, EStepResult } from '../estep/estep-types';
import { BackendChoice, BackendName } from '../types';

export interface WorkerEStepSettings {
  kernel: EStepKernel;
  alpha: Float64Array;
  iterations: number;
  gammaThreshold: number;
  collectSstats: boolean;
}

export type WorkerRequest =
  /** tfjs starts only for the tfjs kernel: the WebAssembly SIMD kernel does not need it. */
  | { type: 'init'; backend: BackendChoice; kernel: EStepKernel }
  /** exp(E[log β]) term-major, (V + 1) × K floats with a zero padding row, in shared memory. */
  | { type: 'topics'; values: SharedArrayBuffer; numTopics: number; numTerms: number }
  | { type: 'estep'; id: number; docs: PackedDocs; gammaInit: Float32Array; settings: WorkerEStepSettings };

export type WorkerResponse =
  | { type: 'ready'; backend: BackendName | null }
  | { type: 'topics-loaded' }
  | { type: 'estep-done'; id: number; result: EStepResult }
  | { type: 'error'; message: string; usage: boolean };
