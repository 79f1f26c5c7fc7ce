// The WebAssembly recursive Gaussian pass (recursive-gaussian-kernels.wat) and the memory it works in.
// A caller lays its volumes out once per filter call (`gaussianWorkspace`) and runs passes between them
// (`gaussianPass`); each pass filters every line along one axis whose other two coordinates lie in a box.
import type { Vec3 } from '../types.js';
import type { BoundingBox } from '../preprocess.js';
import type { RecursiveGaussianCoefficients } from './recursiveGaussian.js';
import { align16, ensureMemory, instantiateKernels, type KernelMemory } from '../../wasm-kernels.js';
import { WASM_BASE64 } from './recursive-gaussian-kernels.wasm.js';

interface KernelExports {
  memory: KernelMemory;
  pass(
    src: number, dst: number, W: number, ln: number, es: number, ls: number, outer: number, os: number, wb: number,
    X: number, C: number, Y: number, mode: number, scale: number, coef: number, srcF64: number,
  ): void;
}

const kernels = instantiateKernels<KernelExports>(WASM_BASE64);

/** Lines filtered side by side: their scratch rows (X, C, Y) stay in the first-level cache. */
const LINES_PER_BLOCK = 32;
const COEFFICIENT_ORDER = [
  'n0', 'n1', 'n2', 'n3', 'd1', 'd2', 'd3', 'd4', 'm1', 'm2', 'm3', 'm4',
  'bn1', 'bn2', 'bn3', 'bn4', 'bm1', 'bm2', 'bm3', 'bm4',
] as const;

/** A volume in the kernels' memory: byte offset and element size (4: float32, 8: float64). */
export interface KernelVolume {
  offset: number;
  bytes: 4 | 8;
}

export interface GaussianWorkspace {
  size: Vec3;
  /** The input (float64 when its values need it, else float32), then `volumes` float32 volumes. */
  input: KernelVolume;
  volumes: KernelVolume[];
  scratch: { X: number; C: number; Y: number; coef: number };
  /** Float32 view of one float32 volume (valid until the next gaussianWorkspace call). */
  float32(volume: KernelVolume): Float32Array;
}

/**
 * Lays out, in the kernels' memory, an input volume holding `data` (float32 when every value of its
 * type is a float32, else float64, so values stay exact) and `count` float32 volumes of the same size,
 * the last one zero-filled (the others hold whatever an earlier call left). Valid until the next call
 * (a call may grow the memory; the module is synchronous and holds one workspace at a time).
 */
export function gaussianWorkspace(size: Vec3, data: ArrayLike<number>, count: number): GaussianWorkspace {
  const n = size[0] * size[1] * size[2];
  const inputBytes: 4 | 8 = isFloat32Exact(data) ? 4 : 8;
  const scratchRows = Math.max(...size) * LINES_PER_BLOCK;
  let offset = 64;
  const take = (bytes: number): number => {
    const at = offset;
    offset = align16(offset + bytes);
    return at;
  };
  const input: KernelVolume = { offset: take(n * inputBytes), bytes: inputBytes };
  const volumes = Array.from({ length: count }, (): KernelVolume => ({ offset: take(n * 4), bytes: 4 }));
  const scratch = { X: take(scratchRows * 8), C: take(scratchRows * 8), Y: take(scratchRows * 4), coef: take(COEFFICIENT_ORDER.length * 8) };
  const buffer = ensureMemory(kernels.memory, offset, 'the recursive Gaussian');
  if (inputBytes === 4) new Float32Array(buffer, input.offset, n).set(data);
  else new Float64Array(buffer, input.offset, n).set(data);
  if (count > 0) new Float32Array(buffer, volumes[count - 1].offset, n).fill(0);
  return { size, input, volumes, scratch, float32: (v) => new Float32Array(buffer, v.offset, n) };
}

/** Integer types up to 16 bits and float32 convert to float32 exactly. */
function isFloat32Exact(data: ArrayLike<number>): boolean {
  return data instanceof Float32Array || data instanceof Int16Array || data instanceof Uint16Array
    || data instanceof Int8Array || data instanceof Uint8Array || data instanceof Uint8ClampedArray;
}

/**
 * One recursive Gaussian pass along `axis` from `src` to the float32 volume `dst` (a different one),
 * over the lines whose other two coordinates lie in `lines` (the axis' own range there is ignored:
 * lines are always filtered whole). Each result is float32(causal + anti-causal), as ITK stores it;
 * with `accumulate`, dst = float32(dst + result·scale) instead (evaluated in double).
 */
export function gaussianPass(
  ws: GaussianWorkspace, src: KernelVolume, dst: KernelVolume, axis: 0 | 1 | 2, c: RecursiveGaussianCoefficients,
  lines: BoundingBox, accumulate?: { scale: number },
): void {
  if (src.offset === dst.offset) throw new RangeError('recursive Gaussian pass: dst must be a different volume than src');
  const [nx, ny] = ws.size;
  const ln = ws.size[axis];
  if (ln < 4) throw new RangeError(`recursive Gaussian: ${ln} voxels along axis ${axis}; at least 4 are needed`);
  const stride = [src.bytes, src.bytes * nx, src.bytes * nx * ny];
  // The other two axes: the one with the smaller stride runs across the lines filtered side by side.
  const [wAxis, outerAxis] = ([0, 1, 2] as const).filter((a) => a !== axis);
  const start = [0, 0, 0];
  start[wAxis] = lines.lower[wAxis];
  start[outerAxis] = lines.lower[outerAxis];
  const first = start[0] * stride[0] + start[1] * stride[1] + start[2] * stride[2];
  const coef = new Float64Array(kernels.memory.buffer, ws.scratch.coef, COEFFICIENT_ORDER.length);
  COEFFICIENT_ORDER.forEach((name, k) => { coef[k] = c[name]; });
  const { X, C, Y } = ws.scratch;
  kernels.pass(
    src.offset + first, dst.offset + first / (src.bytes / 4),
    lines.upper[wAxis] - lines.lower[wAxis] + 1, ln, stride[axis], stride[wAxis],
    lines.upper[outerAxis] - lines.lower[outerAxis] + 1, stride[outerAxis], LINES_PER_BLOCK,
    X, C, Y, accumulate ? 1 : 0, accumulate?.scale ?? 1, ws.scratch.coef, src.bytes === 8 ? 1 : 0,
  );
}
