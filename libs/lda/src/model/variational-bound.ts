import { PackedDocs, packedDocCount } from '../corpus/packed-docs';
import { planSubBatches } from '../estep/sub-batches';
import { dirichletExpectation, lgamma } from '../math/special-functions';
import { TopicColumns } from '../estep/topic-columns';
import { tf } from '../tensor/tf';

/**
 * The document terms of gensim's LdaModel.bound(), summed over `docs`:
 *   Σ_w n_dw · log Σ_k exp(E[log θ_dk] + E[log β_kw])          (batched over tfjs tensors)
 *   + Σ_k (α_k − γ_dk)·E[log θ_dk] + Σ_k (ln Γ(γ_dk) − ln Γ(α_k)) + ln Γ(Σα) − ln Γ(Σ_k γ_dk)
 * `elogbetaColumns` holds E[log β] term-major; `gamma` is D×K.
 */
export function documentsBound(
  docs: PackedDocs,
  gamma: Float32Array,
  alpha: ArrayLike<number>,
  elogbetaColumns: TopicColumns,
): number {
  const K = elogbetaColumns.numTopics;
  const count = packedDocCount(docs);
  const elogtheta = new Float32Array(count * K);
  for (let d = 0; d < count; d++) dirichletExpectation(gamma, elogtheta, d * K, K);

  let score = 0;
  for (const batch of planSubBatches(docs, K)) {
    const size = batch.docs.length;
    const L = batch.length;
    const counts = new Float32Array(size * L);
    const theta = new Float32Array(size * K);
    for (let b = 0; b < size; b++) {
      const d = batch.docs[b];
      const from = docs.offsets[d];
      const n = docs.offsets[d + 1] - from;
      counts.set(docs.counts.subarray(from, from + n), b * L);
      theta.set(elogtheta.subarray(d * K, d * K + K), b * K);
    }
    const block = elogbetaColumns.gather(docs.ids, docs.offsets, batch.docs, L);
    const total = tf.tidy(() => {
      const columns = tf.tensor3d(block, [size, L, K]);
      const perWord = tf.logSumExp(tf.add(columns, tf.tensor3d(theta, [size, 1, K])), 2);
      return tf.sum(tf.mul(perWord, tf.tensor2d(counts, [size, L])));
    });
    score += total.dataSync()[0];
    total.dispose();
  }

  let alphaSum = 0;
  let lgammaAlpha = 0;
  for (let k = 0; k < K; k++) {
    alphaSum += alpha[k];
    lgammaAlpha += lgamma(alpha[k]);
  }
  const lgammaAlphaSum = lgamma(alphaSum);
  for (let d = 0; d < count; d++) {
    let gammaSum = 0;
    for (let k = 0; k < K; k++) {
      const g = gamma[d * K + k];
      score += (alpha[k] - g) * elogtheta[d * K + k] + lgamma(g);
      gammaSum += g;
    }
    score += lgammaAlphaSum - lgammaAlpha - lgamma(gammaSum);
  }
  return score;
}

/**
 * The topic terms of gensim's bound(): Σ_kw (η_w − λ_kw)·E[log β_kw] + Σ_kw (ln Γ(λ_kw) − ln Γ(η_w))
 * + Σ_k (ln Γ(Σ_w η_w) − ln Γ(Σ_w λ_kw)). `lambda` and `elogbeta` are topic-major K×V.
 */
export function topicsBound(
  lambda: Float32Array,
  elogbeta: Float32Array,
  eta: ArrayLike<number>,
  numTopics: number,
): number {
  const V = eta.length;
  let etaSum = 0;
  let lgammaEta = 0;
  for (let w = 0; w < V; w++) {
    etaSum += eta[w];
    lgammaEta += lgamma(eta[w]);
  }
  const lgammaEtaSum = lgamma(etaSum);
  let score = 0;
  for (let k = 0; k < numTopics; k++) {
    let lambdaSum = 0;
    const row = k * V;
    for (let w = 0; w < V; w++) {
      const l = lambda[row + w];
      score += (eta[w] - l) * elogbeta[row + w] + lgamma(l);
      lambdaSum += l;
    }
    score += lgammaEtaSum - lgamma(lambdaSum) - lgammaEta;
  }
  return score;
}
