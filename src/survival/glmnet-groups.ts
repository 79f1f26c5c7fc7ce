// Risk-set bookkeeping of glmnet's Fortran Cox solver (glmnet 4.1-6, src/coxnet5dpclean.f:
// psort7, groups, died, usk). glmnet orders subjects with a non-stable quicksort, so tied times
// come out in an order that decides which risk group a censored subject tied with a death falls
// into (notes/SURVIVAL_ALGORITHMS.md §5.2). To give glmnet's numbers on such data the sort must
// produce the very same permutation, so this follows the same published algorithm step by step.

/**
 * Singleton's quicksort (CACM algorithm 347, as modified in glmnet's psort7): returns the
 * permutation (0-based row indices) that sorts `v` increasingly. Not stable: ties come out in the
 * order this particular algorithm leaves them in.
 */
export function singletonSortPermutation(v: ArrayLike<number>): Int32Array {
  const n = v.length;
  // 1-based work arrays, as the algorithm is stated; a[p] holds a 1-based row index.
  const a = new Int32Array(n + 1);
  for (let p = 1; p <= n; p++) a[p] = p;
  const val = (p: number): number => v[a[p] - 1];
  const lowStack = new Int32Array(32);
  const highStack = new Int32Array(32);
  const first = 1;
  let depth = 1;
  let i = first;
  let j = n;
  let k = 0;
  let l = 0;
  let t = 0;
  let tt = 0;
  let vt = 0;
  type Step = 'split?' | 'partition' | 'scanDown' | 'pop' | 'choose' | 'insertion';
  let step: Step = 'split?';
  for (;;) {
    switch (step) {
      case 'split?':
        step = i >= j ? 'pop' : 'partition';
        break;
      case 'partition': {
        // Median of three: a[i] <= pivot <= a[j], pivot kept at the middle position.
        k = i;
        const mid = Math.floor((i + j) / 2);
        t = a[mid];
        vt = v[t - 1];
        if (val(i) > vt) {
          a[mid] = a[i];
          a[i] = t;
          t = a[mid];
          vt = v[t - 1];
        }
        l = j;
        if (val(j) < vt) {
          a[mid] = a[j];
          a[j] = t;
          t = a[mid];
          vt = v[t - 1];
          if (val(i) > vt) {
            a[mid] = a[i];
            a[i] = t;
            t = a[mid];
            vt = v[t - 1];
          }
        }
        step = 'scanDown';
        break;
      }
      case 'scanDown': {
        // Exchange loop: move l down past larger values, k up past smaller ones, swap, repeat.
        for (;;) {
          do l--;
          while (val(l) > vt);
          tt = a[l];
          do k++;
          while (val(k) < vt);
          if (k > l) break;
          a[l] = a[k];
          a[k] = tt;
        }
        // Push the larger part, continue with the smaller one.
        if (l - i <= j - k) {
          lowStack[depth] = k;
          highStack[depth] = j;
          j = l;
        } else {
          lowStack[depth] = i;
          highStack[depth] = l;
          i = k;
        }
        depth++;
        step = 'choose';
        break;
      }
      case 'pop':
        depth--;
        if (depth === 0) return toZeroBased(a);
        i = lowStack[depth];
        j = highStack[depth];
        step = 'choose';
        break;
      case 'choose':
        if (j - i > 10) step = 'partition';
        else if (i === first) step = 'split?';
        else step = 'insertion';
        break;
      case 'insertion':
        // Straight insertion over a[i..j]; a[i-1] is a lower bound for the segment (sentinel).
        for (let p = i; p < j; p++) {
          t = a[p + 1];
          vt = v[t - 1];
          if (val(p) <= vt) continue;
          let q = p;
          do {
            a[q + 1] = a[q];
            q--;
          } while (vt < val(q));
          a[q + 1] = t;
        }
        step = 'pop';
        break;
    }
  }
}

function toZeroBased(a: Int32Array): Int32Array {
  const out = new Int32Array(a.length - 1);
  for (let p = 1; p < a.length; p++) out[p - 1] = a[p] - 1;
  return out;
}

/** Subjects in glmnet's risk-set order, cut into death groups. */
export interface RiskGroups {
  /** Row indices (0-based) of the subjects that take part, in sorted order. */
  order: Int32Array;
  /** groupEnd[k] = one past the last position (in `order`) of death group k. */
  groupEnd: Int32Array;
  /** The first death time; subjects leaving before it are not in `order`. */
  firstDeathTime: number;
}

export class CoxnetDataError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CoxnetDataError';
  }
}

/**
 * glmnet's `groups`: sort by time, drop zero-weight subjects and those before the first death,
 * and start a new group at each death whose time exceeds the current group's time. A group runs
 * from its first death to just before the next group; the risk set of group k is every position
 * from the start of group k to the end.
 */
export function coxnetGroups(time: ArrayLike<number>, death: ArrayLike<number>, weight: ArrayLike<number>): RiskGroups {
  const sorted = singletonSortPermutation(time);
  const kept: number[] = [];
  for (const row of sorted) if (weight[row] > 0) kept.push(row);
  if (kept.length === 0) throw new CoxnetDataError('all observations have zero weight');
  let firstDeath = 0;
  while (firstDeath < kept.length && !(death[kept[firstDeath]] > 0)) firstDeath++;
  // glmnet requires the first death to leave at least two more subjects after it (jerr 30000).
  if (firstDeath + 1 >= kept.length - 1) {
    throw new CoxnetDataError('too few events: glmnet needs a death with at least two later subjects');
  }
  const t0 = time[kept[firstDeath]];
  // Drop the leading subjects whose time is below the first death time.
  let drop = firstDeath;
  while (drop > 0 && time[kept[drop - 1]] >= t0) drop--;
  const order = Int32Array.from(kept.slice(drop));
  const nj = order.length;
  const ends: number[] = [];
  let groupTime = t0;
  let pos = 1;
  for (;;) {
    while (pos < nj && !(death[order[pos]] > 0 && time[order[pos]] > groupTime)) pos++;
    ends.push(pos);
    if (pos >= nj) break;
    if (pos === nj - 1) {
      ends.push(nj);
      break;
    }
    groupTime = time[order[pos]];
    pos++;
  }
  return { order, groupEnd: Int32Array.from(ends), firstDeathTime: t0 };
}

/** Weighted deaths per group (glmnet's `died`), summed in sorted order. */
export function groupDeaths(groups: RiskGroups, weightedDeath: Float64Array): Float64Array {
  const { order, groupEnd } = groups;
  const dk = new Float64Array(groupEnd.length);
  let start = 0;
  for (let k = 0; k < groupEnd.length; k++) {
    let s = 0;
    for (let p = start; p < groupEnd[k]; p++) s += weightedDeath[order[p]];
    dk[k] = s;
    start = groupEnd[k];
  }
  return dk;
}

/** Risk-set sums u[k] = Σ e over positions from the start of group k to the end (glmnet's `usk`). */
export function riskSetSums(groups: RiskGroups, e: Float64Array, out: Float64Array): void {
  const { order, groupEnd } = groups;
  let h = 0;
  for (let k = groupEnd.length - 1; k >= 0; k--) {
    const start = k > 0 ? groupEnd[k - 1] : 0;
    for (let p = groupEnd[k] - 1; p >= start; p--) h += e[order[p]];
    out[k] = h;
  }
}
