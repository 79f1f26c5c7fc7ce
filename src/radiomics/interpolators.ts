// The SimpleITK interpolators PyRadiomics may ask for, reproduced from ITK: nearest neighbour
// (NearestNeighborInterpolateImageFunction), linear (LinearInterpolateImageFunction) and cubic B-spline
// (BSplineInterpolateImageFunction, see bspline.ts). Each evaluates at a continuous index inside the buffer.
import type { Vec3, Volume } from './types.js';
import { SettingsError } from './errors.js';
import type { Grid } from './resample-grid.js';
import { AxisRun, isInsideBuffer, ScanLines, type LineSampler } from './resample-grid.js';
import { BsplineLines, mirrorIndex, supportStart } from './bspline.js';

export const SUPPORTED_INTERPOLATORS = ['sitkNearestNeighbor', 'sitkLinear', 'sitkBSpline', 'sitkBSpline3'] as const;
export type InterpolatorName = (typeof SUPPORTED_INTERPOLATORS)[number];

export type Evaluator = (c0: number, c1: number, c2: number) => number;

const KNOWN_BUT_UNSUPPORTED = [
  'sitkGaussian', 'sitkLabelGaussian', 'sitkHammingWindowedSinc', 'sitkCosineWindowedSinc', 'sitkWelchWindowedSinc',
  'sitkLanczosWindowedSinc', 'sitkBlackmanWindowedSinc', 'sitkBSpline1', 'sitkBSpline2', 'sitkBSpline4',
  'sitkBSpline5', 'sitkLabelLinear', 'sitkBSplineResampler', 'sitkBSplineResamplerOrder3',
];

/** Checks an interpolator name from the settings; anything else is a SettingsError naming the choices. */
export function checkInterpolatorName(name: string): InterpolatorName {
  if ((SUPPORTED_INTERPOLATORS as readonly string[]).includes(name)) return name as InterpolatorName;
  const why = KNOWN_BUT_UNSUPPORTED.includes(name) ? 'is a SimpleITK interpolator this engine does not implement' : 'is not a SimpleITK interpolator name';
  throw new SettingsError(`interpolator '${name}' ${why}; use one of ${SUPPORTED_INTERPOLATORS.join(', ')}`);
}

/** ITK Math::Round (RoundHalfIntegerUp, as its x86 SSE path computes it: rint(2x + 0.5) >> 1). */
export function roundHalfIntegerUp(x: number): number {
  const v = 2 * x + 0.5;
  const f = Math.floor(v);
  const diff = v - f;
  const r = diff > 0.5 ? f + 1 : diff < 0.5 ? f : f % 2 === 0 ? f : f + 1; // rint: ties to even
  return Math.floor(r / 2);
}

/** Rounded indices (× stride) along one axis of a scan line (see AxisRun). */
class NearestAxis extends AxisRun {
  offsets = new Int32Array(0);

  constructor(size: number, private readonly stride: number) {
    super(size);
  }

  private reserve(): void {
    if (this.offsets.length < this.sx) this.offsets = new Int32Array(this.sx);
  }

  protected constant(c: number, isInside: boolean): void {
    this.reserve();
    if (isInside) this.offsets.fill(roundHalfIntegerUp(c) * this.stride, 0, this.sx);
  }

  protected clear(): void {
    this.reserve();
  }

  protected inside(x: number, c: number): void {
    this.offsets[x] = roundHalfIntegerUp(c) * this.stride;
  }
}

/** Nearest-neighbour values along scan lines (ITK NearestNeighborInterpolateImageFunction). */
class NearestNeighbourLines implements LineSampler {
  from = 0;
  to = 0;
  private values = new Float64Array(0);
  private readonly axes: NearestAxis[];

  constructor(private readonly image: Volume) {
    const [nx, ny, nz] = image.size;
    this.axes = [new NearestAxis(nx, 1), new NearestAxis(ny, nx), new NearestAxis(nz, nx * ny)];
  }

  sample(lines: ScanLines, y: number, z: number): Float64Array {
    lines.set(y, z);
    const { start, delta } = lines;
    const sx = lines.grid.size[0];
    const [ax, ay, az] = this.axes;
    ax.update(start[0], delta[0], sx);
    ay.update(start[1], delta[1], sx);
    az.update(start[2], delta[2], sx);
    const from = Math.max(ax.from, ay.from, az.from);
    const to = Math.min(ax.to, ay.to, az.to);
    this.from = from;
    this.to = to;
    if (this.values.length < sx) this.values = new Float64Array(sx);
    const { values, image: { data } } = this;
    const ox = ax.offsets;
    const oy = ay.offsets;
    const oz = az.offsets;
    for (let x = from; x < to; x++) values[x] = data[ox[x] + oy[x] + oz[x]];
    return values;
  }
}

/**
 * ITK's 3-D linear interpolation: floor index (clamped below to 0), x then y then z lerps; an axis whose
 * distance is ≤ 0 or whose upper neighbour is past the last voxel is not interpolated (this is what ITK's
 * branch-per-case code amounts to: a lerp with weight 0 returns its first operand exactly).
 */
