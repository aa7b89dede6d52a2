import { PackedDocs, packedDocCount } from '../corpus/packed-docs';
import { EStepCounts } from './estep-types';

/**
 * Sets γ = α for the chunk's empty documents — gensim's loop ends there after two iterations, with no
 * arithmetic worth doing — and returns the indices of the others.
 */
export function settleEmptyDocuments(
  docs: PackedDocs,
  alpha: ArrayLike<number>,
  iterations: number,
  gamma: Float32Array,
  counts: EStepCounts,
): number[] {
  const K = alpha.length;
  const nonEmpty: number[] = [];
  for (let d = 0; d < packedDocCount(docs); d++) {
    if (docs.offsets[d + 1] > docs.offsets[d]) {
      nonEmpty.push(d);
      continue;
    }
    for (let k = 0; k < K; k++) gamma[d * K + k] = alpha[k];
    counts.iterations += Math.min(2, iterations);
    if (iterations >= 2) counts.converged++;
  }
  return nonEmpty;
}
