// Gray Level Dependence Matrix (PyRadiomics gldm.py + cmatrices.c calculate_gldm): for every ROI voxel, the
// number of neighbours in the ROI whose level differs by at most gldm_a, plus one.
import type { FeatureClassSettings, FeatureValues, Roi } from '../types.js';
import { discretize, type Discretized } from '../discretize.js';
import { SettingsError } from '../errors.js';
import { forwardNeighbours } from './neighbourhood.js';
import { nonEmptyColumns, roiLevelRows, selectColumns } from './matrix-utils.js';
import { sizeMatrixSums } from './glszm.js';

export const GLDM_FEATURES = [
  'DependenceEntropy', 'DependenceNonUniformity', 'DependenceNonUniformityNormalized', 'DependenceVariance',
  'GrayLevelNonUniformity', 'GrayLevelVariance', 'HighGrayLevelEmphasis', 'LargeDependenceEmphasis',
  'LargeDependenceHighGrayLevelEmphasis', 'LargeDependenceLowGrayLevelEmphasis', 'LowGrayLevelEmphasis',
  'SmallDependenceEmphasis', 'SmallDependenceHighGrayLevelEmphasis', 'SmallDependenceLowGrayLevelEmphasis',
] as const;

export interface GldmMatrix {
  grayLevels: Int32Array;
  /** Dependence sizes of the kept columns (dependent neighbours + 1; empty sizes removed). */
  dependenceSizes: Int32Array;
  /** Voxel counts, layout [level][dependence column]. */
  p: Float64Array;
}

/**
 * dependent[v] += number of neighbours of v whose level is within alpha of v's. Each neighbour pair is visited
 * once (forward half of the neighbourhood) and counts for both voxels. A loop on its own (as the other
 * texture kernels): the first extraction's on-stack compilation of it then covers all of the function.
 */
function countDependent(
  table: Int32Array, stride: number, forward: Int32Array, roiLevels: Int32Array, alpha: number, dependent: Int32Array,
): void {
  for (let v = 0; v < roiLevels.length; v++) {
    const level = roiLevels[v];
    const base = v * stride;
    for (let f = 0; f < forward.length; f++) {
      const k = table[base + forward[f]];
      if (k >= 0 && Math.abs(level - roiLevels[k]) <= alpha) {
        dependent[v]++;
        dependent[k]++;
      }
    }
  }
}

/** The dependence matrix PyRadiomics computes, with absent gray levels and empty dependence sizes removed. */
export function gldmMatrix(roi: Roi, settings: FeatureClassSettings, binned: Discretized = discretize(roi, settings)): GldmMatrix {
  if (!(settings.gldm_a >= 0)) throw new SettingsError(`gldm_a must be a number >= 0, got ${settings.gldm_a}`);
  const { table, stride, forward } = forwardNeighbours(roi, binned.roiIndices, settings);
  const { roiLevels } = binned;
  const nv = roiLevels.length;
  const dependent = new Int32Array(nv);
  countDependent(table, stride, forward, roiLevels, settings.gldm_a, dependent);
  const rows = roiLevelRows(binned);
  const n = binned.grayLevels.length;
  const cols = stride + 1;
  const counts = new Float64Array(n * cols);
  for (let v = 0; v < nv; v++) counts[rows[v] * cols + dependent[v]] += 1;
  const columns = nonEmptyColumns(counts, 1, n, cols);
  return {
    grayLevels: binned.grayLevels,
    dependenceSizes: Int32Array.from(columns, (c) => c + 1),
    p: selectColumns(counts, 1, n, cols, columns),
  };
}

/** The 14 default GLDM features. */
export function gldmFeatures(roi: Roi, settings: FeatureClassSettings, binned: Discretized = discretize(roi, settings)): FeatureValues {
  const m = gldmMatrix(roi, settings, binned);
  const s = sizeMatrixSums(m.p, m.grayLevels, m.dependenceSizes);
  return {
    DependenceEntropy: s.entropy,
    DependenceNonUniformity: s.sizeNonUniformity,
    DependenceNonUniformityNormalized: s.sizeNonUniformityNormalized,
    DependenceVariance: s.sizeVariance,
    GrayLevelNonUniformity: s.grayNonUniformity,
    GrayLevelVariance: s.grayVariance,
    HighGrayLevelEmphasis: s.high,
    LargeDependenceEmphasis: s.large,
    LargeDependenceHighGrayLevelEmphasis: s.largeHigh,
    LargeDependenceLowGrayLevelEmphasis: s.largeLow,
    LowGrayLevelEmphasis: s.low,
    SmallDependenceEmphasis: s.small,
    SmallDependenceHighGrayLevelEmphasis: s.smallHigh,
    SmallDependenceLowGrayLevelEmphasis: s.smallLow,
  };
}
