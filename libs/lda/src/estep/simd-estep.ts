import { PackedDocs } from '../corpus/packed-docs';
import { digamma, expDigammaMinus } from '../math/special-functions';
import { FusedKernel } from '../simd/fused-kernel';
import { EStepCounts, EStepSettings } from './estep-types';

/**
 * gensim's per-document loop with the two products of an iteration in one WebAssembly SIMD pass (see
 * FusedKernel), the topics already installed in `kernel`. γ is updated in float64 and exp(E[log θ]) in
 * float32 (as gensim) between passes; documents run one after the other, each staying in cache for all its
 * iterations. γ lands in `gammaOut` at each document's row; with `settings.collectSstats` the statistics
 * accumulate in the kernel.
 *
 * A topic whose exp(E[log θ]) is 0 in float32 gets γ = α exactly (α + 0·sum), so once both hold it is
 * dropped from the document's topic list: the kernel, the γ update and the digammas then cost what the
 * listed topics cost. It comes back as soon as exp(ψ(α) − ψ(Σγ)) is non-zero again. The result is the
 * full computation's, up to the order of floating-point additions.
 */
export function simdEStep(
  kernel: FusedKernel,
  docs: PackedDocs,
  docIds: ArrayLike<number>,
  gammaInit: Float32Array,
  settings: EStepSettings,
  gammaOut: Float32Array,
  counts: EStepCounts,
): void {
  const K = kernel.numTopics;
  const alpha = settings.alpha;
  const psiAlpha = new Float64Array(K);
  for (let k = 0; k < K; k++) psiAlpha[k] = digamma(alpha[k]);
  const maxPsiAlpha = Math.max(...psiAlpha);
  const gamma = new Float64Array(K);
  const listed = new Uint8Array(K);
  for (let j = 0; j < docIds.length; j++) {
    const d = docIds[j];
    const from = docs.offsets[d];
    const to = docs.offsets[d + 1];
    kernel.loadDocument(docs.ids.subarray(from, to), docs.counts.subarray(from, to));
    // Views into the kernel's memory, valid until the next loadDocument().
    const theta = kernel.theta;
    const sums = kernel.sums;
    const active = kernel.active;
    let count = K;
    let unlistedAlpha = 0;
    for (let k = 0; k < K; k++) {
      gamma[k] = gammaInit[d * K + k];
      active[k] = k;
      listed[k] = 1;
    }
    const refresh = () => {
      let sum = unlistedAlpha;
      for (let i = 0; i < count; i++) sum += gamma[active[i]];
      const psiSum = digamma(sum);
      for (let i = 0; i < count; i++) {
        const k = active[i];
        theta[k] = expDigammaMinus(gamma[k], psiSum);
      }
      // An unlisted topic returns once exp(ψ(α_k) − ψ(Σγ)) no longer rounds to 0 in float32.
      if (count < K && Math.fround(Math.exp(maxPsiAlpha - psiSum)) !== 0) {
        for (let k = 0; k < K; k++) {
          if (listed[k]) continue;
          theta[k] = Math.exp(psiAlpha[k] - psiSum);
          if (theta[k] !== 0) {
            listed[k] = 1;
            active[count++] = k;
            unlistedAlpha -= alpha[k];
          }
        }
      }
      let kept = 0;
      for (let i = 0; i < count; i++) {
        const k = active[i];
        if (theta[k] === 0 && gamma[k] === alpha[k]) {
          listed[k] = 0;
          unlistedAlpha += alpha[k];
        } else active[kept++] = k;
      }
      count = kept;
    };
    refresh();
    for (let iteration = 0; iteration < settings.iterations; iteration++) {
      counts.iterations++;
      kernel.iterate(count);
      let change = 0;
      for (let i = 0; i < count; i++) {
        const k = active[i];
        const updated = alpha[k] + theta[k] * sums[k];
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
    if (settings.collectSstats) kernel.accumulate(count);
  }
}
