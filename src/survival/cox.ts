// Cox proportional hazards by Newton–Raphson, as survival 3.5-3 coxph runs it
// (R/coxph.fit.R, src/coxfit6.c): β⁰ = 0, score test at β⁰, Newton steps with step-halving
// ((new + h·old)/(h + 1)), convergence when |1 − best/ℓ(newβ)| ≤ eps, returning the last
// evaluated β and I(β)⁻¹; summary.coxph tests (R/summary.coxph.R, coxph.wtest). Notes §1.
//
// Failure policy (documented choice): instead of R's warnings with a usable-looking fit,
//  - running out of iterations throws CoxConvergenceError;
//  - a singular information matrix (constant or collinear columns, R's NA coefficients) throws
//    SingularDesignError naming the terms;
//  - R's "Loglik converged before variable j; coefficient may be infinite" (monotone likelihood)
//    throws CoxSeparationError, unless `separation: 'flag'`, which returns the fit with
//    `infinite[j] = true` (stepAIC uses this to follow MASS, which keeps such fits).
import { concordance, type ConcordanceResult } from './concordance.js';
import { evaluateCox, prepareDesign, type CoxDesign, type Ties } from './cox-likelihood.js';
import { chiSquareUpper, normalCdf, Z_975 } from './distributions.js';
import { CoxConvergenceError, CoxSeparationError, NotEnoughEventsError, SingularDesignError, SurvivalInputError } from './errors.js';
import { cholesky2, choleskyInverse, choleskySolve } from './linalg.js';
import type { FeatureMatrix, SurvivalOutcome } from './types.js';

export type { Ties } from './cox-likelihood.js';

export interface CoxOptions {
  ties?: Ties;
  /** Relative loglik change for convergence (coxph.control eps; R default 1e-9). */
  eps?: number;
  /** coxph.control iter.max (R default 20). */
  iterMax?: number;
  /** Cholesky pivot tolerance (coxph.control toler.chol = eps_machine^0.75). */
  tolerChol?: number;
  /** Separation handling: throw (default) or flag `infinite` and return. */
  separation?: 'error' | 'flag';
  /** Compute fit$concordance (O(n²)); default true. */
  concordance?: boolean;
  /**
   * Starting coefficients (coxph's init; default 0). As in R, loglikNull, the score test and the
   * Wald test then refer to init (ℓ(init), u(init), β − init).
   */
  init?: ArrayLike<number>;
}

export interface ChiSquareTest {
  stat: number;
  df: number;
  p: number;
}

export interface CoxFit {
  terms: string[];
  ties: Ties;
  coef: Float64Array;
  se: Float64Array;
  z: Float64Array;
  pWald: Float64Array;
  hr: Float64Array;
  hrLower: Float64Array;
  hrUpper: Float64Array;
  /** Row-major p×p covariance matrix. */
  vcov: Float64Array;
  /** coxph's means (0 for columns with all values in {−1, 0, 1}). */
  means: Float64Array;
  loglikNull: number;
  loglik: number;
  /** −2ℓ + 2p. */
  aic: number;
  n: number;
  nevent: number;
  iter: number;
  lrt: ChiSquareTest;
  /** Unrounded βᵀV⁻¹β (summary.coxph prints it rounded to 2 decimals). */
  waldTest: ChiSquareTest;
  scoreTest: ChiSquareTest;
  /** Score at the final β (original scale). */
  score: Float64Array;
  /** True for coefficients R would warn "may be infinite" about (only with separation: 'flag'). */
  infinite: boolean[];
  /** Centred linear predictor Σβ(x − means), in input row order. */
  linearPredictor: Float64Array;
  concordance?: ConcordanceResult;
}

const DEFAULT_TOLER_CHOL = Math.pow(Number.EPSILON, 0.75);

/** Fits coxph(Surv(time, status) ~ x) with unit weights and no strata. */
export function coxFit(outcome: SurvivalOutcome, x: FeatureMatrix, options: CoxOptions = {}): CoxFit {
  const m = maximise(outcome, x, options);
  return summarise(m.design, outcome, x, m.beta, m.init, m.current.loglik, m.loglikNull, m.current.u, choleskyInverse(m.chol), m.scoreStat, m.iter, m.ties, m.eps, options);
}

