import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import { Dictionary, Phrases, PreprocessingConfig, TextProcessor } from '@topicops/nlp';
import { LdaModel } from '@topicops/lda';

/** Describes a trained model version; written as info.json in the model folder. */
export interface ModelInfo {
  name: string;
  version: string | null;
  run_id: string;
  num_topics: number;
  num_terms: number;
  trained_at: string;
  corpus: string;
  corpus_digest: string;
  preprocessing_version: number;
  params: Record<string, string | number | boolean | null>;
  kpi: { c_v: number | null; u_mass?: number | null; c_npmi?: number | null; log_perplexity?: number | null };
}

export interface TopicWord {
  word: string;
  probability: number;
  relevance: number;
}

export interface TopicSummary {
  topic: number;
  /** Share of all tokens the model assigns to this topic. */
  prevalence: number;
  words: TopicWord[];
}

export interface TopicShare {
  topic: number;
  probability: number;
}

export interface Prediction {
  topics: TopicShare[];
  dominant_topic: number | null;
  top_words: Record<number, string[]>;
  tokens: number;
  model: { name: string; version: string | null };
}

export interface PredictOptions {
  minimumProbability?: number;
  topWords?: number;
}

export const MODEL_FILES = {
  preprocessing: 'preprocessing.json',
  dictionary: 'dictionary.json',
  info: 'info.json',
} as const;

/** What the dictionaries table and the model folder's dictionary.json hold. */
export interface DictionaryPayload {
  dictionary: ReturnType<Dictionary['toJSON']>;
  phrases: ReturnType<Phrases['toJSON']>[];
  stats: { vocabulary_before_filtering: number; phrases: number };
}

export class ModelBundleError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ModelBundleError';
  }
}

async function readJson<T>(dir: string, file: string): Promise<T> {
  const path = join(dir, file);
  let raw: string;
  try {
    raw = await fs.readFile(path, 'utf8');
  } catch {
    throw new ModelBundleError(`model folder ${dir} has no ${file}`);
  }
  try {
    return JSON.parse(raw) as T;
  } catch {
    throw new ModelBundleError(`${path} is not valid JSON`);
  }
}

/**
 * Everything needed to serve one model version with no access to the training database: the LDA model,
 * the pre-processing configuration it was trained with, and the learned phrases and dictionary.
 */
export class ModelBundle {
  private readonly wordProbabilities: Float64Array[];
  private readonly marginal: Float64Array;
  private readonly topicWeights: Float64Array;

  private constructor(
    readonly info: ModelInfo,
    readonly model: LdaModel,
    readonly processor: TextProcessor,
    readonly dictionary: Dictionary,
    readonly preprocessing: PreprocessingConfig,
  ) {
    const { numTopics: k, numTerms: v, lambda } = model;
    this.wordProbabilities = [];
    this.marginal = new Float64Array(v);
    this.topicWeights = new Float64Array(k);
    let total = 0;
    for (let t = 0; t < k; t += 1) {
      const row = lambda.subarray(t * v, (t + 1) * v);
      let sum = 0;
      for (let w = 0; w < v; w += 1) sum += row[w];
      const probabilities = new Float64Array(v);
      for (let w = 0; w < v; w += 1) probabilities[w] = row[w] / sum;
      this.wordProbabilities.push(probabilities);
      this.topicWeights[t] = sum;
      total += sum;
    }
    for (let t = 0; t < k; t += 1) {
      this.topicWeights[t] /= total;
      const probabilities = this.wordProbabilities[t];
      for (let w = 0; w < v; w += 1) this.marginal[w] += this.topicWeights[t] * probabilities[w];
    }
  }

  /** Loads a model folder; `version` is the registry's version number, unknown when the folder was written. */
  static async load(dir: string, registered: { version?: string } = {}): Promise<ModelBundle> {
    const [storedInfo, preprocessing, payload] = await Promise.all([
      readJson<ModelInfo>(dir, MODEL_FILES.info),
      readJson<PreprocessingConfig>(dir, MODEL_FILES.preprocessing),
      readJson<DictionaryPayload>(dir, MODEL_FILES.dictionary),
    ]);
    const model = await LdaModel.load(dir);
    const dictionary = Dictionary.fromJSON(payload.dictionary);
    if (dictionary.id2token.length !== model.numTerms) {
      throw new ModelBundleError(
        `dictionary has ${dictionary.id2token.length} terms but the model has ${model.numTerms}: the folder mixes two models`,
      );
    }
    const phrases = payload.phrases.map((layer) => Phrases.fromJSON(layer));
    const processor = new TextProcessor(preprocessing, phrases, dictionary);
    const info: ModelInfo = { ...storedInfo, version: registered.version ?? storedInfo.version };
    return new ModelBundle(info, model, processor, dictionary, preprocessing);
  }

