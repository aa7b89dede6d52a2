import { RandomStream } from '../math/random';
import { ResolvedTrainOptions } from './train-options';

const TOPICS_STREAM = 1;

/** gensim's initial topics: sstats ~ Gamma(100, 1/100), K×V. */
export function initialSstats(options: ResolvedTrainOptions): Float32Array {
  const values = new Float32Array(options.numTopics * options.numTerms);
  const stream = new RandomStream(options.randomState, TOPICS_STREAM);
  for (let i = 0; i < values.length; i++) values[i] = stream.gamma(100, 1 / 100);
  return values;
}
