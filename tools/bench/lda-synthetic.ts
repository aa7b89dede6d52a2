// Documents drawn from LDA's generative process, streamed one at a time (for the streaming/memory benchmark):
// topics ~ Dirichlet(0.01) over the vocabulary, θ_d ~ Dirichlet(0.1), length uniform in [L/2, 3L/2].
import { Bow } from '@topicops/lda';

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (((t ^ (t >>> 14)) >>> 0) + 0.5) / 4294967296;
  };
}

function gammaDraw(uniform: () => number, shape: number): number {
  if (shape < 1) return gammaDraw(uniform, shape + 1) * Math.pow(uniform(), 1 / shape);
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    const x = Math.sqrt(-2 * Math.log(uniform())) * Math.cos(2 * Math.PI * uniform());
    const v = (1 + c * x) ** 3;
    if (v > 0 && Math.log(uniform()) < 0.5 * x * x + d - d * v + d * Math.log(v)) return d * v;
  }
}

/** Cumulative distribution of a Dirichlet draw, for sampling by binary search. */
function dirichletCdf(uniform: () => number, size: number, concentration: number): Float64Array {
  const cdf = new Float64Array(size);
  let total = 0;
  for (let i = 0; i < size; i++) {
    total += gammaDraw(uniform, concentration);
    cdf[i] = total;
  }
  for (let i = 0; i < size; i++) cdf[i] /= total;
  return cdf;
}

function sample(cdf: Float64Array, u: number): number {
  let lo = 0;
  let hi = cdf.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (cdf[mid] < u) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export function* syntheticDocuments(o: {
  numDocs: number;
  numTerms: number;
  numTopics: number;
  docLength: number;
  seed: number;
  stream: number;
}): Generator<Bow> {
  const topicRandom = mulberry32(o.seed);
  const topics = Array.from({ length: o.numTopics }, () => dirichletCdf(topicRandom, o.numTerms, 0.01));
  const uniform = mulberry32(o.seed * 7919 + o.stream);
  for (let d = 0; d < o.numDocs; d++) {
    const theta = dirichletCdf(uniform, o.numTopics, 0.1);
    const length = Math.round(o.docLength * (0.5 + uniform()));
    const counts = new Map<number, number>();
    for (let i = 0; i < length; i++) {
      const word = sample(topics[sample(theta, uniform())], uniform());
      counts.set(word, (counts.get(word) ?? 0) + 1);
    }
    yield [...counts.entries()].sort((a, b) => a[0] - b[0]);
  }
}
