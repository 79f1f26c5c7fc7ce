// GLCM feature formulas for one normalised matrix (PyRadiomics glcm.py), and their average over directions.
import { EPS, mean, nanMean } from './matrix-utils.js';
import { symmetricAbsEigenvalue, symmetricEigenvalues } from './symmetric-eigenvalues.js';

// Order of the per-direction result vector = GLCM_FEATURES (glcm.ts).
const NAMES = [
  'Autocorrelation', 'ClusterProminence', 'ClusterShade', 'ClusterTendency', 'Contrast', 'Correlation',
  'DifferenceAverage', 'DifferenceEntropy', 'DifferenceVariance', 'Id', 'Idm', 'Idmn', 'Idn', 'Imc1', 'Imc2',
  'InverseVariance', 'JointAverage', 'JointEnergy', 'JointEntropy', 'MCC', 'MaximumProbability', 'SumAverage',
  'SumEntropy', 'SumSquares',
] as const;
type Name = (typeof NAMES)[number];
export type GlcmDirectionValues = Record<Name, number>;

let logBuffer = new Float64Array(0);

/** Scratch for n×n log2 values, reused between calls (grown on demand). */
function logScratch(n: number): Float64Array {
  if (logBuffer.length < n * n) logBuffer = new Float64Array(n * n);
  return logBuffer;
}

function isSymmetric(p: Float64Array, n: number): boolean {
  for (let i = 0; i < n; i++) for (let j = 0; j < i; j++) if (p[i * n + j] !== p[j * n + i]) return false;
  return true;
}

/**
 * MCC = √(second largest eigenvalue of Q), Q(i,j) = Σ_k p(i,k) p(j,k) / (px(i) py(k) + ε) (PyRadiomics).
 * Without the ε, Q = Dx⁻¹ P Dy⁻¹ Pᵀ is similar to M Mᵀ with M = Dx^-½ P Dy^-½, so MCC is the second largest
 * singular value of M. For a symmetric GLCM (symmetricalGLCM, the default) M is symmetric and MCC is its
 * second largest |eigenvalue|: no O(n³) product Q, and only the extreme eigenvalues of M are needed. The ε
 * moves an entry of Q by the relative amount ε/(px(i) py(k)); see docs/radiomics-features.md for its
 * measured effect on MCC. Levels with px = 0 give a zero row and column, i.e. eigenvalues 0.
 */
export function maximalCorrelationCoefficient(
  p: Float64Array, n: number, px: Float64Array, py: Float64Array, symmetric = isSymmetric(p, n),
): number {
  return symmetric ? symmetricMcc(p, n, px) : generalMcc(p, n, px, py);
}

/** MCC of a symmetric GLCM (px = py): second largest |eigenvalue| of M(i,j) = p(i,j) / √(px(i) px(j)). */
function symmetricMcc(p: Float64Array, n: number, px: Float64Array): number {
  const active: number[] = [];
  for (let i = 0; i < n; i++) if (px[i] > 0) active.push(i);
  const m = active.length;
  const levels = Int32Array.from(active);
  const lower = new Float64Array(m * m);
  scaledLowerTriangle(p, n, levels, px, lower);
  return m < 2 ? 0 : symmetricAbsEigenvalue(lower, m, 1);
}

/** lower[a][b] = p(i, j) / √(px(i) px(j) + ε) for b ≤ a, i = levels[a], j = levels[b]: the lower triangle of M. */
function scaledLowerTriangle(p: Float64Array, n: number, levels: Int32Array, px: Float64Array, lower: Float64Array): void {
  const m = levels.length;
  for (let a = 0; a < m; a++) {
    const i = levels[a];
    const pxi = px[i];
    for (let b = 0; b <= a; b++) {
      const j = levels[b];
      lower[a * m + b] = p[i * n + j] / Math.sqrt(pxi * px[j] + EPS);
    }
  }
}

/**
 * MCC of any GLCM from Q itself: Q = D⁻¹A with A symmetric (up to ε), D = diag(px); its eigenvalues are those
 * of D^½ Q D^-½, symmetric up to ε-sized terms. Taking the symmetric part changes eigenvalues only at second
 * order in that asymmetry (far below 1e-15), and lets a symmetric solver do the work.
 */
