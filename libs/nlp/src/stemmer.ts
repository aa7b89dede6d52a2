import type { StemmerLanguage } from './preprocessing-config';

interface SnowballStemmer {
  stem(word: string): string;
}
interface SnowballFactory {
  newStemmer(language: string): SnowballStemmer;
}

function loadSnowball(): SnowballFactory {
  // snowball-stemmers ships without type declarations; loaded only when a configuration stems.
  return require('snowball-stemmers') as SnowballFactory;
}

/** A Snowball stemmer (the Tokenizer caches its answers per distinct word). */
export function createStemmer(language: StemmerLanguage): (word: string) => string {
  const stemmer = loadSnowball().newStemmer(language);
  return (word) => stemmer.stem(word);
}
