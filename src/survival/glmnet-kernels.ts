// The WebAssembly inner loops of glmnet's Cox solver (glmnet-kernels.wat) and the memory they work
// in. The solver lays its hot arrays out in that memory once per path fit (`kernelWorkspace`) and
// passes byte offsets to the kernels; its other arrays stay ordinary typed arrays.
import { WASM_BASE64 } from './glmnet-kernels.wasm.js';
import { byteLayout, ensureMemory, instantiateKernels, type KernelMemory } from '../wasm-kernels.js';

interface KernelExports {
  memory: KernelMemory;
  /** Σ r_i·x_i in i order. */
  dot(r: number, x: number, n: number): number;
  /** r −= del·w·xk and f += del·xk; then Σ r_i·xc_i in i order (0 when xc is 0). */
  updateDot(r: number, w: number, f: number, xk: number, del: number, xc: number, n: number): number;
  /** One coordinate-descent pass over list[0..len); returns max v_j Δ_j² (see the .wat). */
  sweep(
    x: number, n: number, r: number, w: number, f: number, a: number, v: number, vp: number, bound: number,
    isActive: number, active: number, activeCount: number, list: number, len: number, sa: number, omal: number,
  ): number;
  /** out[c] = Σ_i r_i·x_ic (or r_i·x_ic²) for the columns listed in cols[0..count). */
  columnSums(r: number, x: number, n: number, cols: number, count: number, out: number, squared: number): void;
}

const kernels = instantiateKernels<KernelExports>(WASM_BASE64);

export const wasmKernels: Omit<KernelExports, 'memory'> = kernels;

/** Offset 0 means "no array" to the kernels, so the workspace starts above it. */
const FIRST_OFFSET = 64;

export interface KernelWorkspace {
  f64: Float64Array[];
  i32: Int32Array[];
}

/**
 * Views of arrays of the given lengths in the kernels' memory (zero-filled, 16-byte aligned).
 * They stay valid until the next call: that call may grow the memory, which detaches older views.
 * The solver is synchronous and holds one workspace at a time (each worker thread or process has its own
 * instance of this module).
 */
export function kernelWorkspace(float64Lengths: number[], int32Lengths: number[]): KernelWorkspace {
  const offsets = byteLayout(FIRST_OFFSET, [...float64Lengths.map((length) => 8 * length), ...int32Lengths.map((length) => 4 * length)]);
  const f64Offsets = offsets.slice(0, float64Lengths.length);
  const i32Offsets = offsets.slice(float64Lengths.length, -1);
  const end = offsets[offsets.length - 1];
  const buffer = ensureMemory(kernels.memory, end, 'the penalised Cox solver');
  new Uint8Array(buffer, 0, end).fill(0);
  return {
    f64: f64Offsets.map((at, k) => new Float64Array(buffer, at, float64Lengths[k])),
    i32: i32Offsets.map((at, k) => new Int32Array(buffer, at, int32Lengths[k])),
  };
}
