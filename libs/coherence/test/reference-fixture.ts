import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';

/** fixtures/reference/coherence.json.gz: gensim 4.2 CoherenceModel values for 8 LDA topics on 526 texts. */
export interface CoherenceReference {
  topics: string[][];
  texts: string[][];
  results: Record<string, { per_topic: number[]; mean: number }>;
}

export const FIXTURES = join(__dirname, '../../../fixtures');

let cached: CoherenceReference | undefined;

export function loadCoherenceReference(): CoherenceReference {
  cached ??= JSON.parse(gunzipSync(readFileSync(join(FIXTURES, 'reference/coherence.json.gz'))).toString('utf8')) as CoherenceReference;
  return cached;
}
