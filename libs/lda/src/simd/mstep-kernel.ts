import { TopicColumns } from '../estep/topic-columns';
import { TrainingTopics } from '../train/training-topics';
import { digamma } from '../math/special-functions';
import { mstepKernelFunctions } from './mstep-kernel-code';
import { WasmMemory, compileKernel, instantiateKernel, newWasmMemory } from './wasm-runtime';

/** Both functions take the same parameters (see mstep-kernel-code.ts). */
type MStepFunction = (
  sstats: number,
  stats: number,
  expElogbeta: number,
  eta: number,
  topicValues: number,
  rows: number,
  keep: number,
  add: number,
) => void;
interface MStepExports {
  blend: MStepFunction;
  expDirichlet: MStepFunction;
}

const PAGE_BYTES = 65536;

/**
 * gensim's M-step state (sstats, exp(E[log β]), η) in WebAssembly memory, term-major V × Kp, updated by the
 * SIMD M-step kernel: one pass blends the chunk statistics and sums λ per topic, one computes
 * exp(ψ(λ) − ψ(Σλ)) with a float32 exp (Cephes' expf). On tfjs-wasm the same element-wise chain costs about
 * 40 ms per update of a 100 × 22 000 matrix (exp, reciprocals and scalar-broadcast ops run one element at a
 * time there); this kernel is several times faster. The tfjs TopicState stays for tfjs-node and eta='auto'.
 */
export class SimdTopicState implements TrainingTopics {
  private readonly paddedTopics: number;
  private readonly memory: WasmMemory;
  /** A view of the whole memory, sized once: it never grows after the constructor. */
  private readonly heap: Float32Array;
  private readonly kernel: MStepExports;
  private readonly sstatsAt = 0;
  private readonly statsAt: number;
  private readonly expAt: number;
  private readonly etaAt: number;
  private readonly topicAt: number;

  constructor(
    readonly numTopics: number,
    readonly numTerms: number,
    private readonly eta: Float64Array,
    initialSstats: Float32Array,
  ) {
    const K = numTopics;
    const V = numTerms;
    const Kp = Math.ceil(K / 4) * 4;
    this.paddedTopics = Kp;
    const matrixBytes = V * Kp * 4;
    this.statsAt = matrixBytes;
    this.expAt = 2 * matrixBytes;
    this.etaAt = 3 * matrixBytes;
    this.topicAt = this.etaAt + Math.ceil(V / 4) * 16;
    const bytes = this.topicAt + Kp * 4;
    this.memory = newWasmMemory(Math.ceil(bytes / PAGE_BYTES));
    this.heap = new Float32Array(this.memory.buffer);
    this.kernel = instantiateKernel<MStepExports>(
      compileKernel(`mstep-${Kp / 4}`, () => mstepKernelFunctions(Kp / 4)),
      this.memory,
    );
    const heap = this.heap;
    // K×V topic-major draws into term-major rows.
    for (let k = 0; k < K; k++) {
      for (let w = 0; w < V; w++) heap[w * Kp + k] = initialSstats[k * V + w];
    }
    // gensim's first E-step uses exp(E[log β]) of the random statistics alone, without η.
    this.refreshExpElogbeta(1, 0);
    const etaValues = heap.subarray(this.etaAt / 4, this.etaAt / 4 + V);
    for (let w = 0; w < V; w++) etaValues[w] = eta[w];
  }

  get currentEta(): Float64Array {
    return this.eta;
  }

  /** exp(E[log β]) term-major with a zero padding row, for the E-step. */
  columns(): TopicColumns {
    const K = this.numTopics;
    const Kp = this.paddedTopics;
    const heap = this.heap;
    const values = new Float32Array((this.numTerms + 1) * K);
    const from = this.expAt / 4;
    if (K === Kp) values.set(heap.subarray(from, from + this.numTerms * K));
    else for (let w = 0; w < this.numTerms; w++) values.set(heap.subarray(from + w * Kp, from + w * Kp + K), w * K);
    return new TopicColumns(values, K, this.numTerms);
  }

  /**
   * gensim's do_mstep: sstats ← (1 − ρ)·sstats + ρ·(D / n)·(chunk statistics ⊙ exp(E[log β])), then
   * exp(E[log β]) from λ = η + sstats. `chunkStats` is the E-step's term-major V×K accumulation.
   */
  blend(rho: number, chunkStats: Float32Array, chunkDocs: number, totalDocs: number): void {
    const K = this.numTopics;
    const Kp = this.paddedTopics;
    const heap = this.heap;
    const to = this.statsAt / 4;
    if (K === Kp) heap.set(chunkStats.subarray(0, this.numTerms * K), to);
    else for (let w = 0; w < this.numTerms; w++) heap.set(chunkStats.subarray(w * K, w * K + K), to + w * Kp);
    const scale = chunkDocs > 0 && chunkDocs !== totalDocs ? totalDocs / chunkDocs : 1;
    this.refreshExpElogbeta(1 - rho, rho * scale);
  }

  /** λ = η + sstats, topic-major K×V. */
  lambda(): Float32Array {
    const K = this.numTopics;
    const V = this.numTerms;
    const Kp = this.paddedTopics;
    const heap = this.heap;
    const out = new Float32Array(K * V);
    for (let w = 0; w < V; w++) {
      const eta = this.eta[w];
      for (let k = 0; k < K; k++) out[k * V + w] = heap[w * Kp + k] + eta;
    }
    return out;
  }

  dispose(): void {
    // The memory goes with the object.
  }

  /** blend (with KEEP and ADD), then ψ of the topic sums here, then exp(E[log β]). */
  private refreshExpElogbeta(keep: number, add: number): void {
    const K = this.numTopics;
    const heap = this.heap;
    const topic = this.topicAt / 4;
    heap.fill(0, topic, topic + this.paddedTopics);
    const args = [this.sstatsAt, this.statsAt, this.expAt, this.etaAt, this.topicAt, this.numTerms] as const;
    this.kernel.blend(...args, keep, add);
    for (let k = 0; k < K; k++) heap[topic + k] = digamma(heap[topic + k]);
    this.kernel.expDirichlet(...args, keep, add);
  }
}
