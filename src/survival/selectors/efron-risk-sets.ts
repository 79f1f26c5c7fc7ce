// Risk sets in decreasing-time order with Efron's tie correction, the way CoxBoost builds them
// (cran/CoxBoost:R/CoxBoost.R, efron.weightmat): the k-th of d tied events (k = 0..d-1) sees the
// risk set {T >= t} with every tied event's weight reduced by k/d. Without ties this is Breslow.
// The Efron formula is the core's (cox-likelihood.ts, univariate.ts evaluate1); it is kept apart
// because boosting evaluates at an arbitrary current linear predictor (not β·x of centred, scaled
// columns), over a row subset (cross-validation folds), one covariate at a time, in decreasing time.
import { rowsByDecreasingTime } from '../time-order.js';

export interface TimeGroup {
  /** positions [start, end) in decreasing-time order share one time */
  start: number;
  end: number;
  /** positions (in the same order) of the events at this time */
  events: number[];
}

export class EfronRiskSets {
  /** order[pos] = row index of the subject at sorted position pos (time decreasing, stable) */
  readonly order: Int32Array;
  readonly groups: TimeGroup[];
  readonly eventCount: number;

  constructor(time: ArrayLike<number>, status: ArrayLike<number>, rows?: ArrayLike<number>) {
    const idx = rowsByDecreasingTime(time, rows);
    this.order = idx;
    this.groups = [];
    let events = 0;
    let start = 0;
    while (start < idx.length) {
      let end = start + 1;
      while (end < idx.length && time[idx[end]!] === time[idx[start]!]) end++;
      const ev: number[] = [];
      for (let pos = start; pos < end; pos++) if (status[idx[pos]!] === 1) ev.push(pos);
      events += ev.length;
      this.groups.push({ start, end, events: ev });
      start = end;
    }
    this.eventCount = events;
    this.expEta = new Float64Array(idx.length);
  }

  /** exp(eta) by sorted position, kept from the risk-set sums for the event sums */
  private readonly expEta: Float64Array;

  /** Efron partial log-likelihood of a linear predictor indexed by row. */
  logLik(eta: ArrayLike<number>): number {
    const expEta = this.expEta;
    let s0 = 0;
    let ll = 0;
    for (const g of this.groups) {
      for (let pos = g.start; pos < g.end; pos++) {
        expEta[pos] = Math.exp(eta[this.order[pos]!]!);
        s0 += expEta[pos]!;
      }
      const d = g.events.length;
      if (d === 0) continue;
      let e0 = 0;
      for (const pos of g.events) {
        ll += eta[this.order[pos]!]!;
        e0 += expEta[pos]!;
      }
      for (let k = 0; k < d; k++) ll -= Math.log(s0 - (k / d) * e0);
    }
    return ll;
  }
}
