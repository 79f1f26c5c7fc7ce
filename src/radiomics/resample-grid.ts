// ITK ResampleImageFilter's walk over an output grid with an identity transform (LinearThreadedGenerateData):
// the continuous input index of every output voxel, computed per scan line as ITK does, and the cast of an
// interpolated value to the output pixel type (CastComponentWithBoundsChecking).
import type { PixelType, Vec3, Volume } from './types.js';
import type { Geometry } from './geometry.js';
import { indexToPhysicalMatrix, physicalToIndexMatrix } from './geometry.js';

/** Output grid of a resampling. */
export interface Grid extends Geometry {
  size: Vec3;
}

/**
 * ITK's walk over the output scan lines: per line (y, z) it maps the output indices (0, y, z) and (sizeX, y, z)
 * to input continuous indices and interpolates linearly between them: voxel x of the line is at
 * ci = start + (x / sizeX)·delta, delta = end − start. `set(y, z)` computes `start` and `delta` of a line. A
 * class rather than a callback walk, so that the per-voxel loops of the callers are plain code compiled once,
 * not closures made (and optimised again) at every resampling.
 */
export class ScanLines {
  readonly start: Vec3 = [0.5, 0.5, 0.5];
  readonly delta: Vec3 = [0.5, 0.5, 0.5];
  private readonly outMatrix: number[];
  private readonly inInverse: number[];
  private readonly lineStart: Vec3 = [0, 0, 0];

  constructor(readonly grid: Grid, private readonly input: Geometry) {
    this.outMatrix = indexToPhysicalMatrix(grid);
    this.inInverse = physicalToIndexMatrix(input);
  }

  set(y: number, z: number): void {
    const { lineStart, start, delta } = this;
    this.continuousIndex(0, y, z, lineStart);
    this.continuousIndex(this.grid.size[0], y, z, delta);
    for (let d = 0; d < 3; d++) {
      start[d] = lineStart[d];
      delta[d] -= lineStart[d];
    }
  }

  /**
   * The input continuous index of output index (i0, i1, i2): indexToPhysicalPoint then
   * physicalPointToContinuousIndex (geometry.ts), the same operations in the same order, without their arrays.
   */
  private continuousIndex(i0: number, i1: number, i2: number, out: Vec3): void {
    const { grid, input, outMatrix: m, inInverse: inverse } = this;
    const v0 = grid.origin[0] + m[0] * i0 + m[1] * i1 + m[2] * i2 - input.origin[0];
    const v1 = grid.origin[1] + m[3] * i0 + m[4] * i1 + m[5] * i2 - input.origin[1];
    const v2 = grid.origin[2] + m[6] * i0 + m[7] * i1 + m[8] * i2 - input.origin[2];
    out[0] = 0 + inverse[0] * v0 + inverse[1] * v1 + inverse[2] * v2;
    out[1] = 0 + inverse[3] * v0 + inverse[4] * v1 + inverse[5] * v2;
    out[2] = 0 + inverse[6] * v0 + inverse[7] * v1 + inverse[8] * v2;
  }
}

/**
 * One axis of the output voxels of a scan line, c = s + (x / sx)·d for x < sx: the run [from, to) of voxels
 * with c inside the input buffer along this axis (c is monotonic in x, every operation rounding monotonically,
 * so they are one run), and whatever per-voxel data a sampler derives from c (`inside(x, c)`, or `constant(c)`
 * once when d = 0: then (x / sx)·d is ±0 and c the same for every voxel). Recomputed only when s, d or sx
 * change: on an axis-aligned grid the x axis serves every line of a resampling.
 */
export abstract class AxisRun {
  private s = NaN;
  private d = NaN;
  /** Voxels in the line. */
  protected sx = -1;
  from = 0;
  to = 0;

  constructor(protected readonly size: number) {}

  /** Called with c when d = 0 (the same c for the whole line). */
  protected abstract constant(c: number, isInside: boolean): void;
  /** Called before the per-voxel calls of a line with d ≠ 0. */
  protected abstract clear(): void;
  /** Called for each voxel of the run. */
  protected abstract inside(x: number, c: number): void;

  update(s: number, d: number, sx: number): void {
    if (s === this.s && d === this.d && sx === this.sx) return;
    this.s = s;
    this.d = d;
    this.sx = sx;
    const limit = this.size - 0.5;
    if (d === 0) {
      const c = s + 0 * d;
      const isInside = c >= -0.5 && c < limit;
      this.from = isInside ? 0 : sx;
      this.to = sx;
      this.constant(c, isInside);
      return;
    }
    this.clear();
    let from = sx;
    let to = sx;
    for (let x = 0; x < sx; x++) {
      const c = s + (x / sx) * d;
      if (c >= -0.5 && c < limit) {
        if (from === sx) from = x;
        this.inside(x, c);
      } else if (from < sx) {
        to = x;
        break;
      }
    }
    this.from = from;
    this.to = to;
  }
}

