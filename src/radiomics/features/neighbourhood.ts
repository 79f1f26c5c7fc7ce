// Neighbourhood offsets as PyRadiomics' C extension builds them (cmatrices.c build_angles), in numpy (z, y, x)
// order, plus the crop-index arithmetic the texture matrices share.
import type { FeatureClassSettings, Roi, Vec3 } from '../types.js';
import { SettingsError } from '../errors.js';

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
  const [nx, ny, nz] = roi.size;
  const na = offsets.length;
  const position = new Int32Array(nx * ny * nz).fill(-1);
  for (let v = 0; v < roiIndices.length; v++) position[roiIndices[v]] = v;
  const table = new Int32Array(roiIndices.length * na).fill(-1);
  let v = 0;
  let idx = 0;
  for (let z = 0; z < nz; z++) {
    for (let y = 0; y < ny; y++) {
      for (let x = 0; x < nx; x++, idx++) {
        if (position[idx] < 0) continue;
        const base = v * na;
        for (let a = 0; a < na; a++) {
          const o = offsets[a];
          const xx = x + o.dx;
          const yy = y + o.dy;
          const zz = z + o.dz;
          if (xx >= 0 && xx < nx && yy >= 0 && yy < ny && zz >= 0 && zz < nz) table[base + a] = position[idx + o.step];
        }
        v++;
      }
    }
  }
  return table;
}

/** Column of an offset in a neighbour table; throws if absent (a programming error, not bad input). */
export function offsetColumn(neighbours: RoiNeighbours, dz: number, dy: number, dx: number): number {
  const c = neighbours.offsets.findIndex((o) => o.dz === dz && o.dy === dy && o.dx === dx);
  if (c < 0) throw new Error(`offset (${dz}, ${dy}, ${dx}) is not in the neighbour table`);
  return c;
}

/**
 * Columns of the forward half of a bidirectional neighbour table: the offsets before the zero offset in
 * build_angles order (their negatives are the other half), for the same distances and force2D settings.
 */
export function forwardColumns(neighbours: RoiNeighbours, size: Vec3, settings: FeatureClassSettings, distances = settings.distances): Int32Array {
  const half = neighbourOffsets(size, angleOptions(settings, false, distances));
  return Int32Array.from(half, (o) => offsetColumn(neighbours, o.dz, o.dy, o.dx));
}

/** A ROI's neighbour table with the columns of the forward half of the neighbourhood (each pair once). */
export interface ForwardNeighbours {
  table: Int32Array;
  /** Columns per voxel in `table`. */
  stride: number;
  forward: Int32Array;
}

/** The (shared) bidirectional neighbour table of a ROI at the given distances, and its forward columns. */
export function forwardNeighbours(
  roi: Roi, roiIndices: Int32Array, settings: FeatureClassSettings, distances = settings.distances,
): ForwardNeighbours {
  const neighbours = roiNeighbours(roi, roiIndices, neighbourOffsets(roi.size, angleOptions(settings, true, distances)));
  return { table: neighbours.table, stride: neighbours.offsets.length, forward: forwardColumns(neighbours, roi.size, settings, distances) };
}
