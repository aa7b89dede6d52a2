import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';

export const FIXTURES = join(__dirname, '../../../fixtures');
export const STOPWORDS_CSV = join(FIXTURES, 'stopwords/chroniclitaly-stopwords.csv');

export function readGzipJson<T>(path: string): T {
  return JSON.parse(gunzipSync(readFileSync(path)).toString('utf8')) as T;
}

export function readReference<T>(name: string): T {
  return readGzipJson<T>(join(FIXTURES, 'reference', name));
}

/** The demo-corpus copy of a reference file, read like Python's open(encoding='utf-8', errors='replace'). */
export function readDemoFile(relativePath: string): string | undefined {
  const path = join(FIXTURES, 'demo-corpus', relativePath);
  return existsSync(path) ? readFileSync(path).toString('utf8') : undefined;
}

export interface CoherenceReference {
  files: string[];
  tokenisation: string;
  texts: string[][];
}

export interface DictionaryReference {
  params: { no_below: number; no_above: number; keep_n: number };
  vocab_before: number;
  vocab_after: number;
  kept: string[];
  doc_freq_of_kept: Record<string, number>;
}

export interface PhrasesReference {
  params: { min_count: number; threshold: number; delimiter: string };
  input: string[][];
  output: string[][];
  phrasegrams: Record<string, number>;
}

export interface PhraseTokens {
  length: number;
  phrases: Array<[number, string]>;
}

export interface GensimExtra {
  trigrams: { layer2_phrasegrams: Record<string, number>; output: PhraseTokens[] };
  pruned: {
    params: { max_vocab_size: number };
    phrasegrams: Record<string, number>;
    vocab_size: number;
    output: PhraseTokens[];
  };
  dictionary: {
    chunk: number;
    prune_at: number;
    filter: { no_below: number; no_above: number; keep_n: number };
    before_filter: { size: number; num_docs: number; num_pos: number; num_nnz: number };
    id2token: string[];
    dfs: number[];
    cfs: number[];
    bow_of_chunk_0: Array<[number, number]>;
    bow_of_text_7: Array<[number, number]>;
  };
}

/** Where the phrase tokens (those holding the delimiter) of each document are, as the fixtures store them. */
export function phraseTokens(docs: string[][], delimiter = '_'): PhraseTokens[] {
  return docs.map((doc) => ({
    length: doc.length,
    phrases: doc.flatMap((token, i): Array<[number, string]> => (token.includes(delimiter) ? [[i, token]] : [])),
  }));
}

/** Expect every gensim phrase with the same score (1e-9 relative) and no other phrase. */
export function phrasegramMismatches(actual: ReadonlyMap<string, number>, expected: Record<string, number>): string[] {
  const problems: string[] = [];
  for (const [phrase, score] of Object.entries(expected)) {
    const ours = actual.get(phrase);
    if (ours === undefined) problems.push(`missing ${phrase}`);
    else if (Math.abs(ours - score) > 1e-9 * Math.abs(score)) problems.push(`${phrase}: ${ours} != ${score}`);
  }
  for (const phrase of actual.keys()) {
    if (!(phrase in expected)) problems.push(`unexpected ${phrase}`);
  }
  return problems;
}

/** Where two token lists first differ ("" when equal): cheap to compute for 200 long lists, and readable. */
export function tokenDifference(actual: readonly string[], expected: readonly string[]): string {
  const length = Math.max(actual.length, expected.length);
  for (let i = 0; i < length; i += 1) {
    if (actual[i] !== expected[i]) {
      return `at ${i}: got ${JSON.stringify(actual.slice(i, i + 3))}, expected ${JSON.stringify(expected.slice(i, i + 3))}`;
    }
  }
  return '';
}
