// Univariate Cox screening: one coxph(Surv ~ x_j) per feature, the same Newton–Raphson as
// coxfit6 (cox.ts; survival 3.5-3 src/coxfit6.c) specialised to one covariate. The subjects are
// sorted by time once; each feature is permuted into that order and every iteration is one pass
// over the tied-time blocks with closed-form 1-D sums, so 1037 features × 87 subjects take a few
// milliseconds. Newton steps are invariant to centring/scaling, so iterates match coxph's.
import { chiSquareUpper, normalCdf } from './distributions.js';
import { CoxConvergenceError, CoxSeparationError, NotEnoughEventsError, SingularDesignError } from './errors.js';
import type { Ties } from './cox-likelihood.js';
import { type SortedOutcome, sortOutcome } from './time-order.js';
import type { FeatureMatrix, SurvivalOutcome } from './types.js';

export interface UnivariateCoxRow {
  feature: string;
  coef: number;
  se: number;
  z: number;
  /** Wald p-value. */
  p: number;
  loglik: number;
  loglikNull: number;
  lrtP: number;
  iter: number;
  /** R would warn "coefficient may be infinite" (only returned with separation: 'flag'). */
  infinite: boolean;
}

export interface UnivariateOptions {
  ties?: Ties;
  eps?: number;
  iterMax?: number;
  /** Monotone likelihood: throw CoxSeparationError (default) or flag the row, as R reports it. */
  separation?: 'error' | 'flag';
}

/** ℓ, u, I of a one-covariate Cox model at β (x in sorted order); SuperPC's feature scores are u and I at β = 0. */
export function evaluate1(x: Float64Array, s: SortedOutcome, beta: number, efron: boolean): [number, number, number] {
  const { status, blockStart } = s;
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let loglik = 0;
  let u = 0;
  let info = 0;
  for (let b = blockStart.length - 2; b >= 0; b--) {
    let e0 = 0;
    let e1 = 0;
    let e2 = 0;
    let deaths = 0;
    for (let r = blockStart[b]!; r < blockStart[b + 1]!; r++) {
      const xr = x[r]!;
      const eta = beta * xr;
      const w = Math.exp(eta);
      s0 += w;
      s1 += w * xr;
      s2 += w * xr * xr;
      if (status[r] === 1) {
        deaths++;
        e0 += w;
        e1 += w * xr;
        e2 += w * xr * xr;
        loglik += eta;
        u += xr;
      }
    }
    if (deaths === 0) continue;
    if (!efron || deaths === 1) {
      const mean = s1 / s0;
      loglik -= deaths * Math.log(s0);
      u -= deaths * mean;
      info += deaths * (s2 / s0 - mean * mean);
    } else {
      for (let k = 0; k < deaths; k++) {
        const f = k / deaths;
        const d0 = s0 - f * e0;
        const mean = (s1 - f * e1) / d0;
        loglik -= Math.log(d0);
        u -= mean;
        info += (s2 - f * e2) / d0 - mean * mean;
      }
    }
  }
  return [loglik, u, info];
}

/** x: centred and scaled by `scale` (coxfit6's inverse mean absolute deviation), sorted. */
function fitOne(name: string, x: Float64Array, scale: number, s: SortedOutcome, ties: Ties, eps: number, iterMax: number, flagSeparation: boolean): UnivariateCoxRow {
  const efron = ties === 'efron';
  let [loglik, u, info] = evaluate1(x, s, 0, efron);
  const loglikNull = loglik;
  if (!(info > 0)) throw new SingularDesignError(`univariate Cox: feature '${name}' has no variation within the risk sets`, [name]);
  let beta = 0;
  let newBeta = u / info;
  let best = loglik;
  let halving = 0;
  let iter = 1;
  for (; iter <= iterMax; iter++) {
    [loglik, u, info] = evaluate1(x, s, newBeta, efron);
    const finite = Number.isFinite(loglik) && Number.isFinite(u) && Number.isFinite(info);
    if (finite && Math.abs(1 - best / loglik) <= eps) break;
    if (iter === iterMax) throw new CoxConvergenceError(`univariate Cox for '${name}' did not converge in ${iterMax} iterations`);
    if (!finite || loglik < best) {
      halving++;
      newBeta = (newBeta + halving * beta) / (halving + 1);
    } else {
      halving = 0;
      best = loglik;
      beta = newBeta;
      newBeta = beta + u / info;
    }
  }
  const coef = newBeta * scale;
  const variance = (scale * scale) / info;
  const uv = Math.abs((u / scale) * variance);
  const infinite = iterMax > 1 && uv > eps && uv > Math.sqrt(eps) * Math.abs(coef);
  if (infinite && !flagSeparation) {
    throw new CoxSeparationError(`univariate Cox for '${name}': the log-likelihood converged before the coefficient; it may be infinite`, [name]);
  }
  const se = Math.sqrt(variance);
  const z = coef / se;
  const lrt = 2 * (loglik - loglikNull);
  return { feature: name, coef, se, z, p: 2 * normalCdf(-Math.abs(z)), loglik, loglikNull, lrtP: chiSquareUpper(lrt, 1), iter, infinite };
}

/** coxph(Surv(time, status) ~ x_j) for every column j, in column order. */
export function univariateCox(outcome: SurvivalOutcome, features: FeatureMatrix, options: UnivariateOptions = {}): UnivariateCoxRow[] {
  const ties = options.ties ?? 'efron';
  const eps = options.eps ?? 1e-9;
  const iterMax = options.iterMax ?? 20;
  const sorted = sortOutcome(outcome);
  if (sorted.nevent === 0) throw new NotEnoughEventsError('univariate Cox screening needs at least one event; the outcome has none');
  const n = sorted.order.length;
  const x = new Float64Array(n);
  return features.columns.map((col, j) => {
    let mean = 0;
    for (let i = 0; i < n; i++) mean += col[i]!;
    mean /= n;
    let mad = 0;
    for (let i = 0; i < n; i++) mad += Math.abs(col[i]! - mean);
    // Like coxph, leave {−1, 0, 1}-valued columns uncentred and unscaled.
    const binary = col.every((v) => v === 0 || v === 1 || v === -1);
    const centre = binary ? 0 : mean;
    const scale = binary || mad === 0 ? 1 : n / mad;
    for (let r = 0; r < n; r++) x[r] = (col[sorted.order[r]!]! - centre) * scale;
    return fitOne(features.names[j]!, x, scale, sorted, ties, eps, iterMax, options.separation === 'flag');
  });
}
