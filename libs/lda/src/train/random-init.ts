import { RandomStream } from '../math/random';
import { ResolvedTrainOptions } from './train-options';

const TOPICS_STREAM = 1;
const ESTEP_STREAM = 2;

/** gensim's initial topics: sstats ~ Gamma(100, 1/100), K×V. */
export function initialSstats(options: ResolvedTrainOptions): Float32Array {
  const values = new Float32Array(options.numTopics * options.numTerms);
  const stream = new RandomStream(options.randomState, TOPICS_STREAM);
  for (let i = 0; i < values.length; i++) values[i] = stream.gamma(100, 1 / 100);
  return values;
}

/** γ starting values of documents [first, first + count) in a pass, independent of chunking and threads. */
export function gammaInit(options: ResolvedTrainOptions, pass: number, first: number, count: number): Float32Array {
  const K = options.numTopics;
  const values = new Float32Array(count * K);
  for (let d = 0; d < count; d++) {
    const stream = new RandomStream(options.randomState, ESTEP_STREAM, pass, first + d);
    for (let k = 0; k < K; k++) values[d * K + k] = stream.gamma(100, 1 / 100);
  }
  return values;
}
