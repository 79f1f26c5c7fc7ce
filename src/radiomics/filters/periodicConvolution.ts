// PyWavelets' undecimated periodic convolution (convolution.template.c,
// `_downsampling_convolution_periodization` with step 1 and fstep 1), as used by `swt` at level 1:
//   out[o] = Σ_j f[j] · x[(o + F/2 − j) mod N],  o = 0 … N−1.
// Floating-point sums depend on the order of the terms, and pywt's four loops use different orders
// near the two ends (wrapped terms first at the right end). The order is captured once per (N, F) as a
// "plan": for each output, the F (filter index, input index) pairs in pywt's summation order.
// The sums themselves run in WebAssembly (periodic-convolution-kernels.wat) over tables of "runs":
// neighbouring outputs that share their terms' order, two per vector.

import type { Vec3 } from '../types.js';
import type { BoundingBox } from '../preprocess.js';
import { align16, ensureMemory, instantiateKernels, type KernelMemory } from '../../wasm-kernels.js';
import { WASM_BASE64 } from './periodic-convolution-kernels.wasm.js';

export interface ConvolutionPlan {
  length: number;
  filterLength: number;
  /** filterIndex[o·F + t], inputIndex[o·F + t]: the t-th term added for output o. */
  filterIndex: Int32Array;
  inputIndex: Int32Array;
}

export function periodicConvolutionPlan(N: number, F: number): ConvolutionPlan {
  const filterIndex = new Int32Array(N * F);
  const inputIndex = new Int32Array(N * F);
  const half = F >> 1;
  let o = 0;
  let t = 0;
  const add = (j: number, k: number) => {
    filterIndex[o * F + t] = j;
    inputIndex[o * F + t] = k;
    t++;
  };
  // Terms whose filter tap runs off the left end of the signal wrap to x[N-1], x[N-2], …
  const wrapLeft = (jStart: number): void => {
    let j = jStart;
    while (j < F) {
      for (let k = 0; k < N && j < F; k++, j++) add(j, N - 1 - k);
    }
  };
  // Terms that run off the right end wrap to x[0], x[1], …, listed first (filter index falling).
  const wrapRight = (i: number): number => {
    let j = 0;
    while (i - j >= N) {
      for (let k = 0; k < N && i - j >= N; k++, j++) add(i - N - j, k);
    }
    return j;
  };
  let i = half;
  for (; i < F && i < N; i++, o++) {
    t = 0;
    let j = 0;
    for (; j <= i; j++) add(j, i - j);
    wrapLeft(j);
  }
  for (; i < N; i++, o++) {
    t = 0;
    for (let j = 0; j < F; j++) add(j, i - j);
  }
  for (; i < F && i < N + half; i++, o++) {
    t = 0;
    let j = wrapRight(i);
    for (; j <= i; j++) add(j, i - j);
    wrapLeft(j);
  }
  for (; i < N + half; i++, o++) {
    t = 0;
    let j = wrapRight(i);
    for (; j < F; j++) add(j, i - j);
  }
  if (o !== N) throw new Error(`periodic convolution plan: produced ${o} outputs for length ${N}`);
  return { length: N, filterLength: F, filterIndex, inputIndex };
}

interface KernelExports {
  memory: KernelMemory;
  convolve(src: number, lo: number, hi: number, table: number, entries: number, F: number, f32: number): void;
}

const kernels = instantiateKernels<KernelExports>(WASM_BASE64);

/**
 * Float64 volumes of one size in the kernels' memory, with the filters' coefficients in each plan's
 * term order and room for run tables. Valid until the next call (a call may grow the memory; the
 * module is synchronous and holds one workspace at a time).
 */
export interface ConvolutionWorkspace {
  size: Vec3;
  filterLength: number;
  float32: boolean;
  /** Byte offsets of the volumes. */
  volumes: number[];
  /** Float64 view of a volume. */
  view(volume: number): Float64Array;
  /** Per axis: byte offset of output o's 2F coefficients (low terms, then high terms) is coef[axis] + o·16F. */
  coef: number[];
  plans: ConvolutionPlan[];
  table: number;
}

/** Bytes read past a run's inputs by its last vector, and kept free at the end of every volume. */
const SLACK = 16;

export function convolutionWorkspace(
  size: Vec3, count: number, decLo: Float64Array, decHi: Float64Array, float32: boolean,
): ConvolutionWorkspace {
  const F = decLo.length;
  const n = size[0] * size[1] * size[2];
  const plans = size.map((N) => planFor(N, F));
  let offset = 64;
  const take = (bytes: number): number => {
    const at = offset;
    offset = align16(offset + bytes + SLACK);
    return at;
  };
  const volumes = Array.from({ length: count }, () => take(8 * n));
  const coef = size.map((N) => take(16 * F * N));
  // The largest table: one run per line, plus one per end output, along x (see runTable).
  const table = take(4 * (F + 3) * (size[1] * size[2] * (1 + F) + size[0] * Math.max(size[1], size[2])));
  const buffer = ensureMemory(kernels.memory, offset, 'the wavelet filter');
  size.forEach((N, axis) => {
    const { filterIndex } = plans[axis];
    const c = new Float64Array(buffer, coef[axis], 2 * F * N);
    for (let o = 0; o < N; o++) {
      for (let t = 0; t < F; t++) {
        c[2 * F * o + t] = decLo[filterIndex[o * F + t]];
        c[2 * F * o + F + t] = decHi[filterIndex[o * F + t]];
      }
    }
  });
  return {
    size, filterLength: F, float32, volumes, coef, plans, table,
    view: (volume) => new Float64Array(buffer, volume, n),
  };
}

