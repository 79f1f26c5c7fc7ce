// Harrell's C as coxph stores it in fit$concordance (survival 3.5-3 R/concordance.R
// concordancefit with reverse = TRUE, src/concordance3.c), by direct pair counting, plus its
// infinitesimal-jackknife standard error. A pair is comparable when the earlier time is an event
// (a subject censored at that same time still counts as later); two events at one time are
// tied.y (tied.xy if the predictor ties too). Concordant = the earlier event has the larger
// predictor; predictor ties count ½. Notes §1.6. With `rows`, only those subjects are paired
// (the forests' out-of-bag C over a few dozen rows) and predictor[k] is the score of rows[k].
import type { SurvivalOutcome } from './types.js';

export interface ConcordanceResult {
  concordant: number;
  discordant: number;
  tiedX: number;
  tiedY: number;
  tiedXY: number;
  c: number;
  std: number;
}

export function concordance(
  outcome: SurvivalOutcome,
  predictor: ArrayLike<number>,
  rows?: ArrayLike<number>,
): ConcordanceResult {
  const { time: allTime, status: allStatus } = outcome;
  const time = rows ? Float64Array.from(rows, (i) => allTime[i]!) : allTime;
  const status = rows ? Uint8Array.from(rows, (i) => allStatus[i]!) : allStatus;
  const n = time.length;
  const conc = new Float64Array(n);
  const disc = new Float64Array(n);
  const tied = new Float64Array(n);
  let concordant = 0;
  let discordant = 0;
  let tiedX = 0;
  let tiedY = 0;
  let tiedXY = 0;
  for (let i = 0; i < n; i++) {
    if (status[i] !== 1) continue;
    const ti = time[i]!;
    const xi = predictor[i]!;
    for (let j = 0; j < n; j++) {
      if (j === i) continue;
      const tj = time[j]!;
      if (tj === ti && status[j] === 1) {
        if (j > i) {
          if (predictor[j] === xi) tiedXY++;
          else tiedY++;
        }
        continue;
      }
      if (tj < ti) continue;
      const xj = predictor[j]!;
      if (xi > xj) {
        concordant++;
        conc[i]!++;
        conc[j]!++;
      } else if (xi < xj) {
        discordant++;
        disc[i]!++;
        disc[j]!++;
      } else {
        tiedX++;
        tied[i]!++;
        tied[j]!++;
      }
    }
  }
  const total = concordant + discordant + tiedX;
  const somer = (concordant - discordant) / total;
  let variance = 0;
  for (let i = 0; i < n; i++) {
    const dfbeta = (conc[i]! - disc[i]!) / total - (somer * (conc[i]! + disc[i]! + tied[i]!)) / total;
    variance += dfbeta * dfbeta;
  }
  return {
    concordant,
    discordant,
    tiedX,
    tiedY,
    tiedXY,
    c: (concordant + tiedX / 2) / total,
    std: Math.sqrt(variance / 4),
  };
}
