// The penalised Cox path as glmnet 4.1-6 computes it for dense x and right-censored y (its
// Fortran `coxnet`/`coxnet1`/`outer`, src/coxnet5dpclean.f; notes/SURVIVAL_ALGORITHMS.md §5).
// Objective on the standardised scale: maximise Σ q_i δ_i η_i − Σ_k D_k log Σ_{R_k} q_i e^{η_i}
// − λ[α‖β‖₁ + (1−α)/2‖β‖²] with q = w/Σw, i.e. Breslow loglik/n minus the elastic-net penalty.
// The arithmetic follows glmnet's order of operations and summation order (see glmnet-sweep.ts)
// so that paths, their truncation points and the pass counter come out as glmnet's do.
import { kernelWorkspace } from './glmnet-kernels.js';
import { columnSums, CoordinateSweeper } from './glmnet-sweep.js';
import { CoxnetDataError, coxnetGroups, groupDeaths, riskSetSums, type RiskGroups } from './glmnet-groups.js';

export { CoxnetDataError } from './glmnet-groups.js';

/** glmnet.control() defaults. */
const FDEV = 1e-5;
const MIN_FLMIN = 1e-6;
const BIG = 9.9e35;
const MIN_LAMBDAS = 5;
const DEVMAX = 0.999;
// Fortran single-precision literals (0.99, 0.999, 0.1) promoted to double, as glmnet compiles them.
const F32_099 = Math.fround(0.99);
const F32_0999 = Math.fround(0.999);
const EXP_CLIP = Math.log(Number.MAX_VALUE * Math.fround(0.1));

export interface CoxnetInput {
  /** n × p, column-major (x[j*n + i]); not modified. */
  x: Float64Array;
  n: number;
  p: number;
  time: Float64Array;
  status: Uint8Array;
  /** Observation weights (default 1). */
  weights?: Float64Array;
  alpha: number;
  standardize: boolean;
  /** Convergence threshold (glmnet `thresh`). */
  thresh: number;
  /** Maximum total passes over the data (glmnet `maxit`). */
  maxit: number;
  /** User lambdas (any order; sorted decreasingly as glmnet does), or null for the default path. */
  lambda: number[] | null;
  nlambda: number;
  lambdaMinRatio: number;
  /** Stop the path after this many lambdas (user lambdas only; later lambdas cannot change earlier ones). */
  stopAfter?: number;
}

export interface CoxnetPath {
  /** Lambdas actually fitted (first one fixed as R's fix.lam does for a computed path). */
  lambda: number[];
  /** Coefficients on the original scale, one Float64Array(p) per lambda. */
  beta: Float64Array[];
  devRatio: number[];
  nullDeviance: number;
  passes: number;
  /** glmnet's error code: 0, or negative for a truncated path (see `warning`). */
  jerr: number;
  warning: string | null;
}

/** Times as glmnet passes them: censored times nudged up by 100·eps so they sort after deaths. */
export function nudgedTimes(time: Float64Array, status: Uint8Array): Float64Array {
  const out = new Float64Array(time.length);
  const nudge = 100 * Number.EPSILON;
  for (let i = 0; i < time.length; i++) out[i] = time[i] + (1 - status[i]) * nudge;
  return out;
}

interface Work {
  n: number;
  groups: RiskGroups;
  q: Float64Array;
  dq: Float64Array;
  dk: Float64Array;
  u: Float64Array;
}

/** Σ dq·f − Σ dk·log u (glmnet's `risk`). */
function risk(work: Work, f: Float64Array, e: Float64Array): number {
  riskSetSums(work.groups, e, work.u);
  let s1 = 0;
  for (let i = 0; i < work.n; i++) s1 += work.dq[i] * f[i];
  let s2 = 0;
  for (let k = 0; k < work.dk.length; k++) s2 += work.dk[k] * Math.log(work.u[k]);
  return s1 - s2;
}

