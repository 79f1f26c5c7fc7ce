// Log-rank test for k groups, as survival 3.5-3 survdiff(rho = 0): src/survdiff2.c for the
// observed / expected / variance sums, R/survdiff.R for the chi-square (groups with E > 0,
// first one dropped, quadratic form with the inverse). Notes §3.
import { chiSquareUpper } from './distributions.js';
import { quadraticFormInverse } from './linalg.js';
import { sortOutcome } from './time-order.js';
import type { SurvivalOutcome } from './types.js';

export interface LogRankResult {
  /** Group labels, ascending. */
  groups: number[];
  n: number[];
  observed: number[];
  expected: number[];
  /** k×k variance matrix of O − E. */
  variance: number[][];
  chisq: number;
  df: number;
  p: number;
}

export function logRankTest(outcome: SurvivalOutcome, group: ArrayLike<number>): LogRankResult {
  const { time } = outcome;
  const nObs = time.length;
  if (group.length !== nObs) throw new RangeError(`group has ${group.length} entries for ${nObs} subjects`);
  const labels = Array.from(new Set(Array.from(group))).sort((a, b) => a - b);
  if (labels.some((g) => !Number.isFinite(g))) throw new RangeError('group labels must be finite numbers');
  const k = labels.length;
  const index = new Map(labels.map((g, i) => [g, i]));
  const gi = Int32Array.from(Array.from(group), (g) => index.get(g)!);
  const { order, status, blockStart } = sortOutcome(outcome);

  const atRisk = new Float64Array(k);
  for (let i = 0; i < nObs; i++) atRisk[gi[i]!]!++;
  const n = Array.from(atRisk);
  const observed = new Float64Array(k);
  const expected = new Float64Array(k);
  const v = new Float64Array(k * k);
  const deaths = new Float64Array(k);
  let total = nObs;
  for (let b = 0; b + 1 < blockStart.length; b++) {
    const p = blockStart[b]!;
    const q = blockStart[b + 1]!;
    deaths.fill(0);
    let d = 0;
    for (let pos = p; pos < q; pos++) {
      if (status[pos] === 1) {
        deaths[gi[order[pos]!]!]!++;
        d++;
      }
    }
    if (d > 0) {
      for (let j = 0; j < k; j++) {
        observed[j] = observed[j]! + deaths[j]!;
        expected[j] = expected[j]! + (d * atRisk[j]!) / total;
      }
      if (total > 1) {
        const kappa = (d * (total - d)) / (total * total * (total - 1));
        for (let j = 0; j < k; j++) {
          v[j * k + j] = v[j * k + j]! + kappa * atRisk[j]! * total;
          for (let m = 0; m < k; m++) v[j * k + m] = v[j * k + m]! - kappa * atRisk[j]! * atRisk[m]!;
        }
      }
    }
    for (let r = p; r < q; r++) atRisk[gi[order[r]!]!]!--;
    total -= q - p;
  }
  // Chi-square over the groups with E > 0, leaving out the first of them.
  const kept = labels.map((_, j) => j).filter((j) => expected[j]! > 0);
  const df = kept.length - 1;
  let chisq = 0;
  if (df > 0) {
    const rest = kept.slice(1);
    const sub = new Float64Array(df * df);
    const diff = new Float64Array(df);
    rest.forEach((a, r) => {
      diff[r] = observed[a]! - expected[a]!;
      rest.forEach((b, c) => (sub[r * df + c] = v[a * k + b]!));
    });
    chisq = quadraticFormInverse(sub, df, diff, 1e-12);
  }
  return {
    groups: labels,
    n,
    observed: Array.from(observed),
    expected: Array.from(expected),
    variance: Array.from({ length: k }, (_, j) => Array.from(v.subarray(j * k, j * k + k))),
    chisq,
    df,
    p: df > 0 ? chiSquareUpper(chisq, df) : NaN,
  };
}