/**
 * The coefficients and maximised log-likelihood of coxFit's model, without its tests and summaries
 * (what stepwise selection compares; the same numbers as coxFit's coef and loglik).
 */
export function coxFitLoglik(outcome: SurvivalOutcome, x: FeatureMatrix, options: CoxOptions = {}): { coef: Float64Array; loglik: number } {
  const m = maximise(outcome, x, options);
  return { coef: m.beta.map((b, j) => b * m.design.scale[j]!), loglik: m.current.loglik };
}

/** coxph's Newton–Raphson from init: the scaled β at convergence and what the summaries need. */
function maximise(outcome: SurvivalOutcome, x: FeatureMatrix, options: CoxOptions) {
  const ties = options.ties ?? 'efron';
  const eps = options.eps ?? 1e-9;
  const iterMax = options.iterMax ?? 20;
  const tolerChol = options.tolerChol ?? DEFAULT_TOLER_CHOL;
  const p = x.columns.length;
  if (p === 0) throw new SurvivalInputError('Cox model needs at least one covariate');
  const names = x.names;
  const design = prepareDesign(outcome, x);
  if (design.nevent === 0) throw new NotEnoughEventsError('Cox model needs at least one event; the outcome has none');
  if (design.nevent < p) {
    throw new NotEnoughEventsError(`Cox model with ${p} covariates needs at least ${p} events; the outcome has ${design.nevent}`);
  }

  if (options.init && options.init.length !== p) throw new SurvivalInputError(`Cox init has ${options.init.length} values for ${p} covariates`);
  const init = Float64Array.from({ length: p }, (_, j) => options.init?.[j] ?? 0);
  const beta = init.map((b, j) => b / design.scale[j]!);
  let current = evaluateCox(design, beta, ties);
  const loglikNull = current.loglik;
  let chol = cholesky2(current.imat, p, tolerChol);
  if (chol.rank < p) throw singular(chol.singular, names);
  const step0 = choleskySolve(chol, current.u);
  let scoreStat = 0;
  for (let j = 0; j < p; j++) scoreStat += current.u[j]! * step0[j]!;
  const newBeta = beta.map((b, j) => b + step0[j]!);
  let best = loglikNull;
  let halving = 0;
  let converged = false;
  let iter = 0;
  for (iter = 1; iter <= iterMax; iter++) {
    current = evaluateCox(design, newBeta, ties);
    const finite = Number.isFinite(current.loglik) && current.u.every(Number.isFinite) && current.imat.every(Number.isFinite);
    if (finite && Math.abs(1 - best / current.loglik) <= eps) {
      beta.set(newBeta);
      converged = true;
      break;
    }
    if (iter === iterMax) break;
    if (!finite || current.loglik < best) {
      halving++;
      for (let j = 0; j < p; j++) newBeta[j] = (newBeta[j]! + halving * beta[j]!) / (halving + 1);
    } else {
      halving = 0;
      best = current.loglik;
      beta.set(newBeta);
      chol = cholesky2(current.imat, p, tolerChol);
      const step = choleskySolve(chol, current.u);
      for (let j = 0; j < p; j++) newBeta[j] = beta[j]! + step[j]!;
    }
  }
  if (!converged) {
    throw new CoxConvergenceError(
      `Cox model (${names.join(', ')}) did not converge in ${iterMax} Newton–Raphson iterations (eps ${eps})`,
    );
  }
  chol = cholesky2(current.imat, p, tolerChol);
  if (chol.rank < p) throw singular(chol.singular, names);
  return { design, beta, init, current, loglikNull, chol, scoreStat, iter, ties, eps };
}

function singular(columns: number[], names: string[]): SingularDesignError {
  const terms = columns.map((j) => names[j]!);
  return new SingularDesignError(
    `Cox design is singular: ${terms.join(', ')} ${terms.length === 1 ? 'is' : 'are'} constant or a linear combination of the other covariates`,
    terms,
  );
}