function generalMcc(p: Float64Array, n: number, px: Float64Array, py: Float64Array): number {
  const active: number[] = [];
  for (let i = 0; i < n; i++) if (px[i] > 0) active.push(i);
  const m = active.length;
  // Q(i,·) = Σ_k t(i,k)·P(·,k) with t(i,k) = p(i,k) / (px(i) py(k) + ε): one row update per non-zero p(i,k),
  // k ascending as in PyRadiomics' loop. The update adds only the non-zero entries of column k of P (kept as
  // a sparse list): the terms left out are t·0 = 0, which leave every sum unchanged, bit for bit.
  const columnStart = new Int32Array(n + 1);
  for (let i = 0; i < n; i++) for (let k = 0; k < n; k++) if (p[i * n + k] !== 0) columnStart[k + 1]++;
  for (let k = 0; k < n; k++) columnStart[k + 1] += columnStart[k];
  const rowOf = new Int32Array(columnStart[n]);
  const valueOf = new Float64Array(columnStart[n]);
  const fill = columnStart.slice(0, n);
  for (let i = 0; i < n; i++) {
    for (let k = 0; k < n; k++) {
      const v = p[i * n + k];
      if (v === 0) continue;
      rowOf[fill[k]] = i;
      valueOf[fill[k]++] = v;
    }
  }
  const full = new Float64Array(n * n);
  for (const i of active) {
    const qRow = i * n;
    for (let k = 0; k < n; k++) {
      const v = p[i * n + k];
      if (v === 0) continue;
      const t = v / (px[i] * py[k] + EPS);
      for (let e = columnStart[k], end = columnStart[k + 1]; e < end; e++) full[qRow + rowOf[e]] += t * valueOf[e];
    }
  }
  const q = new Float64Array(m * m);
  for (let a = 0; a < m; a++) for (let b = 0; b < m; b++) q[a * m + b] = full[active[a] * n + active[b]];
  const root = Float64Array.from(active, (i) => Math.sqrt(px[i]));
  const sym = new Float64Array(m * m);
  for (let a = 0; a < m; a++) {
    for (let b = a; b < m; b++) {
      const v = 0.5 * ((root[a] / root[b]) * q[a * m + b] + (root[b] / root[a]) * q[b * m + a]);
      sym[a * m + b] = v;
      sym[b * m + a] = v;
    }
  }
  const eigen = symmetricEigenvalues(sym, m);
  // Inactive levels add eigenvalues 0; the second largest of all n values is what PyRadiomics takes.
  const values = Float64Array.from({ length: n }, (_, k) => (k < n - m ? 0 : eigen[k - (n - m)])).sort();
  return Math.sqrt(values[n - 2]);
}

/**
 * log2(x + ε) for entry (i, j) of a row-major sweep: with a cache (`logs`, for a symmetric matrix) taken for
 * j ≥ i and stored for the mirrored entry (j, i), which reads it back later in the sweep.
 */
function mirroredLog2(logs: Float64Array | null, n: number, i: number, j: number, x: number): number {
  if (logs === null) return Math.log2(x + EPS);
  if (j < i) return logs[i * n + j];
  const value = Math.log2(x + EPS);
  logs[j * n + i] = value;
  return value;
}

