// The model-building half of the recipe, run once on the whole cohort and again inside every
// cross-validation training fold: z-score → univariate Cox screen → six selectors → intersection
// (with the recorded fallback) → stepwise-AIC Cox. It sees only the rows it is given, which is
// what keeps the cross-validation free of leakage.
import type { CoxFit } from '../cox.js';
import { selectColumns } from '../data.js';
import { stratifiedKFold } from '../folds.js';
import { CoxFitError, SurvivalInputError } from '../errors.js';
import { GlmnetInputError } from '../glmnet.js';
import { CoxnetDataError } from '../glmnet-groups.js';
import { selectByGlmnet } from '../glmnet-select.js';
import { SingularMatrixError } from '../linalg.js';
import { coxBoostSelector, gbmSelector, rsfSelector, superPcSelector } from '../selectors/index.js';
import { stepAic, type StepPathRow } from '../stepaic.js';
import type { FeatureMatrix, SurvivalOutcome } from '../types.js';
import { univariateCox, type UnivariateCoxRow } from '../univariate.js';
import { applyZScore, fitZScore, type ZScoreModel } from '../zscore.js';
import { SELECTOR_NAMES, type SelectorName, type StudyConfig } from './config.js';
import { deriveSeed } from './seeds.js';
import { overlapOf, chooseCandidates, type CandidateChoice, type Overlap } from './overlap.js';

export interface SelectorRun {
  name: SelectorName;
  method: string;
  seed: number;
  selected: string[];
  /** Importance of every screened feature (only kept in the full pass). */
  importance?: Record<string, number>;
  parameters?: Record<string, unknown>;
  /** Set when the selector could not run on these data; its set then counts as empty. */
  error?: string;
}

export interface ModelTerm {
  feature: string;
  coef: number;
  hr: number;
  /** exp(−coef), the paper's "1/HR" column. */
  invHr: number;
  hrLower: number;
  hrUpper: number;
  se: number;
  z: number;
  p: number;
  /** z-score parameters of the feature, so that a new patient can be scored. */
  mean: number;
  sd: number;
}

export interface FinalModel {
  terms: ModelTerm[];
  loglik: number;
  loglikNull: number;
  aic: number;
  n: number;
  nevent: number;
  lrt: { stat: number; df: number; p: number };
  /** Features whose coefficient R would call "may be infinite". */
  infinite: string[];
}

export interface PipelineResult {
  n: number;
  events: number;
  zscore?: { names: string[]; mean: number[]; sd: number[] };
  univariate: { tested: number; significant: string[]; rows?: UnivariateCoxRow[] };
  selectors: SelectorRun[];
  overlap: Overlap;
  candidates: CandidateChoice;
  stepwise: { selected: string[]; fullAic: number; finalAic: number; path?: StepPathRow[] } | null;
  model: FinalModel | null;
  /** Why the pipeline produced no model, when it did not. */
  stoppedAt: string | null;
}

/** What the recipe needs to score rows with the pipeline's model. */
export interface FittedPipeline {
  result: PipelineResult;
  zscore: ZScoreModel;
  fit: CoxFit | null;
}

/** Errors that mean "this step cannot run on these data" rather than a bug. */
export function isDataError(e: unknown): e is Error {
  return e instanceof SurvivalInputError || e instanceof CoxFitError || e instanceof GlmnetInputError
    || e instanceof CoxnetDataError || e instanceof SingularMatrixError;
}

/** cv.glmnet fold ids (1-based) dealt within event strata, so that every fold holds events. */
function stratifiedFoldIds(status: Uint8Array, nfolds: number, seed: number): number[] {
  const ids = new Array<number>(status.length).fill(0);
  for (const fold of stratifiedKFold(status, nfolds, 1, seed)) for (const i of fold.test) ids[i] = fold.fold + 1;
  return ids;
}

function runSelector(name: SelectorName, x: FeatureMatrix, y: SurvivalOutcome, config: StudyConfig, seed: number): Omit<SelectorRun, 'name' | 'seed'> {
  const s = config.selectors;
  switch (name) {
    case 'enet':
    case 'lasso': {
      const o = s[name];
      const foldid = o.foldAssignment === 'stratified' ? stratifiedFoldIds(y.status, o.nfolds, seed) : undefined;
      const r = selectByGlmnet(x, y, { alpha: o.alpha, nfolds: o.nfolds, lambdaChoice: o.lambdaChoice, seed, ...(foldid ? { foldid } : {}) });
      const { foldid: _foldid, ...parameters } = r.parameters;
      return {
        method: r.method,
        selected: r.selected,
        importance: r.importance,
        parameters: { ...parameters, foldAssignment: o.foldAssignment, lambda: r.lambda, coef: r.coef },
      };
    }
    case 'coxboost':
      return coxBoostSelector(x, y, { seed, ...s.coxboost });
    case 'gbm':
      return gbmSelector(x, y, { seed, ...s.gbm });
    case 'rsf': {
      const { topK, ...rest } = s.rsf;
      return rsfSelector(x, y, { seed, ...rest, ...(topK === null ? {} : { topK }) });
    }
    case 'superpc':
      return superPcSelector(x, y, { seed, ...s.superpc });
  }
}