/** Working weights (Hessian diagonal) and residuals (gradient) at e; false on a non-positive weight. */
function outer(work: Work, e: Float64Array, wr: Float64Array, w: Float64Array): boolean {
  const { groups, dk, u, dq } = work;
  riskSetSums(groups, e, u);
  const { order, groupEnd } = groups;
  let b = 0;
  let c = 0;
  let start = 0;
  for (let k = 0; k < groupEnd.length; k++) {
    if (k === 0) {
      b = dk[0] / u[0];
      c = dk[0] / (u[0] * u[0]);
    } else {
      b = b + dk[k] / u[k];
      c = c + dk[k] / (u[k] * u[k]);
    }
    for (let p = start; p < groupEnd[k]; p++) {
      const i = order[p];
      w[i] = e[i] * (b - e[i] * c);
      if (!(w[i] > 0)) return false;
      wr[i] = dq[i] - e[i] * b;
    }
    start = groupEnd[k];
  }
  return true;
}

function expClipped(q: number, f: number): number {
  const a = Math.min(Math.abs(f), EXP_CLIP);
  return q * Math.exp(f < 0 ? -a : a);
}

function isConstant(x: Float64Array, n: number, j: number): boolean {
  const t = x[j * n];
  for (let i = 1; i < n; i++) if (x[j * n + i] !== t) return false;
  return true;
}

