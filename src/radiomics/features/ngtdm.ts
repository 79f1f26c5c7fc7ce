// Neighbouring Gray Tone Difference Matrix (PyRadiomics ngtdm.py + cmatrices.c calculate_ngtdm).
import type { FeatureClassSettings, FeatureValues, Roi } from '../types.js';
import { discretize, type Discretized } from '../discretize.js';
import { neighbourPass } from './neighbourhood.js';
import { kernelScratch, textureKernels } from './texture-kernels.js';
import { byteLayout } from '../../wasm-kernels.js';
import { ensureMemory } from '../../wasm-kernels.js';

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
 * n_i and s_i from the neighbour pass, by the accumulateNgtdm kernel of texture-kernels.wat: every ROI voxel
 * counts for its row, and adds |level − mean level of its in-ROI neighbours| when it has any, in voxel order
 * (numpy C order, as the C code). Scratch layout in the kernels' memory: levelSum (float64 per voxel), levels,
 * rows, neighbours (int32 per voxel), counts, sums (float64 per row).
 */
function accumulate(
  roiLevels: Int32Array, rows: Int32Array, neighbours: Int32Array, levelSum: Float64Array, counts: Float64Array, sums: Float64Array,
): void {
  const nv = roiLevels.length;
  const n = counts.length;
  const [sumAt, levelsAt, rowsAt, neighboursAt, countsAt, sumsAt, end] = byteLayout(kernelScratch(), [8 * nv, 4 * nv, 4 * nv, 4 * nv, 8 * n, 8 * n]);
  const buffer = ensureMemory(textureKernels.memory, end, 'NGTDM accumulation');
  new Float64Array(buffer, sumAt, nv).set(levelSum);
  new Int32Array(buffer, levelsAt, nv).set(roiLevels);
  new Int32Array(buffer, rowsAt, nv).set(rows);
  new Int32Array(buffer, neighboursAt, nv).set(neighbours);
  new Float64Array(buffer, countsAt, n).fill(0);
  new Float64Array(buffer, sumsAt, n).fill(0);
  textureKernels.accumulateNgtdm(levelsAt, rowsAt, neighboursAt, sumAt, nv, countsAt, sumsAt);
  counts.set(new Float64Array(buffer, countsAt, n));
  sums.set(new Float64Array(buffer, sumsAt, n));
}

/** n_i and s_i per present gray level. */
export function ngtdmMatrix(roi: Roi, settings: FeatureClassSettings, binned: Discretized = discretize(roi, settings)): NgtdmMatrix {
  const pass = neighbourPass(roi, binned, settings, settings.distances);
  const n = binned.grayLevels.length;
  const counts = new Float64Array(n);
  const sums = new Float64Array(n);
  accumulate(binned.roiLevels, pass.rows, pass.count, pass.levelSum, counts, sums);
  return { grayLevels: binned.grayLevels, counts, sums };
}

/** The 5 NGTDM features with PyRadiomics' guards (Coarseness 1e6, others 0 on a zero divisor). */
export function ngtdmFeatures(roi: Roi, settings: FeatureClassSettings, binned: Discretized = discretize(roi, settings)): FeatureValues {
  const { grayLevels, counts, sums } = ngtdmMatrix(roi, settings, binned);
  return featuresOf(grayLevels, counts, sums);
}

/** The features of n_i (counts) and s_i (sums) per gray level g. */
function featuresOf(g: Int32Array, counts: Float64Array, s: Float64Array): FeatureValues {
  const n = g.length;
  let nvp = 0;
  for (let i = 0; i < n; i++) nvp += counts[i];
  const p = new Float64Array(n);
  for (let i = 0; i < n; i++) p[i] = counts[i] / nvp;
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
