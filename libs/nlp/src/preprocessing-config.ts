import { createHash } from 'node:crypto';
import { UsageError } from '@topicops/config';
import { compareCodePoints } from './code-points';
import { hasIsoStopwords } from './iso-stopwords';

export type TokenPattern = 'latin' | 'unicode';
export type StemmerLanguage = 'italian' | 'english';

export interface PhrasesConfig {
  minCount: number;
  threshold: number;
  delimiter: string;
  /** 1 = bigrams; 2 = a second Phrases layer over the first one's output (trigrams and 4-grams). */
  layers: 1 | 2;
}

export interface DictionaryConfig {
  noBelow: number;
  /** A fraction of the number of documents, as in gensim. */
  noAbove: number;
  keepN: number;
}

/** Every option that changes the tokens; recorded with each model and replayed at prediction time. */
export interface PreprocessingConfig {
  schema: 1;
  /** 'latin' = gensim reference [a-zà-öø-ÿ]+ after lowercasing; 'unicode' = \p{L}+ after NFC and lowercasing. */
  tokenPattern: TokenPattern;
  /** Shortest token kept, in code points (the workflow's `len > 2` is 3). */
  minLength: number;
  /** Drops Italian elided articles and prepositions: dell'anno → anno. */
  elisions: boolean;
  /** Re-joins words hyphenated across line ends: propa-\nganda → propaganda. */
  joinHyphenated: boolean;
  /** stopwords-iso language codes. */
  stopwordLanguages: string[];
  /** Extra stopwords, compared with the lowercased tokens exactly as written (sorted, unique). */
  customStopwords: string[];
  stemmer: StemmerLanguage | null;
  /** English lemmas via compromise. */
  lemmatize: boolean;
  phrases: PhrasesConfig | null;
  dictionary: DictionaryConfig;
}

const DEFAULTS: PreprocessingConfig = {
  schema: 1,
  tokenPattern: 'unicode',
  minLength: 3,
  elisions: true,
  joinHyphenated: true,
  stopwordLanguages: ['en', 'it'],
  customStopwords: [],
  stemmer: null,
  lemmatize: false,
  phrases: { minCount: 3, threshold: 20, delimiter: '_', layers: 1 },
  dictionary: { noBelow: 5, noAbove: 0.5, keepN: 100_000 },
};

const TOP_LEVEL_KEYS = Object.keys(DEFAULTS);
const PHRASES_KEYS = ['minCount', 'threshold', 'delimiter', 'layers'];
const DICTIONARY_KEYS = ['noBelow', 'noAbove', 'keepN'];

type Plain = Record<string, unknown>;

function isPlainObject(value: unknown): value is Plain {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function withoutUndefined(value: Plain): Plain {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined));
}

/**
 * The default configuration with `overrides` applied (nested `phrases` and `dictionary` objects may be
 * partial; `phrases: null` turns phrase detection off), validated and normalised.
 */
export function defaultPreprocessingConfig(overrides: Partial<PreprocessingConfig> = {}): PreprocessingConfig {
  const given = withoutUndefined(overrides as Plain);
  const merged: Plain = { ...DEFAULTS, ...given };
  if (isPlainObject(given['dictionary']))
    merged['dictionary'] = { ...DEFAULTS.dictionary, ...withoutUndefined(given['dictionary']) };
  if (isPlainObject(given['phrases']))
    merged['phrases'] = { ...DEFAULTS.phrases, ...withoutUndefined(given['phrases']) };
  return parsePreprocessingConfig(merged);
}

/**
 * Validates a complete configuration (e.g. one read back from storage) and returns it normalised:
 * stopword lists sorted and de-duplicated. Every problem is reported at once as a UsageError.
 */
