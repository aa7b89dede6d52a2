import { updateDirichletPrior } from '../math/dirichlet-prior';
import { dirichletExpectation } from '../math/special-functions';

/** gensim's update_alpha: one Newton step on α from the chunk's γ (D×K). */
export function updateAlpha(alpha: Float64Array, gamma: Float32Array, rho: number): Float64Array {
  const K = alpha.length;
  const docs = gamma.length / K;
  if (docs === 0) return alpha;
  const logPHat = new Float64Array(K);
  const elogtheta = new Float64Array(K);
  for (let d = 0; d < docs; d++) {
    dirichletExpectation(gamma.subarray(d * K, d * K + K), elogtheta);
    for (let k = 0; k < K; k++) logPHat[k] += elogtheta[k];
  }
  for (let k = 0; k < K; k++) logPHat[k] /= docs;
  return updateDirichletPrior(alpha, docs, logPHat, rho);
}
