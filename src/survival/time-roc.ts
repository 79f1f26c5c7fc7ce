// Time-dependent ROC (cumulative cases / dynamic controls) as timeROC 0.4.1 computes it with
// weighting = "marginal" (R/timeROC_3.R, with pec::ipcw → prodlim reverse Kaplan–Meier):
//  - cases at t: T_i < t and δ_i = 1 (strict); controls: T_j > t (strict); T = t is neither;
//  - case weight 1/(n·Ĝ(T_i−)), control weight 1/(n·Ĝ(t));
//  - Ĝ = censoring KM with prodlim's convention at tied times (events precede censorings):
//    censoring hazard c(u)/(#{T > u} + c(u));
//  - AUC = Σ_i Σ_j w_i w_j [1(M_i > M_j) + ½·1(M_i = M_j)] / (Σ w_i · Σ w_j), which is the
//    trapezoid integral of the ROC at thresholds "M > c" (marker ties count ½).
// See ../shared/data/stats-reference/README.md (timeROC) and notes §6.
import { SurvivalInputError } from './errors.js';
import { sortOutcome } from './time-order.js';
import type { SurvivalOutcome } from './types.js';

export interface CensoringKm {
  /** Distinct censoring times, ascending. */
  times: Float64Array;
  hazard: Float64Array;
  /** Ĝ at each censoring time. */
  G: Float64Array;
}

/** Reverse Kaplan–Meier of the censoring distribution, prodlim convention. */
export function censoringKm(outcome: SurvivalOutcome): CensoringKm {
  const n = outcome.time.length;
  const { order, status, blockStart } = sortOutcome(outcome);
  const times: number[] = [];
  const hazard: number[] = [];
  const G: number[] = [];
  let g = 1;
  for (let b = 0; b + 1 < blockStart.length; b++) {
    const start = blockStart[b]!;
    const end = blockStart[b + 1]!;
    let c = 0;
    for (let pos = start; pos < end; pos++) if (status[pos] === 0) c++;
    if (c > 0) {
      const h = c / (n - end + c);
      g *= 1 - h;
      times.push(outcome.time[order[start]!]!);
      hazard.push(h);
      G.push(g);
    }
  }
  return { times: Float64Array.from(times), hazard: Float64Array.from(hazard), G: Float64Array.from(G) };
}

/** Ĝ(t) (inclusive) or Ĝ(t−) (strict) from the censoring KM. */
export function censoringSurvival(km: CensoringKm, t: number, strict = false): number {
  let g = 1;
  for (let k = 0; k < km.times.length; k++) {
    const u = km.times[k]!;
    if (strict ? u < t : u <= t) g = km.G[k]!;
    else break;
  }
  return g;
}

export interface TimeRocPoint {
  /** Threshold c: test positive means marker > c. */
  threshold: number;
  tp: number;
  fp: number;
}

export interface TimeRocResult {
  t: number;
  /** NaN when there is no case or no control. */
  auc: number;
  nCases: number;
  nControls: number;
  nCensoredBeforeT: number;
  G_t: number;
  cumIncidenceIpcw: number;
  survProbIpcw: number;
  /** ROC curve at thresholds from +∞ down to below the smallest marker. */
  curve: TimeRocPoint[];
}

/** timeROC(T, delta, marker, cause = 1, weighting = "marginal", times). */
export function timeDependentRoc(outcome: SurvivalOutcome, marker: ArrayLike<number>, times: number[]): TimeRocResult[] {
  const { time, status } = outcome;
  const n = time.length;
  if (marker.length !== n) throw new SurvivalInputError(`time-ROC: ${marker.length} marker values for ${n} subjects`);
  for (let i = 0; i < n; i++) if (!Number.isFinite(marker[i]!)) throw new SurvivalInputError(`time-ROC: marker of subject ${i + 1} is missing`);
  const km = censoringKm(outcome);
  const gMinus = Float64Array.from(time, (t) => censoringSurvival(km, t, true));
  const distinct = Array.from(new Set(Array.from(marker))).sort((a, b) => b - a);
  return times.map((t) => {
    const cases: number[] = [];
    const controls: number[] = [];
    for (let i = 0; i < n; i++) {
      if (time[i]! < t && status[i] === 1) cases.push(i);
      else if (time[i]! > t) controls.push(i);
    }
    const gt = censoringSurvival(km, t);
    const caseWeight = cases.map((i) => 1 / (n * gMinus[i]!));
    const caseTotal = caseWeight.reduce((a, b) => a + b, 0);
    let auc = NaN;
    let curve: TimeRocPoint[] = [];
    if (cases.length > 0 && controls.length > 0) {
      let sum = 0;
      cases.forEach((i, a) => {
        let count = 0;
        for (const j of controls) {
          if (marker[i]! > marker[j]!) count += 1;
          else if (marker[i] === marker[j]) count += 0.5;
        }
        sum += caseWeight[a]! * count;
      });
      auc = sum / (caseTotal * controls.length);
      curve = rocCurve(distinct, cases.map((i) => marker[i]!), caseWeight, controls.map((j) => marker[j]!), caseTotal);
    }
    return {
      t,
      auc,
      nCases: cases.length,
      nControls: controls.length,
      nCensoredBeforeT: n - cases.length - controls.length,
      G_t: gt,
      cumIncidenceIpcw: caseTotal,
      survProbIpcw: controls.length > 0 ? controls.length / (n * gt) : 0,
      curve,
    };
  });
}

function rocCurve(distinctDesc: number[], caseMarker: number[], caseWeight: number[], controlMarker: number[], caseTotal: number): TimeRocPoint[] {
  const points: TimeRocPoint[] = [{ threshold: Infinity, tp: 0, fp: 0 }];
  for (const c of distinctDesc) {
    let tp = 0;
    caseMarker.forEach((m, a) => {
      if (m > c) tp += caseWeight[a]!;
    });
    const fp = controlMarker.filter((m) => m > c).length;
    points.push({ threshold: c, tp: tp / caseTotal, fp: fp / controlMarker.length });
  }
  points.push({ threshold: -Infinity, tp: 1, fp: 1 });
  return points;
}
