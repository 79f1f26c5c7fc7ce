// cv.CoxBoost (type "verweij") and CoxBoost as a feature selector; the boosting itself is in
// coxboost.ts (R package CoxBoost 1.5.1, cran/CoxBoost: R/CoxBoost.R cv.CoxBoost).
import type { FeatureMatrix, SurvivalOutcome } from '../types.js';
import { Random } from '../random.js';
import { type CoxBoostOptions, COXBOOST_METHOD as METHOD, fitCoxBoost, linearPredictorOfColumns, originalScaleCoefficients } from './coxboost.js';
import { EfronRiskSets } from './efron-risk-sets.js';
import {
  type FeatureSelector,
  type SelectorOptions,
  SelectorInputError,
  checkPositiveInteger,
  checkSelectorInput,
  importanceRecord,
} from './types.js';

export interface CvCoxBoostOptions extends CoxBoostOptions {
  seed: number;
  /** maximum number of steps evaluated (R maxstepno), default 100 */
  maxStepno?: number;
  /** number of folds (R K), default 10; K >= events means leave-one-out */
  folds?: number;
}

export interface CvCoxBoostResult {
  /** mean over folds of the Verweij–van Houwelingen criterion at steps 0..maxStepno */
  meanLogLik: Float64Array;
  seLogLik: Float64Array;
  optimalStep: number;
  /** row indices held out in each fold */
  folds: number[][];
}

function drawFolds(status: Uint8Array, k: number, random: Random): number[][] {
  const n = status.length;
  for (let attempt = 0; attempt < 1000; attempt++) {
    const perm = random.shuffle(Array.from({ length: n }, (_, i) => i));
    const folds: number[][] = Array.from({ length: k }, () => []);
    perm.forEach((row, pos) => folds[pos % k]!.push(row));
    const total = status.reduce((a, b) => a + b, 0);
    const ok = folds.every((fold) => {
      const ev = fold.reduce((a, row) => a + status[row]!, 0);
      return ev > 0 && total - ev > 0;
    });
    if (ok) return folds;
  }
  throw new SelectorInputError(`${METHOD}: could not draw ${k} folds that each hold an event`);
}

/**
 * cv.CoxBoost with type = "verweij": fold k scores ll_all(beta_-k) - ll_-k(beta_-k) at each step
 * 0..maxStepno; the optimal step maximises the mean (first maximum; step 0 counts).
 */
export function cvCoxBoost(x: FeatureMatrix, y: SurvivalOutcome, options: CvCoxBoostOptions): CvCoxBoostResult {
  checkSelectorInput(x, y, METHOD);
  const maxStepno = options.maxStepno ?? 100;
  const k = options.folds ?? 10;
  checkPositiveInteger(maxStepno, 'maxStepno', METHOD);
  if (!Number.isInteger(k) || k < 2) throw new SelectorInputError(`${METHOD}: folds must be an integer >= 2, got ${k}`);
  const n = y.time.length;
  const events = y.status.reduce((a, b) => a + b, 0);
  const penalty = options.penalty ?? 9 * events;
  const folds =
    k >= events ? Array.from({ length: n }, (_, i) => [i]) : drawFolds(y.status, k, new Random(options.seed));
  const all = new EfronRiskSets(y.time, y.status);
  const criterion = folds.map((fold) => {
    const held = new Set(fold);
    const train = Array.from({ length: n }, (_, i) => i).filter((i) => !held.has(i));
    const fit = fitCoxBoost(x, y, { ...options, penalty, stepno: maxStepno }, train);
    const trainSets = new EfronRiskSets(y.time, y.status, train);
    const values = new Float64Array(maxStepno + 1);
    for (let s = 0; s <= maxStepno; s++) {
      const lp = linearPredictorOfColumns(fit, x.columns, n, s);
      values[s] = all.logLik(lp) - trainSets.logLik(lp);
    }
    return values;
  });
  const meanLogLik = new Float64Array(maxStepno + 1);
  const seLogLik = new Float64Array(maxStepno + 1);
  const nf = criterion.length;
  let optimalStep = 0;
  for (let s = 0; s <= maxStepno; s++) {
    let sum = 0;
    for (const c of criterion) sum += c[s]!;
    const mean = sum / nf;
    let ss = 0;
    for (const c of criterion) ss += (c[s]! - mean) ** 2;
    meanLogLik[s] = mean;
    seLogLik[s] = Math.sqrt(ss / (nf - 1)) / Math.sqrt(nf);
    if (mean > meanLogLik[optimalStep]!) optimalStep = s;
  }
  return { meanLogLik, seLogLik, optimalStep, folds };
}

export interface CoxBoostSelectorOptions extends SelectorOptions, CoxBoostOptions {
  /** a fixed number of steps, or "cv" (default) to choose it by cvCoxBoost */
  steps?: number | 'cv';
  maxStepno?: number;
  folds?: number;
}

/** CoxBoost as a selector: selected = non-zero coefficients at the chosen step; importance = |standardised coefficient|. */
export const coxBoostSelector: FeatureSelector<CoxBoostSelectorOptions> = (x, y, options) => {
  checkSelectorInput(x, y, METHOD);
  const steps = options.steps ?? 'cv';
  const events = y.status.reduce((a, b) => a + b, 0);
  const penalty = options.penalty ?? 9 * events;
  let stepno: number;
  let cv: CvCoxBoostResult | undefined;
  if (steps === 'cv') {
    cv = cvCoxBoost(x, y, { ...options, penalty });
    stepno = cv.optimalStep;
  } else {
    if (!Number.isInteger(steps) || steps < 0) throw new SelectorInputError(`${METHOD}: steps must be "cv" or an integer >= 0, got ${steps}`);
    stepno = steps;
  }
  const fit = fitCoxBoost(x, y, { ...options, penalty, stepno });
  const coef = fit.coefficients[stepno]!;
  const original = originalScaleCoefficients(fit, stepno);
  return {
    method: 'coxboost',
    selected: fit.names.filter((_, j) => coef[j] !== 0),
    importance: importanceRecord(fit.names, coef.map(Math.abs)),
    parameters: {
      seed: options.seed,
      steps: stepno,
      stepsChosenBy: steps === 'cv' ? 'cv.CoxBoost (verweij)' : 'given',
      maxStepno: steps === 'cv' ? (options.maxStepno ?? 100) : undefined,
      folds: steps === 'cv' ? cv!.folds.length : undefined,
      penalty,
      stepsizeFactor: options.stepsizeFactor ?? 1,
      sfScheme: options.sfScheme ?? 'sigmoid',
      unpenalized: options.unpenalized ?? [],
      standardize: fit.standardize,
      ties: 'efron (CoxBoost weight matrix)',
      coefficients: importanceRecord(fit.names, coef),
      coefficientsOriginalScale: importanceRecord(fit.names, original),
      cvMeanLogLik: cv ? Array.from(cv.meanLogLik) : undefined,
    },
  };
};
