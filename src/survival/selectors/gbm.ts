// Gradient boosting with the Cox partial-likelihood loss over regression trees, as R's gbm 2.1.8.1
// with distribution = "coxph" (cran/gbm: R/gbm.R defaults, R/gbm.fit.R, src/coxph.cpp CCoxPH,
// src/gbm_engine.cpp, src/tree.cpp, src/node_search.cpp, R/relative.influence.R, summary.gbm).
//
// - Training rows are the first floor(trainFraction * n) rows; they (and the validation rows,
//   separately) are sorted by decreasing time, and risk sets are running sums in that order, so
//   tied times are not treated specially (as gbm). F starts at 0.
// - Each tree: a bag of floor(bagFraction * nTrain) training rows drawn without replacement
//   (sequential selection sampling, as gbm_engine); working response = the martingale residual
//   z_i = delta_i - exp(F_i) * sum over in-bag events j at or after i of 1/R_j, R_j the running
//   in-bag risk sum; a least-squares tree on z (regression-tree.ts); terminal values by one Newton
//   step of the partial likelihood in the leaf indicators, the last leaf fixed at 0 (FitBestConstant;
//   a singular Hessian gives all zeros); F += shrinkage * leaf value for every row.
// - Relative influence = summed squared-error improvement of each variable's splits over the trees,
//   normalised to 100 (summary.gbm).
// Deliberate differences: no case weights, offsets, monotone constraints, categorical or missing
// values; the random stream is ours (xoshiro, see random.ts), so bags differ from R's for a seed.
import type { FeatureMatrix, SurvivalOutcome } from '../types.js';
import { Random } from '../random.js';
import { rowsByDecreasingTime } from '../time-order.js';
import { solveSymmetricPositive } from './linear-algebra.js';
import { type RegressionTree, growRegressionTree, predictTree } from './regression-tree.js';
import {
  type FeatureSelector,
  type SelectorOptions,
  SelectorInputError,
  checkFraction,
  checkPositiveInteger,
  checkSelectorInput,
  columnsByName,
  importanceRecord,
} from './types.js';

const METHOD = 'GBM (coxph)';

export interface GbmOptions {
  /** gbm n.trees, default 100 */
  nTrees?: number;
  /** default 0.1 */
  shrinkage?: number;
  /** number of splits per tree (gbm interaction.depth), default 1 */
  interactionDepth?: number;
  /** minimum in-bag rows per terminal node (gbm n.minobsinnode), default 10 */
  nMinObsInNode?: number;
  /** default 0.5 */
  bagFraction?: number;
  /** default 1 */
  trainFraction?: number;
}

export interface GbmFit {
  names: string[];
  trees: RegressionTree[];
  shrinkage: number;
  nTrain: number;
  /** raw relative influence (sum of improvements) per feature */
  influence: Float64Array;
  /** Cox deviance -2 sum_events (F - log R) / events of the training rows after each tree */
  trainError: Float64Array;
  /** the same on the validation rows (empty when trainFraction = 1) */
  validError: Float64Array;
  /** F (log relative hazard) of every input row after the last tree */
  fitted: Float64Array;
}

/** Cox deviance as gbm's CCoxPH::Deviance over rows given in decreasing-time order. */
function coxDeviance(rows: Int32Array, f: Float64Array, status: Uint8Array): number {
  let risk = 0;
  let ll = 0;
  let events = 0;
  for (const row of rows) {
    risk += Math.exp(f[row]!);
    if (status[row] === 1) {
      ll += f[row]! - Math.log(risk);
      events += 1;
    }
  }
  return (-2 * ll) / events;
}

