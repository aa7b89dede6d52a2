import { isoStopwords } from './iso-stopwords';
import { createEnglishLemmatizer } from './lemmatizer';
import { PreprocessingConfig, TokenPattern, parsePreprocessingConfig } from './preprocessing-config';
import { createStemmer } from './stemmer';
import { joinLineBreakHyphens } from './text-normalisation';

const LETTER: Record<TokenPattern, string> = { latin: '[a-zà-öø-ÿ]', unicode: '\\p{L}' };
const MAX_CACHED_WORDS = 1 << 20;
const APOSTROPHES = "'’‘ʼ";
// After these the apostrophe starts an English clitic (John's, don't, we'll), not an Italian elision.
const ENGLISH_CLITICS = '(?:s|t|d|m|ll|re|ve)';

/**
 * One regular expression finds every word long enough to keep. With elisions on, a word directly
 * followed by an apostrophe and another word (dell'anno, l’uomo) is matched together with the
 * apostrophe, which marks it as an elided article or preposition to drop.
 */
function wordPattern(pattern: TokenPattern, minLength: number, elisions: boolean): RegExp {
  const letter = LETTER[pattern];
  const elided = elisions ? `(?:[${APOSTROPHES}](?!${ENGLISH_CLITICS}(?!${letter}))(?=${letter}))?` : '';
  // Words are maximal letter runs, so `{minLength,}` skips the short ones; with the u flag it counts
  // code points, as Python's len() does.
  return new RegExp(`${letter}{${minLength},}${elided}`, pattern === 'unicode' ? 'gu' : 'g');
}

/**
 * Turns raw (OCR) text into tokens: optional hyphen re-joining, lowercasing, words by pattern, elisions,
 * minimum length, stopwords, then optional English lemmas and Snowball stems.
 * With `tokenPattern: 'latin'`, `stopwordLanguages: []`, elisions and joinHyphenated off, it reproduces
 * the gensim reference tokenisation exactly.
 */
export class Tokenizer {
  readonly config: PreprocessingConfig;
  private readonly pattern: RegExp;
  private readonly stopwords: ReadonlySet<string>;
  private readonly transform: ((word: string) => string) | null;
  // word as matched → the token it becomes (one shared string per distinct word, so that later Map
  // lookups on tokens compare by identity), or null when the word is dropped. Bounded for long-running
  // services that see arbitrary text; past the bound, words are simply processed uncached.
  private readonly decisions = new Map<string, string | null>();

  constructor(config: PreprocessingConfig) {
    this.config = parsePreprocessingConfig(config);
    const { tokenPattern, elisions, stopwordLanguages, customStopwords } = this.config;
    this.pattern = wordPattern(tokenPattern, this.config.minLength, elisions);
    const words = [...stopwordLanguages.flatMap((code) => isoStopwords(code)), ...customStopwords];
    this.stopwords = new Set(tokenPattern === 'unicode' ? words.map((word) => word.normalize('NFC')) : words);
    this.transform = this.wordTransform();
  }

  tokenize(text: string): string[] {
    const { tokenPattern, joinHyphenated } = this.config;
    let source = joinHyphenated ? joinLineBreakHyphens(text) : text;
    if (tokenPattern === 'unicode') source = source.normalize('NFC');
    const words = source.toLowerCase().match(this.pattern);
    if (words === null) return [];
    const { decisions } = this;
    const tokens: string[] = [];
    for (let i = 0; i < words.length; i += 1) {
      const word = words[i];
      let token = decisions.get(word);
      if (token === undefined) {
        token = this.decide(word);
        if (decisions.size < MAX_CACHED_WORDS) decisions.set(word, token);
      }
      if (token !== null) tokens.push(token);
    }
    return tokens;
  }

  /** What a matched word becomes: a token, or null when it is an elided article or a stopword. */
  private decide(word: string): string | null {
    if (this.config.elisions && APOSTROPHES.includes(word[word.length - 1])) return null;
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
