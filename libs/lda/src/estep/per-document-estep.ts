import { PackedDocs } from '../corpus/packed-docs';
import { digamma } from '../math/special-functions';
import { Tensor2D, tf } from '../tensor/tf';
import { EStepResult, EStepSettings, FLOAT32_EPSILON } from './estep-types';
import { TopicColumns } from './topic-columns';

/**
 * One long document at a time, gensim's loop with both products as batch-1 tfjs matMuls. On the wasm
 * backend those run through XNNPACK (SIMD, the document's columns packed once and cached by tensor),
 * while batched matMuls run a scalar loop: past a few tens of thousands of elements per document, this
 * beats the batched path despite the per-op cost. γ is written into `result.gamma` at `docs[d]`'s row.
 */
export function perDocumentEStep(
  topics: TopicColumns,
  docs: PackedDocs,
  docIds: ArrayLike<number>,
  gammaInit: Float32Array,
  settings: EStepSettings,
  result: EStepResult,
): void {
  const K = topics.numTopics;
  const gamma = new Float64Array(K);
  const expElogtheta = new Float32Array(K);
  const refresh = () => {
    let sum = 0;
    for (let k = 0; k < K; k++) sum += gamma[k];
    const psiSum = digamma(sum);
    for (let k = 0; k < K; k++) expElogtheta[k] = Math.exp(digamma(gamma[k]) - psiSum);
  };
  for (let j = 0; j < docIds.length; j++) {
    const d = docIds[j];
    const from = docs.offsets[d];
    const n = docs.offsets[d + 1] - from;
    const counts = docs.counts.subarray(from, from + n);
    const columns = tf.tensor2d(topics.gather(docs.ids, docs.offsets, [d], n), [n, K]);
    const columnsT = tf.transpose(columns);
    const ratio = new Float32Array(n);
    const updateRatio = () => {
      const theta = tf.tensor2d(expElogtheta, [1, K]);
      const norm = tf.matMul(theta, columnsT);
      const values = norm.dataSync();
      tf.dispose([theta, norm]);
      for (let i = 0; i < n; i++) ratio[i] = counts[i] / (values[i] + FLOAT32_EPSILON);
    };
    try {
      for (let k = 0; k < K; k++) gamma[k] = gammaInit[d * K + k];
      refresh();
      updateRatio();
      for (let iteration = 0; iteration < settings.iterations; iteration++) {
        result.iterations++;
        const sums = topicSums(ratio, columns, n);
        let change = 0;
        for (let k = 0; k < K; k++) {
          const updated = settings.alpha[k] + expElogtheta[k] * sums[k];
          change += Math.abs(updated - gamma[k]);
          gamma[k] = updated;
        }
        refresh();
        updateRatio();
        if (change / K < settings.gammaThreshold) {
          result.converged++;
          break;
        }
      }
    } finally {
      tf.dispose([columns, columnsT]);
    }
    for (let k = 0; k < K; k++) result.gamma[d * K + k] = gamma[k];
    if (result.sstats) {
      for (let i = 0; i < n; i++) {
        const row = docs.ids[from + i] * K;
        for (let k = 0; k < K; k++) result.sstats[row + k] += ratio[i] * expElogtheta[k];
      }
    }
  }
}

/** Σ_i ratio_i · columns[i, :] as a [1, n]·[n, K] product. */
function topicSums(ratio: Float32Array, columns: Tensor2D, n: number): Float32Array {
  const weights = tf.tensor2d(ratio, [1, n]);
  const sums = tf.matMul(weights, columns);
  try {
    return sums.dataSync() as Float32Array;
  } finally {
    tf.dispose([weights, sums]);
  }
}
