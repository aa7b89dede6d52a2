export interface PhrasesOptions {
  /** Bigrams seen fewer times score below zero (gensim `min_count`, default 5). */
  minCount?: number;
  /** A bigram becomes a phrase when its score is above this (gensim `threshold`, default 10). */
  threshold?: number;
  /** Joins the words of a phrase (default "_"). */
  delimiter?: string;
  /** When unigram + bigram types exceed this, the rarest are pruned (gensim `max_vocab_size`, default 40 000 000). */
  maxVocabSize?: number;
}

export type ResolvedPhrasesOptions = Required<PhrasesOptions>;

/** gensim 4.2 `Phrases` defaults. */
const DEFAULTS: ResolvedPhrasesOptions = { minCount: 5, threshold: 10, delimiter: '_', maxVocabSize: 40_000_000 };

export function resolvePhrasesOptions(options: PhrasesOptions): ResolvedPhrasesOptions {
  const minCount = options.minCount ?? DEFAULTS.minCount;
  const threshold = options.threshold ?? DEFAULTS.threshold;
  const delimiter = options.delimiter ?? DEFAULTS.delimiter;
  const maxVocabSize = options.maxVocabSize ?? DEFAULTS.maxVocabSize;
  if (!(typeof minCount === 'number' && minCount > 0 && Number.isFinite(minCount))) {
    throw new RangeError(`phrases minCount must be a number > 0 (got ${minCount})`);
  }
  if (!(typeof threshold === 'number' && threshold > 0 && Number.isFinite(threshold))) {
    throw new RangeError(`phrases threshold must be a number > 0 for the default scorer (got ${threshold})`);
  }
  if (typeof delimiter !== 'string' || delimiter.length === 0)
    throw new RangeError('phrases delimiter must be a non-empty string');
  if (!(Number.isInteger(maxVocabSize) && maxVocabSize > 0)) {
    throw new RangeError(`phrases maxVocabSize must be a positive integer (got ${maxVocabSize})`);
  }
  return { minCount, threshold, delimiter, maxVocabSize };
}
