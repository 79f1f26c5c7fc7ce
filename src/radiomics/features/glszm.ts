// Gray Level Size Zone Matrix (PyRadiomics glszm.py + cmatrices.c calculate_glszm): zones are connected
// sets of ROI voxels with the same gray level, 26-connected in 3D (8-connected in-plane with force2D).
import type { FeatureClassSettings, FeatureValues, Roi } from '../types.js';
import { discretize, type Discretized } from '../discretize.js';
import { neighbourPass } from './neighbourhood.js';
import { kernelGrid, textureKernels } from './texture-kernels.js';
import { byteLayout } from '../../wasm-kernels.js';
import { ensureMemory } from '../../wasm-kernels.js';
import { columnSizes, EPS, nonEmptyColumns, selectColumns } from './matrix-utils.js';

export const GLSZM_FEATURES = [
  'GrayLevelNonUniformity', 'GrayLevelNonUniformityNormalized', 'GrayLevelVariance', 'HighGrayLevelZoneEmphasis',
  'LargeAreaEmphasis', 'LargeAreaHighGrayLevelEmphasis', 'LargeAreaLowGrayLevelEmphasis', 'LowGrayLevelZoneEmphasis',
  'SizeZoneNonUniformity', 'SizeZoneNonUniformityNormalized', 'SmallAreaEmphasis', 'SmallAreaHighGrayLevelEmphasis',
  'SmallAreaLowGrayLevelEmphasis', 'ZoneEntropy', 'ZonePercentage', 'ZoneVariance',
] as const;

export interface GlszmMatrix {
  grayLevels: Int32Array;
  /** Zone sizes of the kept columns (empty sizes removed). */
  zoneSizes: Int32Array;
  /** Zone counts, layout [level][zone size column]. */
  p: Float64Array;
  /** Number of ROI voxels. */
  voxelCount: number;
}

/**
 * Labels zones by union-find over the forward half of the neighbourhood (each neighbour pair is seen once), by
 * the labelZones and countSizes kernels of texture-kernels.wat: every ROI voxel is joined with each forward
 * neighbour of the same level (the low bits of the neighbour pass's same-level bits), then each zone is counted
 * at its root. Returns counts [level row][size − 1] and the largest zone size. Scratch layout in the kernels'
 * memory: same, rows, parent, size (int32 per voxel), steps (int32), then counts (float64).
 */
function countZones(binned: Discretized, roi: Roi, settings: FeatureClassSettings): { counts: Float64Array; maxSize: number } {
  const { grid, steps, rows, same } = neighbourPass(roi, binned, settings, [1]);
  if (!same) throw new Error('the distance-1 neighbourhood has more than 31 offsets'); // at most 26
  const nv = binned.roiIndices.length;
  const at = kernelGrid(grid);
  const [sameAt, rowsAt, parentAt, sizeAt, stepsAt, countsAt] = byteLayout(at.scratch, [4 * nv, 4 * nv, 4 * nv, 4 * nv, 4 * steps.length]);
  let buffer = ensureMemory(textureKernels.memory, countsAt, 'GLSZM zone labelling');
  new Int32Array(buffer, sameAt, nv).set(same);
  new Int32Array(buffer, rowsAt, nv).set(rows);
  new Int32Array(buffer, sizeAt, nv).fill(0);
  new Int32Array(buffer, stepsAt, steps.length).set(steps);
  const maxSize = textureKernels.labelZones(sameAt, at.index, at.position, nv, stepsAt, steps.length >> 1, parentAt, sizeAt);
  const length = binned.grayLevels.length * maxSize;
  buffer = ensureMemory(textureKernels.memory, countsAt + 8 * length, 'GLSZM zone labelling');
  new Float64Array(buffer, countsAt, length).fill(0);
  textureKernels.countSizes(sizeAt, rowsAt, nv, maxSize, countsAt);
  return { counts: new Float64Array(buffer.slice(countsAt, countsAt + 8 * length)), maxSize };
}

/** The size-zone matrix PyRadiomics computes, with absent gray levels and empty zone sizes removed. */
export function glszmMatrix(roi: Roi, settings: FeatureClassSettings, binned: Discretized = discretize(roi, settings)): GlszmMatrix {
  const n = binned.grayLevels.length;
  const { counts, maxSize } = countZones(binned, roi, settings);
  const columns = nonEmptyColumns(counts, 1, n, maxSize);
  return {
    grayLevels: binned.grayLevels,
    zoneSizes: columnSizes(columns),
    p: selectColumns(counts, 1, n, maxSize, columns),
    voxelCount: binned.roiIndices.length,
  };
}

