// Subjects sorted by time with their tied-time blocks: the walk shared by every risk-set pass
// (Cox likelihood, screening, baseline hazard, SuperPC scores, Kaplan–Meier curves, log-rank,
// maxstat log-rank scores).
import type { SurvivalOutcome } from './types.js';

/** Subjects in ascending time order (ties keep row order) with their tied-time blocks. */
export interface SortedOutcome {
  /** Sorted position → original row. */
  order: Int32Array;
  /** Status in sorted order. */
  status: Uint8Array;
  /** Start of each tied-time block in sorted order (plus n at the end). */
  blockStart: Int32Array;
  nevent: number;
}

/** Sorts the subjects by time (stable) and marks where each run of equal times starts. */
export function sortOutcome(outcome: SurvivalOutcome): SortedOutcome {
  const n = outcome.time.length;
  const order = Int32Array.from({ length: n }, (_, i) => i).sort((a, b) => outcome.time[a]! - outcome.time[b]!);
  const status = new Uint8Array(n);
  const starts: number[] = [];
  let nevent = 0;
  for (let r = 0; r < n; r++) {
    status[r] = outcome.status[order[r]!]!;
    nevent += status[r]!;
    if (r === 0 || outcome.time[order[r]!]! !== outcome.time[order[r - 1]!]!) starts.push(r);
  }
  starts.push(n);
  return { order, status, blockStart: Int32Array.from(starts), nevent };
}

/** The given rows (all rows by default) by decreasing time, equal times by row index: the order
 * in which the boosting selectors (CoxBoost, gbm) accumulate their risk sets. */
export function rowsByDecreasingTime(time: ArrayLike<number>, rows?: ArrayLike<number>): Int32Array {
  const idx = rows ? Int32Array.from(rows) : Int32Array.from({ length: time.length }, (_, i) => i);
  return idx.sort((a, b) => time[b]! - time[a]! || a - b);
}
