// Neighbourhood offsets as PyRadiomics' C extension builds them (cmatrices.c build_angles), in numpy (z, y, x)
// order, plus the crop-index arithmetic the texture matrices share.
import type { FeatureClassSettings, Roi, Vec3 } from '../types.js';
import type { Discretized } from '../discretize.js';
import { levelRows } from './matrix-utils.js';
import { SettingsError } from '../errors.js';
import { roiVoxelIndices } from '../discretize.js';
import { kernelGrid, textureKernels } from './texture-kernels.js';
import { byteLayout } from '../../wasm-kernels.js';
import { ensureMemory } from '../../wasm-kernels.js';

/** One neighbour offset: (dz, dy, dx) and the matching step in crop index space. */
export interface Offset {
  dz: number;
  dy: number;
  dx: number;
  /** dx + nx * (dy + ny * dz) */
  step: number;
}

export interface AngleOptions {
  /** Chebyshev distances to include (PyRadiomics `distances`). */
  distances: readonly number[];
  /** true: all 26 (or 8 in 2D) neighbours; false: one of each opposite pair (13 / 4). */
  bidirectional: boolean;
  force2D: boolean;
  /** numpy axis (0 = z, 1 = y, 2 = x) whose offsets must be 0 when force2D is set. */
  force2Ddimension: number;
}

function checkAngleOptions(options: AngleOptions): void {
  if (options.distances.length === 0) throw new SettingsError('distances must hold at least one distance');
  for (const d of options.distances) {
    if (!Number.isInteger(d) || d < 1) throw new SettingsError(`distances must be positive integers, got ${d}`);
  }
  if (options.force2D && ![0, 1, 2].includes(options.force2Ddimension)) {
    throw new SettingsError(`force2Ddimension must be 0, 1 or 2, got ${options.force2Ddimension}`);
  }
}

/**
 * Offsets in PyRadiomics' order: each numpy axis (z slowest) runs from +maxDistance down to -maxDistance.
 * An offset is kept when its Chebyshev norm is one of the distances, it stays in-plane under force2D, and
 * it is smaller than the crop in every axis (|offset| < size), as build_angles does. The unidirectional
 * set is the first half of that sequence (before the zero offset).
 */
export function neighbourOffsets(size: Vec3, options: AngleOptions): Offset[] {
  checkAngleOptions(options);
  const [nx, ny, nz] = size;
  const sizeZyx = [nz, ny, nx];
  const maxDistance = Math.max(...options.distances);
  const span = 2 * maxDistance + 1;
  const total = span * span * span;
  const last = options.bidirectional ? total : (total - 1) / 2;
  const offsets: Offset[] = [];
  for (let a = 0; a < last; a++) {
    const zyx = [
      maxDistance - Math.floor(a / (span * span)),
      maxDistance - (Math.floor(a / span) % span),
      maxDistance - (a % span),
    ];
    const norm = Math.max(Math.abs(zyx[0]), Math.abs(zyx[1]), Math.abs(zyx[2]));
    if (norm === 0 || !options.distances.includes(norm)) continue;
    if (options.force2D && zyx[options.force2Ddimension] !== 0) continue;
    if (zyx.some((d, axis) => Math.abs(d) >= sizeZyx[axis])) continue;
    const [dz, dy, dx] = zyx;
    offsets.push({ dz, dy, dx, step: dx + nx * (dy + ny * dz) });
  }
  return offsets;
}

/** The angle options a texture class uses, from its settings. */
export function angleOptions(settings: FeatureClassSettings, bidirectional: boolean, distances = settings.distances): AngleOptions {
  return { distances, bidirectional, force2D: settings.force2D, force2Ddimension: settings.force2Ddimension };
}

/** Neighbour lookup over the ROI voxels: for ROI voxel v and offset column c, the neighbour's ROI position. */
export interface RoiNeighbours {
  offsets: Offset[];
  /** [v * offsets.length + c]: position in `roiIndices` of the neighbour, or -1 outside the crop or the ROI. */
  table: Int32Array;
}

