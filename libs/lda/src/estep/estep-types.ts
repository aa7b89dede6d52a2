/** numpy's float32 machine epsilon, which gensim adds to every φ normaliser. */
export const FLOAT32_EPSILON = 1.1920928955078125e-7;
/** How the per-iteration products run: tfjs ops, or the fused WebAssembly SIMD kernel. */
export type EStepKernel = 'tfjs' | 'wasm-simd';

export interface EStepSettings {
  /** Default 'tfjs'. */
  kernel?: EStepKernel;
  alpha: ArrayLike<number>;
  iterations: number;
  gammaThreshold: number;
  /** Accumulate the sufficient statistics for the M-step. */
  collectSstats: boolean;
  elementBudget?: number;
  /**
   * Documents with at least this many elements (unique terms × K) run one at a time through batch-1
   * matMuls (XNNPACK on wasm) instead of in padded sub-batches. Default: by backend.
   */
  perDocumentFrom?: number;
}

/** Document-iterations run (the cost), and documents that met the γ threshold. */
export interface EStepCounts {
  iterations: number;
  converged: number;
}

export interface EStepResult {
  /** Variational Dirichlet parameters, D×K. */
  gamma: Float32Array;
  /**
   * Σ_d n_dw · exp(E[log θ_dk]) / φnorm_dw, term-major V×K; gensim multiplies it by exp(E[log β]) before
   * the M-step. Null unless collectSstats.
   */
  sstats: Float32Array | null;
  /** Document-iterations run (the cost), and documents that met the γ threshold. */
  iterations: number;
  converged: number;
}
