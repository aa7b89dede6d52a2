import { NumpyRandomState } from '../math/numpy-random';

/** gensim's γ and λ starting draws: Gamma(shape 100, scale 1/100), mean 1, sd 0.1. */
const GAMMA_SHAPE = 100;
const GAMMA_SCALE = 1 / 100;

/**
 * gensim's random stream of a training run, draw for draw: np.random.RandomState(seed) gives the initial
 * topics (K×V), then the starting γ of every chunk in order, pass after pass.
 */
export class TrainingRandomness {
  private readonly random: NumpyRandomState;

  constructor(seed: number) {
    this.random = new NumpyRandomState(seed);
  }

  /** The initial statistics, sstats ~ Gamma(100, 1/100), K×V. */
  initialSstats(numTopics: number, numTerms: number): Float32Array {
    return this.random.fillGamma(new Float32Array(numTopics * numTerms), GAMMA_SHAPE, GAMMA_SCALE);
  }

  /** A chunk's starting γ, count × K. */
  chunkGamma(count: number, numTopics: number): Float32Array {
    return this.random.fillGamma(new Float32Array(count * numTopics), GAMMA_SHAPE, GAMMA_SCALE);
  }
}
