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
 * Calls `visitLine(offset, start, delta)` for every output scan line (offset of its first voxel). Per scan line
 * ITK maps the output indices (0, y, z) and (sizeX, y, z) to input continuous indices and interpolates
 * linearly between them: voxel x of the line is at ci = start + (x / sizeX)·delta, delta = end − start.
 */
export function forEachScanLine(
  grid: Grid, input: Geometry, visitLine: (offset: number, start: Vec3, delta: Vec3) => void,
): void {
  const [sx, sy, sz] = grid.size;
  const outMatrix = indexToPhysicalMatrix(grid);
  const inInverse = physicalToIndexMatrix(input);
  const delta: Vec3 = [0, 0, 0];
  let offset = 0;
  for (let z = 0; z < sz; z++) {
    for (let y = 0; y < sy; y++, offset += sx) {
      const start = physicalPointToContinuousIndex(input, inInverse, indexToPhysicalPoint(grid, outMatrix, [0, y, z]));
      const end = physicalPointToContinuousIndex(input, inInverse, indexToPhysicalPoint(grid, outMatrix, [sx, y, z]));
      delta[0] = end[0] - start[0];
      delta[1] = end[1] - start[1];
      delta[2] = end[2] - start[2];
      visitLine(offset, start, delta);
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

/**
 * The cast of an interpolated double to the output pixel type: clamp to the type's range, then C++
 * static_cast (integers: truncation toward zero; float32: round to nearest).
 */
export function pixelCast(pixelType: PixelType): (value: number) => number {
  const range = INTEGER_RANGE[pixelType];
  if (range) {
    const [min, max] = range;
    return (v) => (v <= min ? min : v >= max ? max : Math.trunc(v) + 0); // + 0: no −0
  }
  if (pixelType === 'float32') {
    return (v) => (v <= -FLOAT32_MAX ? -FLOAT32_MAX : v >= FLOAT32_MAX ? FLOAT32_MAX : Math.fround(v));
  }
  return (v) => v;
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
