// Cubic B-spline interpolation as ITK's BSplineInterpolateImageFunction (order 3, double coefficients) with
// its BSplineDecompositionImageFilter (mirror boundaries, one pole z = √3 − 2, tolerance 1e-10).
//
// ITK decomposes the whole image: along x for every line, then y, then z, each pass reading the previous
// pass's result, and the initial coefficients of every line depend on the whole line. We only need the
// coefficients in a block [lo, hi], and compute exactly the same numbers with less work:
// - the x pass runs on every full x line (as ITK does) but keeps only x ∈ [lo.x, hi.x];
// - the y pass runs on full y columns, but only for x ∈ [lo.x, hi.x];
// - the z pass runs on full z columns, only for x, y inside the block.
// Each kept line is computed with the identical sequence of operations on identical inputs, so the block
// holds bit-identical values to ITK's full coefficient image (no truncation of the IIR filter anywhere).
import type { Vec3, Volume } from './types.js';

const POLE = Math.sqrt(3.0) - 2.0;
const TOLERANCE = 1e-10;
// Number of terms of the truncated initial causal sum (ITK: ceil(log(tolerance) / log|z|) = 18).
const HORIZON = Math.ceil(Math.log(TOLERANCE) / Math.log(Math.abs(POLE)));
const GAIN = 1.0 * (1.0 - POLE) * (1.0 - 1.0 / POLE);

/**
 * In-place 1-D B-spline prefilter (ITK DataToCoefficients1D) of the line c[offset + n·stride], n < length.
 * Values below n = `keepFrom` are not needed by the caller: the anti-causal pass stops there (they never
 * feed later values).
 */
export function bsplinePrefilter1D(c: Float64Array, offset: number, stride: number, length: number, keepFrom = 0): void {
  if (length === 1) return;
  const last = offset + (length - 1) * stride;
  const z = POLE;
  // The gain is applied to every sample before anything else reads it: here to the samples the initial
  // coefficient needs, and to the others inside the causal loop, just before their first use.
  const gainedEnd = HORIZON < length ? offset + HORIZON * stride : last + stride;
  for (let i = offset; i < gainedEnd; i += stride) c[i] *= GAIN;

  // Initial causal coefficient (mirror boundary).
  let zn = z;
  if (HORIZON < length) {
    let sum = c[offset];
    for (let n = 1; n < HORIZON; n++) {
      sum += zn * c[offset + n * stride];
      zn *= z;
    }
    c[offset] = sum;
  } else {
    const iz = 1.0 / z;
    let z2n = Math.pow(z, length - 1);
    let sum = c[offset] + z2n * c[last];
    z2n *= z2n * iz;
    for (let n = 1; n <= length - 2; n++) {
      sum += (zn + z2n) * c[offset + n * stride];
      zn *= z;
      z2n *= iz;
    }
    c[offset] = sum / (1.0 - zn * zn);
  }
  // Causal and anti-causal recursions, carrying the previous value in a local (same operations, same order).
  let previous = c[offset];
  let i = offset + stride;
  for (; i < gainedEnd; i += stride) {
    previous = c[i] + z * previous;
    c[i] = previous;
  }
  for (; i <= last; i += stride) {
    previous = c[i] * GAIN + z * previous;
    c[i] = previous;
  }

  let next = (z / (z * z - 1.0)) * (z * c[last - stride] + c[last]);
  c[last] = next;
  const stop = offset + keepFrom * stride;
  for (let k = last - stride; k >= stop; k -= stride) {
    next = z * (next - c[k]);
    c[k] = next;
  }
}

/** B-spline coefficients of the block [lo, hi] (inclusive voxel indices) of an image. */
export interface CoefficientBlock {
  lo: Vec3;
  hi: Vec3;
  /** Size of the whole image (the mirror boundary acts at its edges). */
  imageSize: Vec3;
  /** Coefficients, x fastest, over x ∈ [lo.x, hi.x], every y, every z (valid inside [lo, hi] only). */
  data: Float64Array;
  /** Strides of `data` along y and z. */
  strideY: number;
  strideZ: number;
}