/** Fit glmnet's Cox path. Throws CoxnetDataError for data glmnet rejects. */
export function coxnetPath(input: CoxnetInput): CoxnetPath {
  const { n, p, alpha, thresh, maxit } = input;
  // The arrays the WebAssembly loops read live in their memory (valid until the next path fit).
  const {
    f64: [x, f, w, wr, v, ga, a, vp, bound],
    i32: [toCheck, eligible, active, activeCount, isActive],
  } = kernelWorkspace([n * p, n, n, n, p, p, p, p, p], [p, p, p, 1, p]);
  x.set(input.x);
  const time = nudgedTimes(input.time, input.status);
  const rawW = input.weights ?? new Float64Array(n).fill(1);
  // Column eligibility (chkvars): constant columns never enter.
  const ju = new Uint8Array(p);
  for (let j = 0; j < p; j++) ju[j] = isConstant(x, n, j) ? 0 : 1;
  const q = new Float64Array(n);
  let sw = 0;
  for (let i = 0; i < n; i++) {
    q[i] = Math.max(0, rawW[i]);
    sw += q[i];
  }
  for (let i = 0; i < n; i++) q[i] = q[i] / sw;
  // cstandard: centre always, scale by the weighted (1/n) SD when standardising.
  const xs = new Float64Array(p).fill(1);
  for (let j = 0; j < p; j++) {
    if (!ju[j]) continue;
    const off = j * n;
    let xm = 0;
    for (let i = 0; i < n; i++) xm += q[i] * x[off + i];
    for (let i = 0; i < n; i++) x[off + i] = x[off + i] - xm;
    if (input.standardize) {
      let ss = 0;
      for (let i = 0; i < n; i++) ss += q[i] * (x[off + i] * x[off + i]);
      xs[j] = Math.sqrt(ss);
      for (let i = 0; i < n; i++) x[off + i] = x[off + i] / xs[j];
    }
  }
  vp.fill(1); // penalty factors, rescaled to sum to p: all 1

  const groups = coxnetGroups(time, input.status, q);
  const dq = new Float64Array(n);
  for (let i = 0; i < n; i++) dq[i] = input.status[i] * q[i];
  const dk = groupDeaths(groups, dq);
  const work: Work = { n, groups, q, dq, dk, u: new Float64Array(dk.length) };

  const userLambda = input.lambda !== null;
  const ulam = userLambda ? [...(input.lambda as number[])].sort((a, b) => b - a) : [];
  let nlam = userLambda ? ulam.length : input.nlambda;
  if (input.stopAfter !== undefined && userLambda) nlam = Math.min(nlam, input.stopAfter);
  const flmin = userLambda ? 1 : input.lambdaMinRatio;

  const sml = FDEV * 100;
  const devmax = (DEVMAX * F32_099) / F32_0999;
  const oma = 1 - alpha;
  const e = Float64Array.from(q);
  const r0 = risk(work, f, e);
  let sdk = 0;
  for (let k = 0; k < dk.length; k++) sdk += dk[k] * Math.log(dk[k]);
  const rr = -(sdk + r0);
  const dev0 = rr;
  if (!outer(work, e, wr, w)) throw new CoxnetDataError('numerical error at the null model');
  let alf = 1;
  if (flmin < 1) {
    const eqs = Math.max(MIN_FLMIN, flmin);
    alf = Math.pow(eqs, Math.fround(1 / (nlam - 1))); // Fortran evaluates 1.0/(nlam-1) in single precision
  }
  const as = new Float64Array(p);
  const ixx = new Uint8Array(p);
  const mnl = Math.min(MIN_LAMBDAS, nlam);
  const cthr = thresh * dev0;
  let nlp = 0;
  let jerr = 0;
  let checkCount = 0;
  for (let j = 0; j < p; j++) if (ju[j]) toCheck[checkCount++] = j;
  columnSums(wr, x, n, toCheck, checkCount, ga, false);
  for (let l = 0; l < checkCount; l++) ga[toCheck[l]] = Math.abs(ga[toCheck[l]]);

  const alm: number[] = [];
  const betas: Float64Array[] = [];
  const devs: number[] = [];
  let al = 0;

  for (let j = 0; j < p; j++) bound[j] = BIG * xs[j];
  const cd = new CoordinateSweeper({ x, wr, w, f, a, v, vp, bound, active, activeCount, isActive }, n);
  let eligibleCount = 0;
  const refreshEligible = (): void => {
    eligibleCount = 0;
    for (let j = 0; j < p; j++) if (ixx[j]) eligible[eligibleCount++] = j;
  };

  lambdaLoop: for (let ilm = 1; ilm <= nlam; ilm++) {
    let al0 = al;
    if (flmin >= 1) al = ulam[ilm - 1];
    else if (ilm > 2) al = al * alf;
    else if (ilm === 1) al = BIG;
    else {
      al0 = 0;
      for (let j = 0; j < p; j++) if (ju[j] && vp[j] > 0) al0 = Math.max(al0, ga[j] / vp[j]);
      al0 = al0 / Math.max(alpha, 1e-3);
      al = alf * al0;
    }
    const sa = alpha * al;
    const omal = oma * al;
    const tlam = alpha * (2 * al - al0);
    for (let k = 0; k < p; k++) if (!ixx[k] && ju[k] && ga[k] > tlam * vp[k]) ixx[k] = 1;
    refreshEligible();

    for (;;) {
      // One outer iteration: coordinate descent on the quadratic approximation at the current f.
      if (nlp > maxit) {
        jerr = -ilm;
        break lambdaLoop;
      }
      for (let l = 0; l < cd.activeCount; l++) as[cd.active[l]] = a[cd.active[l]];
      cd.begin(eligible, eligibleCount); // also v_j = Σ w x_j² of the eligible variables
      for (;;) {
        nlp++;
        let dli = cd.sweep(eligible, eligibleCount, sa, omal);
        if (dli < cthr) break;
        if (nlp > maxit) {
          jerr = -ilm;
          break lambdaLoop;
        }
        for (;;) {
          nlp++;
          dli = cd.sweep(cd.active, cd.activeCount, sa, omal);
          if (dli < cthr) break;
          if (nlp > maxit) {
            jerr = -ilm;
            break lambdaLoop;
          }
        }
      }
      for (let i = 0; i < n; i++) e[i] = expClipped(q[i], f[i]);
      if (!outer(work, e, wr, w)) {
        jerr = -30000 - ilm;
        break lambdaLoop;
      }
      let changed = false;
      for (let l = 0; l < cd.activeCount; l++) {
        const k = cd.active[l];
        const d = a[k] - as[k];
        if (!(v[k] * (d * d) < cthr)) {
          changed = true;
          break;
        }
      }
      if (changed) continue;
      // Converged on the eligible set: add any variable that violates the KKT conditions.
      let added = false;
      checkCount = 0;
      for (let k = 0; k < p; k++) if (!ixx[k] && ju[k]) toCheck[checkCount++] = k;
      columnSums(wr, x, n, toCheck, checkCount, ga, false);
      for (let l = 0; l < checkCount; l++) {
        const k = toCheck[l];
        ga[k] = Math.abs(ga[k]);
        if (ga[k] > sa * vp[k]) {
          ixx[k] = 1;
          added = true;
        }
      }
      if (!added) break;
      refreshEligible();
    }

    const coef = new Float64Array(p);
    for (let l = 0; l < cd.activeCount; l++) coef[cd.active[l]] = a[cd.active[l]] / xs[cd.active[l]];
    betas.push(coef);
    alm.push(al);
    devs.push((risk(work, f, e) - r0) / rr);
    if (ilm < mnl || flmin >= 1) continue;
    let nonzero = 0;
    for (let l = 0; l < cd.activeCount; l++) if (a[cd.active[l]] !== 0) nonzero++;
    if (nonzero > p + 1) break;
    const last = devs.length - 1;
    if ((devs[last] - devs[last - mnl + 1]) / devs[last] < sml) break;
    if (devs[last] > devmax) break;
  }

  const lambda = userLambda ? alm : fixFirstLambda(alm);
  return {
    lambda,
    beta: betas,
    devRatio: devs,
    nullDeviance: 2 * sw * dev0,
    passes: nlp,
    jerr,
    warning: jerrMessage(jerr, maxit),
  };
}

