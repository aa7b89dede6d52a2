import { PackedDocs, packedDocCount } from '../corpus/packed-docs';
import { tf } from '../tensor/tf';
import { EStepResult, EStepSettings } from './estep-types';
import { perDocumentEStep } from './per-document-estep';
import { simdEStep } from './simd-estep';
import { runSubBatch } from './sub-batch-estep';
import { planSubBatches } from './sub-batches';
import { TopicColumns } from './topic-columns';

/**
 * Elements (unique terms × K) from which a document runs on its own through batch-1 matMuls. Measured on
 * tfjs-wasm 4.22, where those go through XNNPACK and batched ones through a scalar loop; other backends
 * batch everything.
 */
export const WASM_PER_DOCUMENT_FROM = 10_000;

function defaultPerDocumentFrom(): number {
  return tf.getBackend() === 'wasm' ? WASM_PER_DOCUMENT_FROM : Infinity;
}

/**
 * gensim's LdaModel.inference for a whole chunk at once. With the 'wasm-simd' kernel, documents run one
 * after the other through the fused SIMD pass (simdEStep). With 'tfjs', documents are bucketed by length into padded
 * sub-batches, each iterated with two batched matrix products per step ([R,K,L]·[R,L,1] for the γ update,
 * [R,L,K]·[R,K,1] for the φ normalisers); a document stops when its mean |Δγ| falls below the threshold and
 * converged documents are dropped from the tensors as they accumulate. Long documents (see
 * `perDocumentFrom`) run one by one. `gammaInit` is D×K.
 */
export function runEStep(topics: TopicColumns, docs: PackedDocs, gammaInit: Float32Array, settings: EStepSettings): EStepResult {
  const K = topics.numTopics;
  const count = packedDocCount(docs);
  const result: EStepResult = {
    gamma: new Float32Array(count * K),
    sstats: settings.collectSstats ? new Float32Array(topics.numTerms * K) : null,
    iterations: 0,
    converged: 0,
  };
  const simd = settings.kernel === 'wasm-simd';
  const perDocumentFrom = simd ? 0 : (settings.perDocumentFrom ?? defaultPerDocumentFrom());
  const maxBatchedLength = Math.ceil(perDocumentFrom / K) - 1;
  const longDocuments: number[] = [];
  for (let d = 0; d < count; d++) {
    const length = docs.offsets[d + 1] - docs.offsets[d];
    if (length > 0 && length > maxBatchedLength) longDocuments.push(d);
    // gensim: an empty document's γ is α after two iterations.
    if (length === 0) {
      for (let k = 0; k < K; k++) result.gamma[d * K + k] = settings.alpha[k];
      result.iterations += Math.min(2, settings.iterations);
      if (settings.iterations >= 2) result.converged++;
    }
  }
  if (simd) {
    simdEStep(topics, docs, longDocuments, gammaInit, settings, result);
    return result;
  }
  for (const batch of planSubBatches(docs, K, settings.elementBudget, maxBatchedLength)) runSubBatch(topics, docs, batch, gammaInit, settings, result);
  perDocumentEStep(topics, docs, longDocuments, gammaInit, settings, result);
  return result;
}
