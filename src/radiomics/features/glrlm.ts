// Gray Level Run Length Matrix (PyRadiomics glrlm.py + cmatrices.c calculate_glrlm).
import type { FeatureClassSettings, FeatureValues, Roi } from '../types.js';
import { discretize, type Discretized } from '../discretize.js';
import { angleOptions, neighbourOffsets, offsetColumn, roiNeighbours, type AngleOptions, type Offset } from './neighbourhood.js';
import { directionWeight, EPS, nanMean, nonEmptyColumns, roiLevelRows, selectColumns } from './matrix-utils.js';

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
  const rows = roiLevelRows(binned);
  const counts = new Float64Array(offsets.length * n * maxRun);
  // The successor of a voxel along a direction comes from the 26-neighbour table.
  const neighbours = roiNeighbours(roi, binned.roiIndices, neighbourOffsets(roi.size, runAngles(settings, true)));
  const { table } = neighbours;
  const stride = neighbours.offsets.length;
  const na = offsets.length;
  const nv = rows.length;
  const forward = Int32Array.from(offsets, (o) => offsetColumn(neighbours, o.dz, o.dy, o.dx));
  // Every direction steps to a higher crop index, so a voxel's predecessor is visited before it: carry the
  // run length forward ([voxel][direction]) and count each run at its last voxel. One pass over the table.
  const multiElement = new Uint8Array(na);
  carryRuns(table, stride, forward, rows, new Int32Array(nv * na).fill(1), n * maxRun, maxRun, counts, multiElement);
  // PyRadiomics zeroes a direction in which no line through the crop holds two ROI voxels (the ROI is
  // "2D" for that direction); all its runs then have length 1.
  for (let a = 0; a < na; a++) {
    if (!multiElement[a] && !anyLineWithTwoRoiVoxels(binned, roi, offsets[a])) {
      counts.fill(0, a * n * maxRun, (a + 1) * n * maxRun);
    }
  }
  return counts;
}

/**
 * The run-length carry of countRuns: length[v·na + a] (1 on entry) is the length of the run along direction a
 * ending at voxel v; a run is counted at counts[a·block + row·maxRun + length − 1] at its last voxel, and
 * multiElement[a] is set when direction a joins any two voxels. A loop on its own, as the other texture kernels.
 */
function carryRuns(
  table: Int32Array, stride: number, forward: Int32Array, rows: Int32Array, length: Int32Array, block: number, maxRun: number,
  counts: Float64Array, multiElement: Uint8Array,
): void {
  const na = forward.length;
  for (let v = 0; v < rows.length; v++) {
    const row = rows[v];
    const base = v * stride;
    const own = v * na;
    for (let a = 0; a < na; a++) {
      const next = table[base + forward[a]];
      if (next >= 0 && rows[next] === row) {
        length[next * na + a] = length[own + a] + 1;
        multiElement[a] = 1;
      } else {
        counts[a * block + row * maxRun + length[own + a] - 1] += 1;
      }
    }
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
    const merged = new Float64Array(block);
    for (let a = 0; a < count; a++) {
      const w = directionWeight(offsets[a], roi.spacing, settings.weightingNorm, 'glrlm');
      for (let e = 0; e < block; e++) merged[e] += p[a * block + e] * w;
    }
    p = merged;
    count = 1;
  }
  if (count > 1) {
    const kept: number[] = [];
    for (let a = 0; a < count; a++) {
      let s = 0;
      for (let e = 0; e < block; e++) s += p[a * block + e];
      if (s !== 0) kept.push(a);
    }
    if (kept.length < count) {
      const compact = new Float64Array(kept.length * block);
      kept.forEach((a, k) => compact.set(p.subarray(a * block, (a + 1) * block), k * block));
      p = compact;
      count = kept.length;
    }
  }
  const columns = nonEmptyColumns(p, count, n, maxRun);
  return {
    grayLevels: binned.grayLevels,
    runLengths: Int32Array.from(columns, (c) => c + 1),
    count,
    p: selectColumns(p, count, n, maxRun, columns),
    offsets,
  };
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