/** All 24 features of one normalised n×n GLCM; `levels` are the gray levels of the rows, `ng` the max bin. */
export function glcmDirectionFeatures(p: Float64Array, levels: Int32Array, ng: number): GlcmDirectionValues {
  const n = levels.length;
  // A symmetric GLCM (symmetricalGLCM) has p(j,i) = p(i,j) and px = py (the same sums in the same order), so
  // px(i)·py(j) = px(j)·py(i) too: each log2 below is then taken once, for j ≥ i, and kept for the mirrored
  // entry (same values, same order of the sums).
  const symmetric = isSymmetric(p, n);
  const logs = symmetric ? logScratch(n) : null;
  const px = new Float64Array(n); // marginals, summed in the loop below (skipped zeros add nothing)
  const py = new Float64Array(n);
  const sumProb = new Float64Array(2 * ng + 1); // p_{x+y}(k), k = i + j
  const diffProb = new Float64Array(ng); // p_{x-y}(k), k = |i - j|
  let ux = 0;
  let uy = 0;
  let autocorrelation = 0;
  let contrast = 0;
  let jointEnergy = 0;
  let hxy = 0;
  let maxProb = -Infinity;
  for (let i = 0; i < n; i++) {
    const gi = levels[i];
    for (let j = 0; j < n; j++) {
      const gj = levels[j];
      const v = p[i * n + j];
      if (v === 0) continue;
      px[i] += v;
      py[j] += v;
      ux += gi * v;
      uy += gj * v;
      autocorrelation += v * gi * gj;
      contrast += v * (gi - gj) * (gi - gj);
      jointEnergy += v * v;
      hxy -= v * mirroredLog2(logs, n, i, j, v);
      if (v > maxProb || Number.isNaN(v)) maxProb = v;
      sumProb[gi + gj] += v;
      diffProb[Math.abs(gi - gj)] += v;
    }
  }

  let prominence = 0;
  let shade = 0;
  let tendency = 0;
  let varX = 0;
  let varY = 0;
  let covariance = 0;
  let hxy1 = 0;
  let hxy2 = 0;
  for (let i = 0; i < n; i++) {
    const dx = levels[i] - ux;
    for (let j = 0; j < n; j++) {
      const v = p[i * n + j];
      const pxy = px[i] * py[j];
      if (pxy !== 0) {
        const logPxy = mirroredLog2(logs, n, i, j, pxy);
        hxy2 -= pxy * logPxy;
        if (v !== 0) hxy1 -= v * logPxy;
      }
      if (v === 0) continue; // terms weighted by p(i,j) vanish
      const dy = levels[j] - uy;
      const t = levels[i] + levels[j] - ux - uy;
      const t2 = t * t;
      prominence += v * t2 * t2;
      shade += v * t2 * t;
      tendency += v * t2;
      varX += v * dx * dx;
      varY += v * dy * dy;
      covariance += v * dx * dy;
    }
  }
  let hx = 0;
  let hy = 0;
  for (let i = 0; i < n; i++) {
    hx -= px[i] * Math.log2(px[i] + EPS);
    hy -= py[i] * Math.log2(py[i] + EPS);
  }

  let diffAverage = 0;
  let diffEntropy = 0;
  let id = 0;
  let idm = 0;
  let idmn = 0;
  let idn = 0;
  let inverseVariance = 0;
  for (let k = 0; k < ng; k++) {
    const v = diffProb[k];
    diffAverage += k * v;
    diffEntropy -= v * Math.log2(v + EPS);
    id += v / (1 + k);
    idm += v / (1 + k * k);
    idmn += v / (1 + (k * k) / (ng * ng));
    idn += v / (1 + k / ng);
    if (k > 0) inverseVariance += v / (k * k);
  }
  let diffVariance = 0;
  for (let k = 0; k < ng; k++) diffVariance += diffProb[k] * (k - diffAverage) * (k - diffAverage);

  let sumAverage = 0;
  let sumEntropy = 0;
  for (let k = 2; k <= 2 * ng; k++) {
    sumAverage += k * sumProb[k];
    sumEntropy -= sumProb[k] * Math.log2(sumProb[k] + EPS);
  }

  const sigmaProduct = Math.sqrt(varX) * Math.sqrt(varY);
  const hMax = Math.max(hx, hy);
  return {
    Autocorrelation: autocorrelation,
    ClusterProminence: prominence,
    ClusterShade: shade,
    ClusterTendency: tendency,
    Contrast: contrast,
    Correlation: sigmaProduct === 0 ? 1 : covariance / (sigmaProduct + EPS),
    DifferenceAverage: diffAverage,
    DifferenceEntropy: diffEntropy,
    DifferenceVariance: diffVariance,
    Id: id,
    Idm: idm,
    Idmn: idmn,
    Idn: idn,
    Imc1: hMax === 0 ? 0 : (hxy - hxy1) / hMax,
    Imc2: hxy2 === hxy ? 0 : Math.pow(1 - Math.pow(Math.E, -2 * (hxy2 - hxy)), 0.5),
    InverseVariance: inverseVariance,
    JointAverage: ux,
    JointEnergy: jointEnergy,
    JointEntropy: hxy,
    MCC: n < 2 ? 1 : maximalCorrelationCoefficient(p, n, px, py, symmetric),
    MaximumProbability: maxProb,
    SumAverage: sumAverage,
    SumEntropy: sumEntropy,
    SumSquares: varX,
  };
}

/** Averages the per-direction values as PyRadiomics does (nanmean; JointAverage a plain mean; MCC 1 when flat). */
export function averageDirectionFeatures(perDirection: GlcmDirectionValues[], n: number): Record<string, number> {
  const out: Record<string, number> = {};
  for (const name of NAMES) {
    const values = perDirection.map((d) => d[name]);
    if (name === 'JointAverage') out[name] = mean(values);
    else if (name === 'MCC' && n < 2) out[name] = 1;
    else out[name] = nanMean(values);
  }
  return out;
}
