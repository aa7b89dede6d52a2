import { digamma } from '../math/special-functions';
import { FLOAT32_EPSILON } from './estep-types';

/** A single document, small enough that plain JS beats the per-op cost of tfjs. */
export const SINGLE_DOCUMENT_MAX_ELEMENTS = 100_000;

export interface SingleDocumentInput {
  /** exp(E[log β]) term-major, at least V×K. */
  expElogbetaT: Float32Array;
  numTopics: number;
  ids: ArrayLike<number>;
  counts: ArrayLike<number>;
  alpha: ArrayLike<number>;
  gammaInit: ArrayLike<number>;
  iterations: number;
  gammaThreshold: number;
}

/**
 * gensim's per-document inference loop in plain JS, with the φ normaliser and the γ update fused into one
 * pass over the document's columns per iteration. Returns γ (K values).
 */
export function inferSingleDocument(input: SingleDocumentInput): Float64Array {
  const K = input.numTopics;
  const n = input.ids.length;
  const columns = new Float64Array(n * K);
  for (let i = 0; i < n; i++) {
    const from = input.ids[i] * K;
    for (let k = 0; k < K; k++) columns[i * K + k] = input.expElogbetaT[from + k];
  }
  const gamma = Float64Array.from(input.gammaInit);
  const expElogtheta = new Float64Array(K);
  const sums = new Float64Array(K);
  const refresh = () => {
    let total = 0;
    for (let k = 0; k < K; k++) total += gamma[k];
    const psiTotal = digamma(total);
    for (let k = 0; k < K; k++) expElogtheta[k] = Math.exp(digamma(gamma[k]) - psiTotal);
  };
  refresh();
  for (let iteration = 0; iteration < input.iterations; iteration++) {
    sums.fill(0);
    for (let i = 0; i < n; i++) {
      const row = i * K;
      let norm = 0;
      for (let k = 0; k < K; k++) norm += expElogtheta[k] * columns[row + k];
      const weight = input.counts[i] / (norm + FLOAT32_EPSILON);
      for (let k = 0; k < K; k++) sums[k] += weight * columns[row + k];
    }
    let change = 0;
    for (let k = 0; k < K; k++) {
      const updated = input.alpha[k] + expElogtheta[k] * sums[k];
      change += Math.abs(updated - gamma[k]);
      gamma[k] = updated;
    }
    refresh();
    if (change / K < input.gammaThreshold) break;
  }
  return gamma;
}
