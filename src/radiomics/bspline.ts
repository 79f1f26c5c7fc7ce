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
import { WASM_BASE64 } from './bspline-kernels.wasm.js';
import { align16, ensureMemory, instantiateKernels, type KernelMemory } from '../wasm-kernels.js';
import { AxisRun, type LineSampler, type ScanLines } from './resample-grid.js';

const POLE = Math.sqrt(3.0) - 2.0;
const TOLERANCE = 1e-10;
// Number of terms of the truncated initial causal sum (ITK: ceil(log(tolerance) / log|z|) = 18).
const HORIZON = Math.ceil(Math.log(TOLERANCE) / Math.log(Math.abs(POLE)));
const GAIN = 1.0 * (1.0 - POLE) * (1.0 - 1.0 / POLE);

interface KernelExports {
  memory: KernelMemory;
  /** See bspline-kernels.wat: values of voxels from ≤ x < to (rounded up to even) of one scan line. */
  sampleLine(
    coef: number, wx: number, ox: number, rx: number, sx: number, wy: number, oy: number, ry: number, sy: number,
    wz: number, oz: number, rz: number, sz: number, from: number, to: number, out: number,
  ): void;
  /** See bspline-kernels.wat: two lines that differ only in their z weights, values to outA and outB. */
  sampleLinePair(
    coef: number, wx: number, ox: number, rx: number, sx: number, wy: number, oy: number, ry: number,
    za: number, zb: number, oz: number, from: number, to: number, outA: number, outB: number,
  ): void;
  /** See bspline-kernels.wat: the prefilter of `quads` groups of four neighbouring columns. */
  prefilterColumns(
    p: number, quads: number, stride: number, length: number, keepFrom: number, z: number, gain: number,
    horizon: number, zpow: number,
  ): void;
  /** See bspline-kernels.wat: the prefilter of a slice's rows, kept columns copied to dest. */
  prefilterRows(
    slice: number, nx: number, ny: number, quad: number, keepFrom: number, kept: number, padded: number,
    dest: number, destStride: number, z: number, gain: number, horizon: number, zpow: number,
  ): void;
}

const kernels = instantiateKernels<KernelExports>(WASM_BASE64);

/**
 * The kernels' memory serves one sampler at a time: the one that laid out its coefficients and tables there
 * last. Another sampler that samples afterwards lays its own out again (growing the memory detaches views).
 */
let memoryOwner: object | null = null;

function claimMemory(owner: object | null, bytes: number): ArrayBuffer {
  const buffer = ensureMemory(kernels.memory, bytes, 'B-spline resampling');
  memoryOwner = owner;
  return buffer;
}

/** B-spline coefficients of the block [lo, hi] (inclusive voxel indices) of an image. */
export interface CoefficientBlock {
  lo: Vec3;
  hi: Vec3;
  /** Size of the whole image (the mirror boundary acts at its edges). */
  imageSize: Vec3;
  /**
   * Coefficients, x fastest, over x ∈ [lo.x, hi.x] (plus zero columns up to a multiple of 4, so that the
   * columns go through the kernels in fours), every y, every z (valid inside [lo, hi] only).
   */
  data: Float64Array;
  /** Strides of `data` along y and z. */
  strideY: number;
  strideZ: number;
}

/** The prefilter's extra argument: z^(length − 1), which its initial sum uses for lines of ≤ HORIZON samples. */
function poleToLength(length: number): number {
  return Math.pow(POLE, length - 1);
}

/**
 * In-place 1-D B-spline prefilter (ITK DataToCoefficients1D) of the line c[offset + n·stride], n < length, by
 * the WebAssembly kernel. Values below n = `keepFrom` are not needed by the caller: the anti-causal pass stops
 * there (they never feed later values), and are left as the causal pass made them.
 */
export function bsplinePrefilter1D(c: Float64Array, offset: number, stride: number, length: number, keepFrom = 0): void {
  // The line goes through the four lanes of a group of columns (the kernels' memory is borrowed: no sampler
  // keeps it).
  const buffer = claimMemory(null, 32 * length);
  const quad = new Float64Array(buffer, 0, 4 * length);
  for (let n = 0; n < length; n++) quad.fill(c[offset + n * stride], 4 * n, 4 * n + 4);
  kernels.prefilterColumns(0, 1, 32, length, keepFrom, POLE, GAIN, HORIZON, poleToLength(length));
  for (let n = 0; n < length; n++) c[offset + n * stride] = quad[4 * n];
}

