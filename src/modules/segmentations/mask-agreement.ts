// Agreement between two readers' masks of one image: Dice overlap and the 95th-percentile
// Hausdorff distance (HD95) between their surfaces, in mm. Conventions follow MedPy's
// binary.dc / binary.hd95: the surface is the mask minus its 6-connected erosion (voxels on the
// image border count as surface), distances are exact Euclidean distances with the voxel
// spacing, and HD95 is the 95th percentile (linear interpolation, numpy's default) of both
// directed surface-distance sets taken together.
export interface MaskGrid {
  size: [number, number, number];
  spacing: [number, number, number];
}

export interface MaskAgreement {
  dice: number;
  hd95Mm: number;
}

export class MaskAgreementError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MaskAgreementError';
  }
}

/** `a` and `b` hold 1 inside the region (x fastest); both must be non-empty and on the same grid. */
export function maskAgreement(grid: MaskGrid, a: Uint8Array, b: Uint8Array): MaskAgreement {
  const n = grid.size[0] * grid.size[1] * grid.size[2];
  if (a.length !== n || b.length !== n) throw new MaskAgreementError(`masks must have ${n} voxels (got ${a.length} and ${b.length})`);
  let countA = 0;
  let countB = 0;
  let both = 0;
  for (let i = 0; i < n; i++) {
    countA += a[i]!;
    countB += b[i]!;
    both += a[i]! & b[i]!;
  }
  if (countA === 0 || countB === 0) throw new MaskAgreementError('both masks must contain at least one voxel');
  const surfaceA = surface(grid.size, a);
  const surfaceB = surface(grid.size, b);
  const distances = [...directedDistances(grid, surfaceA, surfaceB), ...directedDistances(grid, surfaceB, surfaceA)];
  return { dice: (2 * both) / (countA + countB), hd95Mm: percentile(distances, 95) };
}

/** Mask voxels with a 6-neighbour outside the mask or outside the image. */
export function surface(size: [number, number, number], mask: Uint8Array): Uint8Array {
  const [nx, ny, nz] = size;
  const out = new Uint8Array(mask.length);
  const inside = (x: number, y: number, z: number): boolean => x >= 0 && y >= 0 && z >= 0 && x < nx && y < ny && z < nz && mask[x + nx * (y + ny * z)] === 1;
  for (let z = 0; z < nz; z++) {
    for (let y = 0; y < ny; y++) {
      for (let x = 0; x < nx; x++) {
        const i = x + nx * (y + ny * z);
        if (mask[i] !== 1) continue;
        if (!inside(x - 1, y, z) || !inside(x + 1, y, z) || !inside(x, y - 1, z) || !inside(x, y + 1, z) || !inside(x, y, z - 1) || !inside(x, y, z + 1)) out[i] = 1;
      }
    }
  }
  return out;
}

/** For each voxel of `from`, the distance (mm) to the nearest voxel of `to`, via an exact EDT of `to`. */
function directedDistances(grid: MaskGrid, from: Uint8Array, to: Uint8Array): number[] {
  const squared = squaredDistanceTransform(grid, to);
  const result: number[] = [];
  for (let i = 0; i < from.length; i++) if (from[i]) result.push(Math.sqrt(squared[i]!));
  return result;
}

/** Squared Euclidean distance to the nearest set voxel, separable (Felzenszwalb & Huttenlocher). */
export function squaredDistanceTransform(grid: MaskGrid, features: Uint8Array): Float64Array {
  const [nx, ny, nz] = grid.size;
  const d = new Float64Array(features.length);
  for (let i = 0; i < d.length; i++) d[i] = features[i] ? 0 : Infinity;
  const longest = Math.max(nx, ny, nz);
  const line = new Float64Array(longest);
  const out = new Float64Array(longest);
  const hull = new Int32Array(longest);
  const bounds = new Float64Array(longest + 1);
  const pass = (count: number, stride: number, starts: number[], spacing: number): void => {
    for (const start of starts) {
      for (let k = 0; k < count; k++) line[k] = d[start + k * stride]!;
      lowerEnvelope(line, count, spacing, out, hull, bounds);
      for (let k = 0; k < count; k++) d[start + k * stride] = out[k]!;
    }
  };
  const starts = (axis: 0 | 1 | 2): number[] => {
    const list: number[] = [];
    for (let z = 0; z < (axis === 2 ? 1 : nz); z++) for (let y = 0; y < (axis === 1 ? 1 : ny); y++) for (let x = 0; x < (axis === 0 ? 1 : nx); x++) list.push(x + nx * (y + ny * z));
    return list;
  };
  pass(nx, 1, starts(0), grid.spacing[0]);
  pass(ny, nx, starts(1), grid.spacing[1]);
  pass(nz, nx * ny, starts(2), grid.spacing[2]);
  return d;
}

/** 1-D squared distance transform of sampled function f with sample spacing h. */
function lowerEnvelope(f: Float64Array, n: number, h: number, out: Float64Array, v: Int32Array, z: Float64Array): void {
  const pos = (q: number): number => q * h;
  let k = -1;
  for (let q = 0; q < n; q++) {
    if (f[q] === Infinity) continue;
    if (k < 0) {
      k = 0;
      v[0] = q;
      z[0] = -Infinity;
      z[1] = Infinity;
      continue;
    }
    let s: number;
    for (;;) {
      const p = v[k]!;
      s = (f[q]! + pos(q) ** 2 - (f[p]! + pos(p) ** 2)) / (2 * (pos(q) - pos(p)));
      if (s <= z[k]! && k > 0) k--;
      else break;
    }
    if (s <= z[k]!) {
      // k === 0 and the new parabola dominates everywhere
      v[0] = q;
      z[0] = -Infinity;
      z[1] = Infinity;
      continue;
    }
    k++;
    v[k] = q;
    z[k] = s;
    z[k + 1] = Infinity;
  }
  if (k < 0) {
    for (let q = 0; q < n; q++) out[q] = Infinity;
    return;
  }
  let j = 0;
  for (let q = 0; q < n; q++) {
    while (z[j + 1]! < pos(q)) j++;
    const p = v[j]!;
    out[q] = (pos(q) - pos(p)) ** 2 + f[p]!;
  }
}

/** numpy.percentile with linear interpolation. */
export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((x, y) => x - y);
  const rank = ((sorted.length - 1) * p) / 100;
  const lo = Math.floor(rank);
  const hi = Math.ceil(rank);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (rank - lo);
}
