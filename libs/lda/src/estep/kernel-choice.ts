import { UsageError } from '@topicops/config';
import { wasmSimdSupported } from '../simd/fused-kernel';
import { BackendName, EStepKernelChoice } from '../types';
import { EStepKernel } from './estep-types';

const CHOICES: readonly EStepKernelChoice[] = ['auto', 'tfjs', 'wasm-simd'];

/**
 * The E-step kernel: the option, else LDA_ESTEP_KERNEL, else 'auto' — tfjs ops on @tensorflow/tfjs-node
 * (native kernels), the fused WebAssembly SIMD kernel otherwise (measured several times faster than
 * tfjs-wasm/cpu ops for these matrix-vector products).
 */
export function resolveEStepKernel(choice: EStepKernelChoice | undefined, backend: BackendName): EStepKernel {
  const raw = choice ?? ((process.env['LDA_ESTEP_KERNEL'] ?? '').trim() || 'auto');
  if (!CHOICES.includes(raw as EStepKernelChoice))
    throw new UsageError(`LDA_ESTEP_KERNEL / estepKernel "${raw}" is not one of ${CHOICES.join(', ')}`);
  if (raw === 'tfjs') return 'tfjs';
  if (raw === 'wasm-simd') {
    if (!wasmSimdSupported())
      throw new UsageError('estepKernel "wasm-simd" needs WebAssembly SIMD, which this JavaScript engine lacks');
    return 'wasm-simd';
  }
  return backend !== 'tensorflow' && wasmSimdSupported() ? 'wasm-simd' : 'tfjs';
}
