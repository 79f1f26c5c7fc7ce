// Supervised principal components (Bair & Tibshirani 2004, PLoS Biol 2:e108; Bair, Hastie, Paul &
// Tibshirani 2006, JASA 101:119) for survival, following R package superpc 1.12
// (cran/superpc: R/superpc.train.R, R/superpc.morefuns.R coxfunc/coxscor/coxvar/coxstuff/mysvd,
// R/superpc.predict.R, R/superpc.fit.to.outcome.R).
//
// Feature score tt_j = U_j / (sqrt(V_j) + s0): U_j the univariate Cox score at beta = 0 with
// Breslow ties (sum over death times of the deaths' x minus d x the risk-set mean), V_j its
// information (sum of d x risk-set variance), s0 the median of sqrt(V_j) over features (superpc's
// default fudge; s0Percentile picks another percentile, 0 gives s0 = 0).
// Selected: the study's "top 50 feature scores" — the topK (default 50) features of largest |tt|
// (all of them when there are fewer; ties at the boundary keep input order); or, if `threshold` is
// given, |tt| >= threshold as superpc.predict. Principal components of the selected features
// (centred over subjects, SVD), component scores = centred x . u_j / sum|u_j| (superpc.predict),
// and coxph (Efron) of the outcome on the first nComponents scores (superpc.fit.to.outcome).
// Deliberate differences: superpc.cv's threshold search is not implemented (the study fixes 50
// features); the PC sign is fixed (largest |u| entry positive), which R leaves to LAPACK; superpc's
// coxscor drops the last death time when no subject is censored, we do not.
import { SVD, Matrix } from 'ml-matrix';
import { coxFit } from '../cox.js';
import { sortOutcome } from '../time-order.js';
import { evaluate1 } from '../univariate.js';
import type { FeatureMatrix, SurvivalOutcome } from '../types.js';
import {
  type FeatureSelector,
  type SelectorOptions,
  SelectorInputError,
  checkPositiveInteger,
  checkSelectorInput,
  columnsByName,
  importanceRecord,
} from './types.js';

const METHOD = 'SuperPC';

export interface SuperPcOptions {
  /** keep the k features of largest |score| (default 50) */
  topK?: number;
  /** keep |score| >= threshold instead of topK */
  threshold?: number;
  /** principal components to compute and regress on (default 1) */
  nComponents?: number;
  /** percentile (0-100) of sqrt(V) used as s0; default the median (50) */
  s0Percentile?: number;
}

export interface SuperPcScores {
  /** tt per feature */
  scores: Float64Array;
  /** U (Cox score at beta = 0) per feature */
  numerator: Float64Array;
  /** sqrt(V) per feature */
  sd: Float64Array;
  s0: number;
}

/** R's quantile type 7. */
function quantile7(values: Float64Array, prob: number): number {
  const sorted = Float64Array.from(values).sort();
  const h = (sorted.length - 1) * prob;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, sorted.length - 1);
  return sorted[lo]! + (h - lo) * (sorted[hi]! - sorted[lo]!);
}

/** superpc's coxfunc: univariate Cox score statistics with Breslow ties at beta = 0 (the screening's one-covariate pass). */
export function superPcFeatureScores(x: FeatureMatrix, y: SurvivalOutcome, s0Percentile = 50): SuperPcScores {
  const n = checkSelectorInput(x, y, METHOD, 1);
  if (!(s0Percentile >= 0 && s0Percentile <= 100)) {
    throw new SelectorInputError(`${METHOD}: s0Percentile must be in [0, 100], got ${s0Percentile}`);
  }
  const sortedY = sortOutcome(y);
  const p = x.columns.length;
  const numerator = new Float64Array(p);
  const variance = new Float64Array(p);
  const sortedColumn = new Float64Array(n);
  x.columns.forEach((col, j) => {
    for (let r = 0; r < n; r++) sortedColumn[r] = col[sortedY.order[r]!]!;
    const [, u, v] = evaluate1(sortedColumn, sortedY, 0, false);
    numerator[j] = u;
    variance[j] = v;
  });
  const sd = variance.map((v) => Math.sqrt(Math.max(v, 0)));
  const s0 = s0Percentile === 0 ? 0 : quantile7(sd, s0Percentile / 100);
  const scores = numerator.map((u, j) => u / (sd[j]! + s0));
  return { scores, numerator, sd, s0 };
}

export interface SuperPcFit extends SuperPcScores {
  names: string[];
  /** indices of the selected features, in input order */
  selected: number[];
  /** smallest |score| among the selected */
  threshold: number;
  featureMeans: Float64Array;
  /** loadings u (selected features x components, component-major) and singular values */
  loadings: Float64Array[];
  singularValues: number[];
  /** component scores of the training subjects, one array per component */
  components: Float64Array[];
  /** Cox (Efron) coefficients of the outcome on the component scores */
  coef: number[];
  coefSe: number[];
}

