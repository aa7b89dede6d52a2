import { TERM_GROUP, fusedKernelFunctions } from './fused-kernel-code';
import { WasmMemory, compileKernel, instantiateKernel, newWasmMemory } from './wasm-runtime';

const PAGE_BYTES = 65536;

type KernelFunction = (
  columns: number,
  counts: number,
  theta: number,
  ratio: number,
  sums: number,
  ids: number,
  table: number,
  sstats: number,
  terms: number,
  active: number,
  activeCount: number,
) => void;
interface KernelExports {
  iterate: KernelFunction;
  ratios: KernelFunction;
  gather: KernelFunction;
  accumulate: KernelFunction;
}

function kernelModule(vectors: number) {
  return compileKernel(`estep-${vectors}`, () => fusedKernelFunctions(vectors));
}

/** Whether this JavaScript engine runs WebAssembly SIMD (Node ≥ 16.4 does). */
export function wasmSimdSupported(): boolean {
  try {
    kernelModule(1);
    return true;
  } catch {
    return false;
  }
}

/**
 * gensim's E-step products in WebAssembly SIMD, specialised for K (padded to a multiple of 4 with zero
 * topics). Its memory holds exp(E[log β]) and the statistics term-major (V × Kp), then one document: its
 * columns are gathered once, topic-major, and every `iterate()` makes one pass over them (from `theta` into
 * `sums`), four terms per instruction.
 *
 * Topics whose exp(E[log θ]) has underflowed to 0 in float32 add exactly nothing to any product, and their
 * γ stays α: with α = 1/K and K = 100 that is most of a document's topics after a few iterations. Each
 * pass computes only the others, so its cost follows the topics a document uses.
 */
export class FusedKernel {
  readonly paddedTopics: number;
  private readonly memory: WasmMemory;
  private readonly kernel: KernelExports;
  private heap: Float32Array;
  private ints: Int32Array;
  /** exp(E[log θ]) of the current document: write it before iterate() and accumulate(). */
  theta: Float32Array;
  /** What iterate() computes: Σ_w n_w·β_w / (θ·β_w + ε) for the listed topics (K values, others stale). */
  sums: Float32Array;
  /** The topics iterate() and accumulate() compute (the first `count` entries); the others must have θ = 0. */
  active: Int32Array;
  private numTerms = 0;
  private terms = 0;
  // Byte addresses.
  private readonly tableAt = 0;
  private sstatsAt = 0;
  private thetaAt = 0;
  private sumsAt = 0;
  private activeAt = 0;
  private idsAt = 0;
  private countsAt = 0;
  private ratioAt = 0;
  private columnsAt = 0;

  constructor(readonly numTopics: number) {
    this.paddedTopics = Math.ceil(numTopics / 4) * 4;
    this.memory = newWasmMemory(1);
    this.kernel = instantiateKernel<KernelExports>(kernelModule(this.paddedTopics / 4), this.memory);
    this.heap = new Float32Array(this.memory.buffer);
    this.ints = new Int32Array(this.memory.buffer);
    this.theta = this.heap.subarray(0, 0);
    this.sums = this.theta;
    this.active = this.ints.subarray(0, 0);
  }

  /** Installs exp(E[log β]) from term-major rows of `numTopics` values (V rows at least) and zeroes the statistics. */
  setTopics(values: Float32Array, numTerms: number): void {
    const K = this.numTopics;
    const Kp = this.paddedTopics;
    this.numTerms = numTerms;
    this.sstatsAt = this.tableAt + numTerms * Kp * 4;
    this.thetaAt = this.sstatsAt + numTerms * Kp * 4;
    this.sumsAt = this.thetaAt + Kp * 4;
    this.activeAt = this.sumsAt + Kp * 4;
    this.idsAt = this.activeAt + Kp * 4;
    this.reserve(this.idsAt);
    this.refreshViews();
    const heap = this.heap;
    if (K === Kp) heap.set(values.subarray(0, numTerms * K), this.tableAt / 4);
    else {
      heap.fill(0, this.tableAt / 4, this.sstatsAt / 4);
      for (let w = 0; w < numTerms; w++) heap.set(values.subarray(w * K, w * K + K), this.tableAt / 4 + w * Kp);
    }
    heap.fill(0, this.sstatsAt / 4, this.idsAt / 4);
  }

  /** Makes a document current: its term ids (< V) and counts; gathers its columns. */
  loadDocument(termIds: Int32Array, counts: Float32Array): void {
    // Padding terms: row 0 with count 0, so their ratio and their statistics are zero.
    const n = Math.ceil(termIds.length / TERM_GROUP) * TERM_GROUP;
    const Kp = this.paddedTopics;
    this.terms = n;
    this.countsAt = this.idsAt + n * 4;
    this.ratioAt = this.countsAt + n * 4;
    this.columnsAt = this.ratioAt + n * 4;
    if (this.reserve(this.columnsAt + n * Kp * 4)) this.refreshViews();
    this.ints.set(termIds, this.idsAt / 4);
    this.ints.fill(0, this.idsAt / 4 + termIds.length, this.countsAt / 4);
    this.heap.set(counts, this.countsAt / 4);
    this.heap.fill(0, this.countsAt / 4 + counts.length, this.ratioAt / 4);
    this.call('gather');
  }

  /** Fills `sums` from `theta` for the first `count` topics of `active`. */
  iterate(count: number): void {
    this.call('iterate', count);
  }

  /**
   * Adds n_w·θ / (θ·β_w + ε) to row w of the statistics, for every term of the current document (the
   * normalisers over the first `count` topics of `active`, the statistics for all).
   */
  accumulate(count: number): void {
    this.call('ratios', count);
    this.call('accumulate', count);
  }

  /** Writes the statistics gathered since setTopics() or the last take into `out` (term-major V × K) and clears them. */
  takeStatistics(out: Float32Array): void {
    const K = this.numTopics;
    const Kp = this.paddedTopics;
    const heap = this.heap;
    const from = this.sstatsAt / 4;
    if (K === Kp) out.set(heap.subarray(from, from + this.numTerms * K));
    else {
      for (let w = 0; w < this.numTerms; w++) out.set(heap.subarray(from + w * Kp, from + w * Kp + K), w * K);
    }
    heap.fill(0, this.sstatsAt / 4, this.thetaAt / 4);
  }

  private call(name: keyof KernelExports, activeCount = 0): void {
    this.kernel[name](
      this.columnsAt,
      this.countsAt,
      this.thetaAt,
      this.ratioAt,
      this.sumsAt,
      this.idsAt,
      this.tableAt,
      this.sstatsAt,
      this.terms,
      this.activeAt,
      activeCount,
    );
  }

  /** Grows the memory to at least `bytes`; true when it grew (which invalidates every view). */
  private reserve(bytes: number): boolean {
    const memory = this.memory;
    if (memory.buffer.byteLength >= bytes) return false;
    memory.grow(Math.ceil((bytes - memory.buffer.byteLength) / PAGE_BYTES));
    return true;
  }

  private refreshViews(): void {
    this.heap = new Float32Array(this.memory.buffer);
    this.ints = new Int32Array(this.memory.buffer);
    // The padding lanes of θ stay zero: the zero padding topics then contribute nothing.
    this.theta = this.heap.subarray(this.thetaAt / 4, this.thetaAt / 4 + this.numTopics);
    this.sums = this.heap.subarray(this.sumsAt / 4, this.sumsAt / 4 + this.numTopics);
    this.active = this.ints.subarray(this.activeAt / 4, this.activeAt / 4 + this.numTopics);
  }
}
