// Shape features (3-D) as PyRadiomics' RadiomicsShape computes them (radiomics/shape.py with the C mesh code
// of radiomics/src/cshape.c): a marching-cubes mesh at voxel-edge midpoints for volume, surface and
// diameters, and a PCA of the voxel-centre coordinates for the axis lengths.
import type { FeatureValues, Vec3 } from '../types.js';
import { MaskError } from '../errors.js';
import { meshMeasures } from './marching-cubes.js';
import { meshDiameters } from './diameters.js';
import { symmetricEigenvalues3 } from './eigen3.js';

/** The 14 non-deprecated shape features, in PyRadiomics' alphabetical order. */
export const SHAPE_FEATURE_NAMES = [
  'Elongation', 'Flatness', 'LeastAxisLength', 'MajorAxisLength', 'Maximum2DDiameterColumn',
  'Maximum2DDiameterRow', 'Maximum2DDiameterSlice', 'Maximum3DDiameter', 'MeshVolume', 'MinorAxisLength',
  'Sphericity', 'SurfaceArea', 'SurfaceVolumeRatio', 'VoxelVolume',
] as const;

/**
 * Shape features of a ROI.
 * @param mask  the ROI crop (bounding box, no padding), x fastest; a voxel is in the ROI when non-zero
 * @param size  crop size (x, y, z)
 * @param spacing voxel spacing (x, y, z) in mm
 */
export function shapeFeatures(mask: Uint8Array, size: Vec3, spacing: Vec3): FeatureValues {
  const [nx, ny, nz] = size;
  if (mask.length !== nx * ny * nz) {
    throw new MaskError(`shape: mask has ${mask.length} voxels but its size ${nx}×${ny}×${nz} needs ${nx * ny * nz}`);
  }
  const padded = padByOneVoxel(mask, size);
  const zyxSpacing: [number, number, number] = [spacing[2], spacing[1], spacing[0]];
  const { surfaceArea, volume, vertices } = meshMeasures(padded, zyxSpacing);
  const diameters = meshDiameters(vertices);
  const { count, eigenvalues } = principalMoments(padded.data, padded.size, zyxSpacing);
  if (count === 0) throw new MaskError('shape: the mask has no voxel in the ROI');

  const [least, minor, major] = eigenvalues;
  const [sz, sy, sx] = zyxSpacing;
  const axis = (lambda: number): number => (lambda < 0 ? NaN : Math.sqrt(lambda) * 4);
  return {
    Elongation: minor < 0 || major < 0 ? NaN : Math.sqrt(minor / major),
    Flatness: least < 0 || major < 0 ? NaN : Math.sqrt(least / major),
    LeastAxisLength: axis(least),
    MajorAxisLength: axis(major),
    Maximum2DDiameterColumn: diameters.column,
    Maximum2DDiameterRow: diameters.row,
    Maximum2DDiameterSlice: diameters.slice,
    Maximum3DDiameter: diameters.all,
    MeshVolume: volume,
    MinorAxisLength: axis(minor),
    Sphericity: Math.pow(36 * Math.PI * (volume * volume), 1.0 / 3.0) / surfaceArea,
    SurfaceArea: surfaceArea,
    SurfaceVolumeRatio: surfaceArea / volume,
    VoxelVolume: count * (sz * sx * sy),
  };
}

/** The mask as 0/1 with a border of one zero voxel on every side (ITK's ConstantPadImageFilter, 1 voxel). */
function padByOneVoxel(mask: Uint8Array, size: Vec3): { data: Uint8Array; size: [number, number, number] } {
  const [nx, ny, nz] = size;
  const px = nx + 2;
  const py = ny + 2;
  const pz = nz + 2;
  const data = new Uint8Array(px * py * pz);
  for (let z = 0; z < nz; z++) {
    for (let y = 0; y < ny; y++) {
      const src = nx * (y + ny * z);
      const dst = 1 + px * (y + 1 + py * (z + 1));
      for (let x = 0; x < nx; x++) data[dst + x] = mask[src + x] ? 1 : 0;
    }
  }
  return { data, size: [px, py, pz] };
}

/**
 * Eigenvalues (ascending) of the covariance (1/N) of the physical voxel-centre coordinates, as shape.py:
 * coordinates (z, y, x) × spacing, centred on their mean, divided by √N, then XᵀX. Values in (−1e-10, 0)
 * are set to 0, as PyRadiomics corrects such machine-precision artefacts.
 */
function principalMoments(
  data: Uint8Array, size: readonly [number, number, number], spacing: readonly [number, number, number],
): { count: number; eigenvalues: [number, number, number] } {
  const [nx, ny, nz] = size;
  const [sz, sy, sx] = spacing;
  let count = 0;
  let sumZ = 0;
  let sumY = 0;
  let sumX = 0;
  for (let z = 0, i = 0; z < nz; z++) {
    for (let y = 0; y < ny; y++) {
      for (let x = 0; x < nx; x++, i++) {
        if (!data[i]) continue;
        count++;
        sumZ += z * sz;
        sumY += y * sy;
        sumX += x * sx;
      }
    }
  }
  if (count === 0) return { count, eigenvalues: [NaN, NaN, NaN] };
  const meanZ = sumZ / count;
  const meanY = sumY / count;
  const meanX = sumX / count;
  const scale = Math.sqrt(count);
  // Upper triangle of the 3×3 matrix, (z, y, x) order.
  let czz = 0, czy = 0, czx = 0, cyy = 0, cyx = 0, cxx = 0;
  for (let z = 0, i = 0; z < nz; z++) {
    for (let y = 0; y < ny; y++) {
      for (let x = 0; x < nx; x++, i++) {
        if (!data[i]) continue;
        const dz = (z * sz - meanZ) / scale;
        const dy = (y * sy - meanY) / scale;
        const dx = (x * sx - meanX) / scale;
        czz += dz * dz; czy += dz * dy; czx += dz * dx;
        cyy += dy * dy; cyx += dy * dx; cxx += dx * dx;
      }
    }
  }
  const eigenvalues = symmetricEigenvalues3([czz, czy, czx, cyy, cyx, cxx])
    .map((value) => (value < 0 && value > -1e-10 ? 0 : value))
    .sort((p, q) => p - q) as [number, number, number];
  return { count, eigenvalues };
}
