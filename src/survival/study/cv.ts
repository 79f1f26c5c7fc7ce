// Repeated stratified k-fold cross-validation of the WHOLE recipe: in each training fold the
// z-score, the univariate screen, the six selectors, the intersection and stepwise AIC are refitted
// on the training rows only; the validation rows are z-scored with the training means/SDs and
// scored with the training model. Each repeat depends only on (data, config, repeat index), so
// repeats can run in any order on any number of workers.
import { linearPredictor } from '../cox.js';
import { stratifiedKFold, type Fold } from '../folds.js';
import type { FeatureMatrix, SurvivalOutcome } from '../types.js';
import { selectColumns, subsetOutcome, subsetRows } from '../data.js';
import { applyZScore, type ZScoreModel } from '../zscore.js';
import { SELECTOR_NAMES, type StudyConfig } from './config.js';
import { aucAt, type AucAtHorizon } from './evaluate.js';
import { fitPipeline, isDataError } from './pipeline.js';
import { deriveSeed } from './seeds.js';

export interface CvFold {
  repeat: number;
  fold: number;
  /** Row indices (0-based, input order) of the validation patients. */
  validationRows: number[];
  nTrain: number;
  nValidation: number;
  /** Seed of each selector in this fold (deriveSeed(seed, `cv/r<r>/f<f>/<name>`)). */
  selectorSeeds: Record<string, number>;
  screened: number;
  selectorSizes: Record<string, number>;
  candidates: { rule: string; minVotes: number | null; count: number };
  model: Array<{ feature: string; coef: number }> | null;
  /** Why this fold has no model (AUCs are then null). */
  stoppedAt: string | null;
  trainAuc: AucAtHorizon[];
  validationAuc: AucAtHorizon[];
}

export interface CvRepeat {
  repeat: number;
  foldSeed: number;
  folds: CvFold[];
}

/** The z-score parameters of the given features only. */
function termZScore(zscore: ZScoreModel, names: string[]): ZScoreModel {
  const index = names.map((name) => zscore.names.indexOf(name));
  return { names: [...names], mean: Float64Array.from(index, (k) => zscore.mean[k]!), sd: Float64Array.from(index, (k) => zscore.sd[k]!) };
}

const nullAuc = (horizons: number[]): AucAtHorizon[] => horizons.map((t) => ({ t, auc: null, nCases: 0, nControls: 0 }));

/** One training/validation split: the pipeline sees only `train`'s rows. */
export function runCvFold(
  outcome: SurvivalOutcome,
  features: FeatureMatrix,
  train: ArrayLike<number>,
  validation: ArrayLike<number>,
  config: StudyConfig,
  repeat: number,
  fold: number,
): CvFold {
  const trainOutcome = subsetOutcome(outcome, train);
  const validationOutcome = subsetOutcome(outcome, validation);
  const label = `cv/r${repeat}/f${fold}`;
  const base = {
    repeat,
    fold,
    validationRows: Array.from(validation),
    nTrain: train.length,
    nValidation: validation.length,
    selectorSeeds: Object.fromEntries(SELECTOR_NAMES.map((name) => [name, deriveSeed(config.seed, `${label}/${name}`)])),
  };
  try {
    const fitted = fitPipeline(trainOutcome, subsetRows(features, train), config, label, false);
    const r = fitted.result;
    const common = {
      ...base,
      screened: r.univariate.significant.length,
      selectorSizes: r.overlap.sizes,
      candidates: { rule: r.candidates.rule, minVotes: r.candidates.minVotes, count: r.candidates.features.length },
    };
    if (!fitted.fit) {
      return { ...common, model: null, stoppedAt: r.stoppedAt, trainAuc: nullAuc(config.horizons), validationAuc: nullAuc(config.horizons) };
    }
    const terms = fitted.fit.terms;
    // only the model's columns are needed to score the rows
    const modelZScore = termZScore(fitted.zscore, terms);
    const modelColumns = selectColumns(features, terms);
    const zTrain = applyZScore(modelZScore, subsetRows(modelColumns, train));
    const zValidation = applyZScore(modelZScore, subsetRows(modelColumns, validation));
    return {
      ...common,
      model: terms.map((feature, j) => ({ feature, coef: fitted.fit!.coef[j]! })),
      stoppedAt: null,
      trainAuc: aucAt(trainOutcome, linearPredictor(fitted.fit, zTrain), config.horizons),
      validationAuc: aucAt(validationOutcome, linearPredictor(fitted.fit, zValidation), config.horizons),
    };
  } catch (e) {
    if (!isDataError(e)) throw e;
    return {
      ...base,
      screened: 0,
      selectorSizes: {},
      candidates: { rule: 'none', minVotes: null, count: 0 },
      model: null,
      stoppedAt: `${e.name}: ${e.message}`,
      trainAuc: nullAuc(config.horizons),
      validationAuc: nullAuc(config.horizons),
    };
  }
}

