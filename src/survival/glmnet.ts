// Penalised Cox regression (elastic net / Lasso) with glmnet 4.1-6's objective, standardisation,
// default lambda path and path-stopping rules: glmnet(x, Surv(time, status), family = "cox").
// The solver is in glmnet-coxnet.ts, cross-validation in glmnet-cv.ts.
import { coxnetPath, CoxnetDataError } from './glmnet-coxnet.js';
import type { FeatureMatrix, SurvivalOutcome } from './types.js';

export { CoxnetDataError } from './glmnet-coxnet.js';

/** Bad input or options given to the glmnet functions. */
export class GlmnetInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'GlmnetInputError';
  }
}

export interface GlmnetCoxOptions {
  /** Elastic-net mixing: 1 = Lasso, 0 = ridge. Default 1. */
  alpha?: number;
  /** Standardise columns by their 1/n SD before fitting (coefficients are returned unscaled). Default true. */
  standardize?: boolean;
  /** Coordinate-descent threshold, relative to the null deviance per unit weight. Default 1e-7. */
  thresh?: number;
  /** Maximum total passes over the data, over all lambdas. Default 1e5. */
  maxit?: number;
  /** User lambdas; when omitted glmnet's default path is computed. */
  lambda?: number[];
  /** Number of lambdas on the default path. Default 100. */
  nlambda?: number;
  /** Smallest lambda as a fraction of lambda max. Default 1e-4 if n > p, else 1e-2. */
  lambdaMinRatio?: number;
  /** Observation weights. Default 1 each. */
  weights?: Float64Array;
}

export interface GlmnetCoxFit {
  names: string[];
  alpha: number;
  /** Lambdas fitted, decreasing (glmnet's `fit$lambda`). */
  lambda: number[];
  /** Coefficients on the original scale, one Float64Array (in `names` order) per lambda. */
  beta: Float64Array[];
  /** Number of nonzero coefficients per lambda. */
  df: number[];
  /** Fraction of null deviance explained per lambda. */
  devRatio: number[];
  nullDeviance: number;
  /** Total coordinate-descent passes. */
  passes: number;
  /** glmnet's warning when the path was cut short (convergence or numerical error), else null. */
  warning: string | null;
}

/** Data in the layout the solver uses, checked once. */
export interface CoxDesign {
  names: string[];
  /** n × p column-major. */
  x: Float64Array;
  n: number;
  p: number;
  time: Float64Array;
  status: Uint8Array;
}

/** Checks x and y and packs x column-major. */
export function coxDesign(x: FeatureMatrix, y: SurvivalOutcome): CoxDesign {
  const n = y.time.length;
  if (y.status.length !== n) throw new GlmnetInputError(`time has ${n} entries but status has ${y.status.length}`);
  let events = 0;
  for (let i = 0; i < n; i++) {
    const t = y.time[i];
    if (!Number.isFinite(t) || t <= 0) throw new GlmnetInputError(`time[${i}] = ${t}: Cox times must be positive and finite`);
    const s = y.status[i];
    if (s !== 0 && s !== 1) throw new GlmnetInputError(`status[${i}] = ${s} is not 0 or 1`);
    events += s;
  }
  if (events < 2) throw new GlmnetInputError(`needs at least 2 events, got ${events}`);
  const p = x.columns.length;
  if (x.names.length !== p) throw new GlmnetInputError(`${x.names.length} feature names but ${p} columns`);
  if (p < 2) throw new GlmnetInputError(`glmnet needs at least 2 feature columns, got ${p}`);
  const packed = new Float64Array(n * p);
  x.columns.forEach((col, j) => {
    const name = x.names[j];
    if (col.length !== n) throw new GlmnetInputError(`feature ${name} has ${col.length} values, expected ${n}`);
    let constant = true;
    for (let i = 0; i < n; i++) {
      const v = col[i];
      if (!Number.isFinite(v)) throw new GlmnetInputError(`feature ${name} has a missing or non-finite value at row ${i}`);
      if (v !== col[0]) constant = false;
      packed[j * n + i] = v;
    }
    if (constant) throw new GlmnetInputError(`feature ${name} is constant`);
  });
  return { names: [...x.names], x: packed, n, p, time: Float64Array.from(y.time), status: Uint8Array.from(y.status) };
}

/** Rows `rows` of a design (fold training sets). */
export function subsetDesign(d: CoxDesign, rows: number[]): CoxDesign {
  const m = rows.length;
  const x = new Float64Array(m * d.p);
  for (let j = 0; j < d.p; j++) for (let r = 0; r < m; r++) x[j * m + r] = d.x[j * d.n + rows[r]];
  return {
    names: d.names,
    x,
    n: m,
    p: d.p,
    time: Float64Array.from(rows, (r) => d.time[r]),
    status: Uint8Array.from(rows, (r) => d.status[r]),
  };
}

