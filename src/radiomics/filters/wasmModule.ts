// Loading a filter's WebAssembly kernels (checked in as base64, see scripts/build-wasm.ts) and
// growing their memory to fit a workspace.

// The WebAssembly global as far as used here (the ES2023 lib and @types/node 20 do not declare it).
declare const WebAssembly: {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object) => { exports: object };
};

export interface KernelMemory {
  readonly buffer: ArrayBuffer;
  grow(pages: number): number;
}

/** The exports of a module that imports nothing. */
export function instantiateKernels<T>(base64: string): T {
  return new WebAssembly.Instance(new WebAssembly.Module(Buffer.from(base64, 'base64'))).exports as unknown as T;
}

/** Grows `memory` to at least `bytes` (it never shrinks); `what` names the user in the error. */
export function ensureMemory(memory: KernelMemory, bytes: number, what: string): ArrayBuffer {
  if (bytes > memory.buffer.byteLength) {
    try {
      memory.grow(Math.ceil((bytes - memory.buffer.byteLength) / 65536));
    } catch (err) {
      throw new RangeError(`${what} needs ${(bytes / 2 ** 30).toFixed(2)} GiB of working memory, more than WebAssembly can hold (${(err as Error).message})`);
    }
  }
  return memory.buffer;
}
