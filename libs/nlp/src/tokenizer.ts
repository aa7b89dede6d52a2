import { isoStopwords } from './iso-stopwords';
import { LETTER, SURROGATE, isAstralLetter, letterTable } from './letter-table';
import { createEnglishLemmatizer } from './lemmatizer';
import { PreprocessingConfig, parsePreprocessingConfig } from './preprocessing-config';
import { createStemmer } from './stemmer';
import { joinLineBreakHyphens } from './text-normalisation';
import { WordCache } from './word-cache';

const DEFAULT_CACHED_WORDS = 1 << 20;
const APOSTROPHES = new Set([0x27, 0x2019, 0x2018, 0x2bc]); // ' ’ ‘ ʼ
// After an apostrophe these start an English clitic (John's, don't, we'll), not an Italian elision.
const ENGLISH_CLITICS = new Set(['s', 't', 'd', 'm', 'll', 're', 've']);
const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

/**
 * Turns raw (OCR) text into tokens: optional hyphen re-joining, lowercasing, words, elisions, minimum
 * length, stopwords, then optional English lemmas and Snowball stems. A word is a maximal run of letters
 * of the pattern ('latin' = [a-zà-öø-ÿ], 'unicode' = \p{L} but ʼ, after NFC) at least `minLength` code points
 * long. With `elisions`, a word directly followed by an apostrophe and another word (dell'anno, l’uomo)
 * is an elided article or preposition and is dropped, unless what follows is an English clitic
 * (Italy's, don't).
 *
 * The text is scanned once; each distinct word's fate is cached, found by hash and compared in place,
 * so known words cost no allocation and every token of a word is the same string instance (which makes
 * the Map lookups of later stages cheap). With `tokenPattern: 'latin'`, `stopwordLanguages: []`,
 * elisions and joinHyphenated off, the tokens equal the gensim reference tokenisation.
 */
export class Tokenizer {
  readonly config: PreprocessingConfig;
  private readonly letters: Uint8Array;
  private readonly stopwords: ReadonlySet<string>;
  private readonly transform: ((word: string) => string) | null;
  private readonly cache: WordCache;

  /** `maxCachedWords` bounds the per-word cache (default 2^20 words); past it, new words are not cached. */
  constructor(config: PreprocessingConfig, options: { maxCachedWords?: number } = {}) {
    this.config = parsePreprocessingConfig(config);
    this.cache = new WordCache(options.maxCachedWords ?? DEFAULT_CACHED_WORDS);
    const { tokenPattern, stopwordLanguages, customStopwords } = this.config;
    this.letters = letterTable(tokenPattern);
    const words = [...stopwordLanguages.flatMap((code) => isoStopwords(code)), ...customStopwords];
    this.stopwords = new Set(tokenPattern === 'unicode' ? words.map((word) => word.normalize('NFC')) : words);
    this.transform = this.wordTransform();
  }

  tokenize(text: string): string[] {
    if (typeof text !== 'string')
      throw new TypeError(`tokenize expects a string, got ${text === null ? 'null' : typeof text}`);
    const { tokenPattern, joinHyphenated, minLength, elisions } = this.config;
    let source = joinHyphenated ? joinLineBreakHyphens(text) : text;
    if (tokenPattern === 'unicode') source = source.normalize('NFC');
    const lower = source.toLowerCase();
    const { letters, cache } = this;
    const tokens: string[] = [];
    const end = lower.length;
    let i = 0;
    while (i < end) {
      const start = i;
      let hash = FNV_OFFSET;
      let codePoints = 0;
      while (i < end) {
        const unit = lower.charCodeAt(i);
        const kind = letters[unit];
        if (kind === LETTER) {
          hash = Math.imul(hash ^ unit, FNV_PRIME);
          i += 1;
        } else if (kind === SURROGATE && isAstralLetter(lower, i)) {
          hash = Math.imul(Math.imul(hash ^ unit, FNV_PRIME) ^ lower.charCodeAt(i + 1), FNV_PRIME);
          i += 2;
        } else break;
        codePoints += 1;
      }
      if (codePoints === 0) {
        i += 1;
        continue;
      }
      if (codePoints < minLength || (elisions && this.isElided(lower, i))) continue;
      hash ^= hash >>> 15;
      const entry = cache.find(lower, start, i, hash);
      let token: string | null;
      if (entry >= 0) token = cache.result(entry);
      else {
        const word = lower.slice(start, i);
        token = this.decide(word);
        cache.remember(word, hash, token);
      }
      if (token !== null) tokens.push(token);
    }
    return tokens;
  }

  /** Whether the word ending at `end` is an elided article or preposition (see the class comment). */
  private isElided(text: string, end: number): boolean {
    if (!APOSTROPHES.has(text.charCodeAt(end))) return false;
    const next = end + 1;
    const after = this.letterRunEnd(text, next);
    if (after === next) return false;
    return after - next > 2 || !ENGLISH_CLITICS.has(text.slice(next, after));
  }

  /** Where the run of letters starting at `from` ends (`from` itself when there is no letter there). */
  private letterRunEnd(text: string, from: number): number {
    let index = from;
    while (index < text.length) {
      const kind = this.letters[text.charCodeAt(index)];
      if (kind === LETTER) index += 1;
      else if (kind === SURROGATE && isAstralLetter(text, index)) index += 2;
      else break;
    }
    return index;
  }

  /** What a new word becomes: a token, or null for a stopword. */
  private decide(word: string): string | null {
    if (this.stopwords.has(word)) return null;
    return this.transform === null ? word : this.transform(word);
  }

  private wordTransform(): ((word: string) => string) | null {
    const lemma = this.config.lemmatize ? createEnglishLemmatizer() : null;
    const stem = this.config.stemmer ? createStemmer(this.config.stemmer) : null;
    if (lemma && stem) return (word) => stem(lemma(word));
    return lemma ?? stem;
  }
}