export function parsePreprocessingConfig(value: unknown): PreprocessingConfig {
  if (!isPlainObject(value)) throw new UsageError('Invalid pre-processing configuration: expected a JSON object');
  const problems: string[] = [];
  const check = (ok: boolean, message: string) => {
    if (!ok) problems.push(message);
  };
  for (const key of Object.keys(value)) check(TOP_LEVEL_KEYS.includes(key), `unknown option "${key}"`);

  check(value['schema'] === 1, `schema must be 1 (got ${JSON.stringify(value['schema'])})`);
  check(
    value['tokenPattern'] === 'latin' || value['tokenPattern'] === 'unicode',
    `tokenPattern must be "latin" or "unicode"`,
  );
  check(isInteger(value['minLength'], 1), 'minLength must be an integer >= 1');
  for (const key of ['elisions', 'joinHyphenated', 'lemmatize'])
    check(typeof value[key] === 'boolean', `${key} must be true or false`);
  const stemmer = value['stemmer'];
  check(
    stemmer === null || stemmer === 'italian' || stemmer === 'english',
    'stemmer must be null, "italian" or "english"',
  );

  const languages = stringList(value['stopwordLanguages'], 'stopwordLanguages', problems);
  for (const code of languages)
    check(hasIsoStopwords(code), `stopwordLanguages: stopwords-iso has no list for "${code}"`);
  const customStopwords = stringList(value['customStopwords'], 'customStopwords', problems);
  check(
    customStopwords.every((word) => word.length > 0),
    'customStopwords must not contain empty strings',
  );

  const phrases = value['phrases'];
  if (phrases !== null) {
    if (!isPlainObject(phrases)) problems.push('phrases must be null or an object');
    else {
      for (const key of Object.keys(phrases)) check(PHRASES_KEYS.includes(key), `unknown option "phrases.${key}"`);
      check(isInteger(phrases['minCount'], 1), 'phrases.minCount must be an integer >= 1');
      check(isNumber(phrases['threshold']) && phrases['threshold'] > 0, 'phrases.threshold must be a number > 0');
      check(
        typeof phrases['delimiter'] === 'string' && phrases['delimiter'].length > 0,
        'phrases.delimiter must be a non-empty string',
      );
      check(phrases['layers'] === 1 || phrases['layers'] === 2, 'phrases.layers must be 1 or 2');
    }
  }
  const dictionary = value['dictionary'];
  if (!isPlainObject(dictionary)) problems.push('dictionary must be an object');
  else {
    for (const key of Object.keys(dictionary))
      check(DICTIONARY_KEYS.includes(key), `unknown option "dictionary.${key}"`);
    check(isInteger(dictionary['noBelow'], 0), 'dictionary.noBelow must be an integer >= 0');
    check(
      isNumber(dictionary['noAbove']) && dictionary['noAbove'] >= 0 && dictionary['noAbove'] <= 1,
      'dictionary.noAbove must be a fraction in [0, 1]',
    );
    check(isInteger(dictionary['keepN'], 1), 'dictionary.keepN must be an integer >= 1');
  }
  if (problems.length) throw new UsageError(`Invalid pre-processing configuration:\n  - ${problems.join('\n  - ')}`);

  const valid = value as unknown as PreprocessingConfig;
  return {
    schema: 1,
    tokenPattern: valid.tokenPattern,
    minLength: valid.minLength,
    elisions: valid.elisions,
    joinHyphenated: valid.joinHyphenated,
    stopwordLanguages: sortedUnique(languages),
    customStopwords: sortedUnique(customStopwords),
    stemmer: valid.stemmer,
    lemmatize: valid.lemmatize,
    phrases: valid.phrases && { ...valid.phrases },
    dictionary: { ...valid.dictionary },
  };
}

/** sha256 (hex) of the configuration's canonical JSON: equal configurations hash equal whatever the key order. */
export function configHash(config: PreprocessingConfig): string {
  return createHash('sha256')
    .update(canonicalJson(parsePreprocessingConfig(config)))
    .digest('hex');
}

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (isPlainObject(value)) {
    const keys = Object.keys(value).sort();
    return `{${keys.map((key) => `${JSON.stringify(key)}:${canonicalJson(value[key])}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

function isNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}

function isInteger(value: unknown, min: number): value is number {
  return Number.isInteger(value) && (value as number) >= min;
}

function stringList(value: unknown, name: string, problems: string[]): string[] {
  if (!Array.isArray(value) || !value.every((item) => typeof item === 'string')) {
    problems.push(`${name} must be a list of strings`);
    return [];
  }
  return value as string[];
}

function sortedUnique(words: string[]): string[] {
  return [...new Set(words)].sort(compareCodePoints);
}
