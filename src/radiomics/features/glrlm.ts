// Gray Level Run Length Matrix (PyRadiomics glrlm.py + cmatrices.c calculate_glrlm).
import type { FeatureClassSettings, FeatureValues, Roi } from '../types.js';
import { discretize, type Discretized } from '../discretize.js';
import {
  angleOptions, neighbourOffsets, neighbourPass, type AngleOptions, type Offset, type PaddedGrid,
} from './neighbourhood.js';
import { kernelGrid, kernelScratch, textureKernels } from './texture-kernels.js';
import { byteLayout } from '../../wasm-kernels.js';
import { ensureMemory } from '../../wasm-kernels.js';
import { columnSizes, directionWeight, EPS, nanMean, nonEmptyColumns, selectColumns } from './matrix-utils.js';

export const GLRLM_FEATURES = [
  'GrayLevelNonUniformity', 'GrayLevelNonUniformityNormalized', 'GrayLevelVariance', 'HighGrayLevelRunEmphasis',
  'LongRunEmphasis', 'LongRunHighGrayLevelEmphasis', 'LongRunLowGrayLevelEmphasis', 'LowGrayLevelRunEmphasis',
  'RunEntropy', 'RunLengthNonUniformity', 'RunLengthNonUniformityNormalized', 'RunPercentage', 'RunVariance',
  'ShortRunEmphasis', 'ShortRunHighGrayLevelEmphasis', 'ShortRunLowGrayLevelEmphasis',
] as const;

/** Runs always use distance 1: PyRadiomics' calculate_glrlm takes no distances. */
function runAngles(settings: FeatureClassSettings, bidirectional: boolean): AngleOptions {
  return angleOptions(settings, bidirectional, [1]);
}

export interface GlrlmMatrices {
  grayLevels: Int32Array;
  /** Run lengths of the kept columns (empty run lengths removed). */
  runLengths: Int32Array;
  /** Number of matrices (directions kept, or 1 when weightingNorm merged them). */
  count: number;
  /** Run counts, layout [matrix][level][runLength column]. */
  p: Float64Array;
  offsets: Offset[];
}

/**
 * Counts maximal runs of equal gray level inside the ROI along each direction: a run starts at a ROI voxel
 * whose predecessor (voxel − offset) is outside the crop, outside the ROI or of another level, and ends at
 * the last such voxel in the same conditions. Layout [angle][level row][length − 1].
 */
function countRuns(binned: Discretized, roi: Roi, settings: FeatureClassSettings, offsets: Offset[], maxRun: number): Float64Array {
  const n = binned.grayLevels.length;
  const block = n * maxRun;
  // The neighbour pass over the distance-1 neighbourhood: its forward half is `offsets`.
  const { grid, steps, rows, same } = neighbourPass(roi, binned, settings, [1]);
  if (!same) throw new Error('the distance-1 neighbourhood has more than 31 offsets'); // at most 26
  const ring = 2 ** Math.ceil(Math.log2(Math.max(1, ...steps.subarray(0, offsets.length)) + 1));
  const joined = runCounts(grid, same, steps, rows, n, maxRun, ring);
  const counts = joined.counts;
  zeroSingleVoxelDirections(binned, roi, offsets, joined.directions, counts, block);
  return counts;
}

/**
 * The run counts, layout [angle][level row][length − 1], by the carryRuns and singleRuns kernels of
 * texture-kernels.wat. carryRuns counts the runs of two or more voxels from the neighbour pass's same-level bits:
 * for forward direction a (padded step steps[a] > 0), bit a of same[v] says the successor continues the run and
 * bit nf + a that the predecessor (offset −a) does. Every direction steps to a higher index, so a voxel's
 * predecessor is visited before it: the length of the run so far at padded index p is kept in a ring of `ring`
 * entries per direction (a power of two above every step: an entry is not overwritten before its successor reads
 * it); a run is counted at its last voxel. singleRuns then counts the runs of length 1: per direction and row,
 * the voxels of the row less those in longer runs. Also returns the directions joining two voxels somewhere, as
 * bits. Scratch layout in the kernels' memory: same, rows (int32 per voxel), steps (int32), lengths (int32, ring
 * per forward direction), counts (float64), rowCount (float64 per row).
 */