/** Where the coefficients of a block lie in the kernels' memory, and their strides (in float64 elements). */
interface BlockLayout {
  at: number;
  length: number;
  strideY: number;
  strideZ: number;
}

function blockLayout(image: Volume, lo: Vec3, hi: Vec3, at: number): BlockLayout {
  const [, ny, nz] = image.size;
  const bx = hi[0] - lo[0] + 1;
  const strideY = bx + ((4 - (bx & 3)) & 3);
  return { at, length: strideY * ny * nz, strideY, strideZ: strideY * ny };
}

/** Bytes of scratch memory `decompose` needs after the block: one slice as float64 and four interleaved rows. */
function scratchBytes(image: Volume): number {
  return 8 * image.size[0] * image.size[1] + 32 * image.size[0];
}

/**
 * ITK's decomposition of the block [lo, hi] into the kernels' memory at `layout` (scratch right after it),
 * restricted as explained at the top: the x pass on every row (as float64, four rows at a time), the y pass on
 * full columns of the kept x, the z pass on full columns of the kept x and y (four neighbouring columns at a time).
 */
function decompose(buffer: ArrayBuffer, image: Volume, lo: Vec3, hi: Vec3, layout: BlockLayout): void {
  const [nx, ny, nz] = image.size;
  const { at, strideY, strideZ } = layout;
  const sliceAt = at + 8 * layout.length;
  const quadAt = sliceAt + 8 * nx * ny;
  const slice = new Float64Array(buffer, sliceAt, nx * ny);
  const kept = hi[0] - lo[0] + 1;
  for (let z = 0; z < nz; z++) {
    slice.set(image.data.subarray(nx * ny * z, nx * ny * (z + 1)));
    kernels.prefilterRows(sliceAt, nx, ny, quadAt, lo[0], kept, strideY, at + 8 * strideZ * z, 8 * strideY,
      POLE, GAIN, HORIZON, poleToLength(nx));
  }
  for (let z = 0; z < nz; z++) {
    kernels.prefilterColumns(at + 8 * strideZ * z, strideY / 4, 8 * strideY, ny, lo[1], POLE, GAIN, HORIZON, poleToLength(ny));
  }
  for (let y = lo[1]; y <= hi[1]; y++) {
    kernels.prefilterColumns(at + 8 * strideY * y, strideY / 4, 8 * strideZ, nz, lo[2], POLE, GAIN, HORIZON, poleToLength(nz));
  }
}