const planCache = new Map<string, ConvolutionPlan>();

function planFor(N: number, F: number): ConvolutionPlan {
  const key = `${N}:${F}`;
  let plan = planCache.get(key);
  if (plan === undefined) {
    plan = periodicConvolutionPlan(N, F);
    planCache.set(key, plan);
  }
  return plan;
}

/**
 * Writes the run table for filtering along `axis` into the workspace: the outputs whose coordinates
 * lie in `region` (lines are read whole). Returns the number of runs. Along y and z, a run is one
 * output row's stretch of x; along x (contiguous lines), a run is a line's interior outputs (terms in
 * natural order) and each end output is a run of its own.
 */
function runTable(ws: ConvolutionWorkspace, axis: 0 | 1 | 2, region: BoundingBox): number {
  const { size, filterLength: F } = ws;
  const { inputIndex, length: N } = ws.plans[axis];
  const t32 = new Int32Array(kernels.memory.buffer, ws.table);
  const { lower, upper } = region;
  const rowBytes = 8 * size[0];
  const sliceBytes = rowBytes * size[1];
  if (axis === 0) {
    return lineRuns(t32, inputIndex, F, ws.coef[0], N, lower[0], upper[0], lower[1], upper[1], lower[2], upper[2], rowBytes, sliceBytes);
  }
  // Rows along y (stepping rowBytes) in each z slice, or along z (stepping sliceBytes) in each y row.
  const [step, otherStep, other] = axis === 1 ? [rowBytes, sliceBytes, 2] : [sliceBytes, rowBytes, 1];
  return rowRuns(t32, inputIndex, F, ws.coef[axis], upper[0] - lower[0] + 1, 8 * lower[0],
    lower[axis], upper[axis], step, lower[other], upper[other], otherStep);
}

/** Runs along y or z: for each c in [c0, c1] and output row o in [o0, o1], `count` outputs along x. */
function rowRuns(
  t32: Int32Array, inputIndex: Int32Array, F: number, coef: number, count: number, xBytes: number,
  o0: number, o1: number, step: number, c0: number, c1: number, otherStep: number,
): number {
  const entry = F + 3;
  let at = 0;
  for (let c = c0; c <= c1; c++) {
    const base = xBytes + c * otherStep;
    for (let o = o0; o <= o1; o++) {
      t32[at] = base + o * step;
      t32[at + 1] = count;
      t32[at + 2] = coef + 16 * F * o;
      for (let t = 0; t < F; t++) t32[at + 3 + t] = base + inputIndex[o * F + t] * step;
      at += entry;
    }
  }
  return at / entry;
}

/** Runs along x for the lines y ∈ [y0, y1], z ∈ [z0, z1], outputs x ∈ [x0, x1]. */
function lineRuns(
  t32: Int32Array, inputIndex: Int32Array, F: number, coef: number, N: number,
  x0: number, x1: number, y0: number, y1: number, z0: number, z1: number, rowBytes: number, sliceBytes: number,
): number {
  const half = F >> 1;
  const entry = F + 3;
  const interiorStart = Math.max(x0, F - half);
  const interiorEnd = Math.min(x1 + 1, N - half);
  let at = 0;
  for (let z = z0; z <= z1; z++) {
    for (let y = y0; y <= y1; y++) {
      const line = y * rowBytes + z * sliceBytes;
      for (let o = x0; o <= x1; o++) {
        const interior = o === interiorStart && interiorStart < interiorEnd;
        t32[at] = line + 8 * o;
        t32[at + 1] = interior ? interiorEnd - interiorStart : 1;
        t32[at + 2] = coef + 16 * F * o;
        for (let t = 0; t < F; t++) t32[at + 3 + t] = line + 8 * (interior ? o + half - t : inputIndex[o * F + t]);
        at += entry;
        if (interior) o = interiorEnd - 1;
      }
    }
  }
  return at / entry;
}

/**
 * Low- and high-pass filtering along `axis` from volume `src` into volumes `lo` and `hi` (byte
 * offsets of workspace volumes), for the outputs in `region`; other outputs are left as they were.
 */
export function convolveAxis(
  ws: ConvolutionWorkspace, src: number, lo: number, hi: number, axis: 0 | 1 | 2, region: BoundingBox,
): void {
  const runs = runTable(ws, axis, region);
  kernels.convolve(src, lo, hi, ws.table, runs, ws.filterLength, ws.float32 ? 1 : 0);
}
