// The study recipe (../shared/STUDY.md, "Model building" and "Evaluation") as one pure,
// single-threaded, seeded function: a feature table and outcomes in, every step's output plus
// the resolved settings and seeds out (the provenance record). `runStudy` = prepareStudy →
// runFullPass → runCvRepeat for each repeat → assembleStudy; the parallel runner calls the same
// pieces on worker processes, so its result is identical.
import { createHash } from 'node:crypto';
import { requireEvents, selectColumns, validateFeatures, validateOutcome } from '../data.js';
import { SurvivalInputError } from '../errors.js';
import type { FeatureMatrix, SurvivalOutcome } from '../types.js';
import { applyZScore } from '../zscore.js';
import { resolveStudyConfig, type StudyConfig, type StudyConfigInput } from './config.js';
import { cvSplits, runCvRepeat, runCvRepeatFold, summariseCv, type CvFold, type CvHorizonSummary, type CvRepeat } from './cv.js';
import { evaluateModel, type Evaluation } from './evaluate.js';
import { iccFilter, type IccStep, type ReaderTable } from './icc-filter.js';
import { fitPipeline, type PipelineResult } from './pipeline.js';

export const STUDY_RECIPE_VERSION = 'radtrace-study-1';

export interface StudyInput {
  /** Patient ids in row order (matched against the reader-2 table). */
  ids: string[];
  outcome: SurvivalOutcome;
  features: FeatureMatrix;
  /** Second reading of the same features, for the ICC filter. */
  reader2?: ReaderTable;
  /** Patients for the ICC: ids, or a number n of patients drawn at random; default all in both tables. */
  iccSubset?: string[] | number;
}

export interface PreparedStudy {
  config: StudyConfig;
  ids: string[];
  outcome: SurvivalOutcome;
  /** The candidate features after the ICC filter (raw scale). */
  features: FeatureMatrix;
  inputFeatureCount: number;
  icc: IccStep | null;
  fingerprint: string;
}

export interface FullPass {
  pipeline: PipelineResult;
  evaluation: Evaluation | null;
}

export interface StudyResult {
  recipe: string;
  config: StudyConfig;
  data: {
    n: number;
    events: number;
    censored: number;
    ids: string[];
    time: number[];
    status: number[];
    inputFeatures: number;
    /** SHA-256 of the analysed input (ids, outcome, feature names and values; reader 2 if given). */
    fingerprint: string;
  };
  counts: {
    input: number;
    afterIcc: number;
    univariate: number;
    selectors: Record<string, number>;
    intersection: number;
    candidates: number;
    final: number;
  };
  icc: IccStep | null;
  full: FullPass;
  cv: { folds: number; repeats: CvRepeat[]; summary: CvHorizonSummary[] };
}

function fingerprint(input: StudyInput): string {
  const hash = createHash('sha256');
  const table = (ids: string[], features: FeatureMatrix): void => {
    hash.update(JSON.stringify(ids));
    hash.update(JSON.stringify(features.names));
    for (const col of features.columns) hash.update(new Uint8Array(Float64Array.from(col).buffer));
  };
  table(input.ids, input.features);
  hash.update(new Uint8Array(Float64Array.from(input.outcome.time).buffer));
  hash.update(Uint8Array.from(input.outcome.status));
  if (input.reader2) table(input.reader2.ids, input.reader2.features);
  return hash.digest('hex');
}

