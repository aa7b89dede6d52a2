/** A bag of words: (term id, count) pairs, term ids unique within the document. */
export type Bow = ReadonlyArray<readonly [termId: number, count: number]>;

/** A corpus read chunk by chunk, so that training never needs it all in memory. */
export interface BowCorpus {
  readonly numDocs: number;
  /** Number of terms declared by the source (Matrix Market header), when it declares one. */
  readonly numTerms?: number;
  chunks(size: number): AsyncIterable<Bow[]>;
}

export type BackendChoice = 'auto' | 'node' | 'wasm' | 'cpu';
/** tfjs backend names: what actually ran. */
export type BackendName = 'tensorflow' | 'wasm' | 'cpu';

/** The E-step's per-iteration products: tfjs ops, the fused WebAssembly SIMD kernel, or 'auto'. */
export type EStepKernelChoice = 'auto' | 'tfjs' | 'wasm-simd';

export type AlphaOption = 'symmetric' | 'asymmetric' | 'auto' | number | readonly number[];
export type EtaOption = 'symmetric' | 'auto' | number | readonly number[];

/** gensim LdaModel's parameters, with its defaults. */
export interface LdaTrainOptions {
  numTopics: number;
  numTerms: number;
  /** Documents per E-step chunk (2000). */
  chunksize?: number;
  /** Passes over the corpus (1). */
  passes?: number;
  /** Chunks per M-step (1); 0 = batch LDA, one M-step per pass. */
  updateEvery?: number;
  /** 'symmetric' (1/K), 'asymmetric', 'auto' (learned by Newton steps), a number or K numbers. */
  alpha?: AlphaOption;
  /** 'symmetric' (1/K), 'auto', a number or V numbers. */
  eta?: EtaOption;
  /** Learning-rate decay κ (0.5). */
  decay?: number;
  /** Learning-rate offset τ₀ (1.0). */
  offset?: number;
  /** Maximum E-step iterations per document (50). */
  iterations?: number;
  /** E-step stops when the mean absolute change of γ falls below this (0.001). */
  gammaThreshold?: number;
  /** Topics under this probability are left out of documentTopics() (0.01). */
  minimumProbability?: number;
  /** Seed of every random draw; a fixed seed gives the same model whatever the thread count. */
  randomState?: number;
  /**
   * Start each document's γ, from the second pass on, at its γ of the previous pass instead of gensim's
   * fresh random draw (default false). Measured: 15–25% fewer E-step iterations, but the held-out bound
   * 0.07–0.4 nats/word worse (documents stop near their old γ), so it is off unless asked for.
   */
  warmStart?: boolean;
  /** tfjs backend (default: TFJS_BACKEND, else 'auto' = node, else wasm, else cpu). */
  backend?: BackendChoice;
  /** E-step worker threads (default: LDA_THREADS, else one per core, at most 8); 1 = main thread only. */
  threads?: number;
  /** E-step kernel (default: LDA_ESTEP_KERNEL, else 'auto' = tfjs ops on tfjs-node, WebAssembly SIMD otherwise). */
  estepKernel?: EStepKernelChoice;
}

export interface TrainProgress {
  pass: number;
  passes: number;
  docsDone: number;
  docsTotal: number;
}

export interface TrainHooks {
  onProgress?(progress: TrainProgress): void;
  /** Called after each pass with gensim's per-word bound on the pass's last chunk. */
  onPassEnd?(pass: number, perWordBound: number): void;
}

export interface InferenceOptions {
  iterations?: number;
  gammaThreshold?: number;
  /** Start every document from γ = 1 (gensim draws γ ~ Gamma(100, 1/100)); same input, same output. */
  deterministic?: boolean;
  /** E-step kernel (default: LDA_ESTEP_KERNEL, else 'auto'). */
  estepKernel?: EStepKernelChoice;
}
