// Neighbourhood offsets as PyRadiomics' C extension builds them (cmatrices.c build_angles), in numpy (z, y, x)
// order, plus the crop-index arithmetic the texture matrices share.
import type { FeatureClassSettings, Vec3 } from '../types.js';
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

/**
 * For every ROI voxel (in `roiIndices` order) and offset, the crop index of the neighbour, or -1 when the
 * neighbour falls outside the crop or outside the ROI. Layout: [voxel * offsets.length + angle].
 */
export function neighbourTable(size: Vec3, mask: Uint8Array, roiIndices: Int32Array, offsets: readonly Offset[]): Int32Array {
  const [nx, ny, nz] = size;
  const na = offsets.length;
  const table = new Int32Array(roiIndices.length * na);
  const nxy = nx * ny;
  for (let v = 0; v < roiIndices.length; v++) {
    const idx = roiIndices[v];
    const z = Math.floor(idx / nxy);
    const rem = idx - z * nxy;
    const y = Math.floor(rem / nx);
    const x = rem - y * nx;
    for (let a = 0; a < na; a++) {
      const o = offsets[a];
      const xx = x + o.dx;
      const yy = y + o.dy;
      const zz = z + o.dz;
      let j = -1;
      if (xx >= 0 && xx < nx && yy >= 0 && yy < ny && zz >= 0 && zz < nz) {
        const k = idx + o.step;
        if (mask[k] !== 0) j = k;
      }
      table[v * na + a] = j;
    }
  }
  return table;
}
