import { encodeModule } from './wasm-encoder';
import { fusedKernelFunctions } from './fused-kernel-code';

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

interface KernelExports {
  memory: WasmMemory;
  iterate(columns: number, counts: number, theta: number, ratio: number, sums: number, terms: number): void;
  ratios(columns: number, counts: number, theta: number, ratio: number, sums: number, terms: number): void;
}

const compiled = new Map<number, WasmModule>();

/** Whether this JavaScript engine runs WebAssembly SIMD (Node ≥ 16.4 does). */
export function wasmSimdSupported(): boolean {
  try {
    kernelModule(1);
    return true;
  } catch {
    return false;
  }
}

function kernelModule(vectors: number): WasmModule {
  let module = compiled.get(vectors);
  if (!module) {
    module = new WebAssemblyApi.Module(encodeModule(fusedKernelFunctions(vectors), 1));
    compiled.set(vectors, module);
  }
  return module;
}

/**
 * gensim's per-document E-step products in WebAssembly SIMD, four topics per instruction: load a document's
 * columns once, then each `iterate(θ)` returns Σ_w n_w·β_w / (θ·β_w + ε) — one fused pass instead of two
 * matrix-vector products. K is padded to a multiple of 4 with zero topics.
 */
export class FusedKernel {
  readonly paddedTopics: number;
  private readonly exports: KernelExports;
  private heap: Float32Array;
  private sums: Float32Array;
  private terms = 0;
  // Byte addresses of the current document's arrays.
  private countsAt = 0;
  private thetaAt = 0;
  private ratioAt = 0;
  private sumsAt = 0;

  constructor(readonly numTopics: number) {
    this.paddedTopics = Math.ceil(numTopics / 4) * 4;
    this.exports = new WebAssemblyApi.Instance(kernelModule(this.paddedTopics / 4), {}).exports as KernelExports;
    this.heap = new Float32Array(this.exports.memory.buffer);
    this.sums = this.heap.subarray(0, 0);
  }

  /** Copies a document's columns (rows of `table`, term-major with `numTopics` per row) and counts in. */
  loadDocument(table: Float32Array, termIds: ArrayLike<number>, counts: ArrayLike<number>): void {
    const K = this.numTopics;
    const Kp = this.paddedTopics;
    const n = termIds.length;
    this.terms = n;
    this.countsAt = n * Kp * 4;
    this.thetaAt = this.countsAt + n * 4;
    this.ratioAt = this.thetaAt + Kp * 4;
    this.sumsAt = this.ratioAt + n * 4;
    this.reserve(this.sumsAt + Kp * 4);
    this.sums = this.heap.subarray(this.sumsAt / 4, this.sumsAt / 4 + K);
    const heap = this.heap;
    for (let i = 0; i < n; i++) {
      const from = termIds[i] * K;
      const to = i * Kp;
      for (let k = 0; k < K; k++) heap[to + k] = table[from + k];
      for (let k = K; k < Kp; k++) heap[to + k] = 0;
    }
    for (let i = 0; i < n; i++) heap[this.countsAt / 4 + i] = counts[i];
    for (let k = K; k < Kp; k++) heap[this.thetaAt / 4 + k] = 0;
  }

  /** Σ_w n_w·β_w / (θ·β_w + ε) for the loaded document; the ratios are kept for `ratios()`. */
  iterate(expElogtheta: ArrayLike<number>): Float32Array {
    this.writeTheta(expElogtheta);
    this.exports.iterate(0, this.countsAt, this.thetaAt, this.ratioAt, this.sumsAt, this.terms);
    return this.sums;
  }

  /** n_w / (θ·β_w + ε) for every term of the loaded document. */
  ratios(expElogtheta: ArrayLike<number>): Float32Array {
    this.writeTheta(expElogtheta);
    this.exports.ratios(0, this.countsAt, this.thetaAt, this.ratioAt, this.sumsAt, this.terms);
    return this.heap.subarray(this.ratioAt / 4, this.ratioAt / 4 + this.terms);
  }

  private writeTheta(expElogtheta: ArrayLike<number>): void {
    const at = this.thetaAt / 4;
    for (let k = 0; k < this.numTopics; k++) this.heap[at + k] = expElogtheta[k];
  }

  private reserve(bytes: number): void {
    const memory = this.exports.memory;
    if (memory.buffer.byteLength < bytes) {
      memory.grow(Math.ceil((bytes - memory.buffer.byteLength) / PAGE_BYTES));
      this.heap = new Float32Array(memory.buffer);
    }
  }
}
