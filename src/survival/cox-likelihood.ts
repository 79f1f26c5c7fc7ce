// Cox partial likelihood, score and information at β, walked as survival's coxfit6 does
// (survival 3.5-3 src/coxfit6.c, coxfit6_iter): data sorted by time, accumulated from the largest
// time down so each risk set is a running sum; tied times handled together; Breslow, or Efron
// with the death sums added in steps of 1/m. Covariates are centred (unless all in {−1, 0, 1})
// and scaled by the inverse mean absolute deviation, as coxfit6 does before iterating.
// Notes §1.2–1.4.
import { type SortedOutcome, sortOutcome } from './time-order.js';
import type { FeatureMatrix, SurvivalOutcome } from './types.js';

export type Ties = 'efron' | 'breslow';

export interface CoxDesign extends SortedOutcome {
  n: number;
  p: number;
  /** Row-major n×p, rows in ascending time order, centred and scaled. */
  x: Float64Array;
  /** coxph's `means`: 0 for columns with all values in {−1, 0, 1}. */
  means: Float64Array;
  scale: Float64Array;
}

export function prepareDesign(outcome: SurvivalOutcome, x: FeatureMatrix): CoxDesign {
  const n = outcome.time.length;
  const p = x.columns.length;
  const sorted = sortOutcome(outcome);
  const { order } = sorted;
  const means = new Float64Array(p);
  const scale = new Float64Array(p).fill(1);
  for (let j = 0; j < p; j++) {
    const col = x.columns[j]!;
    if (col.every((v) => v === 0 || v === 1 || v === -1)) continue;
    let sum = 0;
    for (let i = 0; i < n; i++) sum += col[i]!;
    const mean = sum / n;
    means[j] = mean;
    let mad = 0;
    for (let i = 0; i < n; i++) mad += Math.abs(col[i]! - mean);
    if (mad > 0) scale[j] = n / mad;
  }
  const xs = new Float64Array(n * p);
  for (let r = 0; r < n; r++) {
    const i = order[r]!;
    for (let j = 0; j < p; j++) xs[r * p + j] = (x.columns[j]![i]! - means[j]!) * scale[j]!;
  }
  return { ...sorted, n, p, x: xs, means, scale };
}

export interface CoxEvaluation {
  loglik: number;
  /** Score vector (scaled coordinates). */
  u: Float64Array;
  /** Information matrix, row-major p×p (scaled coordinates). */
  imat: Float64Array;
}

/** ℓ(β), u(β), I(β) on the design's scaled coordinates. */
export function evaluateCox(d: CoxDesign, beta: Float64Array, ties: Ties): CoxEvaluation {
  const { n, p, x, status, blockStart } = d;
  const eta = new Float64Array(n);
  const risk = new Float64Array(n);
  for (let r = 0; r < n; r++) {
    let s = 0;
    for (let j = 0; j < p; j++) s += x[r * p + j]! * beta[j]!;
    eta[r] = s;
    risk[r] = Math.exp(s);
  }
  const u = new Float64Array(p);
  const imat = new Float64Array(p * p);
  const s1 = new Float64Array(p);
  const s2 = new Float64Array(p * p);
  const e1 = new Float64Array(p);
  const e2 = new Float64Array(p * p);
  const mean = new Float64Array(p);
  let s0 = 0;
  let loglik = 0;
  for (let b = blockStart.length - 2; b >= 0; b--) {
    const start = blockStart[b]!;
    const end = blockStart[b + 1]!;
    let deaths = 0;
    for (let r = start; r < end; r++) deaths += status[r]!;
    // Efron needs the death-set sums only when deaths tie.
    const needE = ties === 'efron' && deaths > 1;
    let e0 = 0;
    if (needE) {
      e1.fill(0);
      e2.fill(0);
    }
    for (let r = start; r < end; r++) {
      const w = risk[r]!;
      const row = r * p;
      s0 += w;
      for (let a = 0; a < p; a++) {
        const wa = w * x[row + a]!;
        s1[a] = s1[a]! + wa;
        for (let c = 0; c <= a; c++) s2[a * p + c] = s2[a * p + c]! + wa * x[row + c]!;
      }
      if (status[r] === 1) {
        loglik += eta[r]!;
        for (let a = 0; a < p; a++) u[a] = u[a]! + x[row + a]!;
        if (needE) {
          e0 += w;
          for (let a = 0; a < p; a++) {
            const wa = w * x[row + a]!;
            e1[a] = e1[a]! + wa;
            for (let c = 0; c <= a; c++) e2[a * p + c] = e2[a * p + c]! + wa * x[row + c]!;
          }
        }
      }
    }
    if (deaths === 0) continue;
    if (ties === 'breslow' || deaths === 1) {
      loglik -= deaths * Math.log(s0);
      for (let a = 0; a < p; a++) {
        mean[a] = s1[a]! / s0;
        u[a] = u[a]! - deaths * mean[a]!;
        for (let c = 0; c <= a; c++) imat[a * p + c] = imat[a * p + c]! + deaths * (s2[a * p + c]! / s0 - mean[a]! * mean[c]!);
      }
    } else {
      for (let k = 0; k < deaths; k++) {
        const f = k / deaths;
        const d2 = s0 - f * e0;
        loglik -= Math.log(d2);
        for (let a = 0; a < p; a++) {
          mean[a] = (s1[a]! - f * e1[a]!) / d2;
          u[a] = u[a]! - mean[a]!;
          for (let c = 0; c <= a; c++) {
            imat[a * p + c] = imat[a * p + c]! + (s2[a * p + c]! - f * e2[a * p + c]!) / d2 - mean[a]! * mean[c]!;
          }
        }
      }
    }
  }
  for (let a = 0; a < p; a++) for (let c = 0; c < a; c++) imat[c * p + a] = imat[a * p + c]!;
  return { loglik, u, imat };
}
