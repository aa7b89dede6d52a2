import { Bow } from '../src';
import { RandomStream } from '../src/math/random';

export interface SyntheticCorpus {
  docs: Bow[];
  /** The true topic-word distributions, K×V. */
  topics: Float64Array[];
}

function gammaDraw(random: RandomStream, shape: number): number {
  // Marsaglia–Tsang needs shape ≥ 1; boost smaller shapes with U^(1/shape).
  if (shape >= 1) return random.gamma(shape, 1);
  return random.gamma(shape + 1, 1) * Math.pow(random.uniform(), 1 / shape);
}

function dirichlet(random: RandomStream, size: number, concentration: number): Float64Array {
  const draw = Float64Array.from({ length: size }, () => gammaDraw(random, concentration));
  const sum = draw.reduce((a, b) => a + b, 0);
  return draw.map((v) => v / sum);
}

function categorical(random: RandomStream, probabilities: Float64Array): number {
  let u = random.uniform();
  for (let i = 0; i < probabilities.length; i++) {
    u -= probabilities[i];
    if (u <= 0) return i;
  }
  return probabilities.length - 1;
}

/** Documents drawn from LDA's generative process with known topics (seeded). */
export function generateLdaCorpus(o: {
  seed: number;
  numTopics: number;
  numTerms: number;
  numDocs: number;
  docLength: number;
  alpha: number;
  eta: number;
}): SyntheticCorpus {
  const random = new RandomStream(o.seed, 99);
  const topics = Array.from({ length: o.numTopics }, () => dirichlet(random, o.numTerms, o.eta));
  const docs: Bow[] = [];
  for (let d = 0; d < o.numDocs; d++) {
    const theta = dirichlet(random, o.numTopics, o.alpha);
    const counts = new Map<number, number>();
    for (let i = 0; i < o.docLength; i++) {
      const word = categorical(random, topics[categorical(random, theta)]);
      counts.set(word, (counts.get(word) ?? 0) + 1);
    }
    docs.push([...counts.entries()].sort((a, b) => a[0] - b[0]));
  }
  return { docs, topics };
}

export function cosine(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (let i = 0; i < a.length; i++) {
    dot += a[i] * b[i];
    na += a[i] * a[i];
    nb += b[i] * b[i];
  }
  return dot / Math.sqrt(na * nb);
}

/** Mean cosine similarity under the best one-to-one matching of learned to true topics (exhaustive, K ≤ 8). */
export function bestMatchingCosine(learned: ArrayLike<number>[], truth: ArrayLike<number>[]): number {
  const K = truth.length;
  const similarity = learned.map((l) => truth.map((t) => cosine(l, t)));
  let best = -Infinity;
  const used = new Array<boolean>(K).fill(false);
  const search = (i: number, total: number) => {
    if (i === K) {
      best = Math.max(best, total);
      return;
    }
    for (let j = 0; j < K; j++) {
      if (used[j]) continue;
      used[j] = true;
      search(i + 1, total + similarity[i][j]);
      used[j] = false;
    }
  };
  search(0, 0);
  return best / K;
}