/** B-spline coefficients of the block [lo, hi] (inclusive voxel indices) of an image, as a copy. */
export function bsplineCoefficients(image: Volume, lo: Vec3, hi: Vec3): CoefficientBlock {
  const layout = blockLayout(image, lo, hi, 0);
  const buffer = claimMemory(null, 8 * layout.length + scratchBytes(image));
  decompose(buffer, image, lo, hi, layout);
  const data = new Float64Array(buffer, 0, layout.length).slice();
  return { lo, hi, imageSize: [...image.size], data, strideY: layout.strideY, strideZ: layout.strideZ };
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
function cubicWeights(ci: number, start: number, w: Float64Array, at: number, row: number): void {
  const t = ci - (start + 1);
  const w3 = (1.0 / 6.0) * t * t * t;
  const w0 = 1.0 / 6.0 + 0.5 * t * (t - 1.0) - w3;
  const w2 = t + w0 - 2.0 * w3;
  w[at] = w0;
  w[at + row] = 1.0 - w0 - w2 - w3;
  w[at + 2 * row] = w2;
  w[at + 3 * row] = w3;
}


/**
 * The weights and block offsets (bytes) of one axis's 4 support points for every voxel of a scan line, in the
 * layout bspline-kernels.wat reads (see AxisRun for the run [from, to) and when it is recomputed).
 */
class AxisTable extends AxisRun {
  /** Byte size of a weight row, and weight bytes per voxel (0: the same weights for the whole line). */
  row = 0;
  step = 0;

  constructor(
    private readonly weights: Float64Array, private readonly offsets: Int32Array,
    size: number, private readonly shift: number, private readonly stride: number,
  ) {
    super(size);
  }

  protected constant(c: number, isInside: boolean): void {
    // Each row holds its value twice, for the two lanes.
    const { weights, offsets, size, shift, stride } = this;
    this.row = 16;
    this.step = 0;
    const start = isInside ? supportStart(c) : 0;
    cubicWeights(c, start, weights, 0, 2);
    for (let i = 0; i < 4; i++) {
      weights[2 * i + 1] = weights[2 * i];
      offsets[2 * i] = offsets[2 * i + 1] = isInside ? 8 * (mirrorIndex(start + i, size) - shift) * stride : 0;
    }
  }

  /** Whether two tables of lines with constant c (d = 0) have the same support offsets. */
  sameConstantOffsets(other: AxisTable): boolean {
    for (let i = 0; i < 8; i += 2) if (this.offsets[i] !== other.offsets[i]) return false;
    return true;
  }

  protected clear(): void {
    // Voxels outside the run (and the one after the line, which the kernel may read) get valid offsets.
    this.offsets.fill(0);
    this.row = 8 * (this.weights.length >> 2);
    this.step = 8;
  }

  protected inside(x: number, c: number): void {
    const { weights, offsets, size, shift, stride } = this;
    const rowLength = weights.length >> 2;
    const start = supportStart(c);
    cubicWeights(c, start, weights, x, rowLength);
    for (let i = 0; i < 4; i++) offsets[x + i * rowLength] = 8 * (mirrorIndex(start + i, size) - shift) * stride;
  }
}

/**
 * B-spline values along output scan lines (ITK EvaluateAtContinuousIndex: 64 terms, x fastest, each weighted
 * ((1·wx_i)·wy_j)·wz_k, summed from 0), two voxels at a time by the WebAssembly kernel. The weights and offsets
 * of each axis are tabulated per line and reused while the line's start and delta along that axis repeat (on
 * an axis-aligned grid the x table serves every line, the y and z ones are one entry each).
 */
export class BsplineLines implements LineSampler {
  from = 0;
  to = 0;
  private capacity = 0;
  private rows = 0;
  private coefAt = 0;
  private outAt = 0;
  private out = new Float64Array(0);
  /** x, y, z tables of the line sampled, and the z table of the line paired with it. */
  private tables: AxisTable[] = [];
  private tableAt: { w: number; o: number }[] = [];
  /** Row y of the next plane when it was computed with row y of this one: its z, run and values. */
  private pairedZ = new Int32Array(0);
  private pairedFrom = new Int32Array(0);
  private pairedTo = new Int32Array(0);
  private pairedRows: Float64Array[] = [];
  private pairedAt: number[] = [];

  /** Samples `image` with the coefficients of its block [lo, hi], which must hold every support point used. */
  constructor(private readonly image: Volume, private readonly lo: Vec3, private readonly hi: Vec3) {}

  /**
   * Lays out tables for lines of up to `sx` voxels, the output row, `sy` rows of a paired plane and the
   * coefficients in the kernels' memory, and computes the coefficients there.
   */
  private load(sx: number, sy: number): void {
    const { image, lo, hi } = this;
    const rowLength = sx + 2;
    const rowBytes = align16(rowLength * 8);
    const tableBytes = align16(4 * rowLength * 8) + align16(4 * rowLength * 4);
    this.outAt = 4 * tableBytes;
    const pairedAt = this.outAt + rowBytes;
    this.coefAt = pairedAt + sy * rowBytes;
    const layout = blockLayout(image, lo, hi, this.coefAt);
    const buffer = claimMemory(this, this.coefAt + 8 * layout.length + scratchBytes(image));
    decompose(buffer, image, lo, hi, layout);
    this.out = new Float64Array(buffer, this.outAt, rowLength);
    const strides = [1, layout.strideY, layout.strideZ, layout.strideZ];
    this.tableAt = [];
    this.tables = strides.map((stride, d) => {
      const w = d * tableBytes;
      const o = w + align16(4 * rowLength * 8);
      this.tableAt.push({ w, o });
      return new AxisTable(new Float64Array(buffer, w, 4 * rowLength), new Int32Array(buffer, o, 4 * rowLength),
        image.size[Math.min(d, 2)], d === 0 ? lo[0] : 0, stride);
    });
    this.pairedZ = new Int32Array(sy).fill(-1);
    this.pairedFrom = new Int32Array(sy);
    this.pairedTo = new Int32Array(sy);
    this.pairedAt = Array.from({ length: sy }, (_, y) => pairedAt + y * rowBytes);
    this.pairedRows = this.pairedAt.map((at) => new Float64Array(buffer, at, rowLength));
    this.capacity = sx;
    this.rows = sy;
  }

  /**
   * Line (y, z) of a grid walked plane by plane (one grid per sampler). When line (y, z + 1) differs from it
   * only in its z weights (an axis-aligned grid, the same z support points), both are computed at once and
   * the second is kept for when it is asked for.
   */
  sample(lines: ScanLines, y: number, z: number): Float64Array {
    const [sx, sy, sz] = lines.grid.size;
    if (memoryOwner !== this || sx > this.capacity || sy > this.rows) this.load(sx, sy);
    if (this.pairedZ[y] === z) {
      this.from = this.pairedFrom[y];
      this.to = this.pairedTo[y];
      return this.pairedRows[y];
    }
    lines.set(y, z);
    const { start, delta } = lines;
    const [tx, ty, tz, tzPaired] = this.tables;
    tx.update(start[0], delta[0], sx);
    ty.update(start[1], delta[1], sx);
    tz.update(start[2], delta[2], sx);
    const from = Math.max(tx.from, ty.from, tz.from);
    const to = Math.min(tx.to, ty.to, tz.to);
    if (from < to && z + 1 < sz && delta[1] === 0 && delta[2] === 0) {
      const s0 = start[0];
      const d0 = delta[0];
      const s1 = start[1];
      lines.set(y, z + 1);
      if (start[0] === s0 && delta[0] === d0 && start[1] === s1 && delta[1] === 0 && delta[2] === 0) {
        tzPaired.update(start[2], delta[2], sx);
        if (tzPaired.from === 0 && tz.sameConstantOffsets(tzPaired)) {
          const [px, py, pz, pzPaired] = this.tableAt;
          kernels.sampleLinePair(this.coefAt, px.w, px.o, tx.row, tx.step, py.w, py.o, ty.row,
            pz.w, pzPaired.w, pz.o, from, to, this.outAt, this.pairedAt[y]);
          this.pairedZ[y] = z + 1;
          this.pairedFrom[y] = from;
          this.pairedTo[y] = to;
          this.from = from;
          this.to = to;
          return this.out;
        }
      }
      lines.set(y, z);
    }
    return this.sampleLine(start, delta, sx);
  }

  /** One line, c = start + (x / sx)·delta (see LineSampler). */
  sampleLine(start: Vec3, delta: Vec3, sx: number): Float64Array {
    if (memoryOwner !== this || sx > this.capacity) this.load(sx, this.rows);
    const [tx, ty, tz] = this.tables;
    tx.update(start[0], delta[0], sx);
    ty.update(start[1], delta[1], sx);
    tz.update(start[2], delta[2], sx);
    this.from = Math.max(tx.from, ty.from, tz.from);
    this.to = Math.min(tx.to, ty.to, tz.to);
    if (this.from < this.to) {
      const [px, py, pz] = this.tableAt;
      kernels.sampleLine(this.coefAt, px.w, px.o, tx.row, tx.step, py.w, py.o, ty.row, ty.step,
        pz.w, pz.o, tz.row, tz.step, this.from, this.to, this.outAt);
    }
    return this.out;
  }
}

/** The interpolated value at one continuous index inside the image buffer (NaN outside), from the block [lo, hi]. */
export function bsplineEvaluator(image: Volume, lo: Vec3, hi: Vec3): (c0: number, c1: number, c2: number) => number {
  const lines = new BsplineLines(image, lo, hi);
  const none: Vec3 = [0, 0, 0];
  return (c0, c1, c2) => {
    const values = lines.sampleLine([c0, c1, c2], none, 1);
    return lines.from === 0 && lines.to === 1 ? values[0] : NaN;
  };
}