/**
 * Neighbour tables of one ROI mask, keyed by offset set. They depend only on the mask, not on the image
 * values, so the extractor makes one per mask and hands it, through `Roi.neighbourTables`, to every image
 * type and class computed on that mask: each table is built once per extraction.
 */
export class NeighbourTables {
  private readonly tables = new Map<string, RoiNeighbours>();
  private readonly grids = new Map<number, PaddedGrid>();
  private indices: Int32Array | null = null;

  /** Crop indices of the ROI voxels of `roi` (built on first use). */
  roiIndices(roi: Roi): Int32Array {
    this.indices ??= roiVoxelIndices(roi);
    return this.indices;
  }

  /** The padded grid of the ROI voxels `roiIndices` of `roi` with a border of `pad` (built on first use). */
  grid(roi: Roi, roiIndices: Int32Array, pad: number): PaddedGrid {
    let grid = this.grids.get(pad);
    if (!grid) {
      grid = buildGrid(roi.size, roiIndices, pad);
      this.grids.set(pad, grid);
    }
    return grid;
  }

  /** The table of `offsets` over the ROI voxels `roiIndices` of `roi` (built on first use). */
  get(roi: Roi, roiIndices: Int32Array, offsets: Offset[]): RoiNeighbours {
    const key = offsets.map((o) => `${o.dz},${o.dy},${o.dx}`).join(';');
    let entry = this.tables.get(key);
    if (!entry) {
      entry = { offsets, table: buildTable(roi, roiIndices, offsets) };
      this.tables.set(key, entry);
    }
    return entry;
  }
}

/** The neighbour table of a ROI for a set of offsets: from the ROI's shared tables when it has them. */
export function roiNeighbours(roi: Roi, roiIndices: Int32Array, offsets: Offset[]): RoiNeighbours {
  if (roi.neighbourTables) return roi.neighbourTables.get(roi, roiIndices, offsets);
  return { offsets, table: buildTable(roi, roiIndices, offsets) };
}

function buildTable(roi: Roi, roiIndices: Int32Array, offsets: Offset[]): Int32Array {
  const pad = Math.max(1, ...offsets.map((o) => Math.max(Math.abs(o.dz), Math.abs(o.dy), Math.abs(o.dx))));
  const grid = roiGrid(roi, roiIndices, pad);
  const table = new Int32Array(roiIndices.length * offsets.length);
  gatherPositions(grid.position, grid.index, paddedSteps(grid, offsets), table);
  return table;
}

/**
 * table[v · na + a] = ROI position of the voxel at padded step steps[a] from index[v], or -1: `position` holds nv
 * outside the ROI, and t | ((nv − 1 − t) >> 31) turns exactly that into -1.
 */
function gatherPositions(position: Int32Array, index: Int32Array, steps: Int32Array, table: Int32Array): void {
  const nv = index.length;
  const na = steps.length;
  for (let v = 0; v < nv; v++) {
    const p = index[v];
    const base = v * na;
    for (let a = 0; a < na; a++) {
      const t = position[p + steps[a]];
      table[base + a] = t | ((nv - 1 - t) >> 31);
    }
  }
}

/** Column of an offset in a neighbour table; throws if absent (a programming error, not bad input). */
export function offsetColumn(neighbours: RoiNeighbours, dz: number, dy: number, dx: number): number {
  const c = neighbours.offsets.findIndex((o) => o.dz === dz && o.dy === dy && o.dx === dx);
  if (c < 0) throw new Error(`offset (${dz}, ${dy}, ${dx}) is not in the neighbour table`);
  return c;
}

/**
 * The crop embedded in a box with a border of `pad` voxels on every side, so that a step of up to `pad`
 * voxels along each axis from any crop voxel stays inside the box: texture loops over the ROI voxels then read
 * their neighbours from a padded array (outside voxels holding a value that never matches) with neither a
 * bounds test nor a neighbour table. Depends only on the mask: shared through NeighbourTables.
 */
