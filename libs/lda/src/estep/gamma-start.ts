import { RandomStream } from '../math/random';

const ESTEP_STREAM = 2;

/** Where a chunk's random γ starting values come from: document i's draws depend only on (seed, pass, index). */
export interface GammaStart {
  seed: number;
  pass: number;
  /** Corpus index of the chunk's (or shard's) first document. */
  firstDoc: number;
  /**
   * The documents' starting γ (count × K), drawn by the trainer from gensim's random stream or kept from
   * the previous pass; used instead of the counter-based draws.
   */
  values?: Float32Array;
}

/** γ starting values for `count` documents (D×K): `start.values`, else Gamma(100, 1/100) per topic, as gensim draws them. */
export function gammaStartValues(start: GammaStart, count: number, numTopics: number): Float32Array {
  if (start.values) {
    if (start.values.length !== count * numTopics) {
      throw new Error(`starting γ has ${start.values.length} values for ${count} documents × ${numTopics} topics`);
    }
    return start.values;
  }
  const values = new Float32Array(count * numTopics);
  for (let d = 0; d < count; d++) {
    const stream = new RandomStream(start.seed, ESTEP_STREAM, start.pass, start.firstDoc + d);
    for (let k = 0; k < numTopics; k++) values[d * numTopics + k] = stream.gamma(100, 1 / 100);
  }
  return values;
}
