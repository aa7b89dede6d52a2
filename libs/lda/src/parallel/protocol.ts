import { PackedDocs } from '../corpus/packed-docs';
import { SessionEStepResult } from '../estep/estep-session';
import { EStepKernel } from '../estep/estep-types';
import { BackendChoice, BackendName } from '../types';

export interface WorkerEStepSettings {
  alpha: Float64Array;
  iterations: number;
  gammaThreshold: number;
  collectSstats: boolean;
}

export type WorkerRequest =
  /** tfjs starts only for the tfjs kernel: the WebAssembly SIMD kernel does not need it. */
  | { type: 'init'; backend: BackendChoice; kernel: EStepKernel; numTopics: number }
  /** exp(E[log β]) term-major, (V + 1) × K floats with a zero padding row, in shared memory. */
  | { type: 'topics'; values: SharedArrayBuffer; numTopics: number; numTerms: number }
  | { type: 'estep'; id: number; docs: PackedDocs; gammaInit: Float32Array; settings: WorkerEStepSettings }
  | { type: 'take-statistics' };

export type WorkerResponse =
  | { type: 'ready'; backend: BackendName | null }
  | { type: 'topics-loaded' }
  | { type: 'estep-done'; id: number; result: SessionEStepResult }
  | { type: 'statistics'; values: Float32Array }
  | { type: 'error'; message: string; usage: boolean };
