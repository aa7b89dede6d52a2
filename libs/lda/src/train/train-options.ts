import { randomInt } from 'node:crypto';
import { UsageError } from '@topicops/config';
import { AlphaOption, BackendChoice, EStepKernelChoice, EtaOption, LdaTrainOptions } from '../types';

const BACKEND_CHOICES: readonly BackendChoice[] = ['auto', 'node', 'wasm', 'cpu'];
const KERNEL_CHOICES: readonly EStepKernelChoice[] = ['auto', 'tfjs', 'wasm-simd'];
export const MAX_THREADS = 64;

/** Every option with gensim's default filled in and the priors expanded to vectors. */
export interface ResolvedTrainOptions {
  numTopics: number;
  numTerms: number;
  chunksize: number;
  passes: number;
  updateEvery: number;
  alpha: Float64Array;
  optimizeAlpha: boolean;
  eta: Float64Array;
  optimizeEta: boolean;
  decay: number;
  offset: number;
  iterations: number;
  gammaThreshold: number;
  minimumProbability: number;
  randomState: number;
  warmStart: boolean;
  backend?: BackendChoice;
  threads?: number;
  estepKernel?: EStepKernelChoice;
  /** The options as given (priors as named), recorded in the model file. */
  recorded: RecordedTrainOptions;
}

export type RecordedTrainOptions = Required<
  Omit<LdaTrainOptions, 'backend' | 'threads' | 'estepKernel' | 'alpha' | 'eta'>
> & {
  alpha: AlphaOption;
  eta: EtaOption;
};

function integer(
  problems: string[],
  name: string,
  value: number | undefined,
  fallback: number,
  min: number,
  max = Number.MAX_SAFE_INTEGER,
): number {
  if (value === undefined) return fallback;
  if (!Number.isInteger(value) || value < min || value > max) {
    problems.push(
      `${name} must be an integer from ${min}${max < Number.MAX_SAFE_INTEGER ? ` to ${max}` : ''} (got ${String(value)})`,
    );
    return fallback;
  }
  return value;
}

function real(
  problems: string[],
  name: string,
  value: number | undefined,
  fallback: number,
  valid: (v: number) => boolean,
  rule: string,
): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isFinite(value) || !valid(value)) {
    problems.push(`${name} must be ${rule} (got ${String(value)})`);
    return fallback;
  }
  return value;
}

function positiveVector(
  problems: string[],
  name: string,
  values: readonly number[],
  size: number,
  sizeName: string,
): Float64Array | undefined {
  if (values.length !== size) {
    problems.push(`${name} has ${values.length} values; it needs one per ${sizeName} (${size})`);
    return undefined;
  }
  const bad = values.findIndex((v) => typeof v !== 'number' || !Number.isFinite(v) || v <= 0);
  if (bad >= 0) {
    problems.push(`${name}[${bad}] must be a positive number (got ${String(values[bad])})`);
    return undefined;
  }
  return Float64Array.from(values);
}

/** gensim's init_dir_prior for alpha. */
export function resolveAlpha(
  problems: string[],
  alpha: AlphaOption,
  numTopics: number,
): { values: Float64Array; optimize: boolean } {
  const symmetric = () => new Float64Array(numTopics).fill(1 / numTopics);
  if (alpha === 'symmetric') return { values: symmetric(), optimize: false };
  if (alpha === 'auto') return { values: symmetric(), optimize: true };
  if (alpha === 'asymmetric') {
    const values = Float64Array.from({ length: numTopics }, (_, i) => 1 / (i + Math.sqrt(numTopics)));
    const sum = values.reduce((a, b) => a + b, 0);
    return { values: values.map((v) => v / sum), optimize: false };
  }
  if (typeof alpha === 'number') {
    if (!Number.isFinite(alpha) || alpha <= 0) problems.push(`alpha must be a positive number (got ${alpha})`);
    return { values: new Float64Array(numTopics).fill(alpha), optimize: false };
  }
  if (Array.isArray(alpha)) {
    return { values: positiveVector(problems, 'alpha', alpha, numTopics, 'topic') ?? symmetric(), optimize: false };
  }
  problems.push(
    `alpha must be 'symmetric', 'asymmetric', 'auto', a positive number or ${numTopics} positive numbers (got ${JSON.stringify(alpha)})`,
  );
  return { values: symmetric(), optimize: false };
}

