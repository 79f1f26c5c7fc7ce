// Baseline cumulative hazard and predicted survival of a Cox fit, as survival 3.5-3
// survfit.coxph / basehaz(centered = FALSE) (R/survfit.coxph.R, R/agsurv.R, src/agsurv5.c):
// the curve has a row at every distinct observed time; at an event time with m deaths the
// hazard increment is Σ_{k<m} 1/(S0 − (k/m)·E0) for Efron fits (ctype 2) and m/S0 for
// Breslow fits, with risk scores exp((x − means)β). H0(t) at x = 0 is that times
// exp(−Σ means·β), and S(t|x) = exp(−H0(t)·exp(xβ)). Notes §1.7.
import type { CoxFit } from './cox.js';
import { linearPredictor } from './cox.js';
import { selectColumns } from './data.js';
import { sortOutcome } from './time-order.js';
import type { FeatureMatrix, SurvivalOutcome } from './types.js';

export interface BaselineHazard {
  time: Float64Array;
  /** Cumulative hazard at covariates 0 (basehaz(fit, centered = FALSE)). */
  hazard: Float64Array;
}

/** basehaz(fit, centered = FALSE) from the data the model was fitted on. */
export function baselineHazard(fit: CoxFit, outcome: SurvivalOutcome, x: FeatureMatrix): BaselineHazard {
  const { time } = outcome;
  const n = time.length;
  const cols = selectColumns(x, fit.terms).columns;
  const risk = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let eta = 0;
    for (let j = 0; j < cols.length; j++) eta += fit.coef[j]! * (cols[j]![i]! - fit.means[j]!);
    risk[i] = Math.exp(eta);
  }
  const { order, status: sortedStatus, blockStart } = sortOutcome(outcome);
  let offset = 0;
  for (let j = 0; j < cols.length; j++) offset += fit.means[j]! * fit.coef[j]!;
  const toZero = Math.exp(-offset);
  // Risk-set sums from the end.
  const nBlocks = blockStart.length - 1;
  let s0 = 0;
  const incs = new Float64Array(nBlocks);
  for (let b = nBlocks - 1; b >= 0; b--) {
    let e0 = 0;
    let deaths = 0;
    for (let pos = blockStart[b]!; pos < blockStart[b + 1]!; pos++) {
      const w = risk[order[pos]!]!;
      s0 += w;
      if (sortedStatus[pos] === 1) {
        deaths++;
        e0 += w;
      }
    }
    if (deaths === 0) continue;
    if (fit.ties === 'breslow' || deaths === 1) incs[b] = deaths / s0;
    else {
      let sum = 0;
      for (let k = 0; k < deaths; k++) sum += 1 / (s0 - (k / deaths) * e0);
      incs[b] = sum;
    }
  }
  const times = new Float64Array(nBlocks);
  const hazard = new Float64Array(nBlocks);
  let cumulative = 0;
  for (let b = 0; b < nBlocks; b++) {
    cumulative += incs[b]!;
    times[b] = time[order[blockStart[b]!]!]!;
    hazard[b] = cumulative * toZero;
  }
  return { time: times, hazard };
}

/** H0 at t: the last curve value at a time ≤ t (0 before the first time). */
export function cumulativeHazardAt(baseline: BaselineHazard, t: number): number {
  let h = 0;
  for (let k = 0; k < baseline.time.length && baseline.time[k]! <= t; k++) h = baseline.hazard[k]!;
  return h;
}

/** Predicted S(t | x_i) = exp(−H0(t)·exp(x_iβ)) for every row of `x`. */
export function predictSurvival(fit: CoxFit, baseline: BaselineHazard, x: FeatureMatrix, t: number): Float64Array {
  const h0 = cumulativeHazardAt(baseline, t);
  return linearPredictor(fit, x).map((lp) => Math.exp(-h0 * Math.exp(lp)));
}
