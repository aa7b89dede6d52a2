import { fusedKernelFunctions } from './fused-kernel-code';
import { encodeModule } from './wasm-encoder';

const PAGE_BYTES = 65536;

// The WebAssembly global of Node, typed locally: this project's TypeScript libs do not declare it.
interface WasmMemory {
  readonly buffer: ArrayBuffer;
  grow(pages: number): number;
}
type WasmModule = object;
interface WasmApi {
  Module: new (bytes: Uint8Array) => WasmModule;
  Instance: new (module: WasmModule, imports: object) => { exports: unknown };
}
const WebAssemblyApi = (globalThis as unknown as { WebAssembly: WasmApi }).WebAssembly;

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
) => void;
interface KernelExports {
  memory: WasmMemory;
  iterate: KernelFunction;
  ratios: KernelFunction;
  gather: KernelFunction;
  accumulate: KernelFunction;
}

const compiledFor = new Map<number, WasmModule>();

function kernelModule(vectors: number): WasmModule {
  let module = compiledFor.get(vectors);
  if (!module) {
    module = new WebAssemblyApi.Module(encodeModule(fusedKernelFunctions(vectors), 1));
    compiledFor.set(vectors, module);
  }
  return module;
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
 * gensim's E-step products in WebAssembly SIMD, four topics per instruction, specialised for K (padded to a
 * multiple of 4 with zero topics). Its memory holds exp(E[log β]) and the statistics term-major (V × Kp),
 * then one document: its columns are gathered once, and every `iterate()` makes one fused pass over them
 * (from `theta` into `sums`) instead of gensim's two matrix-vector products.
 */
export class FusedKernel {
  readonly paddedTopics: number;
  private readonly exports: KernelExports;
  private heap: Float32Array;
  private ids: Int32Array;
  /** exp(E[log θ]) of the current document: write it before iterate() and accumulate(). */
  theta: Float32Array;
  /** What iterate() computes: Σ_w n_w·β_w / (θ·β_w + ε), K values. */
  sums: Float32Array;
  private numTerms = 0;
  private terms = 0;
  // Byte addresses.
  private readonly tableAt = 0;
  private sstatsAt = 0;
  private idsAt = 0;
  private countsAt = 0;
  private ratioAt = 0;
  private thetaAt = 0;
  private sumsAt = 0;
  private columnsAt = 0;

  constructor(readonly numTopics: number) {
    this.paddedTopics = Math.ceil(numTopics / 4) * 4;
    this.exports = new WebAssemblyApi.Instance(kernelModule(this.paddedTopics / 4), {}).exports as KernelExports;
    this.heap = new Float32Array(this.exports.memory.buffer);
    this.ids = new Int32Array(this.exports.memory.buffer);
    this.theta = this.heap.subarray(0, 0);
    this.sums = this.theta;
  }

  /** Installs exp(E[log β]) from term-major rows of `numTopics` values (V rows at least) and zeroes the statistics. */
  setTopics(values: Float32Array, numTerms: number): void {
    const K = this.numTopics;
    const Kp = this.paddedTopics;
    this.numTerms = numTerms;
    this.sstatsAt = this.tableAt + numTerms * Kp * 4;
    this.thetaAt = this.sstatsAt + numTerms * Kp * 4;
    this.sumsAt = this.thetaAt + Kp * 4;
    this.idsAt = this.sumsAt + Kp * 4;
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
    const n = termIds.length;
    const Kp = this.paddedTopics;
    this.terms = n;
    this.countsAt = this.idsAt + n * 4;
    this.ratioAt = this.countsAt + n * 4;
    this.columnsAt = this.ratioAt + n * 4;
    if (this.reserve(this.columnsAt + n * Kp * 4)) this.refreshViews();
    this.ids.set(termIds, this.idsAt / 4);
    this.heap.set(counts, this.countsAt / 4);
    this.call('gather');
  }

  /** Fills `sums` from `theta` for the current document. */
  iterate(): void {
    this.call('iterate');
  }

  /** Adds n_w·θ / (θ·β_w + ε) to row w of the statistics, for every term of the current document. */
  accumulate(): void {
    this.call('ratios');
    this.call('accumulate');
  }

  /** Adds the statistics gathered since setTopics() or the last take to `out` (term-major V × K) and clears them. */
  takeStatistics(out: Float32Array): void {
    const K = this.numTopics;
    const Kp = this.paddedTopics;
    const heap = this.heap;
    const from = this.sstatsAt / 4;
    for (let w = 0; w < this.numTerms; w++) {
      for (let k = 0; k < K; k++) out[w * K + k] += heap[from + w * Kp + k];
    }
    heap.fill(0, this.sstatsAt / 4, this.thetaAt / 4);
  }

  private call(name: 'iterate' | 'ratios' | 'gather' | 'accumulate'): void {
    this.exports[name](
      this.columnsAt,
      this.countsAt,
      this.thetaAt,
      this.ratioAt,
      this.sumsAt,
      this.idsAt,
      this.tableAt,
      this.sstatsAt,
      this.terms,
    );
  }

  /** Grows the memory to at least `bytes`; true when it grew (which invalidates every view). */
  private reserve(bytes: number): boolean {
    const memory = this.exports.memory;
    if (memory.buffer.byteLength >= bytes) return false;
    memory.grow(Math.ceil((bytes - memory.buffer.byteLength) / PAGE_BYTES));
    return true;
  }

  private refreshViews(): void {
    this.heap = new Float32Array(this.exports.memory.buffer);
    this.ids = new Int32Array(this.exports.memory.buffer);
    // The padding lanes of θ stay zero: the zero padding topics then contribute nothing.
    this.theta = this.heap.subarray(this.thetaAt / 4, this.thetaAt / 4 + this.numTopics);
    this.sums = this.heap.subarray(this.sumsAt / 4, this.sumsAt / 4 + this.numTopics);
  }
}