function runCounts(
  grid: PaddedGrid, same: Int32Array, steps: Int32Array, rows: Int32Array, levels: number, maxRun: number, ring: number,
): { counts: Float64Array; directions: number } {
  const nv = same.length;
  const forward = steps.length >> 1;
  const block = levels * maxRun;
  const size = forward * block;
  const at = kernelGrid(grid);
  const [sameAt, rowsAt, stepsAt, lengthsAt, countsAt, rowCountAt, end] = byteLayout(at.scratch,
    [4 * nv, 4 * nv, 4 * steps.length, 4 * forward * ring, 8 * size, 8 * levels]);
  const buffer = ensureMemory(textureKernels.memory, end, 'GLRLM run counting');
  new Int32Array(buffer, sameAt, nv).set(same);
  new Int32Array(buffer, rowsAt, nv).set(rows);
  new Int32Array(buffer, stepsAt, steps.length).set(steps);
  new Float64Array(buffer, countsAt, size).fill(0);
  new Float64Array(buffer, rowCountAt, levels).fill(0);
  const directions = textureKernels.carryRuns(sameAt, at.index, nv, stepsAt, forward, rowsAt, maxRun, block, ring, lengthsAt, countsAt);
  textureKernels.singleRuns(rowsAt, nv, forward, levels, maxRun, countsAt, rowCountAt);
  return { counts: new Float64Array(buffer.slice(countsAt, countsAt + 8 * size)), directions };
}

/**
 * PyRadiomics zeroes a direction in which no line through the crop holds two ROI voxels (the ROI is "2D" for
 * that direction); all its runs then have length 1.
 */
function zeroSingleVoxelDirections(
  binned: Discretized, roi: Roi, offsets: Offset[], joined: number, counts: Float64Array, block: number,
): void {
  for (let a = 0; a < offsets.length; a++) {
    if (!((joined >>> a) & 1) && !anyLineWithTwoRoiVoxels(binned, roi, offsets[a])) counts.fill(0, a * block, (a + 1) * block);
  }
}

/** Whether some ROI voxel has another ROI voxel further along the direction (gaps allowed). */
function anyLineWithTwoRoiVoxels(binned: Discretized, roi: Roi, offset: Offset): boolean {
  const [nx, ny, nz] = roi.size;
  const nxy = nx * ny;
  const { dx, dy, dz, step } = offset;
  for (const idx of binned.roiIndices) {
    const z = Math.floor(idx / nxy);
    const rem = idx - z * nxy;
    const y = Math.floor(rem / nx);
    let x = rem - y * nx + dx;
    let yy = y + dy;
    let zz = z + dz;
    let cur = idx + step;
    while (x >= 0 && x < nx && yy >= 0 && yy < ny && zz >= 0 && zz < nz) {
      if (roi.mask[cur] !== 0) return true;
      x += dx;
      yy += dy;
      zz += dz;
      cur += step;
    }
  }
  return false;
}

/** The run-length matrices PyRadiomics computes: per direction (or merged by weightingNorm), empty directions and run lengths removed. */
export function glrlmMatrices(roi: Roi, settings: FeatureClassSettings, binned: Discretized = discretize(roi, settings)): GlrlmMatrices {
  const offsets = neighbourOffsets(roi.size, runAngles(settings, false));
  const n = binned.grayLevels.length;
  const maxRun = Math.max(...roi.size);
  let p = countRuns(binned, roi, settings, offsets, maxRun);
  let count = offsets.length;
  const block = n * maxRun;

  if (settings.weightingNorm !== null && count > 0) {
    const norm = settings.weightingNorm;
    const weights = Float64Array.from(offsets, (o) => directionWeight(o, roi.spacing, norm, 'glrlm'));
    p = mergeDirections(p, weights, block);
    count = 1;
  }
  if (count > 1) {
    const kept = nonEmptyStacks(p, count, block);
    if (kept.length < count) {
      p = selectStacks(p, kept, block);
      count = kept.length;
    }
  }
  const columns = nonEmptyColumns(p, count, n, maxRun);
  return {
    grayLevels: binned.grayLevels,
    runLengths: columnSizes(columns),
    count,
    p: selectColumns(p, count, n, maxRun, columns),
    offsets,
  };
}

/** Σ_a weights[a] · p[a] over the direction matrices (blocks of `block` entries), in direction order. */
function mergeDirections(p: Float64Array, weights: Float64Array, block: number): Float64Array {
  const merged = new Float64Array(block);
  for (let a = 0; a < weights.length; a++) {
    const w = weights[a];
    for (let e = 0; e < block; e++) merged[e] += p[a * block + e] * w;
  }
  return merged;
}

