// The study recipe's settings: every choice the paper leaves open is a named, recorded option
// here, with the default the platform uses. `resolveStudyConfig` fills the defaults and checks
// the values, so the resolved object stored in the result is the complete recipe.
import { SurvivalInputError } from '../errors.js';

export type SelectorName = 'enet' | 'lasso' | 'coxboost' | 'gbm' | 'rsf' | 'superpc';
export const SELECTOR_NAMES: readonly SelectorName[] = ['enet', 'lasso', 'coxboost', 'gbm', 'rsf', 'superpc'];

export interface GlmnetSelectorConfig {
  alpha: number;
  nfolds: number;
  lambdaChoice: 'lambda.min' | 'lambda.1se';
  /**
   * cv.glmnet's folds: 'stratified' deals patients to folds within event strata (every fold holds
   * events, which a small training fold needs: a fold without events has no deviance); 'random' is
   * cv.glmnet's own sample(rep(1:nfolds)).
   */
  foldAssignment: 'stratified' | 'random';
}

export interface StudyConfig {
  /** Master seed; every randomised step's seed is derived from it and a label (see seeds.ts). */
  seed: number;
  /** Prediction horizons in the time unit of the data (the paper: 1–5 years in months). */
  horizons: number[];
  timeUnit: string;
  /** Fewer events than this in the whole cohort is an error. */
  minEvents: number;
  icc: {
    /** Keep features with ICC(2,1) (absolute agreement, single rater) strictly above this. */
    threshold: number;
  };
  univariate: { pThreshold: number; ties: 'efron' | 'breslow' };
  selectors: {
    enet: GlmnetSelectorConfig;
    lasso: GlmnetSelectorConfig;
    coxboost: { steps: number | 'cv'; folds: number; maxStepno: number };
    gbm: { nTrees: number; shrinkage: number; interactionDepth: number; bagFraction: number; minRelativeInfluence: number };
    rsf: { nTree: number; topK: number | null };
    superpc: { topK: number };
  };
  intersection: {
    /**
     * When the six sets have no feature in common: 'votes' takes the features chosen by at least
     * k selectors, for k = 5, 4, … down to `minVotes` (the first non-empty set); 'none' leaves
     * the model empty.
     */
    fallback: 'votes' | 'none';
    minVotes: number;
  };
  stepwise: { k: number };
  cv: { folds: number; repeats: number };
  /** Horizons (subset of `horizons`) for calibration and decision curves (the paper: 1–3 years). */
  calibrationHorizons: number[];
  calibrationGroups: number;
  decisionThresholds: number[];
  maxstat: { minprop: number; maxprop: number };
}

export type StudyConfigInput = Partial<Omit<StudyConfig, 'icc' | 'univariate' | 'selectors' | 'intersection' | 'stepwise' | 'cv' | 'maxstat'>> & {
  icc?: Partial<StudyConfig['icc']>;
  univariate?: Partial<StudyConfig['univariate']>;
  selectors?: { [K in SelectorName]?: Partial<StudyConfig['selectors'][K]> };
  intersection?: Partial<StudyConfig['intersection']>;
  stepwise?: Partial<StudyConfig['stepwise']>;
  cv?: Partial<StudyConfig['cv']>;
  maxstat?: Partial<StudyConfig['maxstat']>;
};

const range = (from: number, to: number, step: number): number[] =>
  Array.from({ length: Math.round((to - from) / step) + 1 }, (_, k) => Math.round((from + k * step) * 1e9) / 1e9);

export const STUDY_DEFAULTS: StudyConfig = {
  seed: 1,
  horizons: [12, 24, 36, 48, 60],
  timeUnit: 'months',
  minEvents: 10,
  icc: { threshold: 0.8 },
  univariate: { pThreshold: 0.05, ties: 'efron' },
  selectors: {
    enet: { alpha: 0.5, nfolds: 10, lambdaChoice: 'lambda.min', foldAssignment: 'stratified' },
    lasso: { alpha: 1, nfolds: 10, lambdaChoice: 'lambda.min', foldAssignment: 'stratified' },
    coxboost: { steps: 'cv', folds: 10, maxStepno: 100 },
    gbm: { nTrees: 1000, shrinkage: 0.01, interactionDepth: 1, bagFraction: 0.5, minRelativeInfluence: 0 },
    rsf: { nTree: 1000, topK: null },
    superpc: { topK: 50 },
  },
  intersection: { fallback: 'votes', minVotes: 2 },
  stepwise: { k: 2 },
  cv: { folds: 3, repeats: 20 },
  calibrationHorizons: [12, 24, 36],
  calibrationGroups: 3,
  decisionThresholds: range(0, 0.99, 0.01),
  maxstat: { minprop: 0.1, maxprop: 0.9 },
};