/**
 * Samples the output scan lines of a resampling: `sample(lines, y, z)` returns the values of line (y, z) of
 * lines.grid at the voxels from ≤ x < to, those inside the input buffer (ITK IsInsideBuffer: −0.5 ≤ ci <
 * size − 0.5 along every axis, with ci = start + (x / sx)·delta from lines.set(y, z); one run, see AxisRun).
 * The array is the sampler's own, valid until its next call. A sampler serves one grid, walked plane by plane.
 */
export interface LineSampler {
  from: number;
  to: number;
  sample(lines: ScanLines, y: number, z: number): Float64Array;
}

/** Calls `visitLine(offset, start, delta)` for every output scan line (offset of its first voxel); see ScanLines. */
export function forEachScanLine(
  grid: Grid, input: Geometry, visitLine: (offset: number, start: Vec3, delta: Vec3) => void,
): void {
  const [sx, sy, sz] = grid.size;
  const lines = new ScanLines(grid, input);
  let offset = 0;
  for (let z = 0; z < sz; z++) {
    for (let y = 0; y < sy; y++, offset += sx) {
      lines.set(y, z);
      visitLine(offset, lines.start, lines.delta);
    }
  }
}

/** Calls `visit(outputOffset, c0, c1, c2)` for every output voxel (x fastest) with its continuous input index. */
export function walkOutputGrid(
  grid: Grid, input: Geometry, visit: (offset: number, c0: number, c1: number, c2: number) => void,
): void {
  const sx = grid.size[0];
  forEachScanLine(grid, input, (offset, start, delta) => {
    for (let x = 0; x < sx; x++) {
      const alpha = x / sx;
      visit(offset + x, start[0] + alpha * delta[0], start[1] + alpha * delta[1], start[2] + alpha * delta[2]);
    }
  });
}

/** ITK ImageFunction::IsInsideBuffer: −0.5 ≤ ci < size − 0.5 along every axis. */
export function isInsideBuffer(size: Vec3, c0: number, c1: number, c2: number): boolean {
  return c0 >= -0.5 && c0 < size[0] - 0.5 && c1 >= -0.5 && c1 < size[1] - 0.5 && c2 >= -0.5 && c2 < size[2] - 0.5;
}

const INTEGER_RANGE: Partial<Record<PixelType, [number, number]>> = {
  int8: [-128, 127], uint8: [0, 255], int16: [-32768, 32767], uint16: [0, 65535],
  int32: [-2147483648, 2147483647], uint32: [0, 4294967295],
};
const FLOAT32_MAX = 3.4028234663852886e38;

/** How an interpolated double becomes an output pixel: clamp to [min, max], then truncate (integers) or round to float32. */
export interface CastRule {
  min: number;
  max: number;
  kind: 'integer' | 'float32' | 'float64';
}

/** The cast rule of an output pixel type (ITK CastComponentWithBoundsChecking). */
export function castRule(pixelType: PixelType): CastRule {
  const range = INTEGER_RANGE[pixelType];
  if (range) return { min: range[0], max: range[1], kind: 'integer' };
  if (pixelType === 'float32') return { min: -FLOAT32_MAX, max: FLOAT32_MAX, kind: 'float32' };
  return { min: -Infinity, max: Infinity, kind: 'float64' };
}

/** One value through a cast rule: clamp, then C++ static_cast (integers: toward zero; float32: to nearest). */
export function castValue(rule: CastRule, v: number): number {
  if (rule.kind === 'float64') return v;
  const clamped = v <= rule.min ? rule.min : v >= rule.max ? rule.max : v;
  return rule.kind === 'integer' ? Math.trunc(clamped) + 0 : Math.fround(clamped); // + 0: no −0
}

/**
 * castValue of values[from … to) into out[offset + x], out being a typed array of the rule's pixel type: the
 * clamp here, the static_cast by the store itself (a clamped value stored into an integer array is truncated
 * toward zero, into a Float32Array rounded to nearest, exactly as castValue does).
 */
export function castRun(rule: CastRule, values: Float64Array, from: number, to: number, out: Volume['data'], offset: number): void {
  const { min, max } = rule;
  for (let x = from; x < to; x++) {
    const v = values[x];
    out[offset + x] = v <= min ? min : v >= max ? max : v;
  }
}

/** The cast of an interpolated double to the output pixel type (see castValue). */
export function pixelCast(pixelType: PixelType): (value: number) => number {
  const rule = castRule(pixelType);
  return (v) => castValue(rule, v);
}

/** An empty volume of the grid's geometry. */
export function allocateOnGrid(grid: Grid, pixelType: PixelType, data: Volume['data']): Volume {
  return {
    size: [...grid.size],
    spacing: [...grid.spacing],
    origin: [...grid.origin],
    direction: [...grid.direction],
    pixelType,
    data,
  };
}