function summarise(
  design: CoxDesign,
  outcome: SurvivalOutcome,
  x: FeatureMatrix,
  scaledBeta: Float64Array,
  init: Float64Array,
  loglik: number,
  loglikNull: number,
  scaledScore: Float64Array,
  scaledVar: Float64Array,
  scoreStat: number,
  iter: number,
  ties: Ties,
  eps: number,
  options: CoxOptions,
): CoxFit {
  const p = design.p;
  const s = design.scale;
  const coef = scaledBeta.map((b, j) => b * s[j]!);
  const score = scaledScore.map((u, j) => u / s[j]!);
  const vcov = new Float64Array(p * p);
  for (let a = 0; a < p; a++) for (let c = 0; c < p; c++) vcov[a * p + c] = scaledVar[a * p + c]! * s[a]! * s[c]!;
  const se = Float64Array.from({ length: p }, (_, j) => Math.sqrt(vcov[j * p + j]!));
  const z = coef.map((b, j) => b / se[j]!);
  const pWald = z.map((v) => 2 * normalCdf(-Math.abs(v)));

  // coxph.fit: "Loglik converged before variable j; coefficient may be infinite".
  const tolerInf = Math.sqrt(eps);
  const iterMax = options.iterMax ?? 20;
  const infinite = Array.from({ length: p }, (_, j) => {
    let uv = 0;
    for (let a = 0; a < p; a++) uv += score[a]! * vcov[a * p + j]!;
    return iterMax > 1 && Math.abs(uv) > eps && Math.abs(uv) > tolerInf * Math.abs(coef[j]!);
  });
  if (infinite.some(Boolean) && (options.separation ?? 'error') === 'error') {
    const terms = x.names.filter((_, j) => infinite[j]);
    throw new CoxSeparationError(
      `Cox model: the log-likelihood converged before ${terms.join(', ')}; the coefficient may be infinite (monotone likelihood / separation)`,
      terms,
    );
  }
  const waldChol = cholesky2(vcov, p, DEFAULT_TOLER_CHOL);
  const shift = coef.map((b, j) => b - init[j]!);
  const waldSol = choleskySolve(waldChol, shift);
  let wald = 0;
  for (let j = 0; j < p; j++) wald += shift[j]! * waldSol[j]!;
  const lrt = 2 * (loglik - loglikNull);

  const n = design.n;
  const linearPredictor = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let v = 0;
    for (let j = 0; j < p; j++) v += coef[j]! * (x.columns[j]![i]! - design.means[j]!);
    linearPredictor[i] = v;
  }
  const fit: CoxFit = {
    terms: [...x.names],
    ties,
    coef,
    se,
    z,
    pWald,
    hr: coef.map(Math.exp),
    hrLower: coef.map((b, j) => Math.exp(b - Z_975 * se[j]!)),
    hrUpper: coef.map((b, j) => Math.exp(b + Z_975 * se[j]!)),
    vcov,
    means: Float64Array.from(design.means),
    loglikNull,
    loglik,
    aic: -2 * loglik + 2 * p,
    n,
    nevent: design.nevent,
    iter,
    lrt: { stat: lrt, df: p, p: chiSquareUpper(lrt, p) },
    waldTest: { stat: wald, df: p, p: chiSquareUpper(wald, p) },
    scoreTest: { stat: scoreStat, df: p, p: chiSquareUpper(scoreStat, p) },
    score,
    infinite,
    linearPredictor,
  };
  if (options.concordance ?? true) fit.concordance = concordance(outcome, linearPredictor);
  return fit;
}

/** Uncentred linear predictor Σ β_j x_ij of new rows (the study's radscore). */
export function linearPredictor(fit: CoxFit, x: FeatureMatrix): Float64Array {
  const cols = fit.terms.map((t) => {
    const j = x.names.indexOf(t);
    if (j < 0) throw new SurvivalInputError(`column '${t}' of the Cox model is missing from the data`);
    return x.columns[j]!;
  });
  const n = cols[0]!.length;
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let v = 0;
    for (let j = 0; j < cols.length; j++) v += fit.coef[j]! * cols[j]![i]!;
    out[i] = v;
  }
  return out;
}