export interface PaddedGrid {
  pad: number;
  /** Size of the padded box (x, y, z). */
  size: Vec3;
  /** Number of voxels in the padded box. */
  length: number;
  /** Padded-box index of each ROI voxel, in `roiIndices` order (ascending). */
  index: Int32Array;
  /** Padded-box index → position of the ROI voxel in `roiIndices`, or `nv` (one past the last) elsewhere. */
  position: Int32Array;
  /** Per ROI voxel, the number of its neighbours in the ROI, by padded steps of the neighbourhood (filled on use). */
  neighbourCounts: Map<string, Int32Array>;
}

function buildGrid(size: Vec3, roiIndices: Int32Array, pad: number): PaddedGrid {
  const [nx, ny, nz] = size;
  const px = nx + 2 * pad;
  const py = ny + 2 * pad;
  const pz = nz + 2 * pad;
  const length = px * py * pz;
  const index = new Int32Array(roiIndices.length);
  const position = new Int32Array(length).fill(roiIndices.length);
  paddedIndices(roiIndices, nx, ny, pad, px, py, index, position);
  return { pad, size: [px, py, pz], length, index, position, neighbourCounts: new Map() };
}

/** index[v] = padded index of crop index roiIndices[v] (crop x-size nx, y-size ny); position[index[v]] = v. */
function paddedIndices(
  roiIndices: Int32Array, nx: number, ny: number, pad: number, px: number, py: number, index: Int32Array, position: Int32Array,
): void {
  for (let v = 0; v < roiIndices.length; v++) {
    const idx = roiIndices[v];
    const row = (idx / nx) | 0; // y + ny·z
    const z = (row / ny) | 0;
    const p = idx - row * nx + pad + px * (row - z * ny + pad + py * (z + pad));
    index[v] = p;
    position[p] = v;
  }
}

/** The padded grid of a ROI with a border of `pad`: from the ROI's shared tables when it has them. */
export function roiGrid(roi: Roi, roiIndices: Int32Array, pad: number): PaddedGrid {
  if (roi.neighbourTables) return roi.neighbourTables.grid(roi, roiIndices, pad);
  return buildGrid(roi.size, roiIndices, pad);
}

/** The steps of `offsets` in a padded grid's index space (each offset must be at most `pad` per axis). */
export function paddedSteps(grid: PaddedGrid, offsets: readonly Offset[]): Int32Array {
  const [px, py] = grid.size;
  return Int32Array.from(offsets, (o) => o.dx + px * (o.dy + py * o.dz));
}

/**
 * What the texture classes read about the neighbours of every ROI voxel at one set of distances, gathered in one
 * pass over the padded levels and shared by the classes of one discretisation (see `neighbourPass`).
 */
export interface NeighbourPass {
  grid: PaddedGrid;
  /** The ROI's levels (>= 1) in the padded grid, 0 elsewhere (made on first read). */
  readonly levels: Int32Array;
  /**
   * The bidirectional neighbourhood: the forward (unidirectional) offsets in build_angles order, then their
   * negatives in the same order (offset nf + a is −offset a).
   */
  offsets: Offset[];
  /** Padded steps of `offsets`. */
  steps: Int32Array;
  /** Per ROI voxel: its matrix row (pruned gray-level index). */
  rows: Int32Array;
  /** Per ROI voxel: number of neighbours in the ROI. */
  count: Int32Array;
  /** Per ROI voxel: sum of the levels of its neighbours in the ROI (integers: exact). */
  levelSum: Float64Array;
  /** Per ROI voxel: bit a set when neighbour a is in the ROI and of the same level; null beyond 31 offsets. */
  same: Int32Array | null;
}

const passes = new WeakMap<Discretized, Map<string, NeighbourPass>>();

