// cv.glmnet(x, Surv(time, status), family = "cox", type.measure = "deviance", grouped = TRUE)
// as glmnet 4.1-6 computes it (cv.glmnet.raw, buildPredmat.coxnetlist, cv.coxnet, cvstats,
// getOptcv.glmnet; notes/SURVIVAL_ALGORITHMS.md §5.7):
// - each fold is fitted on its own default lambda path (not the full-data path), and its
//   coefficients are interpolated at the full-data lambdas (clamped at the fold path's ends, so a
//   fold path cut short by a convergence/numerical error contributes its last fit below that);
// - the fold's "V&VH" deviance is D_all(β₋ₖ) − D_train(β₋ₖ), both from glmnet's Breslow loglik;
// - cvm is the event-weighted mean of deviance/events per fold, cvsd its weighted SD / √(K−1);
//   a fold without events adds nothing to either (R's weighted.mean drops zero weights).
import { coxnetLogLik } from './glmnet-coxnet.js';
import {
  coefAt,
  coxDesign,
  fitDesign,
  GlmnetInputError,
  subsetDesign,
  type CoxDesign,
  type GlmnetCoxFit,
  type GlmnetCoxOptions,
} from './glmnet.js';
import { Random } from './random.js';
import type { FeatureMatrix, SurvivalOutcome } from './types.js';

export interface CvGlmnetCoxOptions extends Omit<GlmnetCoxOptions, 'lambda'> {
  /** 1-based fold of each subject (as cv.glmnet's foldid). Takes precedence over nfolds/seed. */
  foldid?: number[];
  /** Number of folds when foldid is not given. Default 10. */
  nfolds?: number;
  /** Seed of the random fold assignment when foldid is not given. */
  seed?: number;
}

export interface CvGlmnetCoxResult {
  /** The full-data lambda path (cv$lambda). */
  lambda: number[];
  cvm: number[];
  cvsd: number[];
  cvup: number[];
  cvlo: number[];
  /** Nonzero coefficients of the full-data fit per lambda. */
  nzero: number[];
  lambdaMin: number;
  lambda1se: number;
  /**
   * 0-based positions of lambdaMin and lambda1se in `lambda`; also their positions in
   * `fit.lambda` / `fit.beta` unless lambdas with a NaN cvsd were dropped (see cvStatistics).
   */
  indexMin: number;
  index1se: number;
  /** The full-data fit (cv$glmnet.fit). */
  fit: GlmnetCoxFit;
  foldid: number[];
  /** Warnings of the fold fits whose path was cut short, as R prints them. */
  warnings: string[];
}

/** R's sample(rep(1:nfolds, length.out = n)) in spirit: balanced folds in a seeded random order. */
export function randomFoldIds(n: number, nfolds: number, seed: number): number[] {
  if (!Number.isInteger(nfolds) || nfolds < 3) throw new GlmnetInputError(`nfolds must be an integer >= 3, got ${nfolds}`);
  if (nfolds > n) throw new GlmnetInputError(`nfolds (${nfolds}) exceeds the number of subjects (${n})`);
  const ids = Array.from({ length: n }, (_, i) => (i % nfolds) + 1);
  return new Random(seed).shuffle(ids);
}

function checkFoldIds(foldid: number[], n: number): number {
  if (foldid.length !== n) throw new GlmnetInputError(`foldid has ${foldid.length} entries, expected ${n}`);
  let k = 0;
  for (const f of foldid) {
    if (!Number.isInteger(f) || f < 1) throw new GlmnetInputError(`fold ids must be integers >= 1, got ${f}`);
    k = Math.max(k, f);
  }
  if (k < 3) throw new GlmnetInputError(`cv needs at least 3 folds, got ${k}`);
  for (let f = 1; f <= k; f++) if (!foldid.includes(f)) throw new GlmnetInputError(`fold ${f} of 1..${k} is empty`);
  return k;
}

/** Grouped partial-likelihood deviance 2(ℓ_sat − ℓ(β)) at each β (coxnet.deviance). */
function coxDeviance(d: CoxDesign, weights: Float64Array, betas: Float64Array[]): number[] {
  // Weights are rescaled to sum to n, as coxnet.deviance does.
  let sw = 0;
  for (const w of weights) sw += w;
  const w = Float64Array.from(weights, (v) => (d.n * v) / sw);
  const byTime = new Map<number, number>();
  for (let i = 0; i < d.n; i++) if (d.status[i] === 1) byTime.set(d.time[i], (byTime.get(d.time[i]) ?? 0) + w[i]);
  let lsat = 0;
  for (const wd of [...byTime.entries()].sort((a, b) => a[0] - b[0]).map((e) => e[1])) if (wd > 0) lsat -= wd * Math.log(wd);
  const loglik = coxnetLogLik(d.x, d.n, d.p, d.time, d.status, w, betas);
  return loglik.map((l) => 2 * (lsat - l));
}

/** The fits a cross-validation needs: the full data and each fold's training part. */
export interface CvPlan {
  foldid: number[];
  nfolds: number;
  weights: Float64Array;
  fitOptions: GlmnetCoxOptions;
  folds: Array<{ fold: number; design: CoxDesign; weights: Float64Array; events: number }>;
}

export function planCv(d: CoxDesign, options: CvGlmnetCoxOptions = {}): CvPlan {
  const foldid = options.foldid ?? randomFoldIds(d.n, options.nfolds ?? 10, options.seed ?? 0);
  const nfolds = checkFoldIds(foldid, d.n);
  const weights = options.weights ?? new Float64Array(d.n).fill(1);
  const { foldid: _f, nfolds: _n, seed: _s, ...glmnetOptions } = options;
  const fitOptions: GlmnetCoxOptions = { ...glmnetOptions, weights };
  const folds: CvPlan['folds'] = [];
  for (let k = 1; k <= nfolds; k++) {
    const train: number[] = [];
    let events = 0;
    for (let i = 0; i < d.n; i++) {
      if (foldid[i] !== k) train.push(i);
      else events += weights[i] * d.status[i];
    }
    folds.push({ fold: k, design: subsetDesign(d, train), weights: Float64Array.from(train, (i) => weights[i]), events });
  }
  return { foldid, nfolds, weights, fitOptions, folds };
}