/** R's fix.lam: the Fortran's first lambda is "infinity"; replace it by the entry value. */
function fixFirstLambda(lam: number[]): number[] {
  const out = [...lam];
  if (out.length > 2) out[0] = Math.exp(2 * Math.log(out[1]) - Math.log(out[2]));
  return out;
}

function jerrMessage(jerr: number, maxit: number): string | null {
  if (jerr === 0) return null;
  if (jerr < -30000) return `Numerical error at ${-jerr - 30000}th lambda value; solutions for larger values of lambda returned`;
  return `Convergence for ${-jerr}th lambda value not reached after maxit=${maxit} iterations; solutions for larger lambdas returned`;
}

function dot(r: Float64Array, x: Float64Array, off: number, n: number): number {
  let s = 0;
  for (let i = 0; i < n; i++) s += r[i] * x[off + i];
  return s;
}

/**
 * Breslow log partial likelihood with glmnet's risk groups (its `loglike`), at each coefficient
 * vector: Σ w δ η − Σ_k D_k log Σ_{R_k} w e^η, with η centred by the weighted means.
 */
export function coxnetLogLik(
  x: Float64Array,
  n: number,
  p: number,
  time: Float64Array,
  status: Uint8Array,
  weights: Float64Array,
  betas: Float64Array[],
): number[] {
  const ty = nudgedTimes(time, status);
  const q = new Float64Array(n);
  let sw = 0;
  for (let i = 0; i < n; i++) {
    q[i] = Math.max(0, weights[i]);
    sw += q[i];
  }
  const groups = coxnetGroups(ty, status, q);
  const dq = new Float64Array(n);
  for (let i = 0; i < n; i++) dq[i] = status[i] * q[i];
  const dk = groupDeaths(groups, dq);
  const work: Work = { n, groups, q, dq, dk, u: new Float64Array(dk.length) };
  // Centred columns, computed once; β's zero entries are skipped (they add ±0, which changes no
  // sum), the others added in j order for each i as before.
  const centred = new Float64Array(n * p);
  for (let j = 0; j < p; j++) {
    const xm = dot(q, x, j * n, n) / sw;
    for (let i = 0; i < n; i++) centred[j * n + i] = x[j * n + i] - xm;
  }
  const f = new Float64Array(n);
  const e = new Float64Array(n);
  return betas.map((beta) => {
    f.fill(0);
    for (let j = 0; j < p; j++) {
      const b = beta[j];
      if (b === 0) continue;
      const off = j * n;
      for (let i = 0; i < n; i++) f[i] += b * centred[off + i];
    }
    for (let i = 0; i < n; i++) e[i] = expClipped(q[i], f[i]);
    return risk(work, f, e);
  });
}
