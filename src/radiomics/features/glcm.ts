// Gray Level Co-occurrence Matrix (PyRadiomics glcm.py + cmatrices.c calculate_glcm).
import type { FeatureClassSettings, FeatureValues, Roi } from '../types.js';
import { discretize, type Discretized } from '../discretize.js';
import { angleOptions, neighbourOffsets, offsetColumn, roiNeighbours, type Offset } from './neighbourhood.js';
import { directionWeight, levelRows } from './matrix-utils.js';
import { glcmDirectionFeatures, averageDirectionFeatures } from './glcm-features.js';
import { WASM_BASE64 } from './glcm-pairs.wasm.js';
import { align16, byteLayout, ensureMemory, instantiateKernels, type KernelMemory } from '../../wasm-kernels.js';

export const GLCM_FEATURES = [
  'Autocorrelation', 'ClusterProminence', 'ClusterShade', 'ClusterTendency', 'Contrast', 'Correlation',
  'DifferenceAverage', 'DifferenceEntropy', 'DifferenceVariance', 'Id', 'Idm', 'Idmn', 'Idn', 'Imc1', 'Imc2',
  'InverseVariance', 'JointAverage', 'JointEnergy', 'JointEntropy', 'MCC', 'MaximumProbability', 'SumAverage',
  'SumEntropy', 'SumSquares',
] as const;

export interface GlcmMatrices {
  /** Gray levels of the rows/columns (bin numbers present in the ROI). */
  grayLevels: Int32Array;
  /** Highest bin in the ROI (PyRadiomics' Ng). */
  ng: number;
  /** Number of matrices (directions kept, or 1 when weightingNorm merged them). */
  count: number;
  /** Normalised matrices, layout [matrix][i][j], each n×n with n = grayLevels.length. */
  p: Float64Array;
  /** The directions actually used (before merging), numpy (z, y, x) order. */
  offsets: Offset[];
}

interface PairsKernel {
  memory: KernelMemory;
  addPairs(table: number, stride: number, columns: number, na: number, rows: number, nv: number, n: number, counts: number): void;
  mapRows(rows: number, nv: number, map: number): void;
}

const kernel = instantiateKernels<PairsKernel>(WASM_BASE64);
/**
 * The neighbour table now at offset 0 of the kernel's memory. The extractor shares one table between the 11
 * image types of an extraction (same mask), so it is copied once, not per image.
 */
let tableInMemory: WeakRef<Int32Array> | undefined;

/**
 * Raw per-direction co-occurrence counts over the pruned gray levels: layout [angle][i][j].
 * counts[a][row of v][row of its neighbour] += 1 for every ROI voxel v and offset column a, in one pass over
 * the (voxel-major) neighbour table, by the WebAssembly kernel in glcm-pairs.wat.
 */
function countPairs(binned: Discretized, roi: Roi, settings: FeatureClassSettings, offsets: Offset[]): Float64Array {
  const n = binned.grayLevels.length;
  const { roiLevels } = binned;
  const nv = roiLevels.length;
  const na = offsets.length;
  // The unidirectional offsets are columns of the (shared) bidirectional neighbour table.
  const neighbours = roiNeighbours(roi, binned.roiIndices, neighbourOffsets(roi.size, angleOptions(settings, true)));
  const stride = neighbours.offsets.length;
  const { table } = neighbours;
  const map = levelRows(binned.grayLevels, binned.ng);
  // Layout: the neighbour table at 0, then the offset columns, the level → row map, the rows, the counts.
  const [columnsAt, mapAt, rowsAt, countsAt, end] = byteLayout(align16(4 * table.length), [4 * na, 4 * map.length, 4 * nv, 4 * na * n * n]);
  const buffer = ensureMemory(kernel.memory, end, 'GLCM pair counting');
  if (tableInMemory?.deref() !== table) {
    new Int32Array(buffer, 0, table.length).set(table);
    tableInMemory = new WeakRef(table);
  }
  const columns = new Int32Array(buffer, columnsAt, na);
  offsets.forEach((o, a) => (columns[a] = 4 * offsetColumn(neighbours, o.dz, o.dy, o.dx)));
  new Int32Array(buffer, mapAt, map.length).set(map);
  new Int32Array(buffer, rowsAt, nv).set(roiLevels);
  kernel.mapRows(rowsAt, nv, mapAt); // matrix row of every ROI voxel
  const counts = new Int32Array(buffer, countsAt, na * n * n).fill(0);
  kernel.addPairs(0, stride, columnsAt, na, rowsAt, nv, n, countsAt);
  return new Float64Array(counts);
}

/**
 * The GLCMs PyRadiomics computes before its features: counted per direction, made symmetric (P + Pᵀ)
 * when symmetricalGLCM, merged with direction weights when weightingNorm is set, empty directions
 * dropped, each matrix normalised to sum 1.
 */
export function glcmMatrices(roi: Roi, settings: FeatureClassSettings, binned: Discretized = discretize(roi, settings)): GlcmMatrices {
  const offsets = neighbourOffsets(roi.size, angleOptions(settings, false));
  const n = binned.grayLevels.length;
  const nn = n * n;
  let p = countPairs(binned, roi, settings, offsets);
  let count = offsets.length;

  if (settings.symmetricalGLCM) {
    for (let a = 0; a < count; a++) {
      const base = a * nn;
      for (let i = 0; i < n; i++) {
        for (let j = i; j < n; j++) {
          const s = p[base + i * n + j] + p[base + j * n + i];
          p[base + i * n + j] = s;
          p[base + j * n + i] = s;
        }
      }
    }
  }

  if (settings.weightingNorm !== null && count > 0) {
    const merged = new Float64Array(nn);
    for (let a = 0; a < count; a++) {
      const w = directionWeight(offsets[a], roi.spacing, settings.weightingNorm, 'glcm');
      for (let e = 0; e < nn; e++) merged[e] += p[a * nn + e] * w;
    }
    p = merged;
    count = 1;
  }

  const sums = new Float64Array(count);
  for (let a = 0; a < count; a++) {
    let s = 0;
    for (let e = 0; e < nn; e++) s += p[a * nn + e];
    sums[a] = s;
  }
  if (count > 1) {
    const kept: number[] = [];
    for (let a = 0; a < count; a++) if (sums[a] !== 0) kept.push(a);
    if (kept.length < count) {
      const compact = new Float64Array(kept.length * nn);
      kept.forEach((a, k) => compact.set(p.subarray(a * nn, (a + 1) * nn), k * nn));
      p = compact;
      const keptSums = Float64Array.from(kept, (a) => sums[a]);
      count = kept.length;
      sums.set(keptSums);
    }
  }
  for (let a = 0; a < count; a++) {
    const s = sums[a] === 0 ? NaN : sums[a];
    for (let e = 0; e < nn; e++) p[a * nn + e] /= s;
  }
  return { grayLevels: binned.grayLevels, ng: binned.ng, count, p, offsets };
}

/** The 24 default GLCM features: computed per matrix, then averaged over matrices (numpy.nanmean). */
export function glcmFeatures(roi: Roi, settings: FeatureClassSettings, binned: Discretized = discretize(roi, settings)): FeatureValues {
  const m = glcmMatrices(roi, settings, binned);
  const n = m.grayLevels.length;
  const perDirection = [];
  for (let a = 0; a < m.count; a++) {
    perDirection.push(glcmDirectionFeatures(m.p.subarray(a * n * n, (a + 1) * n * n), m.grayLevels, m.ng));
  }
  return averageDirectionFeatures(perDirection, n);
}
