import { RandomStream } from '../math/random';

const ESTEP_STREAM = 2;

/** Where a chunk's random γ starting values come from: document i's draws depend only on (seed, pass, index). */
export interface GammaStart {
  seed: number;
  pass: number;
  /** Corpus index of the chunk's (or shard's) first document. */
  firstDoc: number;
}

/** gensim's γ starting values, Gamma(100, 1/100) per topic, for `count` documents (D×K). */
export function gammaStartValues(start: GammaStart, count: number, numTopics: number): Float32Array {
  const values = new Float32Array(count * numTopics);
  for (let d = 0; d < count; d++) {
    const stream = new RandomStream(start.seed, ESTEP_STREAM, start.pass, start.firstDoc + d);
    for (let k = 0; k < numTopics; k++) values[d * numTopics + k] = stream.gamma(100, 1 / 100);
  }
  return values;
}
