// Maximally selected log-rank statistic, as maxstat 0.7-25 maxstat.test(Surv ~ x,
// smethod = "LogRank", pmethod = "Lau94") with log-rank scores from exactRankTests 0.8-35
// cscores(type = "LogRank"). See ../shared/data/stats-reference/README.md (maxstat) and notes §7:
//  - scores a_i = δ_i − Σ_{k ≤ r_i} δ_(k)/(N − r_(k) + 1), r = rank of time with ties → max rank;
//  - candidate split sizes m = the positions just before each distinct sorted x, kept when
//    ⌊N·minprop⌋ ≤ m ≤ ⌊N·maxprop⌋ and m ≥ 1; cut = the largest x of the low group;
//  - standardised statistic |S_m − m/N·Σa| / sqrt(m(N−m)/(N²(N−1))·(NΣa² − (Σa)²));
//  - p-value by Lausen & Schumacher (1994) over the candidate splits.
import { normalCdf } from './distributions.js';
import { SurvivalInputError } from './errors.js';
import { sortOutcome } from './time-order.js';
import type { SurvivalOutcome } from './types.js';

/** exactRankTests::cscores(Surv(time, status), type = "LogRank"), in input order. */
export function logRankScores(outcome: SurvivalOutcome): Float64Array {
  const n = outcome.time.length;
  const { order, status, blockStart } = sortOutcome(outcome);
  // maxRank[pos] = number of subjects with time ≤ time at sorted position pos (end of its block).
  const maxRank = new Int32Array(n);
  for (let b = 0; b + 1 < blockStart.length; b++) maxRank.fill(blockStart[b + 1]!, blockStart[b]!, blockStart[b + 1]!);
  const cumulative = new Float64Array(n);
  let sum = 0;
  for (let pos = 0; pos < n; pos++) {
    sum += status[pos]! / (n - maxRank[pos]! + 1);
    cumulative[pos] = sum;
  }
  const scores = new Float64Array(n);
  for (let pos = 0; pos < n; pos++) scores[order[pos]!] = status[pos]! - cumulative[maxRank[pos]! - 1]!;
  return scores;
}

export interface MaxstatResult {
  cutpoint: number;
  statistic: number;
  pLau94: number;
  /** Profile: candidate cutpoints and their standardised statistics. */
  cuts: number[];
  stats: number[];
  /** Candidate low-group sizes m. */
  splitSizes: number[];
  scores: Float64Array;
  /** 1 when x > cutpoint. */
  highGroup: Uint8Array;
}

/** maxstat.pLausen94: P(max |Z| ≥ b) over the splits m (Lausen & Schumacher 1994). */
export function pLausen94(b: number, n: number, m: number[]): number {
  let d = 0;
  for (let k = 0; k + 1 < m.length; k++) {
    const m1 = m[k]!;
    const m2 = m[k + 1]!;
    const t = Math.sqrt(1 - (m1 * (n - m2)) / ((n - m1) * m2));
    d += (1 / Math.PI) * Math.exp((-b * b) / 2) * (t - ((b * b) / 4 - 1) * (t * t * t) / 6);
  }
  return 1 - (normalCdf(b) - normalCdf(-b)) + d;
}

export function maxstatLogRank(outcome: SurvivalOutcome, x: ArrayLike<number>, minprop = 0.1, maxprop = 0.9): MaxstatResult {
  const n = x.length;
  if (n !== outcome.time.length) throw new SurvivalInputError(`maxstat: ${n} scores for ${outcome.time.length} subjects`);
  for (let i = 0; i < n; i++) if (!Number.isFinite(x[i]!)) throw new SurvivalInputError(`maxstat: score of subject ${i + 1} is missing`);
  const scores = logRankScores(outcome);
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => x[a]! - x[b]!);
  const sorted = order.map((i) => x[i]!);
  let total = 0;
  let totalSq = 0;
  for (let i = 0; i < n; i++) {
    total += scores[i]!;
    totalSq += scores[i]! * scores[i]!;
  }
  const lo = Math.floor(n * minprop);
  const hi = Math.floor(n * maxprop);
  const varFactor = n * totalSq - total * total;
  const cuts: number[] = [];
  const stats: number[] = [];
  const splitSizes: number[] = [];
  let partial = 0;
  for (let m = 1; m < n; m++) {
    partial += scores[order[m - 1]!]!;
    if (sorted[m] === sorted[m - 1]) continue; // m must sit just before a new distinct value
    if (m < lo || m > hi) continue;
    const expectation = (m / n) * total;
    const variance = ((m * (n - m)) / (n * n * (n - 1))) * varFactor;
    splitSizes.push(m);
    cuts.push(sorted[m - 1]!);
    stats.push(Math.abs(partial - expectation) / Math.sqrt(variance));
  }
  if (stats.length === 0) throw new SurvivalInputError('maxstat: no admissible cut-point between minprop and maxprop');
  let best = 0;
  for (let k = 1; k < stats.length; k++) if (stats[k]! > stats[best]!) best = k;
  const cutpoint = cuts[best]!;
  const statistic = stats[best]!;
  const highGroup = Uint8Array.from({ length: n }, (_, i) => (x[i]! > cutpoint ? 1 : 0));
  return { cutpoint, statistic, pLau94: pLausen94(statistic, n, splitSizes), cuts, stats, splitSizes, scores, highGroup };
}
