import { UsageError } from '@topicops/config';
import { PackedDocs, packDocs, packedDocCount, wordCount } from '../corpus/packed-docs';
import { resolveEStepKernel } from '../estep/kernel-choice';
import { runEStep } from '../estep/run-estep';
import { SINGLE_DOCUMENT_MAX_ELEMENTS, inferSingleDocument } from '../estep/single-document';
import { RandomStream } from '../math/random';
import { ensureBackend } from '../tensor/backend';
import { Bow, InferenceOptions } from '../types';
import {
  DEFAULT_INFERENCE,
  LdaModelParameters,
  ModelInferenceDefaults,
  TrainingInfo,
  validateParameters,
} from './model-parameters';
import { loadModel, saveModel } from './model-file';
import { TopicTables, buildTopicTables } from './topic-tables';
import { documentsBound, topicsBound } from './variational-bound';

const INFERENCE_STREAM = 3;

/** Indices of the `count` largest values, largest first (ties: lower index first), without sorting them all. */
function topIndices(values: Float32Array, count: number): number[] {
  const before = (a: number, b: number) => values[a] > values[b] || (values[a] === values[b] && a < b);
  const best: number[] = [];
  for (let i = 0; i < values.length; i++) {
    if (best.length === count && !before(i, best[count - 1])) continue;
    let at = best.length === count ? count - 1 : best.length;
    while (at > 0 && before(i, best[at - 1])) {
      if (at < count) best[at] = best[at - 1];
      at--;
    }
    best[at] = i;
  }
  return best;
}

/** A trained LDA model: λ, the priors, and inference over new documents. */
export class LdaModel {
  readonly numTopics: number;
  readonly numTerms: number;
  readonly alpha: Float64Array;
  readonly eta: Float64Array;
  /** Variational topic-word parameters, K×V row-major. */
  readonly lambda: Float32Array;
  readonly inferenceDefaults: ModelInferenceDefaults;
  readonly training?: TrainingInfo;
  /** The tfjs backend that last ran for this model (training, then inference). */
  backend: string;
  private tables?: TopicTables;
  private inferenceCalls = 0;

  constructor(parameters: LdaModelParameters, source = 'LDA model') {
    validateParameters(parameters, source);
    this.numTopics = parameters.numTopics;
    this.numTerms = parameters.numTerms;
    this.alpha = Float64Array.from(parameters.alpha);
    this.eta =
      typeof parameters.eta === 'number'
        ? new Float64Array(parameters.numTerms).fill(parameters.eta)
        : Float64Array.from(parameters.eta);
    this.lambda = parameters.lambda;
    this.inferenceDefaults = { ...DEFAULT_INFERENCE, ...parameters.inference };
    this.training = parameters.training;
    this.backend = parameters.backend ?? parameters.training?.backend ?? 'unknown';
  }

  /** Reads a model folder written by save(); validates format version, shapes and values. */
  static async load(dir: string): Promise<LdaModel> {
    const { parameters, source } = await loadModel(dir);
    return new LdaModel(parameters, source);
  }

  /** Writes model.json (header) and lambda.f32 (K×V float32 little-endian) into `dir`. */
  async save(dir: string): Promise<void> {
    await saveModel(dir, this);
  }

  /** Normalised topic distribution θ of each document. */
  async inferTheta(docs: readonly Bow[], options: InferenceOptions = {}): Promise<Float64Array[]> {
    const gamma = await this.inferGamma(packDocs(docs, this.numTerms), options);
    const K = this.numTopics;
    return docs.map((_, d) => {
      const theta = Float64Array.from(gamma.subarray(d * K, d * K + K));
      const sum = theta.reduce((a, b) => a + b, 0);
      return theta.map((v) => v / sum);
    });
  }

  /**
   * gensim's get_document_topics: topics with probability ≥ max(minimumProbability, 1e-8). Deterministic
   * (γ starts at 1) unless `options.deterministic` is false.
   */
  async documentTopics(
    doc: Bow,
    minimumProbability = this.inferenceDefaults.minimumProbability,
    options: InferenceOptions = {},
  ): Promise<Array<{ topic: number; probability: number }>> {
    const [theta] = await this.inferTheta([doc], { deterministic: true, ...options });
    const threshold = Math.max(minimumProbability, 1e-8);
    const topics: Array<{ topic: number; probability: number }> = [];
    theta.forEach((probability, topic) => {
      if (probability >= threshold) topics.push({ topic, probability });
    });
    return topics;
  }

