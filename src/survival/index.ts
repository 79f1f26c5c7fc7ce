// Public API of the survival engine (core statistics). Pure functions over typed arrays; see
// docs/survival.md for what each follows in R. Penalised Cox (glmnet*) and the ML selectors
// (selectors/) export from their own modules.
export type { FeatureMatrix, SurvivalOutcome } from './types.js';
export { Random } from './random.js';
export * from './errors.js';
export { parseCsv, readCsvFile, numericColumn, survivalTable, selectColumns, validateOutcome, validateFeatures, requireEvents } from './data.js';
export type { CsvTable, SurvivalTable, SurvivalColumns } from './data.js';
export { chiSquareUpper, normalCdf, normalQuantile, fUpper, fQuantile, Z_975 } from './distributions.js';
export { kaplanMeier, confidenceBand, kmMedian, survivalAt, restrictedMean, medianFollowUp } from './kaplan-meier.js';
export type { KaplanMeierFit, ConfType, MedianWithCi } from './kaplan-meier.js';
export { logRankTest } from './logrank.js';
export type { LogRankResult } from './logrank.js';
export { coxFit, linearPredictor } from './cox.js';
export type { CoxFit, CoxOptions, ChiSquareTest, Ties } from './cox.js';
export { concordance } from './concordance.js';
export type { ConcordanceResult } from './concordance.js';
export { baselineHazard, cumulativeHazardAt, predictSurvival } from './cox-baseline.js';
export type { BaselineHazard } from './cox-baseline.js';
export { univariateCox } from './univariate.js';
export type { UnivariateCoxRow, UnivariateOptions } from './univariate.js';
export { stepAic } from './stepaic.js';
export type { StepAicResult, StepAicOptions, StepPathRow } from './stepaic.js';
export { fitZScore, applyZScore } from './zscore.js';
export type { ZScoreModel } from './zscore.js';
export { stratifiedKFold } from './folds.js';
export type { Fold } from './folds.js';
export { intraclassCorrelation } from './icc.js';
export type { IccEstimate, IccResult } from './icc.js';
export { maxstatLogRank, logRankScores, pLausen94 } from './maxstat.js';
export type { MaxstatResult } from './maxstat.js';
export { timeDependentRoc, censoringKm, censoringSurvival } from './time-roc.js';
export type { TimeRocResult, TimeRocPoint, CensoringKm } from './time-roc.js';
export { calibrationAt, rankGroups } from './calibration.js';
export type { CalibrationResult, CalibrationGroup } from './calibration.js';
export { decisionCurve } from './decision-curve.js';
export type { DecisionCurvePoint } from './decision-curve.js';