/**
 * Indices of the direction matrices (blocks of `block` entries) whose sum is not 0, the sums by the blockSums
 * kernel of texture-kernels.wat. Scratch layout in the kernels' memory: p (float64), sums (float64 per block).
 */
function nonEmptyStacks(p: Float64Array, count: number, block: number): Int32Array {
  const [matrixAt, sumsAt, end] = byteLayout(kernelScratch(), [8 * count * block, 8 * count]);
  const buffer = ensureMemory(textureKernels.memory, end, 'GLRLM direction sums');
  new Float64Array(buffer, matrixAt, count * block).set(p.subarray(0, count * block));
  textureKernels.blockSums(matrixAt, count, block, sumsAt);
  const sums = new Float64Array(buffer, sumsAt, count);
  const kept = new Int32Array(count);
  let k = 0;
  for (let a = 0; a < count; a++) if (sums[a] !== 0) kept[k++] = a;
  return kept.slice(0, k);
}

/** The listed direction matrices, in order. */
function selectStacks(p: Float64Array, kept: Int32Array, block: number): Float64Array {
  const out = new Float64Array(kept.length * block);
  for (let k = 0; k < kept.length; k++) out.set(p.subarray(kept[k] * block, (kept[k] + 1) * block), k * block);
  return out;
}

function directionFeatures(p: Float64Array, levels: Int32Array, runs: Int32Array): number[] {
  const n = levels.length;
  const nr = runs.length;
  const pg = new Float64Array(n);
  const pr = new Float64Array(nr);
  let total = 0;
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < nr; j++) {
      const v = p[i * nr + j];
      pg[i] += v;
      pr[j] += v;
      total += v;
    }
  }
  const runCount = total === 0 ? NaN : total;
  let sre = 0, lre = 0, rln = 0, runVoxels = 0, meanJ = 0;
  for (let j = 0; j < nr; j++) {
    const r = runs[j];
    sre += pr[j] / (r * r);
    lre += pr[j] * r * r;
    rln += pr[j] * pr[j];
    runVoxels += pr[j] * r;
    meanJ += (pr[j] / runCount) * r;
  }
  let gln = 0, lglre = 0, hglre = 0, meanI = 0;
  for (let i = 0; i < n; i++) {
    const g = levels[i];
    gln += pg[i] * pg[i];
    lglre += pg[i] / (g * g);
    hglre += pg[i] * g * g;
    meanI += (pg[i] / runCount) * g;
  }
  let glv = 0, rv = 0;
  for (let i = 0; i < n; i++) glv += (pg[i] / runCount) * (levels[i] - meanI) * (levels[i] - meanI);
  for (let j = 0; j < nr; j++) rv += (pr[j] / runCount) * (runs[j] - meanJ) * (runs[j] - meanJ);
  let entropy = 0, srlgle = 0, srhgle = 0, lrlgle = 0, lrhgle = 0;
  for (let i = 0; i < n; i++) {
    const g2 = levels[i] * levels[i];
    for (let j = 0; j < nr; j++) {
      const v = p[i * nr + j];
      const r2 = runs[j] * runs[j];
      const q = v / runCount;
      entropy -= q * Math.log2(q + EPS);
      srlgle += v / (g2 * r2);
      srhgle += (v * g2) / r2;
      lrlgle += (v * r2) / g2;
      lrhgle += v * g2 * r2;
    }
  }
  // Same order as GLRLM_FEATURES.
  return [
    gln / runCount, gln / (runCount * runCount), glv, hglre / runCount, lre / runCount, lrhgle / runCount,
    lrlgle / runCount, lglre / runCount, entropy, rln / runCount, rln / (runCount * runCount),
    runCount / runVoxels, rv, sre / runCount, srhgle / runCount, srlgle / runCount,
  ];
}

/** The 16 default GLRLM features, computed per direction and averaged (numpy.nanmean). */
export function glrlmFeatures(roi: Roi, settings: FeatureClassSettings, binned: Discretized = discretize(roi, settings)): FeatureValues {
  const m = glrlmMatrices(roi, settings, binned);
  const block = m.grayLevels.length * m.runLengths.length;
  const perDirection: number[][] = [];
  for (let a = 0; a < m.count; a++) {
    perDirection.push(directionFeatures(m.p.subarray(a * block, (a + 1) * block), m.grayLevels, m.runLengths));
  }
  const out: FeatureValues = {};
  GLRLM_FEATURES.forEach((name, f) => {
    out[name] = nanMean(perDirection.map((d) => d[f]));
  });
  return out;
}