/** gensim's init_dir_prior for eta (a vector over terms; 'asymmetric' is not allowed). */
export function resolveEta(
  problems: string[],
  eta: EtaOption,
  numTopics: number,
  numTerms: number,
): { values: Float64Array; optimize: boolean } {
  const symmetric = () => new Float64Array(numTerms).fill(1 / numTopics);
  if (eta === 'symmetric') return { values: symmetric(), optimize: false };
  if (eta === 'auto') return { values: symmetric(), optimize: true };
  if (typeof eta === 'number') {
    if (!Number.isFinite(eta) || eta <= 0) problems.push(`eta must be a positive number (got ${eta})`);
    return { values: new Float64Array(numTerms).fill(eta), optimize: false };
  }
  if (Array.isArray(eta)) {
    return { values: positiveVector(problems, 'eta', eta, numTerms, 'term') ?? symmetric(), optimize: false };
  }
  problems.push(
    `eta must be 'symmetric', 'auto', a positive number or ${numTerms} positive numbers (got ${JSON.stringify(eta)})`,
  );
  return { values: symmetric(), optimize: false };
}

/** Validates the options, reporting every problem at once as a UsageError. */
export function resolveTrainOptions(options: LdaTrainOptions): ResolvedTrainOptions {
  if (typeof options !== 'object' || options === null) throw new UsageError('LDA options must be an object');
  const problems: string[] = [];
  const numTopics = integer(problems, 'numTopics', options.numTopics ?? Number.NaN, 1, 1, 100_000);
  const numTerms = integer(problems, 'numTerms', options.numTerms ?? Number.NaN, 1, 1, 50_000_000);
  const chunksize = integer(problems, 'chunksize', options.chunksize, 2000, 1);
  const passes = integer(problems, 'passes', options.passes, 1, 1, 100_000);
  const updateEvery = integer(problems, 'updateEvery', options.updateEvery, 1, 0);
  const decay = real(problems, 'decay', options.decay, 0.5, (v) => v > 0 && v <= 1, 'in (0, 1]');
  const offset = real(problems, 'offset', options.offset, 1, (v) => v > 0, 'a positive number');
  const iterations = integer(problems, 'iterations', options.iterations, 50, 1, 1_000_000);
  const gammaThreshold = real(problems, 'gammaThreshold', options.gammaThreshold, 0.001, (v) => v >= 0, 'a number ≥ 0');
  const minimumProbability = real(
    problems,
    'minimumProbability',
    options.minimumProbability,
    0.01,
    (v) => v >= 0 && v <= 1,
    'in [0, 1]',
  );
  const randomState = integer(problems, 'randomState', options.randomState, randomInt(0, 2 ** 31), 0, 2 ** 32 - 1);
  if (options.warmStart !== undefined && typeof options.warmStart !== 'boolean') {
    problems.push(`warmStart must be true or false (got ${String(options.warmStart)})`);
  }
  const warmStart = options.warmStart ?? false;
  if (options.backend !== undefined && !BACKEND_CHOICES.includes(options.backend)) {
    problems.push(`backend must be one of ${BACKEND_CHOICES.join(', ')} (got ${String(options.backend)})`);
  }
  if (options.threads !== undefined) integer(problems, 'threads', options.threads, 1, 1, MAX_THREADS);
  if (options.estepKernel !== undefined && !KERNEL_CHOICES.includes(options.estepKernel)) {
    problems.push(`estepKernel must be one of ${KERNEL_CHOICES.join(', ')} (got ${String(options.estepKernel)})`);
  }
  if (problems.length) throw new UsageError(`Invalid LDA options:\n  - ${problems.join('\n  - ')}`);

  const alphaOption = options.alpha ?? 'symmetric';
  const etaOption = options.eta ?? 'symmetric';
  const alpha = resolveAlpha(problems, alphaOption, numTopics);
  const eta = resolveEta(problems, etaOption, numTopics, numTerms);
  if (problems.length) throw new UsageError(`Invalid LDA options:\n  - ${problems.join('\n  - ')}`);

  return {
    numTopics,
    numTerms,
    chunksize,
    passes,
    updateEvery,
    alpha: alpha.values,
    optimizeAlpha: alpha.optimize,
    eta: eta.values,
    optimizeEta: eta.optimize,
    decay,
    offset,
    iterations,
    gammaThreshold,
    minimumProbability,
    randomState,
    warmStart,
    backend: options.backend,
    threads: options.threads,
    estepKernel: options.estepKernel,
    recorded: {
      numTopics,
      numTerms,
      chunksize,
      passes,
      updateEvery,
      alpha: alphaOption,
      eta: etaOption,
      decay,
      offset,
      iterations,
      gammaThreshold,
      minimumProbability,
      randomState,
      warmStart,
    },
  };
}
