// Kaplan–Meier estimator as R's survival 3.5-3 computes it: survfit(Surv(time, status) ~ 1).
// References: survival R/survfitKM.R and src/survfitkm.c (table, Greenwood std.err on the
// cumulative-hazard scale), R/survfit.R survfit_confint (log / log-log / plain CIs),
// R/print.survfit.R survmean/minmin (median and its CI, restricted mean and its SE).
// See ../shared/notes/SURVIVAL_ALGORITHMS.md §2.
import { Z_975, normalQuantile } from './distributions.js';
import { sortOutcome } from './time-order.js';
import type { SurvivalOutcome } from './types.js';

export type ConfType = 'log' | 'log-log' | 'plain';

export interface KaplanMeierFit {
  /** Distinct observed times (censoring-only times included), ascending. */
  time: Float64Array;
  nRisk: Float64Array;
  nEvent: Float64Array;
  nCensor: Float64Array;
  surv: Float64Array;
  /** Greenwood SE of −log S (survfit's std.err); Infinity once n_risk = n_event. */
  stdErr: Float64Array;
  n: number;
  events: number;
}

/** survfit(Surv(time, status) ~ 1): one row per distinct time. */
export function kaplanMeier(outcome: SurvivalOutcome): KaplanMeierFit {
  const { time } = outcome;
  const n = time.length;
  const { order, status, blockStart } = sortOutcome(outcome);
  const times: number[] = [];
  const risk: number[] = [];
  const dead: number[] = [];
  const cens: number[] = [];
  let atRisk = n;
  for (let b = 0; b + 1 < blockStart.length; b++) {
    const start = blockStart[b]!;
    const end = blockStart[b + 1]!;
    let d = 0;
    for (let pos = start; pos < end; pos++) if (status[pos] === 1) d++;
    const c = end - start - d;
    times.push(time[order[start]!]!);
    risk.push(atRisk);
    dead.push(d);
    cens.push(c);
    atRisk -= d + c;
  }
  const m = times.length;
  const surv = new Float64Array(m);
  const stdErr = new Float64Array(m);
  let s = 1;
  let greenwood = 0;
  for (let k = 0; k < m; k++) {
    const nk = risk[k]!;
    const dk = dead[k]!;
    if (dk > 0) {
      s *= 1 - dk / nk;
      greenwood += nk === dk ? Infinity : dk / (nk * (nk - dk));
    }
    surv[k] = s;
    stdErr[k] = Math.sqrt(greenwood);
  }
  return {
    time: Float64Array.from(times),
    nRisk: Float64Array.from(risk),
    nEvent: Float64Array.from(dead),
    nCensor: Float64Array.from(cens),
    surv,
    stdErr,
    n,
    events: dead.reduce((a, b) => a + b, 0),
  };
}

/** Pointwise CI of S(t) as survfit_confint (logse = TRUE); NaN where R gives NA. */
export function confidenceBand(fit: KaplanMeierFit, type: ConfType = 'log', level = 0.95): { lower: Float64Array; upper: Float64Array } {
  const z = level === 0.95 ? Z_975 : normalQuantile(1 - (1 - level) / 2);
  const m = fit.surv.length;
  const lower = new Float64Array(m);
  const upper = new Float64Array(m);
  for (let k = 0; k < m; k++) {
    const s = fit.surv[k]!;
    const se = fit.stdErr[k]!;
    if (type === 'log') {
      if (s === 0) {
        lower[k] = NaN;
        upper[k] = NaN;
      } else {
        lower[k] = Math.exp(Math.log(s) - z * se);
        upper[k] = Math.min(Math.exp(Math.log(s) + z * se), 1);
      }
    } else if (type === 'log-log') {
      if (s === 0 || s === 1) {
        lower[k] = NaN;
        upper[k] = NaN;
      } else {
        const centre = Math.log(-Math.log(s));
        const shift = (z * se) / Math.log(s);
        lower[k] = Math.exp(-Math.exp(centre - shift));
        upper[k] = Math.exp(-Math.exp(centre + shift));
      }
    } else {
      const half = z * se * s;
      lower[k] = Math.max(s - half, 0);
      upper[k] = Math.min(s + half, 1);
    }
  }
  return { lower, upper };
}

