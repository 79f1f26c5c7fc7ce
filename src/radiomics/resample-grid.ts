// ITK ResampleImageFilter's walk over an output grid with an identity transform (LinearThreadedGenerateData):
// the continuous input index of every output voxel, computed per scan line as ITK does, and the cast of an
// interpolated value to the output pixel type (CastComponentWithBoundsChecking).
import type { PixelType, Vec3, Volume } from './types.js';
import type { Geometry } from './geometry.js';
import {
  indexToPhysicalMatrix, indexToPhysicalPoint, physicalPointToContinuousIndex, physicalToIndexMatrix,
} from './geometry.js';

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

  constructor(private readonly grid: Grid, private readonly input: Geometry) {
    this.outMatrix = indexToPhysicalMatrix(grid);
    this.inInverse = physicalToIndexMatrix(input);
  }

  set(y: number, z: number): void {
    const { grid, input, outMatrix, inInverse } = this;
    const start = physicalPointToContinuousIndex(input, inInverse, indexToPhysicalPoint(grid, outMatrix, [0, y, z]));
    const end = physicalPointToContinuousIndex(input, inInverse, indexToPhysicalPoint(grid, outMatrix, [grid.size[0], y, z]));
    for (let d = 0; d < 3; d++) {
      this.start[d] = start[d];
      this.delta[d] = end[d] - start[d];
    }
  }
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