function modelTable(fit: CoxFit, zscore: ZScoreModel): FinalModel {
  return {
    terms: fit.terms.map((feature, j) => {
      const k = zscore.names.indexOf(feature);
      return {
        feature,
        coef: fit.coef[j]!,
        hr: fit.hr[j]!,
        invHr: Math.exp(-fit.coef[j]!),
        hrLower: fit.hrLower[j]!,
        hrUpper: fit.hrUpper[j]!,
        se: fit.se[j]!,
        z: fit.z[j]!,
        p: fit.pWald[j]!,
        mean: zscore.mean[k]!,
        sd: zscore.sd[k]!,
      };
    }),
    loglik: fit.loglik,
    loglikNull: fit.loglikNull,
    aic: fit.aic,
    n: fit.n,
    nevent: fit.nevent,
    lrt: { ...fit.lrt },
    infinite: fit.terms.filter((_, j) => fit.infinite[j]),
  };
}

/**
 * Builds the model on the given rows. `seedLabel` prefixes every selector's seed label ("full",
 * "cv/r3/f1"); `detail` keeps per-feature tables (univariate rows, importances, z-score, path).
 */
export function fitPipeline(outcome: SurvivalOutcome, raw: FeatureMatrix, config: StudyConfig, seedLabel: string, detail: boolean): FittedPipeline {
  const n = outcome.time.length;
  const events = outcome.status.reduce((a, s) => a + s, 0);
  const zscore = fitZScore(raw);
  const z = applyZScore(zscore, raw);
  const rows = univariateCox(outcome, z, { ties: config.univariate.ties, separation: 'flag' });
  const significant = rows.filter((r) => r.p < config.univariate.pThreshold).map((r) => r.feature);
  const result: PipelineResult = {
    n,
    events,
    ...(detail ? { zscore: { names: zscore.names, mean: Array.from(zscore.mean), sd: Array.from(zscore.sd) } } : {}),
    univariate: { tested: rows.length, significant, ...(detail ? { rows } : {}) },
    selectors: [],
    overlap: overlapOf([], []),
    candidates: { rule: 'none', minVotes: null, features: [] },
    stepwise: null,
    model: null,
    stoppedAt: null,
  };
  if (significant.length === 0) {
    result.stoppedAt = `no feature has univariate p < ${config.univariate.pThreshold}`;
    return { result, zscore, fit: null };
  }
  const screened = selectColumns(z, significant);
  result.selectors = SELECTOR_NAMES.map((name) => {
    const seed = deriveSeed(config.seed, `${seedLabel}/${name}`);
    try {
      const r = runSelector(name, screened, outcome, config, seed);
      return { name, seed, method: r.method, selected: r.selected, ...(detail ? { importance: r.importance, parameters: r.parameters } : {}) };
    } catch (e) {
      if (!isDataError(e)) throw e;
      return { name, seed, method: name, selected: [], error: e.message };
    }
  });
  result.overlap = overlapOf(significant, result.selectors.map((s) => s.selected));
  result.candidates = chooseCandidates(result.overlap, config.intersection);
  if (result.candidates.features.length === 0) {
    result.stoppedAt = 'the selectors have no feature in common and the fallback found none';
    return { result, zscore, fit: null };
  }
  const step = stepAic(outcome, screened, result.candidates.features, { ties: 'efron', k: config.stepwise.k });
  result.stepwise = {
    selected: step.selected,
    fullAic: step.fullAic,
    finalAic: step.finalAic,
    ...(detail ? { path: step.path } : {}),
  };
  if (step.selected.length === 0) {
    result.stoppedAt = 'stepwise AIC removed every candidate (the null model has the lowest AIC)';
    return { result, zscore, fit: null };
  }
  // stepAic's final fit is coxph on the selected terms from β = 0 with the concordance, as the model needs.
  const fit = step.finalFit!;
  result.model = modelTable(fit, zscore);
  return { result, zscore, fit };
}
