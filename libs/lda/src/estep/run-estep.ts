import { PackedDocs, packedDocCount } from '../corpus/packed-docs';
import { tf } from '../tensor/tf';
import { settleEmptyDocuments } from './empty-documents';
import { EStepResult, EStepSettings } from './estep-types';
import { perDocumentEStep } from './per-document-estep';
import { FusedKernel } from '../simd/fused-kernel';
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

const inferenceKernels = new Map<number, FusedKernel>();

/** This thread's kernel for stateless E-steps (inference); training sessions own theirs. */
function inferenceKernel(numTopics: number): FusedKernel {
  let kernel = inferenceKernels.get(numTopics);
  if (!kernel) {
    kernel = new FusedKernel(numTopics);
    inferenceKernels.set(numTopics, kernel);
  }
  return kernel;
}

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
export function runEStep(
  topics: TopicColumns,
  docs: PackedDocs,
  gammaInit: Float32Array,
  settings: EStepSettings,
): EStepResult {
  const K = topics.numTopics;
  const count = packedDocCount(docs);
  const result: EStepResult = {
    gamma: new Float32Array(count * K),
    sstats: settings.collectSstats ? new Float32Array(topics.numTerms * K) : null,
    iterations: 0,
    converged: 0,
  };
  const nonEmpty = settleEmptyDocuments(docs, settings.alpha, settings.iterations, result.gamma, result);
  if (settings.kernel === 'wasm-simd') {
    const kernel = inferenceKernel(K);
    kernel.setTopics(topics.values, topics.numTerms);
    simdEStep(kernel, docs, nonEmpty, gammaInit, settings, result.gamma, result);
    if (result.sstats) kernel.takeStatistics(result.sstats);
    return result;
  }
  const maxBatchedLength = Math.ceil((settings.perDocumentFrom ?? defaultPerDocumentFrom()) / K) - 1;
  const longDocuments = nonEmpty.filter((d) => docs.offsets[d + 1] - docs.offsets[d] > maxBatchedLength);
  for (const batch of planSubBatches(docs, K, settings.elementBudget, maxBatchedLength))
    runSubBatch(topics, docs, batch, gammaInit, settings, result);
  perDocumentEStep(topics, docs, longDocuments, gammaInit, settings, result);
  return result;
}
