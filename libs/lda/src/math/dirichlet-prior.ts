import { digamma, trigamma } from './special-functions';

/**
 * One damped Newton step on a Dirichlet prior (gensim's update_dir_prior, after J. Huang, "Maximum
 * Likelihood Estimation of Dirichlet Distribution Parameters"). `logPHat` is the mean of E[log p] over the
 * N observations. The step is taken only when every updated value stays positive, as in gensim.
 */
export function updateDirichletPrior(
  prior: Float64Array,
  observations: number,
  logPHat: Float64Array,
  rho: number,
): Float64Array {
  const size = prior.length;
  let priorSum = 0;
  for (let i = 0; i < size; i++) priorSum += prior[i];
  const psiSum = digamma(priorSum);
  const c = observations * trigamma(priorSum);
  const gradient = new Float64Array(size);
  const q = new Float64Array(size);
  let gradientOverQ = 0;
  let inverseQ = 0;
  for (let i = 0; i < size; i++) {
    gradient[i] = observations * (psiSum - digamma(prior[i]) + logPHat[i]);
    q[i] = -observations * trigamma(prior[i]);
    gradientOverQ += gradient[i] / q[i];
    inverseQ += 1 / q[i];
  }
  const b = gradientOverQ / (1 / c + inverseQ);
  const updated = new Float64Array(size);
  for (let i = 0; i < size; i++) {
    updated[i] = prior[i] - (rho * (gradient[i] - b)) / q[i];
    if (!(updated[i] > 0)) return prior;
  }
  return updated;
}