function fail(message: string): never {
  throw new SurvivalInputError(`study config: ${message}`);
}

function positiveInteger(value: number, name: string): void {
  if (!Number.isInteger(value) || value < 1) fail(`${name} must be a positive integer, got ${value}`);
}

/** Defaults filled in and every value checked. */
export function resolveStudyConfig(input: StudyConfigInput = {}): StudyConfig {
  const d = STUDY_DEFAULTS;
  const sel = input.selectors ?? {};
  const config: StudyConfig = {
    seed: input.seed ?? d.seed,
    horizons: [...(input.horizons ?? d.horizons)],
    timeUnit: input.timeUnit ?? d.timeUnit,
    minEvents: input.minEvents ?? d.minEvents,
    icc: { ...d.icc, ...input.icc },
    univariate: { ...d.univariate, ...input.univariate },
    selectors: {
      enet: { ...d.selectors.enet, ...sel.enet },
      lasso: { ...d.selectors.lasso, ...sel.lasso },
      coxboost: { ...d.selectors.coxboost, ...sel.coxboost },
      gbm: { ...d.selectors.gbm, ...sel.gbm },
      rsf: { ...d.selectors.rsf, ...sel.rsf },
      superpc: { ...d.selectors.superpc, ...sel.superpc },
    },
    intersection: { ...d.intersection, ...input.intersection },
    stepwise: { ...d.stepwise, ...input.stepwise },
    cv: { ...d.cv, ...input.cv },
    calibrationHorizons: [...(input.calibrationHorizons ?? d.calibrationHorizons)],
    calibrationGroups: input.calibrationGroups ?? d.calibrationGroups,
    decisionThresholds: [...(input.decisionThresholds ?? d.decisionThresholds)],
    maxstat: { ...d.maxstat, ...input.maxstat },
  };
  if (!Number.isInteger(config.seed)) fail(`seed must be an integer, got ${config.seed}`);
  if (config.horizons.length === 0 || config.horizons.some((t) => !(t > 0))) fail('horizons must be positive times');
  for (const t of config.calibrationHorizons) if (!(t > 0)) fail(`calibration horizon ${t} is not a positive time`);
  positiveInteger(config.minEvents, 'minEvents');
  if (!(config.icc.threshold >= -1 && config.icc.threshold < 1)) fail(`icc.threshold must be in [-1, 1), got ${config.icc.threshold}`);
  if (!(config.univariate.pThreshold > 0 && config.univariate.pThreshold <= 1)) fail(`univariate.pThreshold must be in (0, 1], got ${config.univariate.pThreshold}`);
  if (config.univariate.ties !== 'efron' && config.univariate.ties !== 'breslow') fail(`univariate.ties must be 'efron' or 'breslow'`);
  if (config.cv.folds < 2 || !Number.isInteger(config.cv.folds)) fail(`cv.folds must be an integer ≥ 2, got ${config.cv.folds}`);
  if (!Number.isInteger(config.cv.repeats) || config.cv.repeats < 0) fail(`cv.repeats must be an integer ≥ 0, got ${config.cv.repeats}`);
  if (config.intersection.fallback !== 'votes' && config.intersection.fallback !== 'none') fail(`intersection.fallback must be 'votes' or 'none'`);
  if (!Number.isInteger(config.intersection.minVotes) || config.intersection.minVotes < 1 || config.intersection.minVotes > 6) {
    fail(`intersection.minVotes must be an integer in 1..6, got ${config.intersection.minVotes}`);
  }
  positiveInteger(config.calibrationGroups, 'calibrationGroups');
  for (const p of config.decisionThresholds) if (!(p >= 0 && p < 1)) fail(`decision threshold ${p} is outside [0, 1)`);
  const { minprop, maxprop } = config.maxstat;
  if (!(minprop > 0 && minprop < maxprop && maxprop < 1)) fail(`maxstat needs 0 < minprop < maxprop < 1, got ${minprop}, ${maxprop}`);
  positiveInteger(config.selectors.superpc.topK, 'selectors.superpc.topK');
  positiveInteger(config.selectors.gbm.nTrees, 'selectors.gbm.nTrees');
  positiveInteger(config.selectors.rsf.nTree, 'selectors.rsf.nTree');
  return config;
}