/** Validates the input, resolves the settings and applies the ICC filter. */
export function prepareStudy(input: StudyInput, configInput: StudyConfigInput = {}): PreparedStudy {
  const config = resolveStudyConfig(configInput);
  const outcome = validateOutcome(input.outcome.time, input.outcome.status, 'study outcome');
  const n = outcome.time.length;
  if (input.ids.length !== n) throw new SurvivalInputError(`study: ${input.ids.length} ids for ${n} patients`);
  if (input.features.columns.length === 0) throw new SurvivalInputError('study: no feature columns');
  input.features.columns.forEach((col, j) => {
    if (col.length !== n) throw new SurvivalInputError(`study: feature '${input.features.names[j]}' has ${col.length} values for ${n} patients`);
  });
  if (new Set(input.features.names).size !== input.features.names.length) throw new SurvivalInputError('study: duplicate feature names');
  validateFeatures(input.features, 'study features');
  requireEvents(outcome, config.minEvents, 'the study (config.minEvents)');
  const events = outcome.status.reduce((a, s) => a + s, 0);
  if (config.cv.repeats > 0 && events < config.cv.folds * 2) {
    throw new SurvivalInputError(`study: ${config.cv.folds}-fold cross-validation needs at least ${config.cv.folds * 2} events; the data have ${events}`);
  }
  let features = input.features;
  let icc: IccStep | null = null;
  if (input.reader2) {
    icc = iccFilter({ ids: input.ids, features }, input.reader2, config.icc.threshold, input.iccSubset, config.seed);
    if (icc.kept.length === 0) throw new SurvivalInputError(`study: no feature has ICC(2,1) > ${config.icc.threshold}`);
    features = selectColumns(features, icc.kept);
  } else if (input.iccSubset !== undefined) {
    throw new SurvivalInputError('study: an ICC subset was given without a reader-2 table');
  }
  return { config, ids: [...input.ids], outcome, features, inputFeatureCount: input.features.names.length, icc, fingerprint: fingerprint(input) };
}

/** Model building and evaluation on the whole cohort. */
export function runFullPass(prepared: PreparedStudy): FullPass {
  const { outcome, features, config } = prepared;
  const fitted = fitPipeline(outcome, features, config, 'full', true);
  if (!fitted.fit) return { pipeline: fitted.result, evaluation: null };
  const z = applyZScore(fitted.zscore, features);
  return { pipeline: fitted.result, evaluation: evaluateModel(fitted.fit, outcome, z, config) };
}

export function runStudyRepeat(prepared: PreparedStudy, repeat: number): CvRepeat {
  return runCvRepeat(prepared.outcome, prepared.features, prepared.config, repeat);
}

/** One fold of one repeat (what runStudyRepeat computes for that fold). */
export function runStudyFold(prepared: PreparedStudy, repeat: number, fold: number): CvFold {
  return runCvRepeatFold(prepared.outcome, prepared.features, prepared.config, repeat, fold);
}

/** Gathers folds computed separately (in any order) into their repeats, as runStudyRepeat returns them. */
export function repeatsFromFolds(prepared: PreparedStudy, folds: CvFold[]): CvRepeat[] {
  return Array.from({ length: prepared.config.cv.repeats }, (_, repeat) => ({
    repeat,
    foldSeed: cvSplits(prepared.outcome, prepared.config, repeat).foldSeed,
    folds: folds.filter((f) => f.repeat === repeat).sort((a, b) => a.fold - b.fold),
  }));
}

export function assembleStudy(prepared: PreparedStudy, full: FullPass, repeats: CvRepeat[]): StudyResult {
  const { outcome, config } = prepared;
  const events = outcome.status.reduce((a, s) => a + s, 0);
  const p = full.pipeline;
  const ordered = [...repeats].sort((a, b) => a.repeat - b.repeat);
  return {
    recipe: STUDY_RECIPE_VERSION,
    config,
    data: { n: outcome.time.length, events, censored: outcome.time.length - events, ids: prepared.ids, time: Array.from(outcome.time), status: Array.from(outcome.status), inputFeatures: prepared.inputFeatureCount, fingerprint: prepared.fingerprint },
    counts: {
      input: prepared.inputFeatureCount,
      afterIcc: prepared.features.names.length,
      univariate: p.univariate.significant.length,
      selectors: p.overlap.sizes,
      intersection: p.overlap.intersection.length,
      candidates: p.candidates.features.length,
      final: p.model?.terms.length ?? 0,
    },
    icc: prepared.icc,
    full,
    cv: { folds: config.cv.folds, repeats: ordered, summary: summariseCv(ordered, config.horizons) },
  };
}

/** The whole recipe on one thread. */
export function runStudy(input: StudyInput, configInput: StudyConfigInput = {}): StudyResult {
  const prepared = prepareStudy(input, configInput);
  const full = runFullPass(prepared);
  const repeats = Array.from({ length: prepared.config.cv.repeats }, (_, r) => runStudyRepeat(prepared, r));
  return assembleStudy(prepared, full, repeats);
}
