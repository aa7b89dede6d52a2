import type nlpType from 'compromise';

type Compromise = typeof nlpType;

function loadCompromise(): Compromise {
  // compromise takes ~300 ms to load, so only configurations that lemmatise pay for it.
  const loaded = require('compromise') as Compromise & { default?: Compromise };
  return loaded.default ?? loaded;
}

/**
 * English lemmas from compromise, one token at a time: tagging whole texts is slow, while a corpus
 * repeats the same words and the Tokenizer caches the answer per distinct word. A token compromise has
 * no root for (names, non-English words) is kept as it is.
 */
export function createEnglishLemmatizer(): (word: string) => string {
  const nlp = loadCompromise();
  return (word) => rootOf(nlp, word) ?? word;
}

function rootOf(nlp: Compromise, word: string): string | undefined {
  const doc = nlp(word);
  doc.compute('root');
  const terms = doc.docs[0];
  if (!terms || terms.length !== 1) return undefined;
  const root = (terms[0] as { root?: unknown }).root;
  return typeof root === 'string' && root.length > 0 && !/\s/.test(root) ? root : undefined;
}
