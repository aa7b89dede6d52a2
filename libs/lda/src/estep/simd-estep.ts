import { PackedDocs } from '../corpus/packed-docs';
import { digamma } from '../math/special-functions';
import { FusedKernel } from '../simd/fused-kernel';
import { EStepCounts, EStepSettings } from './estep-types';

/**
 * gensim's per-document loop with the two products fused into one WebAssembly SIMD pass per iteration
 * (see FusedKernel), the topics already installed in `kernel`. γ is updated in float64 and exp(E[log θ]) in
 * float32 (as gensim) between passes; documents run one after the other, each staying in cache for all its
 * iterations. γ lands in `gamma` at each document's row; with `settings.collectSstats` the statistics
 * accumulate in the kernel.
 */
export function simdEStep(kernel: FusedKernel, docs: PackedDocs, docIds: ArrayLike<number>, gammaInit: Float32Array, settings: EStepSettings, gammaOut: Float32Array, counts: EStepCounts): void {
  const K = kernel.numTopics;
  const gamma = new Float64Array(K);
  for (let j = 0; j < docIds.length; j++) {
    const d = docIds[j];
    const from = docs.offsets[d];
    const to = docs.offsets[d + 1];
    kernel.loadDocument(docs.ids.subarray(from, to), docs.counts.subarray(from, to));
    // exp(E[log θ]) lives in the kernel's memory.
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
      counts.iterations++;
      kernel.iterate();
      let change = 0;
      for (let k = 0; k < K; k++) {
        const updated = settings.alpha[k] + expElogtheta[k] * sums[k];
        change += Math.abs(updated - gamma[k]);
        gamma[k] = updated;
      }
      refresh();
      if (change / K < settings.gammaThreshold) {
        counts.converged++;
        break;
      }
    }
    for (let k = 0; k < K; k++) gammaOut[d * K + k] = gamma[k];
    if (settings.collectSstats) kernel.accumulate();
  }
}
