// Gray Level Size Zone Matrix (PyRadiomics glszm.py + cmatrices.c calculate_glszm): zones are connected
// sets of ROI voxels with the same gray level, 26-connected in 3D (8-connected in-plane with force2D).
import type { FeatureClassSettings, FeatureValues, Roi } from '../types.js';
import { discretize, type Discretized } from '../discretize.js';
import { forwardNeighbours } from './neighbourhood.js';
import { EPS, nonEmptyColumns, roiLevelRows, selectColumns } from './matrix-utils.js';

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

/** Union-find root with path halving. */
function findRoot(parent: Int32Array, v: number): number {
  while (parent[v] !== v) {
    parent[v] = parent[parent[v]];
    v = parent[v];
  }
  return v;
}

/**
 * Joins every pair of forward neighbours of equal level (`rows`) in the union-find forest `parent`. A loop on
 * its own, as the other texture kernels.
 */
function unionSameLevel(table: Int32Array, stride: number, forward: Int32Array, rows: Int32Array, parent: Int32Array): void {
  for (let v = 0; v < rows.length; v++) {
    const row = rows[v];
    const base = v * stride;
    let rootV = findRoot(parent, v);
    for (let f = 0; f < forward.length; f++) {
      const w = table[base + forward[f]];
      if (w < 0 || rows[w] !== row) continue;
      const rootW = findRoot(parent, w);
      if (rootW === rootV) continue;
      // Keep the smaller index as root (any rule works; this one keeps trees shallow in scan order).
      if (rootV < rootW) {
        parent[rootW] = rootV;
      } else {
        parent[rootV] = rootW;
        rootV = rootW;
      }
    }
  }
}

/**
 * Labels zones by union-find over the forward half of the neighbourhood (each neighbour pair is seen once);
 * returns counts [level row][size − 1] and the largest zone size.
 */
function countZones(binned: Discretized, roi: Roi, settings: FeatureClassSettings): { counts: Float64Array; maxSize: number } {
  const { table, stride, forward } = forwardNeighbours(roi, binned.roiIndices, settings, [1]);
  const nv = binned.roiIndices.length;
  const rows = roiLevelRows(binned);
  const parent = new Int32Array(nv);
  for (let v = 0; v < nv; v++) parent[v] = v;
  unionSameLevel(table, stride, forward, rows, parent);
  const size = new Int32Array(nv);
  for (let v = 0; v < nv; v++) size[findRoot(parent, v)]++;
  let maxSize = 0;
  for (let v = 0; v < nv; v++) if (size[v] > maxSize) maxSize = size[v];
  const counts = new Float64Array(binned.grayLevels.length * maxSize);
  for (let v = 0; v < nv; v++) if (size[v] > 0) counts[rows[v] * maxSize + size[v] - 1] += 1;
  return { counts, maxSize };
}

/** The size-zone matrix PyRadiomics computes, with absent gray levels and empty zone sizes removed. */
export function glszmMatrix(roi: Roi, settings: FeatureClassSettings, binned: Discretized = discretize(roi, settings)): GlszmMatrix {
  const n = binned.grayLevels.length;
  const { counts, maxSize } = countZones(binned, roi, settings);
  const columns = nonEmptyColumns(counts, 1, n, maxSize);
  return {
    grayLevels: binned.grayLevels,
    zoneSizes: Int32Array.from(columns, (c) => c + 1),
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
