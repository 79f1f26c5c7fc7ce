// Small numeric helpers shared by the texture classes (PyRadiomics conventions).
import type { FeatureClassSettings } from '../types.js';
import type { Offset } from './neighbourhood.js';
import { kernelScratch, textureKernels } from './texture-kernels.js';
import { byteLayout } from '../../wasm-kernels.js';
import { ensureMemory } from '../../wasm-kernels.js';

/** numpy.spacing(1): the epsilon PyRadiomics adds inside every log2. */
export const EPS = 2.220446049250313e-16;

/** Map bin number → row of the pruned matrix (gray levels absent from the ROI removed), -1 if absent. */
export function levelRows(grayLevels: Int32Array, ng: number): Int32Array {
  const rows = new Int32Array(ng + 1).fill(-1);
  for (let r = 0; r < grayLevels.length; r++) rows[grayLevels[r]] = r;
  return rows;
}

/** Each column index + 1: the run lengths, zone sizes or dependence sizes of the kept columns. */
export function columnSizes(columns: Int32Array): Int32Array {
  const sizes = new Int32Array(columns.length);
  for (let c = 0; c < columns.length; c++) sizes[c] = columns[c] + 1;
  return sizes;
}

/** numpy.nanmean over a list: NaN entries ignored, NaN when nothing is left. */
export function nanMean(values: ArrayLike<number>): number {
  let sum = 0;
  let count = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (!Number.isNaN(v)) {
      sum += v;
      count++;
    }
  }
  return count === 0 ? NaN : sum / count;
}

/** Plain mean (numpy .mean(): NaN propagates). */
export function mean(values: ArrayLike<number>): number {
  let sum = 0;
  for (let i = 0; i < values.length; i++) sum += values[i];
  return sum / values.length;
}

/**
 * Weight of one direction when weightingNorm merges the direction matrices. GLCM uses exp(-‖d‖²),
 * GLRLM the plain length ‖d‖ (PyRadiomics glcm.py / glrlm.py); `d` is the offset scaled by the spacing.
 */
export function directionWeight(
  offset: Offset,
  spacingXyz: readonly number[],
  norm: NonNullable<FeatureClassSettings['weightingNorm']>,
  kind: 'glcm' | 'glrlm',
): number {
  if (norm === 'no_weighting') return 1;
  const d = [Math.abs(offset.dz) * spacingXyz[2], Math.abs(offset.dy) * spacingXyz[1], Math.abs(offset.dx) * spacingXyz[0]];
  let length: number;
  if (norm === 'infinity') length = Math.max(d[0], d[1], d[2]);
  else if (norm === 'manhattan') length = d[0] + d[1] + d[2];
  else length = kind === 'glcm' ? d[0] * d[0] + d[1] * d[1] + d[2] * d[2] : Math.sqrt(d[0] * d[0] + d[1] * d[1] + d[2] * d[2]);
  if (kind === 'glrlm') return length;
  // euclidean: exp(-Σ d²) directly (PyRadiomics skips the square root); others: exp(-length²).
  return norm === 'euclidean' ? Math.exp(-length) : Math.exp(-(length * length));
}

/**
 * Indices of the columns of a (rows × cols) matrix stack that are non-zero somewhere, by the usedColumns kernel of
 * texture-kernels.wat. Scratch layout in the kernels' memory: the matrix (float64), used (int8 per column).
 */
export function nonEmptyColumns(matrix: Float64Array, stacks: number, rows: number, cols: number): Int32Array {
  const length = stacks * rows * cols;
  const [matrixAt, usedAt, end] = byteLayout(kernelScratch(), [8 * length, cols]);
  const buffer = ensureMemory(textureKernels.memory, end, 'matrix pruning');
  new Float64Array(buffer, matrixAt, length).set(matrix.subarray(0, length));
  const used = new Uint8Array(buffer, usedAt, cols).fill(0);
  textureKernels.usedColumns(matrixAt, stacks * rows, cols, usedAt);
  const kept: number[] = [];
  for (let c = 0; c < cols; c++) if (used[c]) kept.push(c);
  return Int32Array.from(kept);
}

/** Copies the given columns of a (stacks × rows × cols) matrix into a new one. */
export function selectColumns(matrix: Float64Array, stacks: number, rows: number, cols: number, kept: Int32Array): Float64Array {
  const out = new Float64Array(stacks * rows * kept.length);
  for (let s = 0; s < stacks; s++) {
    for (let r = 0; r < rows; r++) {
      const src = (s * rows + r) * cols;
      const dst = (s * rows + r) * kept.length;
      for (let c = 0; c < kept.length; c++) out[dst + c] = matrix[src + kept[c]];
    }
  }
  return out;
}
