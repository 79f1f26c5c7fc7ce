// Instantiates a checked-in WebAssembly module of the feature classes (a .wat assembled by
// scripts/build-wasm.ts into base64) and gives views of its memory, grown on demand.

// The WebAssembly global as far as used here (the ES2023 lib and @types/node 20 do not declare it).
declare const WebAssembly: {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object) => { exports: object };
};

export interface WasmMemory {
  readonly buffer: ArrayBuffer;
  grow(pages: number): number;
}

/** The exports of the module in `base64` (synchronous compilation: these modules are a few hundred bytes). */
export function instantiateWasm<T extends { memory: WasmMemory }>(base64: string): T {
  return new WebAssembly.Instance(new WebAssembly.Module(Buffer.from(base64, 'base64'))).exports as unknown as T;
}

/** The memory's buffer, grown first to hold at least `bytes` (views made before a growth are detached). */
export function wasmBuffer(memory: WasmMemory, bytes: number): ArrayBuffer {
  if (bytes > memory.buffer.byteLength) memory.grow(Math.ceil((bytes - memory.buffer.byteLength) / 65536));
  return memory.buffer;
}
