import stopwordsIso from 'stopwords-iso/stopwords-iso.json';

const LISTS: Readonly<Record<string, readonly string[]>> = stopwordsIso;

/** The language codes stopwords-iso has lists for (ISO 639-1). */
export function isoStopwordLanguages(): string[] {
  return Object.keys(LISTS).sort();
}

export function hasIsoStopwords(language: string): boolean {
  return Object.prototype.hasOwnProperty.call(LISTS, language);
}

/** The stopwords-iso list of one language; throws for an unknown code. */
export function isoStopwords(language: string): readonly string[] {
  if (!hasIsoStopwords(language)) {
    throw new RangeError(`stopwords-iso has no list for "${language}" (known: ${isoStopwordLanguages().join(', ')})`);
  }
  return LISTS[language];
}
