import { FunctionSpec, encodeModule } from './wasm-encoder';

// The WebAssembly global of Node, typed locally: this project's TypeScript libs do not declare it.
export interface WasmMemory {
  readonly buffer: ArrayBuffer;
  grow(pages: number): number;
}
type WasmModule = object;
interface WasmApi {
  Module: new (bytes: Uint8Array) => WasmModule;
  Instance: new (module: WasmModule, imports: object) => { exports: unknown };
  Memory: new (descriptor: { initial: number }) => WasmMemory;
}
const WebAssemblyApi = (globalThis as unknown as { WebAssembly: WasmApi }).WebAssembly;

const compiled = new Map<string, WasmModule>();

/** A module compiled once per thread and key (the kernels are specialised by the number of topics). */
export function compileKernel(key: string, functions: () => FunctionSpec[]): WasmModule {
  let module = compiled.get(key);
  if (!module) {
    module = new WebAssemblyApi.Module(encodeModule(functions(), 1));
    compiled.set(key, module);
  }
  return module;
}

/** An instance of `module` working on `memory` (imported as env.memory). */
export function instantiateKernel<T>(module: WasmModule, memory: WasmMemory): T {
  return new WebAssemblyApi.Instance(module, { env: { memory } }).exports as T;
}

export function newWasmMemory(pages: number): WasmMemory {
  return new WebAssemblyApi.Memory({ initial: Math.max(1, pages) });
}