/** survival's minmin: first time the curve is ≤ 0.5 (midpoint on an exact 0.5 flat); NaN if none. */
function firstBelowHalf(curve: Float64Array, time: Float64Array): number {
  const tol = Math.sqrt(Number.EPSILON);
  const ys: number[] = [];
  const xs: number[] = [];
  for (let k = 0; k < curve.length; k++) {
    const y = curve[k]!;
    if (!Number.isNaN(y) && y < 0.5 + tol) {
      ys.push(y);
      xs.push(time[k]!);
    }
  }
  if (ys.length === 0) return NaN;
  if (Math.abs(ys[0]! - 0.5) < tol) {
    const lowerAt = ys.findIndex((y) => y < ys[0]!);
    if (lowerAt >= 0) return (xs[0]! + xs[lowerAt]!) / 2;
  }
  return xs[0]!;
}

export interface MedianWithCi {
  /** NaN = not reached. */
  median: number;
  lower: number;
  upper: number;
}

/** Median survival and its CI as summary(fit)$table: where S and the CI curves cross 0.5. */
export function kmMedian(fit: KaplanMeierFit, type: ConfType = 'log', level = 0.95): MedianWithCi {
  const band = confidenceBand(fit, type, level);
  return {
    median: firstBelowHalf(fit.surv, fit.time),
    lower: firstBelowHalf(band.lower, fit.time),
    upper: firstBelowHalf(band.upper, fit.time),
  };
}

/** S(t): the curve at the last time ≤ t (1 before the first time). */
export function survivalAt(fit: KaplanMeierFit, t: number): number {
  let s = 1;
  for (let k = 0; k < fit.time.length && fit.time[k]! <= t; k++) s = fit.surv[k]!;
  return s;
}

/**
 * Restricted mean survival up to `horizon` (default: the last time of the curve, survival's
 * rmean = "common" for one curve) and its SE (survmean's varmean).
 */
export function restrictedMean(fit: KaplanMeierFit, horizon?: number): { rmean: number; se: number; horizon: number } {
  const m = fit.time.length;
  const end = horizon ?? fit.time[m - 1]!;
  // Rectangles between consecutive curve times (clipped at the horizon), height = S before.
  const rect: number[] = [];
  let prevTime = 0;
  let prevSurv = 1;
  const rows: number[] = [];
  for (let k = 0; k < m && fit.time[k]! <= end; k++) {
    rect.push((fit.time[k]! - prevTime) * prevSurv);
    rows.push(k);
    prevTime = fit.time[k]!;
    prevSurv = fit.surv[k]!;
  }
  rect.push((end - prevTime) * prevSurv);
  const rmean = rect.reduce((a, b) => a + b, 0);
  let variance = 0;
  let areaAfter = rect[rect.length - 1]!;
  for (let r = rows.length - 1; r >= 0; r--) {
    const k = rows[r]!;
    const nk = fit.nRisk[k]!;
    const dk = fit.nEvent[k]!;
    if (dk > 0 && nk > dk) variance += (areaAfter * areaAfter * dk) / (nk * (nk - dk));
    areaAfter += rect[r]!;
  }
  return { rmean, se: Math.sqrt(variance), horizon: end };
}

/** Median follow-up by reverse Kaplan–Meier: survfit(Surv(time, 1 − status) ~ 1). */
export function medianFollowUp(outcome: SurvivalOutcome, type: ConfType = 'log'): MedianWithCi {
  const status = outcome.status.map((s) => 1 - s);
  return kmMedian(kaplanMeier({ time: outcome.time, status }), type);
}