function linear(image: Volume): Evaluator {
  const [nx, ny, nz] = image.size;
  const data = image.data;
  const size = [nx, ny, nz];
  const base = [0, 0, 0];
  const dist = [0, 0, 0];
  const step = [0, 0, 0];
  const strides = [1, nx, nx * ny];
  return (c0, c1, c2) => {
    const ci = [c0, c1, c2];
    for (let d = 0; d < 3; d++) {
      base[d] = Math.max(Math.floor(ci[d]), 0);
      dist[d] = ci[d] - base[d];
      const moves = dist[d] > 0 && base[d] + 1 <= size[d] - 1;
      step[d] = moves ? strides[d] : 0;
      if (!moves) dist[d] = 0;
    }
    const o = base[0] + nx * (base[1] + ny * base[2]);
    const lerp = (a: number, b: number, t: number) => (t === 0 ? a : a + (b - a) * t);
    const v000 = data[o];
    const v100 = data[o + step[0]];
    const v010 = data[o + step[1]];
    const v110 = data[o + step[0] + step[1]];
    const v001 = data[o + step[2]];
    const v101 = data[o + step[0] + step[2]];
    const v011 = data[o + step[1] + step[2]];
    const v111 = data[o + step[0] + step[1] + step[2]];
    const x00 = lerp(v000, v100, dist[0]);
    const x10 = lerp(v010, v110, dist[0]);
    const x01 = lerp(v001, v101, dist[0]);
    const x11 = lerp(v011, v111, dist[0]);
    const xx0 = lerp(x00, x10, dist[1]);
    const xx1 = lerp(x01, x11, dist[1]);
    return lerp(xx0, xx1, dist[2]);
  };
}

/** Whether voxel x of a scan line of sx voxels is inside the buffer. */
function insideAt(start: Vec3, delta: Vec3, x: number, sx: number, size: Vec3): boolean {
  const alpha = x / sx;
  return isInsideBuffer(size, start[0] + alpha * delta[0], start[1] + alpha * delta[1], start[2] + alpha * delta[2]);
}

/** Widens [minStart, maxStart] by the support starts of the first and the last inside voxel of a scan line. */
function includeLineEnds(start: Vec3, delta: Vec3, sx: number, size: Vec3, minStart: Float64Array, maxStart: Float64Array): void {
  let first = 0;
  while (first < sx && !insideAt(start, delta, first, sx, size)) first++;
  if (first === sx) return;
  let last = sx - 1;
  while (!insideAt(start, delta, last, sx, size)) last--;
  for (let end = 0; end < 2; end++) {
    const alpha = (end === 0 ? first : last) / sx;
    for (let d = 0; d < 3; d++) {
      const s = supportStart(start[d] + alpha * delta[d]);
      if (s < minStart[d]) minStart[d] = s;
      if (s > maxStart[d]) maxStart[d] = s;
    }
  }
}

/**
 * A coefficient block holding every support index a B-spline interpolation over `grid` uses: the range of
 * support starts over the output voxels inside the buffer, then the mirrored indices of that whole range (a
 * superset is harmless: the block's coefficients do not depend on its extent, see bspline.ts).
 * Along a scan line each continuous index c = s + (x / sx)·d is monotonic in x (every operation rounds
 * monotonically), so the voxels inside the buffer are one run and the support starts are extreme at its ends:
 * only the first and the last inside voxel of each line are looked at.
 */
function bsplineSupportBlock(image: Volume, grid: Grid): { lo: Vec3; hi: Vec3 } | null {
  const minStart = new Float64Array(3).fill(Infinity);
  const maxStart = new Float64Array(3).fill(-Infinity);
  const [sx, sy, sz] = grid.size;
  const lines = new ScanLines(grid, image);
  for (let z = 0; z < sz; z++) {
    for (let y = 0; y < sy; y++) {
      lines.set(y, z);
      includeLineEnds(lines.start, lines.delta, sx, image.size, minStart, maxStart);
    }
  }
  if (minStart[0] === Infinity) return null;
  const lo: Vec3 = [Infinity, Infinity, Infinity];
  const hi: Vec3 = [-Infinity, -Infinity, -Infinity];
  for (let d = 0; d < 3; d++) {
    for (let k = minStart[d]; k <= maxStart[d] + 3; k++) {
      const index = mirrorIndex(k, image.size[d]);
      if (index < lo[d]) lo[d] = index;
      if (index > hi[d]) hi[d] = index;
    }
  }
  return { lo, hi };
}

/** Linear values along scan lines, one evaluation per voxel (ITK LinearInterpolateImageFunction). */
class LinearLines implements LineSampler {
  from = 0;
  to = 0;
  private values = new Float64Array(0);
  private readonly evaluate: Evaluator;

  constructor(private readonly image: Volume) {
    this.evaluate = linear(image);
  }

  sample(lines: ScanLines, y: number, z: number): Float64Array {
    lines.set(y, z);
    const { start, delta } = lines;
    const sx = lines.grid.size[0];
    if (this.values.length < sx) this.values = new Float64Array(sx);
    const values = this.values;
    let from = sx;
    let to = sx;
    for (let x = 0; x < sx; x++) {
      const alpha = x / sx;
      const c0 = start[0] + alpha * delta[0];
      const c1 = start[1] + alpha * delta[1];
      const c2 = start[2] + alpha * delta[2];
      if (isInsideBuffer(this.image.size, c0, c1, c2)) {
        if (from === sx) from = x;
        values[x] = this.evaluate(c0, c1, c2);
      } else if (from < sx) {
        to = x;
        break;
      }
    }
    this.from = from;
    this.to = to;
    return values;
  }
}

/** No output voxel falls inside the input. */
const NOTHING_INSIDE: LineSampler = { from: 0, to: 0, sample: () => new Float64Array(0) };

/** A scan-line sampler of `image` for the given interpolator, prepared for sampling over `grid`. */
export function makeLineSampler(name: InterpolatorName, image: Volume, grid: Grid): LineSampler {
  switch (name) {
    case 'sitkNearestNeighbor':
      return new NearestNeighbourLines(image);
    case 'sitkLinear':
      return new LinearLines(image);
    case 'sitkBSpline':
    case 'sitkBSpline3': {
      const block = bsplineSupportBlock(image, grid);
      return block === null ? NOTHING_INSIDE : new BsplineLines(image, block.lo, block.hi);
    }
  }
}