  /** Writes the non-LDA parts of a model folder (the LDA model writes itself with LdaModel.save). */
  static async writeSidecars(
    dir: string,
    parts: { info: ModelInfo; preprocessing: PreprocessingConfig; dictionary: Dictionary; phrases: Phrases[] },
  ): Promise<void> {
    const payload: DictionaryPayload = {
      dictionary: parts.dictionary.toJSON(),
      phrases: parts.phrases.map((layer) => layer.toJSON()),
      stats: {
        vocabulary_before_filtering: parts.dictionary.id2token.length,
        phrases: parts.phrases.reduce((sum, layer) => sum + layer.phrasegrams.size, 0),
      },
    };
    await fs.mkdir(dir, { recursive: true });
    await fs.writeFile(join(dir, MODEL_FILES.info), JSON.stringify(parts.info, null, 2));
    await fs.writeFile(join(dir, MODEL_FILES.preprocessing), JSON.stringify(parts.preprocessing, null, 2));
    await fs.writeFile(join(dir, MODEL_FILES.dictionary), JSON.stringify(payload));
  }

  get numTopics(): number {
    return this.model.numTopics;
  }

  /**
   * Top words per topic ranked by relevance (Sievert & Shirley 2014, as in pyLDAvis):
   * λ·log p(w|t) + (1-λ)·log(p(w|t)/p(w)); λ = 1 ranks by probability alone.
   */
  topics(topn = 10, lambda = 1): TopicSummary[] {
    return Array.from({ length: this.numTopics }, (_, topic) => this.topic(topic, topn, lambda));
  }

  topic(topic: number, topn = 10, lambda = 1): TopicSummary {
    if (!Number.isInteger(topic) || topic < 0 || topic >= this.numTopics) {
      throw new ModelBundleError(`topic ${topic} does not exist (the model has ${this.numTopics} topics)`);
    }
    const probabilities = this.wordProbabilities[topic];
    const relevance = (w: number) =>
      lambda * Math.log(probabilities[w]) + (1 - lambda) * Math.log(probabilities[w] / this.marginal[w]);
    const best = topIndices(probabilities.length, Math.min(topn, probabilities.length), relevance);
    return {
      topic,
      prevalence: this.topicWeights[topic],
      words: best.map((w) => ({
        word: this.dictionary.id2token[w],
        probability: probabilities[w],
        relevance: relevance(w),
      })),
    };
  }

  /** Topic mixtures for texts, each through the exact pre-processing recorded with the model. */
  async predict(texts: string[], options: PredictOptions = {}): Promise<Prediction[]> {
    const minimumProbability = options.minimumProbability ?? 0.01;
    const topWords = options.topWords ?? 10;
    const bows = texts.map((text) => this.processor.bow(text));
    const thetas = await this.model.inferTheta(bows, { deterministic: true });
    return thetas.map((theta, i) => this.toPrediction(theta, bows[i], minimumProbability, topWords));
  }

  private toPrediction(
    theta: Float64Array,
    bow: ReadonlyArray<readonly [number, number]>,
    minimumProbability: number,
    topWords: number,
  ): Prediction {
    const tokens = bow.reduce((sum, [, count]) => sum + count, 0);
    const topics: TopicShare[] = [];
    for (let topic = 0; topic < theta.length; topic += 1) {
      if (theta[topic] >= minimumProbability) topics.push({ topic, probability: theta[topic] });
    }
    topics.sort((a, b) => b.probability - a.probability);
    const top_words: Record<number, string[]> = {};
    for (const { topic } of topics) top_words[topic] = this.topWordsOf(topic, topWords);
    return {
      topics,
      dominant_topic: tokens === 0 ? null : (topics[0]?.topic ?? null),
      top_words,
      tokens,
      model: { name: this.info.name, version: this.info.version },
    };
  }

  private readonly topWordCache = new Map<string, string[]>();

  private topWordsOf(topic: number, topn: number): string[] {
    const key = `${topic}:${topn}`;
    let words = this.topWordCache.get(key);
    if (!words) {
      words = this.topic(topic, topn, 1).words.map((w) => w.word);
      this.topWordCache.set(key, words);
    }
    return words;
  }
}

function topIndices(length: number, n: number, score: (i: number) => number): number[] {
  const scored: Array<[number, number]> = [];
  for (let i = 0; i < length; i += 1) scored.push([score(i), i]);
  scored.sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  return scored.slice(0, n).map(([, i]) => i);
}