  /** The `topn` most probable terms of a topic; weight = λ_kw / Σ_w λ_kw. */
  topTerms(topic: number, topn = 10): Array<{ termId: number; weight: number }> {
    if (!Number.isInteger(topic) || topic < 0 || topic >= this.numTopics) {
      throw new UsageError(`topic ${topic} does not exist (the model has topics 0..${this.numTopics - 1})`);
    }
    if (!Number.isInteger(topn) || topn < 1) throw new UsageError(`topn must be a positive integer (got ${topn})`);
    const row = this.lambda.subarray(topic * this.numTerms, (topic + 1) * this.numTerms);
    let sum = 0;
    for (let w = 0; w < row.length; w++) sum += row[w];
    return topIndices(row, topn).map((termId) => ({ termId, weight: row[termId] / sum }));
  }

  /**
   * gensim's log_perplexity: the variational bound per word, with documents inferred from random starts
   * (seeded) and scaled as a sample of `totalDocs` (default: docs.length).
   */
  async logPerplexity(docs: readonly Bow[], totalDocs = docs.length, options: InferenceOptions = {}): Promise<number> {
    if (docs.length === 0) throw new UsageError('logPerplexity needs at least one document');
    if (!(totalDocs > 0)) throw new UsageError(`totalDocs must be positive (got ${totalDocs})`);
    const packed = packDocs(docs, this.numTerms);
    const words = wordCount(packed);
    if (words === 0) throw new UsageError('logPerplexity needs documents with at least one word');
    const score = await this.bound(packed, totalDocs / docs.length, options);
    return score / ((totalDocs / docs.length) * words);
  }

  /** gensim's bound(): document terms scaled by `subsampleRatio`, plus the topic terms. */
  async bound(docs: PackedDocs, subsampleRatio = 1, options: InferenceOptions = {}): Promise<number> {
    const gamma = await this.inferGamma(docs, options);
    const tables = this.topicTables();
    const documents = documentsBound(docs, gamma, this.alpha, tables.elogColumns);
    return documents * subsampleRatio + topicsBound(this.lambda, tables.elogbeta, this.eta, this.numTopics);
  }

  /** γ (D×K) of packed documents. */
  async inferGamma(docs: PackedDocs, options: InferenceOptions): Promise<Float32Array> {
    const iterations = options.iterations ?? this.inferenceDefaults.iterations;
    const gammaThreshold = options.gammaThreshold ?? this.inferenceDefaults.gammaThreshold;
    if (!Number.isInteger(iterations) || iterations < 1)
      throw new UsageError(`iterations must be a positive integer (got ${iterations})`);
    if (!(gammaThreshold >= 0)) throw new UsageError(`gammaThreshold must be ≥ 0 (got ${gammaThreshold})`);
    const backend = await ensureBackend();
    this.backend = backend;
    const kernel = resolveEStepKernel(options.estepKernel, backend);
    const K = this.numTopics;
    const count = packedDocCount(docs);
    const gammaInit = this.gammaInit(count, options.deterministic ?? false);
    const tables = this.topicTables();
    const nnz = docs.ids.length;
    // tfjs ops cost more per call than a short document's arithmetic: one short document runs in plain JS.
    if (kernel === 'tfjs' && count === 1 && nnz * K <= SINGLE_DOCUMENT_MAX_ELEMENTS) {
      const gamma = inferSingleDocument({
        expElogbetaT: tables.expColumns.values,
        numTopics: K,
        ids: docs.ids,
        counts: docs.counts,
        alpha: this.alpha,
        gammaInit,
        iterations,
        gammaThreshold,
      });
      return Float32Array.from(gamma);
    }
    return runEStep(tables.expColumns, docs, gammaInit, {
      kernel,
      alpha: this.alpha,
      iterations,
      gammaThreshold,
      collectSstats: false,
    }).gamma;
  }

  /** Frees the tables derived from λ (rebuilt on the next inference). */
  dispose(): void {
    this.tables = undefined;
  }

  private gammaInit(count: number, deterministic: boolean): Float32Array {
    const init = new Float32Array(count * this.numTopics);
    if (deterministic) return init.fill(1);
    const call = this.inferenceCalls++;
    for (let d = 0; d < count; d++) {
      const stream = new RandomStream(this.inferenceDefaults.randomState, INFERENCE_STREAM, call, d);
      for (let k = 0; k < this.numTopics; k++) init[d * this.numTopics + k] = stream.gamma(100, 1 / 100);
    }
    return init;
  }

  private topicTables(): TopicTables {
    this.tables ??= buildTopicTables(this.lambda, this.numTopics, this.numTerms);
    return this.tables;
  }
}
