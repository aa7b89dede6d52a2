import { PackedDocs } from '../corpus/packed-docs';
import { digamma } from '../math/special-functions';
import { FusedKernel } from '../simd/fused-kernel';
import { EStepResult, EStepSettings } from './estep-types';
import { TopicColumns } from './topic-columns';

const kernels = new Map<number, FusedKernel>();

function kernelFor(numTopics: number): FusedKernel {
  let kernel = kernels.get(numTopics);
  if (!kernel) {
    kernel = new FusedKernel(numTopics);
    kernels.set(numTopics, kernel);
  }
  return kernel;
}

/**
 * gensim's per-document loop with the two products fused into one WebAssembly SIMD pass per iteration
 * (see FusedKernel); γ and exp(E[log θ]) are updated in float64 between passes. Documents run one after the
 * other, each staying in cache for all its iterations. γ lands in `result.gamma` at each document's row.
 */
export function simdEStep(topics: TopicColumns, docs: PackedDocs, docIds: ArrayLike<number>, gammaInit: Float32Array, settings: EStepSettings, result: EStepResult): void {
  if (docIds.length === 0) return;
  const K = topics.numTopics;
  const kernel = kernelFor(K);
  const gamma = new Float64Array(K);
  kernel.setTopics(topics.values, topics.numTerms);
  for (let j = 0; j < docIds.length; j++) {
    const d = docIds[j];
    const from = docs.offsets[d];
    const to = docs.offsets[d + 1];
    kernel.loadDocument(docs.ids.subarray(from, to), docs.counts.subarray(from, to));
    // exp(E[log θ]) lives in the kernel's memory, float32 as in gensim.
    const expElogtheta = kernel.theta;
    const sums = kernel.sums;
    const refresh = () => {
      let sum = 0;
      for (let k = 0; k < K; k++) sum += gamma[k];
      const psiSum = digamma(sum);
      for (let k = 0; k < K; k++) expElogtheta[k] = Math.exp(digamma(gamma[k]) - psiSum);
    };
    for (let k = 0; k < K; k++) gamma[k] = gammaInit[d * K + k];
    refresh();
    for (let iteration = 0; iteration < settings.iterations; iteration++) {
      result.iterations++;
      kernel.iterate();
      let change = 0;
      for (let k = 0; k < K; k++) {
        const updated = settings.alpha[k] + expElogtheta[k] * sums[k];
        change += Math.abs(updated - gamma[k]);
        gamma[k] = updated;
      }
      refresh();
      if (change / K < settings.gammaThreshold) {
        result.converged++;
        break;
      }
    }
    for (let k = 0; k < K; k++) result.gamma[d * K + k] = gamma[k];
    if (result.sstats) kernel.accumulate();
  }
  if (result.sstats) kernel.addStatisticsTo(result.sstats);
}