export function checkAlpha(alpha: number): number {
  if (!(alpha >= 0 && alpha <= 1)) throw new GlmnetInputError(`alpha must be in [0, 1], got ${alpha}`);
  return alpha;
}

/** Fit on a checked design (used by cross-validation for the fold fits). */
export function fitDesign(d: CoxDesign, options: GlmnetCoxOptions = {}, stopAfter?: number): GlmnetCoxFit {
  const alpha = checkAlpha(options.alpha ?? 1);
  const lambda = options.lambda ?? null;
  if (lambda !== null) {
    if (lambda.length === 0) throw new GlmnetInputError('lambda is empty');
    for (const l of lambda) if (!(l >= 0) || !Number.isFinite(l)) throw new GlmnetInputError(`lambdas must be non-negative and finite, got ${l}`);
  }
  const lambdaMinRatio = options.lambdaMinRatio ?? (d.n < d.p ? 1e-2 : 1e-4);
  if (!(lambdaMinRatio > 0 && lambdaMinRatio < 1)) throw new GlmnetInputError(`lambdaMinRatio must be in (0, 1), got ${lambdaMinRatio}`);
  const nlambda = options.nlambda ?? 100;
  if (!Number.isInteger(nlambda) || nlambda < 3) throw new GlmnetInputError(`nlambda must be an integer >= 3, got ${nlambda}`);
  if (options.weights) {
    if (options.weights.length !== d.n) throw new GlmnetInputError(`weights has ${options.weights.length} entries, expected ${d.n}`);
    for (const w of options.weights) if (!(w >= 0) || !Number.isFinite(w)) throw new GlmnetInputError(`weights must be non-negative and finite, got ${w}`);
  }
  let path;
  try {
    path = coxnetPath({
      x: d.x,
      n: d.n,
      p: d.p,
      time: d.time,
      status: d.status,
      weights: options.weights,
      alpha,
      standardize: options.standardize ?? true,
      thresh: options.thresh ?? 1e-7,
      maxit: options.maxit ?? 1e5,
      lambda,
      nlambda,
      lambdaMinRatio,
      stopAfter,
    });
  } catch (err) {
    if (err instanceof CoxnetDataError) throw new GlmnetInputError(`glmnet cannot fit these data: ${err.message}`);
    throw err;
  }
  if (path.beta.length === 0) throw new GlmnetInputError(`glmnet fit failed at the first lambda: ${path.warning}`);
  return {
    names: d.names,
    alpha,
    lambda: path.lambda,
    beta: path.beta,
    df: path.beta.map((b) => b.reduce((s, v) => s + (v !== 0 ? 1 : 0), 0)),
    devRatio: path.devRatio,
    nullDeviance: path.nullDeviance,
    passes: path.passes,
    warning: path.warning,
  };
}

/** glmnet(x, Surv(time, status), family = "cox", ...). */
export function glmnetCox(x: FeatureMatrix, y: SurvivalOutcome, options: GlmnetCoxOptions = {}): GlmnetCoxFit {
  return fitDesign(coxDesign(x, y), options);
}

/**
 * Coefficients at lambda s as predict.glmnet / coef(fit, s) gives them: linear interpolation in
 * lambda between the neighbouring path lambdas (lambda.interp), clamped to the path's ends.
 */
export function coefAt(fit: Pick<GlmnetCoxFit, 'lambda' | 'beta'>, s: number): Float64Array {
  const { lambda, beta } = fit;
  const k = lambda.length;
  const p = beta[0].length;
  if (k === 1) return Float64Array.from(beta[0]);
  const span = lambda[0] - lambda[k - 1];
  const scaled = lambda.map((l) => (lambda[0] - l) / span); // increasing from 0 to 1
  let frac = (lambda[0] - s) / span;
  frac = Math.min(Math.max(frac, scaled[0]), scaled[k - 1]);
  const coord = approxIndex(scaled, frac);
  const left = Math.floor(coord);
  const right = Math.ceil(coord);
  let w = (frac - scaled[right - 1]) / (scaled[left - 1] - scaled[right - 1]);
  if (left === right || Math.abs(scaled[left - 1] - scaled[right - 1]) < Number.EPSILON) w = 1;
  const out = new Float64Array(p);
  const bl = beta[left - 1];
  const br = beta[right - 1];
  for (let j = 0; j < p; j++) out[j] = bl[j] * w + br[j] * (1 - w);
  return out;
}

/** R's approx(xs, 1..k, v)$y for increasing xs (bisection, then linear interpolation). */
function approxIndex(xs: number[], v: number): number {
  let i = 0;
  let j = xs.length - 1;
  while (i < j - 1) {
    const mid = Math.floor((i + j) / 2);
    if (v < xs[mid]) j = mid;
    else i = mid;
  }
  if (v === xs[j]) return j + 1;
  if (v === xs[i]) return i + 1;
  return i + 1 + ((j + 1) - (i + 1)) * ((v - xs[i]) / (xs[j] - xs[i]));
}
