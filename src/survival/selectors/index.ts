// The survival feature selectors of the study recipe that live here (CoxBoost, GBM, RSF, SuperPC),
// all with the common signature (x, y, options & { seed }) => SelectorResult.
import { coxBoostSelector } from './coxboost-cv.js';
import { gbmSelector } from './gbm.js';
import { rsfSelector } from './rsf.js';
import { superPcSelector } from './superpc.js';
import type { FeatureSelector } from './types.js';

export * from './types.js';
export { fitCoxBoost, coxBoostLinearPredictor, originalScaleCoefficients } from './coxboost.js';
export { coxBoostSelector, cvCoxBoost } from './coxboost-cv.js';
export type { CoxBoostFit, CoxBoostOptions } from './coxboost.js';
export type { CoxBoostSelectorOptions, CvCoxBoostOptions, CvCoxBoostResult } from './coxboost-cv.js';
export { gbmSelector, fitGbmCox, predictGbm, relativeInfluence, GBM_SELECTOR_DEFAULTS } from './gbm.js';
export type { GbmFit, GbmOptions, GbmSelectorOptions } from './gbm.js';
export {
  rsfSelector,
  fitRandomSurvivalForest,
  growRsfTrees,
  combineRsfTrees,
  rsfTreeSeeds,
  predictRsfChf,
  RSF_SELECTOR_DEFAULTS,
} from './rsf.js';
export type { RsfFit, RsfOptions, RsfSelectorOptions, RsfTreeResult } from './rsf.js';
export { superPcSelector, fitSuperPc, superPcFeatureScores, predictSuperPc } from './superpc.js';
export type { SuperPcFit, SuperPcOptions, SuperPcScores, SuperPcSelectorOptions } from './superpc.js';

/** The four selectors by method name (elastic net and Lasso come from glmnet). */
export const SURVIVAL_SELECTORS = {
  coxboost: coxBoostSelector as FeatureSelector,
  gbm: gbmSelector as FeatureSelector,
  rsf: rsfSelector as FeatureSelector,
  superpc: superPcSelector as FeatureSelector,
} as const;
