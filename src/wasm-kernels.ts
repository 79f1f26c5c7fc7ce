// The engines' WebAssembly kernels: each .wat file is assembled by scripts/build-wasm.ts into a checked-in
// module holding its bytes (base64), instantiated here at import. Kernels work on arrays laid out in their
// own memory, which grows to fit the largest workspace asked for and never shrinks.

// The WebAssembly global as far as used here (the ES2023 lib and @types/node 20 do not declare it).
declare const WebAssembly: {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object) => { exports: object };
};

export interface KernelMemory {
  readonly buffer: ArrayBuffer;
  grow(pages: number): number;
}

/**
 * The exports of a module that imports nothing (compiled synchronously: these modules are a few kilobytes).
 * Each thread or process has its own instance, so its memory is never shared.
 */
export function instantiateKernels<T extends { memory: KernelMemory }>(base64: string): T {
  return new WebAssembly.Instance(new WebAssembly.Module(Buffer.from(base64, 'base64'))).exports as unknown as T;
}

/** `bytes` rounded up to a multiple of 16: the kernels' arrays start 16-byte aligned (f64x2 loads). */
export function align16(bytes: number): number {
  return Math.ceil(bytes / 16) * 16;
}

/** Byte offsets of consecutive 16-byte aligned arrays of the given byte lengths from `start`, then their end. */
export function byteLayout(start: number, byteLengths: readonly number[]): number[] {
  const out = [start];
  for (const length of byteLengths) out.push(out[out.length - 1] + align16(length));
  return out;
}

/**
 * The memory's buffer after growing it to at least `bytes`; growing detaches every view made before.
 * `what` names the work in the error when a 32-bit WebAssembly memory (at most 4 GiB) cannot hold it.
 */
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