export function fitSuperPc(x: FeatureMatrix, y: SurvivalOutcome, options: SuperPcOptions = {}): SuperPcFit {
  const scored = superPcFeatureScores(x, y, options.s0Percentile ?? 50);
  const p = x.columns.length;
  const n = y.time.length;
  const abs = scored.scores.map(Math.abs);
  let selected: number[];
  if (options.threshold !== undefined) {
    if (!(options.threshold >= 0)) throw new SelectorInputError(`${METHOD}: threshold must be >= 0, got ${options.threshold}`);
    selected = Array.from({ length: p }, (_, j) => j).filter((j) => abs[j]! >= options.threshold!);
    if (selected.length === 0) throw new SelectorInputError(`${METHOD}: no feature has |score| >= ${options.threshold}`);
  } else {
    const k = options.topK ?? 50;
    checkPositiveInteger(k, 'topK', METHOD);
    const ranked = Array.from({ length: p }, (_, j) => j).sort((a, b) => abs[b]! - abs[a]! || a - b);
    selected = ranked.slice(0, k).sort((a, b) => a - b);
  }
  const nComponents = options.nComponents ?? 1;
  checkPositiveInteger(nComponents, 'nComponents', METHOD);
  if (nComponents > Math.min(selected.length, n - 1)) {
    throw new SelectorInputError(`${METHOD}: ${nComponents} components from ${selected.length} features and ${n} subjects`);
  }
  const featureMeans = new Float64Array(selected.length);
  const centred = new Matrix(selected.length, n);
  selected.forEach((j, f) => {
    const col = x.columns[j]!;
    const mean = col.reduce((a, b) => a + b, 0) / n;
    featureMeans[f] = mean;
    for (let i = 0; i < n; i++) centred.set(f, i, col[i]! - mean);
  });
  const svd = new SVD(centred, { autoTranspose: true, computeRightSingularVectors: false });
  const u = svd.leftSingularVectors;
  const loadings: Float64Array[] = [];
  const components: Float64Array[] = [];
  for (let c = 0; c < nComponents; c++) {
    const load = Float64Array.from(u.getColumn(c));
    let maxAt = 0;
    load.forEach((v, f) => {
      if (Math.abs(v) > Math.abs(load[maxAt]!)) maxAt = f;
    });
    if (load[maxAt]! < 0) for (let f = 0; f < load.length; f++) load[f] = -load[f]!;
    const l1 = load.reduce((a, v) => a + Math.abs(v), 0);
    const score = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      let s = 0;
      for (let f = 0; f < load.length; f++) s += centred.get(f, i) * load[f]!;
      score[i] = s / l1;
    }
    loadings.push(load);
    components.push(score);
  }
  const cox = coxFit(
    y,
    { names: components.map((_, c) => `pc${c + 1}`), columns: components },
    { ties: 'efron', concordance: false },
  );
  return {
    ...scored,
    names: [...x.names],
    selected,
    threshold: Math.min(...selected.map((j) => abs[j]!)),
    featureMeans,
    loadings,
    singularValues: svd.diagonal.slice(0, nComponents),
    components,
    coef: Array.from(cox.coef),
    coefSe: Array.from(cox.se),
  };
}

/** superpc.predict "continuous" v.pred.1df for new data: sum_c coef_c x component score_c. */
export function predictSuperPc(fit: SuperPcFit, x: FeatureMatrix): Float64Array {
  const columns = columnsByName(x, fit.selected.map((j) => fit.names[j]!), METHOD);
  const n = columns[0]!.length;
  const out = new Float64Array(n);
  fit.loadings.forEach((load, c) => {
    const l1 = load.reduce((a, v) => a + Math.abs(v), 0);
    for (let i = 0; i < n; i++) {
      let s = 0;
      columns.forEach((col, f) => (s += (col[i]! - fit.featureMeans[f]!) * load[f]!));
      out[i] += (fit.coef[c]! * s) / l1;
    }
  });
  return out;
}

export interface SuperPcSelectorOptions extends SelectorOptions, SuperPcOptions {}

/** SuperPC as a selector: importance = |feature score|; selected = top 50 (or |score| >= threshold). */
export const superPcSelector: FeatureSelector<SuperPcSelectorOptions> = (x, y, options) => {
  const fit = fitSuperPc(x, y, options);
  return {
    method: 'superpc',
    selected: fit.selected.map((j) => fit.names[j]!),
    importance: importanceRecord(fit.names, fit.scores.map(Math.abs)),
    parameters: {
      seed: options.seed,
      type: 'survival',
      selection: options.threshold !== undefined ? `|score| >= ${options.threshold}` : `top ${options.topK ?? 50} |score|`,
      thresholdApplied: fit.threshold,
      s0: fit.s0,
      s0Percentile: options.s0Percentile ?? 50,
      nComponents: fit.coef.length,
      componentCoef: fit.coef,
      componentCoefSe: fit.coefSe,
      scores: importanceRecord(fit.names, fit.scores),
    },
  };
};