/** Cross-validated penalised Cox on a checked design (all fits in this thread). */
export function cvDesign(d: CoxDesign, options: CvGlmnetCoxOptions = {}): CvGlmnetCoxResult {
  const plan = planCv(d, options);
  const fit = fitDesign(d, plan.fitOptions);
  const foldFits = plan.folds.map((f) => fitDesign(f.design, { ...plan.fitOptions, weights: f.weights }));
  return summarizeCv(d, plan, fit, foldFits);
}

/** cvm, cvsd and the optimum from the full-data fit and the fold fits. */
export function summarizeCv(d: CoxDesign, plan: CvPlan, fit: GlmnetCoxFit, foldFits: Array<Pick<GlmnetCoxFit, 'lambda' | 'beta' | 'warning'>>): CvGlmnetCoxResult {
  const { weights, foldid } = plan;
  const lambda = fit.lambda;
  const L = lambda.length;
  const cvraw: number[][] = [];
  const foldEvents: number[] = [];
  const warnings: string[] = [];
  plan.folds.forEach((fold, k) => {
    const foldFit = foldFits[k];
    if (foldFit.warning) warnings.push(`fold ${fold.fold}: ${foldFit.warning}`);
    const coefs = lambda.map((s) => coefAt(foldFit, s));
    const all = coxDeviance(d, weights, coefs);
    const trainDev = coxDeviance(fold.design, fold.weights, coefs);
    cvraw.push(all.map((v, l) => v - trainDev[l]));
    foldEvents.push(fold.events);
  });
  const { keep, cvm, cvsd } = cvStatistics(cvraw, foldEvents, L);
  if (keep.length === 0 || !keep.some((l) => Number.isFinite(cvm[l]))) {
    throw new GlmnetInputError(`cross-validation gave no lambda with a finite CV deviance (events per fold: ${foldEvents.join(', ')})`);
  }
  const kept = {
    lambda: keep.map((l) => lambda[l]),
    cvm: keep.map((l) => cvm[l]),
    cvsd: keep.map((l) => cvsd[l]),
    nzero: keep.map((l) => fit.df[l]),
  };
  // getOptcv.glmnet: the largest lambda at the minimum, and the largest within one SE of it
  // (min/max with na.rm: NaN never qualifies, as NaN <= x is false).
  const cvmin = Math.min(...kept.cvm.filter((v) => !Number.isNaN(v)));
  let indexMin = kept.cvm.findIndex((v) => v <= cvmin);
  const bound = kept.cvm[indexMin] + kept.cvsd[indexMin];
  const index1se = kept.cvm.findIndex((v) => v <= bound);
  indexMin = kept.lambda.indexOf(kept.lambda[indexMin]);
  return {
    lambda: kept.lambda,
    cvm: kept.cvm,
    cvsd: kept.cvsd,
    cvup: kept.cvm.map((v, l) => v + kept.cvsd[l]),
    cvlo: kept.cvm.map((v, l) => v - kept.cvsd[l]),
    nzero: kept.nzero,
    lambdaMin: kept.lambda[indexMin],
    lambda1se: kept.lambda[index1se],
    indexMin,
    index1se,
    fit,
    foldid: [...foldid],
    warnings,
  };
}

/**
 * cv.coxnet + cvstats of glmnet 4.1-6, NaN/Inf handling included: cvraw_k = dev_k / events_k (a
 * fold without events gives ±Inf, or NaN when its deviance difference is exactly 0); R's
 * weighted.mean(na.rm = TRUE) drops NaN entries and then every zero-weight entry from the sum,
 * dividing by the weights left, so such a fold adds nothing to cvm or to cvsd's sum; N counts the
 * folds whose value is not NaN (an Inf one still counts); lambdas whose cvsd is NaN are dropped.
 */
export function cvStatistics(cvraw: number[][], foldEvents: number[], L: number): { keep: number[]; cvm: number[]; cvsd: number[] } {
  const K = foldEvents.length;
  const weightedMean = (values: number[]): number => {
    let sum = 0;
    let sw = 0;
    for (let k = 0; k < K; k++) {
      if (Number.isNaN(values[k])) continue;
      sw += foldEvents[k];
      if (foldEvents[k] !== 0) sum += values[k] * foldEvents[k];
    }
    return sum / sw;
  };
  const keep: number[] = [];
  const cvm: number[] = [];
  const cvsd: number[] = [];
  for (let l = 0; l < L; l++) {
    const perEvent = cvraw.map((row, k) => row[l] / foldEvents[k]);
    const m = weightedMean(perEvent);
    const notNaN = perEvent.filter((v) => !Number.isNaN(v)).length;
    const sd = Math.sqrt(weightedMean(perEvent.map((v) => (v - m) ** 2)) / (notNaN - 1));
    cvm.push(m);
    cvsd.push(sd);
    if (!Number.isNaN(sd)) keep.push(l);
  }
  return { keep, cvm, cvsd };
}

/** cv.glmnet(x, Surv(time, status), family = "cox", type.measure = "deviance", grouped = TRUE). */
export function cvGlmnetCox(x: FeatureMatrix, y: SurvivalOutcome, options: CvGlmnetCoxOptions = {}): CvGlmnetCoxResult {
  return cvDesign(coxDesign(x, y), options);
}
