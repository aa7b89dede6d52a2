import { CooccurrenceCounts } from './cooccurrence-counts';
import { normalizedLogRatio } from './direct-confirmation';

export interface CosineScore {
  /** Mean over the topic's words of cos(context vector of the word, context vector of the topic). */
  value: number;
  /** Segments whose cosine is undefined because a context vector is all zeros; each scored 0. */
  zeroVectorSegments: number;
}

/**
 * c_v's confirmation (gensim's cosine_similarity with measure 'nlr', gamma 1) under s_one_set: a word's
 * context vector holds its NPMI with every topic word; the topic's is the sum of its words' vectors.
 */
export function contextVectorCosine(counts: CooccurrenceCounts, topic: Int32Array): CosineScore {
  const n = topic.length;
  const npmi = new Float64Array(n * n);
  for (let a = 0; a < n; a++) {
    for (let b = a; b < n; b++) {
      const value = normalizedLogRatio(counts, topic[a], topic[b]);
      npmi[a * n + b] = value;
      npmi[b * n + a] = value;
    }
  }
  const topicVector = new Float64Array(n);
  for (let a = 0; a < n; a++) for (let b = 0; b < n; b++) topicVector[b] += npmi[a * n + b];
  let topicNormSquared = 0;
  for (let b = 0; b < n; b++) topicNormSquared += topicVector[b] * topicVector[b];
  const topicNorm = Math.sqrt(topicNormSquared);

  let sum = 0;
  let zeroVectorSegments = 0;
  for (let a = 0; a < n; a++) {
    let dot = 0;
    let normSquared = 0;
    for (let b = 0; b < n; b++) {
      const value = npmi[a * n + b];
      dot += value * topicVector[b];
      normSquared += value * value;
    }
    const denominator = Math.sqrt(normSquared) * topicNorm;
    if (denominator === 0) zeroVectorSegments++;
    else sum += dot / denominator;
  }
  return { value: sum / n, zeroVectorSegments };
}