/** The neighbour pass of a discretised ROI over the bidirectional neighbourhood at `distances` (made on first use). */
export function neighbourPass(roi: Roi, binned: Discretized, settings: FeatureClassSettings, distances: readonly number[]): NeighbourPass {
  let byDistances = passes.get(binned);
  if (!byDistances) {
    byDistances = new Map();
    passes.set(binned, byDistances);
  }
  const key = distances.join(',');
  let pass = byDistances.get(key);
  if (!pass) {
    const forward = neighbourOffsets(roi.size, angleOptions(settings, false, distances as number[]));
    const offsets = [...forward, ...forward.map((o) => negated(o, roi.size))];
    pass = makePass(roi, binned, offsets, Math.max(...distances));
    byDistances.set(key, pass);
  }
  return pass;
}

/** −offset (the crop steps of build_angles' second half). */
function negated(o: Offset, size: Vec3): Offset {
  const [dz, dy, dx] = [0 - o.dz, 0 - o.dy, 0 - o.dx];
  return { dz, dy, dx, step: dx + size[0] * (dy + size[1] * dz) };
}

/**
 * The pass in the kernels' memory: the ROI levels scattered into the grid's padded levels (and mapped to matrix
 * rows), then `gather` (and `countInRoi` on the first pass of a grid and neighbourhood); its results copied out.
 * Scratch layout: steps (int32), the ROI levels (int32 per voxel), the level → row map (int32 per bin 0..ng),
 * rows (int32 per voxel), levelSum (float64 per voxel), same, count (int32 per voxel).
 */
function makePass(roi: Roi, binned: Discretized, offsets: Offset[], pad: number): NeighbourPass {
  const grid = roiGrid(roi, binned.roiIndices, pad);
  const steps = paddedSteps(grid, offsets);
  const nv = binned.roiIndices.length;
  const map = levelRows(binned.grayLevels, binned.ng);
  const at = kernelGrid(grid);
  const [stepsAt, valuesAt, mapAt, rowsAt, sumAt, sameAt, countAt, end] = byteLayout(at.scratch,
    [4 * steps.length, 4 * nv, 4 * map.length, 4 * nv, 8 * nv, 4 * nv, 4 * nv]);
  const buffer = ensureMemory(textureKernels.memory, end, 'the texture neighbour pass');
  new Int32Array(buffer, stepsAt, steps.length).set(steps);
  new Int32Array(buffer, valuesAt, nv).set(binned.roiLevels);
  new Int32Array(buffer, mapAt, map.length).set(map);
  textureKernels.scatter(valuesAt, at.index, nv, at.levels, mapAt, rowsAt);
  textureKernels.gather(at.levels, at.index, nv, stepsAt, steps.length >> 1, sumAt, sameAt);
  const rows = new Int32Array(buffer.slice(rowsAt, rowsAt + 4 * nv));
  const levelSum = new Float64Array(buffer.slice(sumAt, sumAt + 8 * nv));
  const same = offsets.length <= 31 ? new Int32Array(buffer.slice(sameAt, sameAt + 4 * nv)) : null;
  // The number of ROI neighbours depends only on the mask: counted once per grid and neighbourhood.
  const key = steps.join(',');
  let count = grid.neighbourCounts.get(key);
  if (!count) {
    textureKernels.countInRoi(at.position, at.index, nv, stepsAt, steps.length, countAt);
    count = new Int32Array(buffer.slice(countAt, countAt + 4 * nv));
    grid.neighbourCounts.set(key, count);
  }
  let levels: Int32Array | undefined;
  return {
    grid,
    get levels() {
      return (levels ??= paddedLevels(grid, binned.roiLevels));
    },
    offsets, steps, rows, count, levelSum, same,
  };
}

/** The ROI levels in the padded box of `grid`, 0 elsewhere (in JavaScript: only GLDM with gldm_a > 0 reads them). */
function paddedLevels(grid: PaddedGrid, roiLevels: Int32Array): Int32Array {
  const levels = new Int32Array(grid.length);
  scatter(roiLevels, grid.index, levels);
  return levels;
}

/** out[index[v]] = values[v] for every v. */
function scatter(values: Int32Array, index: Int32Array, out: Int32Array): void {
  for (let v = 0; v < index.length; v++) out[index[v]] = values[v];
}
