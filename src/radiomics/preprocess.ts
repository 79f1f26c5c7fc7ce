// Pre-processing of image and mask as PyRadiomics does it (imageoperations.py): ROI bounding box and cropping.
import type { Vec3, Volume, VoxelArray } from './types.js';
import { MaskError } from './errors.js';

/** Inclusive voxel-index bounds (x, y, z) of the ROI, as ITK's LabelStatistics GetBoundingBox. */
export interface BoundingBox {
  lower: Vec3;
  upper: Vec3;
}

/**
 * Bounding box of the voxels equal to `label` (the mask is compared as PyRadiomics' uint32 cast would:
 * non-integer values truncated). Throws MaskError when the label is absent.
 */
export function boundingBox(mask: Volume, label: number): BoundingBox {
  const [nx, ny, nz] = mask.size;
  const lower: Vec3 = [nx, ny, nz];
  const upper: Vec3 = [-1, -1, -1];
  const data = mask.data;
  let i = 0;
  for (let z = 0; z < nz; z++) {
    for (let y = 0; y < ny; y++) {
      for (let x = 0; x < nx; x++, i++) {
        if (maskValue(data, i) !== label) continue;
        if (x < lower[0]) lower[0] = x;
        if (x > upper[0]) upper[0] = x;
        if (y < lower[1]) lower[1] = y;
        if (y > upper[1]) upper[1] = y;
        if (z < lower[2]) lower[2] = z;
        if (z > upper[2]) upper[2] = z;
      }
    }
  }
  if (upper[0] < 0) throw new MaskError(`label ${label} is not present in the mask`);
  return { lower, upper };
}

/** A mask voxel as PyRadiomics sees it after casting the mask to uint32. */
export function maskValue(data: VoxelArray, i: number): number {
  const v = data[i];
  return Number.isInteger(v) ? v : Math.trunc(v);
}

/** Size (voxels) of a bounding box along x, y, z. */
export function boxSize(box: BoundingBox): Vec3 {
  return [box.upper[0] - box.lower[0] + 1, box.upper[1] - box.lower[1] + 1, box.upper[2] - box.lower[2] + 1];
}

/** Physical point of an integer index (ITK TransformIndexToPhysicalPoint: origin first, then Σ_j M[i][j]·idx[j]). */
export function indexToPhysical(volume: Pick<Volume, 'origin' | 'spacing' | 'direction'>, index: Vec3): Vec3 {
  const p: Vec3 = [volume.origin[0], volume.origin[1], volume.origin[2]];
  for (let i = 0; i < 3; i++) {
    for (let j = 0; j < 3; j++) p[i] += volume.direction[i * 3 + j] * volume.spacing[j] * index[j];
  }
  return p;
}

/**
 * Crops a volume to the bounding box grown by `padDistance` voxels (clipped to the volume), as PyRadiomics'
 * cropToTumorMask: values unchanged, origin moved to the first kept voxel.
 */
export function cropToBoundingBox<T extends VoxelArray>(volume: Volume<T>, box: BoundingBox, padDistance = 0): Volume<T> {
  const lo: Vec3 = [0, 0, 0];
  const hi: Vec3 = [0, 0, 0];
  for (let d = 0; d < 3; d++) {
    lo[d] = Math.max(box.lower[d] - padDistance, 0);
    hi[d] = Math.min(box.upper[d] + padDistance, volume.size[d] - 1);
    if (lo[d] > hi[d]) throw new MaskError(`bounding box is outside the volume along axis ${d}`);
  }
  const size: Vec3 = [hi[0] - lo[0] + 1, hi[1] - lo[1] + 1, hi[2] - lo[2] + 1];
  const [nx, ny] = volume.size;
  const data = new (volume.data.constructor as new (length: number) => T)(size[0] * size[1] * size[2]);
  let o = 0;
  for (let z = lo[2]; z <= hi[2]; z++) {
    for (let y = lo[1]; y <= hi[1]; y++) {
      const start = lo[0] + nx * (y + ny * z);
      data.set(volume.data.subarray(start, start + size[0]), o);
      o += size[0];
    }
  }
  return {
    size,
    spacing: [...volume.spacing],
    origin: indexToPhysical(volume, lo),
    direction: [...volume.direction],
    pixelType: volume.pixelType,
    data,
  };
}
