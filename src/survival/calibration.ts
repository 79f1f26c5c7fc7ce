// Calibration of a survival model at a horizon t: predicted S(t|x) against the Kaplan–Meier
// survival observed in risk groups. Groups follow the reference (stats-reference/reference.R
// calibration_block): rank subjects by predicted survival (highest first, ties by row order as
// rank(ties.method = "first")) and cut the ranks into g equal-width intervals as R's
// cut(rank, breaks = g); group 1 = highest predicted survival. The observed value is the group's
// KM at t (survfit + summary(times = t, extend = TRUE)), with its log-type 95% CI.
import { confidenceBand, kaplanMeier } from './kaplan-meier.js';
import { SurvivalInputError } from './errors.js';
import type { SurvivalOutcome } from './types.js';

export interface CalibrationGroup {
  group: number;
  n: number;
  meanPredicted: number;
  observed: number;
  observedLower: number;
  observedUpper: number;
}

export interface CalibrationResult {
  t: number;
  /** Group of each subject (1 = highest predicted survival). */
  group: Int32Array;
  groups: CalibrationGroup[];
}

/** R's cut(rank(-pred, ties = "first"), breaks = g, labels = FALSE). */
export function rankGroups(predicted: ArrayLike<number>, g: number): Int32Array {
  const n = predicted.length;
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => predicted[b]! - predicted[a]! || a - b);
  const rank = new Float64Array(n);
  order.forEach((i, r) => (rank[i] = r + 1));
  // cut() with breaks = g over [1, n]: equal-width intervals, range extended by 0.1%.
  const lo = 1;
  const hi = n;
  const dx = hi - lo || Math.abs(lo);
  const breaks = Array.from({ length: g + 1 }, (_, k) => lo + (k * (hi - lo)) / g);
  breaks[0] = lo - dx / 1000;
  breaks[g] = hi + dx / 1000;
  return Int32Array.from(rank, (r) => {
    let k = 1;
    while (k < g && r > breaks[k]!) k++;
    return k;
  });
}

/** KM S(t) with its log CI; t beyond the last time keeps the last value (extend = TRUE). */
function kmAt(outcome: SurvivalOutcome, t: number): { surv: number; lower: number; upper: number } {
  const fit = kaplanMeier(outcome);
  const band = confidenceBand(fit, 'log');
  let surv = 1;
  let lower = 1;
  let upper = 1;
  for (let k = 0; k < fit.time.length && fit.time[k]! <= t; k++) {
    surv = fit.surv[k]!;
    lower = band.lower[k]!;
    upper = band.upper[k]!;
  }
  return { surv, lower, upper };
}

export function calibrationAt(outcome: SurvivalOutcome, predicted: ArrayLike<number>, t: number, groups = 3): CalibrationResult {
  const n = predicted.length;
  if (n !== outcome.time.length) throw new SurvivalInputError(`calibration: ${n} predictions for ${outcome.time.length} subjects`);
  if (!Number.isInteger(groups) || groups < 1 || groups > n) throw new SurvivalInputError(`calibration: cannot make ${groups} groups of ${n} subjects`);
  const group = rankGroups(predicted, groups);
  const out: CalibrationGroup[] = [];
  for (let g = 1; g <= groups; g++) {
    const idx = Array.from({ length: n }, (_, i) => i).filter((i) => group[i] === g);
    const sub = { time: Float64Array.from(idx, (i) => outcome.time[i]!), status: Uint8Array.from(idx, (i) => outcome.status[i]!) };
    const obs = idx.length > 0 ? kmAt(sub, t) : { surv: NaN, lower: NaN, upper: NaN };
    out.push({
      group: g,
      n: idx.length,
      meanPredicted: idx.reduce((s, i) => s + predicted[i]!, 0) / idx.length,
      observed: obs.surv,
      observedLower: obs.lower,
      observedUpper: obs.upper,
    });
  }
  return { t, group, groups: out };
}
