import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';

/** fixtures/reference/lda_inference.json.gz: a gensim 4.2 LdaModel (K=8) and its held-out inference. */
export interface LdaReference {
  num_topics: number;
  vocab: string[];
  alpha: number[];
  eta: number[];
  lambda: number[][];
  train_params: { passes: number; chunksize: number; iterations: number; random_state: number };
  heldout_bow: Array<Array<[number, number]>>;
  heldout_theta: number[][];
  heldout_log_perplexity: number;
  top_words: string[][];
}

export const FIXTURES = join(__dirname, '..', '..', '..', 'fixtures');

export function loadLdaReference(): LdaReference {
  return JSON.parse(
    gunzipSync(readFileSync(join(FIXTURES, 'reference', 'lda_inference.json.gz'))).toString('utf8'),
  ) as LdaReference;
}