export function bsplineCoefficients(image: Volume, lo: Vec3, hi: Vec3): CoefficientBlock {
  const [nx, ny, nz] = image.size;
  const bx = hi[0] - lo[0] + 1;
  const strideY = bx;
  const strideZ = bx * ny;
  const data = new Float64Array(bx * ny * nz);
  const slice = new Float64Array(nx * ny);

  // x pass: every line of the image (one slice at a time, widened to double), kept columns only.
  for (let z = 0; z < nz; z++) {
    slice.set(image.data.subarray(nx * ny * z, nx * ny * (z + 1)));
    for (let y = 0; y < ny; y++) {
      bsplinePrefilter1D(slice, nx * y, 1, nx, lo[0]);
      const from = nx * y + lo[0];
      const to = strideY * y + strideZ * z;
      for (let x = 0; x < bx; x++) data[to + x] = slice[from + x];
    }
  }
  // y pass: full columns for the kept x, every z (only y in [lo.y, hi.y] come out finished).
  for (let z = 0; z < nz; z++) {
    for (let x = 0; x < bx; x++) bsplinePrefilter1D(data, x + strideZ * z, strideY, ny, lo[1]);
  }
  // z pass: full columns for the kept x and y.
  for (let y = lo[1]; y <= hi[1]; y++) {
    for (let x = 0; x < bx; x++) bsplinePrefilter1D(data, x + strideY * y, strideZ, nz, lo[2]);
  }
  return { lo, hi, imageSize: [nx, ny, nz], data, strideY, strideZ };
}

/** First index of the 4-point region of support along one axis (ITK casts the index to float first). */
export function supportStart(ci: number): number {
  return Math.floor(Math.fround(ci)) - 1;
}

/** ITK's single mirror of an index into [0, size − 1] (size 1: always 0). */
export function mirrorIndex(k: number, size: number): number {
  if (size === 1) return 0;
  const end = size - 1;
  if (k < 0) k = -k;
  if (k >= end) k = end - (k - end);
  return k;
}

/** Cubic B-spline weights of the 4 support points for continuous index `ci` with support start `start`. */
function cubicWeights(ci: number, start: number, w: Float64Array): void {
  const t = ci - (start + 1);
  const w3 = (1.0 / 6.0) * t * t * t;
  const w0 = 1.0 / 6.0 + 0.5 * t * (t - 1.0) - w3;
  const w2 = t + w0 - 2.0 * w3;
  w[0] = w0;
  w[1] = 1.0 - w0 - w2 - w3;
  w[2] = w2;
  w[3] = w3;
}

/** Support offsets (mirrored index − shift, × stride) of the 4 points starting at `start`. */
function supportOffsets(start: number, size: number, shift: number, stride: number, out: Int32Array): void {
  for (let k = 0; k < 4; k++) out[k] = (mirrorIndex(start + k, size) - shift) * stride;
}

/**
 * Samples one output scan line of a resampling: for voxel x < sx, the continuous index is
 * c = start + (x / sx)·delta (ITK's per-line interpolation, see resample-grid.ts). Sets inside[x] to 1 and
 * values[x] to the interpolated value when c is inside the input buffer (ITK IsInsideBuffer:
 * −0.5 ≤ ci < size − 0.5 along every axis), else inside[x] to 0.
 */
export interface LineSampler {
  sample(start: Vec3, delta: Vec3, sx: number, values: Float64Array, inside: Uint8Array): void;
}

/**
 * B-spline values along output scan lines (ITK EvaluateAtContinuousIndex: 64 terms, x fastest, each weighted
 * ((1·wx_i)·wy_j)·wz_k, summed from 0). The per-voxel sum runs inside the line loop and its results go straight
 * into a Float64Array: a call per voxel returning a double would allocate a heap number for each. The x weights
 * and offsets live in locals; the y and z ones, which only change between scan lines of an axis-aligned grid,
 * are reused while c1 and c2 stay the same.
 */
