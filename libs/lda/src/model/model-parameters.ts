import { UsageError } from '@topicops/config';
import { EStepKernel } from '../estep/estep-types';
import { AlphaOption, BackendName, EtaOption } from '../types';

/** Inference settings a model carries (gensim keeps them on the LdaModel). */
export interface ModelInferenceDefaults {
  iterations: number;
  gammaThreshold: number;
  minimumProbability: number;
  randomState: number;
}

/** How the model was trained: the options as given plus what happened. */
export interface TrainingInfo {
  options: Record<string, unknown> & { alpha?: AlphaOption; eta?: EtaOption };
  backend: BackendName;
  /** How the E-step products ran. */
  kernel: EStepKernel;
  /** How the M-step's element-wise work ran (absent in files written before it was recorded). */
  mstepKernel?: EStepKernel;
  threads: number;
  requestedThreads: number;
  /** Why fewer threads ran than requested (e.g. the worker script was not found). */
  threadFallback?: string;
  documents: number;
  passes: number;
  chunks: number;
  updates: number;
  seconds: number;
  docsPerSecond: number;
  /** Document-iterations of the E-step over all passes, and documents that met the γ threshold. */
  documentIterations: number;
  convergedDocuments: number;
  /** Whether later passes started γ from the previous pass (see LdaTrainOptions.warmStart). */
  warmStart: boolean;
}

export interface LdaModelParameters {
  numTopics: number;
  numTerms: number;
  alpha: ArrayLike<number>;
  /** One value per term, or one for all. */
  eta: ArrayLike<number> | number;
  /** Variational topic-word parameters, K×V row-major. */
  lambda: Float32Array;
  inference?: Partial<ModelInferenceDefaults>;
  backend?: string;
  training?: TrainingInfo;
}

export const DEFAULT_INFERENCE: ModelInferenceDefaults = {
  iterations: 50,
  gammaThreshold: 0.001,
  minimumProbability: 0.01,
  randomState: 0,
};

function positiveFinite(values: ArrayLike<number>): number {
  for (let i = 0; i < values.length; i++) if (!(values[i] > 0) || !Number.isFinite(values[i])) return i;
  return -1;
}

/** Checks shapes and values; `source` names the origin in error messages. */
export function validateParameters(p: LdaModelParameters, source: string): void {
  const problems: string[] = [];
  if (!Number.isInteger(p.numTopics) || p.numTopics < 1)
    problems.push(`numTopics must be a positive integer (got ${String(p.numTopics)})`);
  if (!Number.isInteger(p.numTerms) || p.numTerms < 1)
    problems.push(`numTerms must be a positive integer (got ${String(p.numTerms)})`);
  if (problems.length) throw new UsageError(`${source}: ${problems.join('; ')}`);
  if (p.alpha?.length !== p.numTopics)
    problems.push(`alpha has ${p.alpha?.length ?? 0} values, expected numTopics = ${p.numTopics}`);
  else if (positiveFinite(p.alpha) >= 0) problems.push(`alpha[${positiveFinite(p.alpha)}] is not a positive number`);
  if (typeof p.eta === 'number') {
    if (!(p.eta > 0) || !Number.isFinite(p.eta)) problems.push(`eta ${p.eta} is not a positive number`);
  } else if (p.eta?.length !== p.numTerms) {
    problems.push(`eta has ${p.eta?.length ?? 0} values, expected numTerms = ${p.numTerms}`);
  } else if (positiveFinite(p.eta) >= 0) {
    problems.push(`eta[${positiveFinite(p.eta)}] is not a positive number`);
  }
  if (!(p.lambda instanceof Float32Array)) problems.push('lambda must be a Float32Array');
  else if (p.lambda.length !== p.numTopics * p.numTerms) {
    problems.push(`lambda has ${p.lambda.length} values, expected numTopics × numTerms = ${p.numTopics * p.numTerms}`);
  } else {
    const bad = positiveFinite(p.lambda);
    if (bad >= 0)
      problems.push(
        `lambda[topic ${Math.floor(bad / p.numTerms)}, term ${bad % p.numTerms}] = ${p.lambda[bad]} is not a positive number`,
      );
  }
  if (problems.length) throw new UsageError(`${source}: ${problems.join('; ')}`);
}