/** Leaf values by one Newton step (gbm CCoxPH::FitBestConstant), rows in decreasing-time order. */
function newtonLeafValues(
  sortedTrain: Int32Array,
  inBag: Uint8Array,
  leafOf: Int32Array,
  leafCounts: number[],
  minObs: number,
  f: Float64Array,
  status: Uint8Array,
): Float64Array {
  const nLeaves = leafCounts.length;
  const values = new Float64Array(nLeaves);
  const kOf = new Int32Array(nLeaves).fill(-1);
  let k = 0;
  leafCounts.forEach((count, leaf) => {
    if (count >= minObs) kOf[leaf] = k++;
  });
  const dim = k - 1;
  if (dim < 1) return values;
  const grad = new Float64Array(dim);
  const info = new Float64Array(dim * dim);
  const p = new Float64Array(k);
  let total = 0;
  for (const row of sortedTrain) {
    const kk = kOf[leafOf[row]!]!;
    if (!inBag[row] || kk < 0) continue;
    const r = Math.exp(f[row]!);
    p[kk] += r;
    total += r;
    if (status[row] !== 1) continue;
    for (let a = 0; a < dim; a++) {
      const pa = p[a]! / total;
      grad[a] += (kk === a ? 1 : 0) - pa;
      info[a * dim + a] += pa * (1 - pa);
      for (let b = 0; b < a; b++) {
        const v = pa * (p[b]! / total);
        info[a * dim + b] -= v;
        info[b * dim + a] -= v;
      }
    }
  }
  let step: Float64Array;
  try {
    step = solveSymmetricPositive(info, grad, dim, 'leaf Hessian');
  } catch {
    return values; // gbm leaves the predictions at 0 when the Hessian cannot be inverted
  }
  leafCounts.forEach((_, leaf) => {
    const kk = kOf[leaf]!;
    if (kk >= 0 && kk < dim) values[leaf] = step[kk]!;
  });
  return values;
}

export function fitGbmCox(x: FeatureMatrix, y: SurvivalOutcome, options: GbmOptions & { seed: number }): GbmFit {
  const n = checkSelectorInput(x, y, METHOD, 1);
  const nTrees = options.nTrees ?? 100;
  const shrinkage = options.shrinkage ?? 0.1;
  const depth = options.interactionDepth ?? 1;
  const minObs = options.nMinObsInNode ?? 10;
  const bagFraction = options.bagFraction ?? 0.5;
  const trainFraction = options.trainFraction ?? 1;
  checkPositiveInteger(nTrees, 'nTrees', METHOD);
  checkPositiveInteger(depth, 'interactionDepth', METHOD);
  if (!Number.isInteger(minObs) || minObs < 1) throw new SelectorInputError(`${METHOD}: nMinObsInNode must be a positive integer, got ${minObs}`);
  if (!(shrinkage > 0 && shrinkage <= 1)) throw new SelectorInputError(`${METHOD}: shrinkage must be in (0, 1], got ${shrinkage}`);
  checkFraction(bagFraction, 'bagFraction', METHOD);
  checkFraction(trainFraction, 'trainFraction', METHOD);
  const nTrain = Math.floor(trainFraction * n);
  const nBag = Math.floor(bagFraction * nTrain);
  if (nBag < 2 * minObs + 1) {
    throw new SelectorInputError(
      `${METHOD}: a bag of ${nBag} rows cannot be split with nMinObsInNode = ${minObs} (n = ${n}, trainFraction ${trainFraction}, bagFraction ${bagFraction})`,
    );
  }
  const { time, status } = y;
  const trainRows = Array.from({ length: nTrain }, (_, i) => i);
  const validRows = Array.from({ length: n - nTrain }, (_, i) => nTrain + i);
  if (!trainRows.some((i) => status[i] === 1)) throw new SelectorInputError(`${METHOD}: the training rows have no events`);
  const sortedTrain = rowsByDecreasingTime(time, trainRows);
  const sortedValid = rowsByDecreasingTime(time, validRows);
  // Work on training rows renumbered 0..nTrain-1 in decreasing-time order (gbm's arrays).
  const trainColumns = x.columns.map((col) => Float64Array.from(sortedTrain, (row) => col[row]!));
  const trainStatus = Uint8Array.from(sortedTrain, (row) => status[row]!);
  const identity = Int32Array.from(trainRows);
  const order = trainColumns.map((col) => Int32Array.from(trainRows).sort((a, b) => col[a]! - col[b]! || a - b));
  const f = new Float64Array(nTrain);
  const fitted = new Float64Array(n);
  const z = new Float64Array(nTrain);
  const cumRisk = new Float64Array(nTrain);
  const inBag = new Uint8Array(nTrain);
  const random = new Random(options.seed);
  const trees: RegressionTree[] = [];
  const influence = new Float64Array(x.names.length);
  const trainError = new Float64Array(nTrees);
  const validError = new Float64Array(validRows.length > 0 ? nTrees : 0);

  for (let t = 0; t < nTrees; t++) {
    let chosen = 0;
    for (let i = 0; i < nTrain; i++) {
      inBag[i] = random.uniform() * (nTrain - i) < nBag - chosen ? 1 : 0;
      chosen += inBag[i]!;
    }
    let risk = 0;
    for (let i = 0; i < nTrain; i++) {
      if (!inBag[i]) continue;
      risk += Math.exp(f[i]!);
      cumRisk[i] = risk;
    }
    let hazard = 0;
    for (let i = nTrain - 1; i >= 0; i--) {
      if (!inBag[i]) continue;
      if (trainStatus[i] === 1) hazard += 1 / cumRisk[i]!;
      z[i] = trainStatus[i]! - Math.exp(f[i]!) * hazard;
    }
    const grown = growRegressionTree({
      columns: trainColumns,
      order,
      response: z,
      inBag,
      maxSplits: depth,
      minObsInNode: minObs,
    });
    const values = newtonLeafValues(identity, inBag, grown.assignment, grown.terminalCounts, minObs, f, trainStatus);
    grown.terminalNodes.forEach((node, leaf) => (grown.tree.value[node] = values[leaf]!));
    for (let i = 0; i < nTrain; i++) f[i] += shrinkage * values[grown.assignment[i]!]!;
    for (const row of validRows) fitted[row] += shrinkage * predictTree(grown.tree, x.columns, row);
    grown.tree.splitVar.forEach((v, node) => {
      if (v >= 0) influence[v] += grown.tree.improvement[node]!;
    });
    trees.push(grown.tree);
    trainError[t] = coxDeviance(identity, f, trainStatus);
    if (validRows.length > 0 && sortedValid.some((r) => status[r] === 1)) {
      validError[t] = coxDeviance(sortedValid, fitted, status);
    }
  }
  sortedTrain.forEach((row, i) => (fitted[row] = f[i]!));
  return { names: [...x.names], trees, shrinkage, nTrain, influence, trainError, validError, fitted };
}

