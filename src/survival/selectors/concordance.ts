// Harrell's concordance of a risk score with right-censored outcomes, with survival::concordance's
// conventions: a pair is comparable when the earlier time is an event and the later time is larger,
// or equal and censored; the subject failing first should have the higher risk; risk ties count 1/2.
// O(m^2) over the listed rows, which is what the forests need (a few dozen out-of-bag rows).

export function harrellC(
  time: ArrayLike<number>,
  status: ArrayLike<number>,
  risk: ArrayLike<number>,
  rows: ArrayLike<number>,
): number {
  let concordant = 0;
  let comparable = 0;
  const m = rows.length;
  for (let a = 0; a < m; a++) {
    const i = rows[a]!;
    if (status[i] !== 1) continue;
    const ti = time[i]!;
    const ri = risk[a]!;
    for (let b = 0; b < m; b++) {
      if (b === a) continue;
      const j = rows[b]!;
      const tj = time[j]!;
      if (tj < ti || (tj === ti && status[j] === 1)) continue;
      comparable += 1;
      const rj = risk[b]!;
      if (ri > rj) concordant += 1;
      else if (ri === rj) concordant += 0.5;
    }
  }
  return comparable > 0 ? concordant / comparable : NaN;
}
