// Neighbouring Gray Tone Difference Matrix (PyRadiomics ngtdm.py + cmatrices.c calculate_ngtdm).
import type { FeatureClassSettings, FeatureValues, Roi } from '../types.js';
import { discretize, type Discretized } from '../discretize.js';
import { forwardNeighbours } from './neighbourhood.js';
import { roiLevelRows } from './matrix-utils.js';

export const NGTDM_FEATURES = ['Busyness', 'Coarseness', 'Complexity', 'Contrast', 'Strength'] as const;

export interface NgtdmMatrix {
  /** Gray levels present (PyRadiomics' third column). */
  grayLevels: Int32Array;
  /** n_i: ROI voxels of each level (voxels without ROI neighbours included). */
  counts: Float64Array;
  /** s_i: sum over those voxels of |i − mean of the in-ROI neighbours' levels| (0 without neighbours). */
  sums: Float64Array;
}

/**
 * Number of in-ROI neighbours and sum of their levels, per ROI voxel. Each neighbour pair is visited once
 * (forward half of the neighbourhood) and counts for both voxels; the level sums are sums of integers, exact in
 * any order. A loop on its own, as the other texture kernels.
 */
function sumNeighbours(
  table: Int32Array, stride: number, forward: Int32Array, roiLevels: Int32Array, neighbourCount: Int32Array, levelSum: Float64Array,
): void {
  for (let v = 0; v < roiLevels.length; v++) {
    const base = v * stride;
    for (let f = 0; f < forward.length; f++) {
      const k = table[base + forward[f]];
      if (k >= 0) {
        neighbourCount[v]++;
        neighbourCount[k]++;
        levelSum[v] += roiLevels[k];
        levelSum[k] += roiLevels[v];
      }
    }
  }
}

/** n_i and s_i per present gray level; voxels are visited in numpy C order as the C code does. */
export function ngtdmMatrix(roi: Roi, settings: FeatureClassSettings, binned: Discretized = discretize(roi, settings)): NgtdmMatrix {
  const { table, stride, forward } = forwardNeighbours(roi, binned.roiIndices, settings);
  const { roiLevels } = binned;
  const nv = roiLevels.length;
  const neighbourCount = new Int32Array(nv);
  const levelSum = new Float64Array(nv);
  sumNeighbours(table, stride, forward, roiLevels, neighbourCount, levelSum);
  const rows = roiLevelRows(binned);
  const n = binned.grayLevels.length;
  const counts = new Float64Array(n);
  const sums = new Float64Array(n);
  for (let v = 0; v < nv; v++) {
    const row = rows[v];
    counts[row] += 1;
    if (neighbourCount[v] > 0) sums[row] += Math.abs(roiLevels[v] - levelSum[v] / neighbourCount[v]);
  }
  return { grayLevels: binned.grayLevels, counts, sums };
}

/** The 5 NGTDM features with PyRadiomics' guards (Coarseness 1e6, others 0 on a zero divisor). */
export function ngtdmFeatures(roi: Roi, settings: FeatureClassSettings, binned: Discretized = discretize(roi, settings)): FeatureValues {
  const { grayLevels: g, counts, sums: s } = ngtdmMatrix(roi, settings, binned);
  const n = g.length;
  let nvp = 0;
  for (let i = 0; i < n; i++) nvp += counts[i];
  const p = Float64Array.from(counts, (c) => c / nvp);
  let sumPs = 0;
  let sumS = 0;
  for (let i = 0; i < n; i++) {
    sumPs += p[i] * s[i];
    sumS += s[i];
  }
  let contrastSum = 0;
  let busyDenominator = 0;
  let complexity = 0;
  let strength = 0;
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      const d = g[i] - g[j];
      contrastSum += p[i] * p[j] * d * d;
      busyDenominator += Math.abs(g[i] * p[i] - g[j] * p[j]);
      complexity += (Math.abs(d) * (p[i] * s[i] + p[j] * s[j])) / (p[i] + p[j]);
      strength += (p[i] + p[j]) * d * d;
    }
  }
  const ngp = n;
  const contrastDivisor = ngp * (ngp - 1);
  return {
    Busyness: busyDenominator === 0 ? 0 : sumPs / busyDenominator,
    Coarseness: sumPs === 0 ? 1e6 : 1 / sumPs,
    Complexity: complexity / nvp,
    Contrast: contrastDivisor === 0 ? 0 : (contrastSum * sumS) / nvp / contrastDivisor,
    Strength: sumS === 0 ? 0 : strength / sumS,
  };
}