export class BsplineLines implements LineSampler {
  private readonly wy = new Float64Array(4);
  private readonly wz = new Float64Array(4);
  private readonly oy = new Int32Array(4);
  private readonly oz = new Int32Array(4);
  private lastC1 = NaN;
  private lastC2 = NaN;

  constructor(private readonly block: CoefficientBlock) {}

  sample(start: Vec3, delta: Vec3, sx: number, values: Float64Array, inside: Uint8Array): void {
    const { lo, imageSize, data, strideY, strideZ } = this.block;
    const { wy, wz, oy, oz } = this;
    const sizeX = imageSize[0];
    const loX = lo[0];
    const limit0 = sizeX - 0.5;
    const limit1 = imageSize[1] - 0.5;
    const limit2 = imageSize[2] - 0.5;
    const s0 = start[0];
    const s1 = start[1];
    const s2 = start[2];
    const d0 = delta[0];
    const d1 = delta[1];
    const d2 = delta[2];
    for (let x = 0; x < sx; x++) {
      const alpha = x / sx;
      const c0 = s0 + alpha * d0;
      const c1 = s1 + alpha * d1;
      const c2 = s2 + alpha * d2;
      if (!(c0 >= -0.5 && c0 < limit0 && c1 >= -0.5 && c1 < limit1 && c2 >= -0.5 && c2 < limit2)) {
        inside[x] = 0;
        continue;
      }
      inside[x] = 1;
      const startX = supportStart(c0);
      const t = c0 - (startX + 1);
      const x3 = (1.0 / 6.0) * t * t * t;
      const x0 = 1.0 / 6.0 + 0.5 * t * (t - 1.0) - x3;
      const x2 = t + x0 - 2.0 * x3;
      const x1 = 1.0 - x0 - x2 - x3;
      const o0 = mirrorIndex(startX, sizeX) - loX;
      const o1 = mirrorIndex(startX + 1, sizeX) - loX;
      const o2 = mirrorIndex(startX + 2, sizeX) - loX;
      const o3 = mirrorIndex(startX + 3, sizeX) - loX;
      if (c1 !== this.lastC1) {
        const startY = supportStart(c1);
        cubicWeights(c1, startY, wy);
        supportOffsets(startY, imageSize[1], 0, strideY, oy);
        this.lastC1 = c1;
      }
      if (c2 !== this.lastC2) {
        const startZ = supportStart(c2);
        cubicWeights(c2, startZ, wz);
        supportOffsets(startZ, imageSize[2], 0, strideZ, oz);
        this.lastC2 = c2;
      }
      let value = 0.0;
      for (let k = 0; k < 4; k++) {
        const weightZ = wz[k];
        const baseZ = oz[k];
        for (let j = 0; j < 4; j++) {
          const weightY = wy[j];
          const base = baseZ + oy[j];
          value += x0 * weightY * weightZ * data[base + o0];
          value += x1 * weightY * weightZ * data[base + o1];
          value += x2 * weightY * weightZ * data[base + o2];
          value += x3 * weightY * weightZ * data[base + o3];
        }
      }
      values[x] = value;
    }
  }
}

/** The interpolated value at one continuous index inside the image buffer (NaN outside). */
export function bsplineEvaluator(block: CoefficientBlock): (c0: number, c1: number, c2: number) => number {
  const lines = new BsplineLines(block);
  const values = new Float64Array(1);
  const inside = new Uint8Array(1);
  const none: Vec3 = [0, 0, 0];
  return (c0, c1, c2) => {
    lines.sample([c0, c1, c2], none, 1, values, inside);
    return inside[0] === 1 ? values[0] : NaN;
  };
}
