// Public API of the study recipe: one pure function (runStudy), its parallel runner, the report
// and the output tables. See docs/survival-study.md.
export { runStudy, prepareStudy, runFullPass, runStudyRepeat, runStudyFold, repeatsFromFolds, assembleStudy, STUDY_RECIPE_VERSION } from './study.js';
export type { StudyInput, StudyResult, PreparedStudy, FullPass } from './study.js';
export { resolveStudyConfig, STUDY_DEFAULTS, SELECTOR_NAMES } from './config.js';
export type { StudyConfig, StudyConfigInput, SelectorName } from './config.js';
export { deriveSeed } from './seeds.js';
export { iccFilter } from './icc-filter.js';
export type { IccStep, IccRow, ReaderTable } from './icc-filter.js';
export { fitPipeline } from './pipeline.js';
export type { PipelineResult, FittedPipeline, FinalModel, ModelTerm, SelectorRun } from './pipeline.js';
export { overlapOf, chooseCandidates } from './overlap.js';
export type { Overlap, OverlapPattern, CandidateChoice } from './overlap.js';
export { evaluateModel, aucAt } from './evaluate.js';
export type { Evaluation, AucAtHorizon, RiskGroup, KmRow } from './evaluate.js';
export { cvSplits, runCvFold, runCvRepeat, runCvRepeatFold, summariseCv } from './cv.js';
export { subsetOutcome, subsetRows } from '../data.js';
export type { CvFold, CvRepeat, CvHorizonSummary } from './cv.js';
export { runStudyParallel } from './parallel.js';
export type { ParallelOptions } from './parallel.js';
export { formatStudyReport } from './report.js';
export { studyCsvFiles } from './csv.js';
export { studyResultToJson } from './json.js';