/**
 * Features of a gray level × size matrix normalised by its total count, shared by GLSZM and GLDM
 * (same formulas, different names). Returns the sums each name is built from.
 */
export function sizeMatrixSums(p: Float64Array, levels: Int32Array, sizes: Int32Array) {
  const n = levels.length;
  const ns = sizes.length;
  const pg = new Float64Array(n);
  const ps = new Float64Array(ns);
  let total = 0;
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < ns; j++) {
      const v = p[i * ns + j];
      pg[i] += v;
      ps[j] += v;
      total += v;
    }
  }
  const nz = total === 0 ? 1 : total;
  let small = 0, large = 0, sizeNonUniformity = 0, voxels = 0, meanJ = 0;
  for (let j = 0; j < ns; j++) {
    const s = sizes[j];
    small += ps[j] / (s * s);
    large += ps[j] * s * s;
    sizeNonUniformity += ps[j] * ps[j];
    voxels += ps[j] * s;
    meanJ += (ps[j] / nz) * s;
  }
  let grayNonUniformity = 0, low = 0, high = 0, meanI = 0;
  for (let i = 0; i < n; i++) {
    const g = levels[i];
    grayNonUniformity += pg[i] * pg[i];
    low += pg[i] / (g * g);
    high += pg[i] * g * g;
    meanI += (pg[i] / nz) * g;
  }
  let grayVariance = 0, sizeVariance = 0;
  for (let i = 0; i < n; i++) grayVariance += (pg[i] / nz) * (levels[i] - meanI) * (levels[i] - meanI);
  for (let j = 0; j < ns; j++) sizeVariance += (ps[j] / nz) * (sizes[j] - meanJ) * (sizes[j] - meanJ);
  let entropy = 0, smallLow = 0, smallHigh = 0, largeLow = 0, largeHigh = 0;
  for (let i = 0; i < n; i++) {
    const g2 = levels[i] * levels[i];
    for (let j = 0; j < ns; j++) {
      const v = p[i * ns + j];
      const s2 = sizes[j] * sizes[j];
      const q = v / nz;
      entropy -= q * Math.log2(q + EPS);
      smallLow += v / (g2 * s2);
      smallHigh += (v * g2) / s2;
      largeLow += (v * s2) / g2;
      largeHigh += v * g2 * s2;
    }
  }
  return {
    nz, voxels: voxels === 0 ? 1 : voxels,
    small: small / nz, large: large / nz,
    grayNonUniformity: grayNonUniformity / nz, grayNonUniformityNormalized: grayNonUniformity / (nz * nz),
    sizeNonUniformity: sizeNonUniformity / nz, sizeNonUniformityNormalized: sizeNonUniformity / (nz * nz),
    grayVariance, sizeVariance, entropy,
    low: low / nz, high: high / nz,
    smallLow: smallLow / nz, smallHigh: smallHigh / nz, largeLow: largeLow / nz, largeHigh: largeHigh / nz,
  };
}

/** The 16 default GLSZM features (a single matrix: no averaging over directions). */
export function glszmFeatures(roi: Roi, settings: FeatureClassSettings, binned: Discretized = discretize(roi, settings)): FeatureValues {
  const m = glszmMatrix(roi, settings, binned);
  const s = sizeMatrixSums(m.p, m.grayLevels, m.zoneSizes);
  return {
    GrayLevelNonUniformity: s.grayNonUniformity,
    GrayLevelNonUniformityNormalized: s.grayNonUniformityNormalized,
    GrayLevelVariance: s.grayVariance,
    HighGrayLevelZoneEmphasis: s.high,
    LargeAreaEmphasis: s.large,
    LargeAreaHighGrayLevelEmphasis: s.largeHigh,
    LargeAreaLowGrayLevelEmphasis: s.largeLow,
    LowGrayLevelZoneEmphasis: s.low,
    SizeZoneNonUniformity: s.sizeNonUniformity,
    SizeZoneNonUniformityNormalized: s.sizeNonUniformityNormalized,
    SmallAreaEmphasis: s.small,
    SmallAreaHighGrayLevelEmphasis: s.smallHigh,
    SmallAreaLowGrayLevelEmphasis: s.smallLow,
    ZoneEntropy: s.entropy,
    ZonePercentage: s.nz / s.voxels,
    ZoneVariance: s.sizeVariance,
  };
}