/** gbm predict(type = "link") for every row of x: the sum of shrinkage x tree values. */
export function predictGbm(fit: GbmFit, x: FeatureMatrix, nTrees = fit.trees.length): Float64Array {
  const columns = columnsByName(x, fit.names, METHOD);
  const n = columns[0]!.length;
  const out = new Float64Array(n);
  for (let t = 0; t < nTrees; t++) {
    const tree = fit.trees[t]!;
    for (let i = 0; i < n; i++) out[i] += fit.shrinkage * predictTree(tree, columns, i);
  }
  return out;
}

/** summary.gbm relative influence: 100 x influence / total (negatives set to 0). */
export function relativeInfluence(fit: GbmFit): Float64Array {
  const clipped = fit.influence.map((v) => (v > 0 ? v : 0));
  const total = clipped.reduce((a, b) => a + b, 0);
  return clipped.map((v) => (total > 0 ? (100 * v) / total : 0));
}

export interface GbmSelectorOptions extends SelectorOptions, GbmOptions {
  /** features with relative influence above this (percent) are selected; default 0 */
  minRelativeInfluence?: number;
}

/** The selector's defaults differ from gbm's (100 trees, shrinkage 0.1): with 1000 trees at shrinkage
 * 0.01 the relative influence no longer depends much on the bags drawn (docs/survival-selectors.md). */
export const GBM_SELECTOR_DEFAULTS = { nTrees: 1000, shrinkage: 0.01 } as const;

/** GBM as a selector: importance = relative influence (sums to 100); selected = influence > minRelativeInfluence. */
export const gbmSelector: FeatureSelector<GbmSelectorOptions> = (x, y, given) => {
  const options = { ...GBM_SELECTOR_DEFAULTS, ...given };
  const fit = fitGbmCox(x, y, options);
  const ri = relativeInfluence(fit);
  const threshold = options.minRelativeInfluence ?? 0;
  return {
    method: 'gbm',
    selected: fit.names.filter((_, j) => ri[j]! > threshold),
    importance: importanceRecord(fit.names, ri),
    parameters: {
      seed: options.seed,
      distribution: 'coxph',
      nTrees: fit.trees.length,
      shrinkage: fit.shrinkage,
      interactionDepth: options.interactionDepth ?? 1,
      nMinObsInNode: options.nMinObsInNode ?? 10,
      bagFraction: options.bagFraction ?? 0.5,
      trainFraction: options.trainFraction ?? 1,
      minRelativeInfluence: threshold,
      finalTrainDeviance: fit.trainError[fit.trainError.length - 1],
    },
  };
};
