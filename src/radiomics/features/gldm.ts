// Gray Level Dependence Matrix (PyRadiomics gldm.py + cmatrices.c calculate_gldm): for every ROI voxel, the
// number of neighbours in the ROI whose level differs by at most gldm_a, plus one.
import type { FeatureClassSettings, FeatureValues, Roi } from '../types.js';
import { discretize, type Discretized } from '../discretize.js';
import { SettingsError } from '../errors.js';
import { neighbourPass } from './neighbourhood.js';
import { kernelScratch, textureKernels } from './texture-kernels.js';
import { byteLayout } from '../../wasm-kernels.js';
import { ensureMemory } from '../../wasm-kernels.js';
import { columnSizes, nonEmptyColumns, selectColumns } from './matrix-utils.js';
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
 * The dependence matrix before pruning, layout [level row][dependence size − 1]: for every ROI voxel v (padded
 * index index[v], matrix row rows[v]), the number of in-ROI neighbours (level l > 0) whose level is within alpha
 * of v's, read from the padded levels at every step of the (bidirectional) neighbourhood. alpha is a
 * non-negative integer at most 2^30 (levels are integers: |d| <= gldm_a exactly when |d| <= floor(gldm_a)).
 * Branch-free: the tests are the sign bits of alpha − |d| and −l. A loop on its own, as the other texture
 * kernels.
 */
function countDependence(
  levels: Int32Array, index: Int32Array, steps: Int32Array, alpha: number, rows: Int32Array, cols: number, counts: Float64Array,
): void {
  for (let v = 0; v < index.length; v++) {
    const p = index[v];
    const level = levels[p];
    let dependent = 0;
    for (let a = 0; a < steps.length; a++) {
      const l = levels[p + steps[a]];
      const d = level - l;
      const sign = d >> 31;
      dependent += (((alpha - ((d ^ sign) - sign)) >>> 31) ^ 1) & (-l >>> 31);
    }
    counts[rows[v] * cols + dependent] += 1;
  }
}

/**
 * The same matrix for alpha 0 from the neighbour pass, by the countSameLevel kernel of texture-kernels.wat: the
 * dependent neighbours are its same-level bits. Scratch layout in the kernels' memory: same, rows (int32 per
 * voxel), counts (float64, n · cols).
 */
function countSameLevel(same: Int32Array, rows: Int32Array, cols: number, counts: Float64Array): void {
  const nv = same.length;
  const [sameAt, rowsAt, countsAt, end] = byteLayout(kernelScratch(), [4 * nv, 4 * nv, 8 * counts.length]);
  const buffer = ensureMemory(textureKernels.memory, end, 'GLDM dependence counting');
  new Int32Array(buffer, sameAt, nv).set(same);
  new Int32Array(buffer, rowsAt, nv).set(rows);
  new Float64Array(buffer, countsAt, counts.length).fill(0);
  textureKernels.countSameLevel(sameAt, rowsAt, nv, cols, countsAt);
  counts.set(new Float64Array(buffer, countsAt, counts.length));
}

/** The dependence matrix PyRadiomics computes, with absent gray levels and empty dependence sizes removed. */
export function gldmMatrix(roi: Roi, settings: FeatureClassSettings, binned: Discretized = discretize(roi, settings)): GldmMatrix {
  if (!(settings.gldm_a >= 0)) throw new SettingsError(`gldm_a must be a number >= 0, got ${settings.gldm_a}`);
  const pass = neighbourPass(roi, binned, settings, settings.distances);
  const alpha = Math.floor(Math.min(settings.gldm_a, 2 ** 30));
  const n = binned.grayLevels.length;
  const cols = pass.offsets.length + 1;
  const counts = new Float64Array(n * cols);
  if (alpha === 0 && pass.same) countSameLevel(pass.same, pass.rows, cols, counts);
  else countDependence(pass.levels, pass.grid.index, pass.steps, alpha, pass.rows, cols, counts);
  const columns = nonEmptyColumns(counts, 1, n, cols);
  return { grayLevels: binned.grayLevels, dependenceSizes: columnSizes(columns), p: selectColumns(counts, 1, n, cols, columns) };
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
