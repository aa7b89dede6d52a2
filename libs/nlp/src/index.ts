// Public API of @topicops/nlp: tokenisation, stopwords, stemming, lemmas, phrases, dictionary, bag-of-words
export { configHash, defaultPreprocessingConfig, parsePreprocessingConfig } from './preprocessing-config';
export type {
  DictionaryConfig,
  PhrasesConfig,
  PreprocessingConfig,
  StemmerLanguage,
  TokenPattern,
} from './preprocessing-config';
export { isoStopwordLanguages, isoStopwords } from './iso-stopwords';
export { parseStopwordList, readStopwordFile } from './stopword-file';
export { Tokenizer } from './tokenizer';
export { Phrases } from './phrases';
export type { PhrasesJson } from './phrases';
export { PhrasesLearner } from './phrases-learner';
export type { PhrasesOptions } from './phrases-options';
export { Dictionary } from './dictionary';
export type { BagOfWords, DictionaryJson } from './dictionary';
export { TextProcessor } from './text-processor';
export { SerializationError } from './errors';