/** The repeat's fold seed and its stratified splits (they depend only on the seed and the repeat). */
export function cvSplits(outcome: SurvivalOutcome, config: StudyConfig, repeat: number): { foldSeed: number; splits: Fold[] } {
  const foldSeed = deriveSeed(config.seed, `cv/r${repeat}/folds`);
  return { foldSeed, splits: stratifiedKFold(outcome.status, config.cv.folds, 1, foldSeed) };
}

/** Fold `fold` (0-based) of repeat `repeat`, on its own (the parallel runner's unit of work). */
export function runCvRepeatFold(outcome: SurvivalOutcome, features: FeatureMatrix, config: StudyConfig, repeat: number, fold: number): CvFold {
  const s = cvSplits(outcome, config, repeat).splits[fold];
  if (!s) throw new RangeError(`fold ${fold} is outside 0..${config.cv.folds - 1}`);
  return runCvFold(outcome, features, s.train, s.test, config, repeat, s.fold);
}

export function runCvRepeat(outcome: SurvivalOutcome, features: FeatureMatrix, config: StudyConfig, repeat: number): CvRepeat {
  const { foldSeed, splits } = cvSplits(outcome, config, repeat);
  return {
    repeat,
    foldSeed,
    folds: splits.map((s) => runCvFold(outcome, features, s.train, s.test, config, repeat, s.fold)),
  };
}

export interface CvHorizonSummary {
  t: number;
  train: Array<number | null>;
  validation: Array<number | null>;
  /** Median over all folds of all repeats with a defined AUC (null if none). */
  trainMedian: number | null;
  validationMedian: number | null;
  /** Median over repeats of each repeat's mean fold AUC (repeats with an undefined fold skipped). */
  trainMedianOfRepeatMeans: number | null;
  validationMedianOfRepeatMeans: number | null;
  undefinedTrain: number;
  undefinedValidation: number;
}

export function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const s = [...values].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 === 1 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

function repeatMeans(repeats: CvRepeat[], h: number, side: 'trainAuc' | 'validationAuc'): number[] {
  return repeats.flatMap((r) => {
    const v = r.folds.map((f) => f[side][h]!.auc);
    return v.every((a) => a !== null) ? [v.reduce<number>((s, a) => s + a!, 0) / v.length] : [];
  });
}

export function summariseCv(repeats: CvRepeat[], horizons: number[]): CvHorizonSummary[] {
  const folds = repeats.flatMap((r) => r.folds);
  return horizons.map((t, h) => {
    const train = folds.map((f) => f.trainAuc[h]!.auc);
    const validation = folds.map((f) => f.validationAuc[h]!.auc);
    const defined = (v: Array<number | null>): number[] => v.filter((a): a is number => a !== null);
    return {
      t,
      train,
      validation,
      trainMedian: median(defined(train)),
      validationMedian: median(defined(validation)),
      trainMedianOfRepeatMeans: median(repeatMeans(repeats, h, 'trainAuc')),
      validationMedianOfRepeatMeans: median(repeatMeans(repeats, h, 'validationAuc')),
      undefinedTrain: train.length - defined(train).length,
      undefinedValidation: validation.length - defined(validation).length,
    };
  });
}
