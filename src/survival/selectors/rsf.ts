// Random survival forest (Ishwaran, Kogalur, Blackstone & Lauer 2008), with randomForestSRC 3.x
// defaults: ntree 500, mtry = ceil(sqrt(p)), nodesize 15, nsplit 10, subsampling without
// replacement of 0.632 n cases per tree (bootstrap with replacement of n cases on request, as
// ranger). Trees: survival-tree.ts. Ensemble CHF = mean of the terminal-node Nelson–Aalen CHFs;
// out-of-bag (OOB) ensemble over the trees a case was not drawn for; mortality = CHF summed over
// the event-time grid; OOB error = 1 - Harrell's C of the OOB mortality.
// Variable importance: Breiman–Cutler permutation VIMP as ranger computes it for survival — per
// tree, permute the variable among the tree's OOB cases and take the increase of the tree's OOB
// error (1 - C of its terminal-node mortality), averaged over trees. Selected = VIMP > 0.
// Deliberate differences: the time grid is every distinct event time (rfsrc thins to ntime = 150,
// which changes nothing below 150 event times); rfsrc's default VIMP is "anti" at the ensemble level,
// ours is ranger's per-tree permutation importance.
//
// Determinism and parallelism: the seed draws one 32-bit seed per tree (rsfTreeSeeds); each tree
// uses only its own stream, so trees can be grown in any chunks, on any number of workers
// (growRsfTrees on a slice of the seeds), and combineRsfTrees gives the same forest.
import type { FeatureMatrix, SurvivalOutcome } from '../types.js';
import { Random } from '../random.js';
import { concordance } from '../concordance.js';
import { type GridOutcome, type SurvivalTree, countAtMost, createTreeScratch, growSurvivalTree, survivalTreeLeaf } from './survival-tree.js';
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

const METHOD = 'RSF';

export interface RsfOptions {
  /** number of trees, default 500 */
  nTree?: number;
  /** variables tried per node, default ceil(sqrt(p)) */
  mtry?: number;
  /** rfsrc nodesize: nodes with fewer than 2 x nodeSize in-bag cases are not split; default 15 */
  nodeSize?: number;
  /** random split points per variable, 0 = all; default 10 */
  nSplit?: number;
  /** "subsample" (without replacement, rfsrc default) or "bootstrap" (with replacement) */
  sampling?: 'subsample' | 'bootstrap';
  /** cases per tree as a fraction of n: default 0.632 for subsample, 1 for bootstrap */
  sampleFraction?: number;
  /** compute permutation VIMP (default true) */
  importance?: boolean;
}

export interface RsfTreeResult {
  tree: SurvivalTree;
  /** rows drawn for this tree (repeated as drawn, for the bootstrap) */
  inBag: Int32Array;
  /** rows not drawn for this tree */
  oob: Int32Array;
  /** tree-level increase in OOB error per variable when it is permuted (empty without importance
   * or without a comparable OOB pair) */
  vimp: Float64Array;
}

export interface RsfFit {
  names: string[];
  /** distinct event times: the grid of every CHF */
  eventTimes: Float64Array;
  trees: SurvivalTree[];
  /** OOB ensemble CHF per subject, flattened subject-major on the grid (NaN if never OOB) */
  oobChf: Float64Array;
  oobMortality: Float64Array;
  /** 1 - Harrell C of the OOB mortality */
  oobError: number;
  /** permutation VIMP per feature (mean over trees) */
  vimp: Float64Array;
  settings: Required<RsfOptions>;
}

function resolveOptions(options: RsfOptions, p: number, n: number): Required<RsfOptions> {
  const sampling = options.sampling ?? 'subsample';
  const settings: Required<RsfOptions> = {
    nTree: options.nTree ?? 500,
    mtry: options.mtry ?? Math.ceil(Math.sqrt(p)),
    nodeSize: options.nodeSize ?? 15,
    nSplit: options.nSplit ?? 10,
    sampling,
    sampleFraction: options.sampleFraction ?? (sampling === 'subsample' ? 0.632 : 1),
    importance: options.importance ?? true,
  };
  checkPositiveInteger(settings.nTree, 'nTree', METHOD);
  checkPositiveInteger(settings.nodeSize, 'nodeSize', METHOD);
  checkPositiveInteger(settings.mtry, 'mtry', METHOD);
  if (settings.mtry > p) throw new SelectorInputError(`${METHOD}: mtry ${settings.mtry} exceeds the ${p} features`);
  if (!Number.isInteger(settings.nSplit) || settings.nSplit < 0) {
    throw new SelectorInputError(`${METHOD}: nSplit must be an integer >= 0, got ${settings.nSplit}`);
  }
  if (sampling !== 'subsample' && sampling !== 'bootstrap') {
    throw new SelectorInputError(`${METHOD}: sampling must be "subsample" or "bootstrap", got ${String(sampling)}`);
  }
  // subsample with fraction 1 grows on the whole sample (no OOB cases, so no OOB error or VIMP)
  checkFraction(settings.sampleFraction, 'sampleFraction', METHOD);
  if (Math.round(settings.sampleFraction * n) < 2) throw new SelectorInputError(`${METHOD}: fewer than 2 cases per tree`);
  return settings;
}

function gridOutcome(y: SurvivalOutcome): { grid: GridOutcome; eventTimes: Float64Array } {
  const eventTimes = Float64Array.from(new Set(Array.from(y.time).filter((_, i) => y.status[i] === 1))).sort();
  // index of the last event time <= t (-1 before the first event)
  const gridIndex = Int32Array.from(y.time, (t) => countAtMost(eventTimes, eventTimes.length, t) - 1);
  return { grid: { status: y.status, gridIndex, gridSize: eventTimes.length }, eventTimes };
}

/** One 32-bit seed per tree, drawn from the forest seed. */
export function rsfTreeSeeds(seed: number, nTree: number): number[] {
  const master = new Random(seed);
  return Array.from({ length: nTree }, () => master.nextUint32() | 0);
}

/** Comparable pairs (positions in a list of rows) of a Harrell's C, listed once for many scorings. */
export interface ComparablePairs {
  earlier: Int32Array;
  later: Int32Array;
  count: number;
}

/**
 * Lists the comparable pairs among `rows` into `pairs` (its buffers grown to m(m - 1) entries for m
 * rows), so that a tree's OOB error can be recomputed for every permuted variable without
 * rescanning the times. The pairs are the core `concordance`'s: an event before a later time, or
 * before a censoring at the same time; tied event times are not comparable.
 */
export function listComparablePairs(y: SurvivalOutcome, rows: Int32Array, pairs: ComparablePairs): void {
  const m = rows.length;
  if (pairs.earlier.length < m * (m - 1)) {
    pairs.earlier = new Int32Array(m * (m - 1));
    pairs.later = new Int32Array(m * (m - 1));
  }
  const { earlier, later } = pairs;
  let count = 0;
  for (let a = 0; a < m; a++) {
    const i = rows[a]!;
    if (y.status[i] !== 1) continue;
    const ti = y.time[i]!;
    for (let b = 0; b < m; b++) {
      const tj = y.time[rows[b]!]!;
      if (b === a || tj < ti || (tj === ti && y.status[rows[b]!] === 1)) continue;
      earlier[count] = a;
      later[count++] = b;
    }
  }
  pairs.count = count;
}

/** Harrell's C over listed pairs, `score[a]` being the predicted risk of the a-th listed row (the
 * core `concordance(y, score, rows).c`, tested; NaN without a comparable pair). */
export function pairsConcordance(pairs: ComparablePairs, score: ArrayLike<number>): number {
  const { earlier, later, count } = pairs;
  let concordant = 0;
  let discordant = 0;
  let tied = 0;
  for (let q = 0; q < count; q++) {
    const xi = score[earlier[q]!]!;
    const xj = score[later[q]!]!;
    if (xi > xj) concordant++;
    else if (xi < xj) discordant++;
    else tied++;
  }
  return (concordant + tied / 2) / (concordant + discordant + tied);
}

/** 1 - Harrell's C of the tree's terminal-node mortality over its m OOB cases (`leaves[a]` of oob[a]). */
function treeOobError(tree: SurvivalTree, pairs: ComparablePairs, m: number, leaves: Int32Array, risk: Float64Array): number {
  for (let a = 0; a < m; a++) risk[a] = tree.mortality[leaves[a]!]!;
  return 1 - pairsConcordance(pairs, risk);
}

/** Grows the trees whose seeds are given (a chunk of rsfTreeSeeds), each from its own stream. */
export function growRsfTrees(x: FeatureMatrix, y: SurvivalOutcome, options: RsfOptions, seeds: number[]): RsfTreeResult[] {
  const n = checkSelectorInput(x, y, METHOD, 1);
  const p = x.columns.length;
  const settings = resolveOptions(options, p, n);
  const { grid } = gridOutcome(y);
  const sampleSize = Math.round(settings.sampleFraction * n);
  const orders = x.columns.map((col) => Int32Array.from({ length: n }, (_, i) => i).sort((a, b) => col[a]! - col[b]! || a - b));
  const scratch = createTreeScratch(n, p, sampleSize, grid.gridSize, settings.nSplit);
  const rows = new Int32Array(n);
  const drawn = new Uint8Array(n);
  const pairs: ComparablePairs = { earlier: new Int32Array(0), later: new Int32Array(0), count: 0 };
  // per-tree buffers for the OOB cases' leaves and risks, and the variables a tree uses
  const leaves = new Int32Array(n);
  const risk = new Float64Array(n);
  const used = new Uint8Array(p);
  return seeds.map((treeSeed) => {
    const random = new Random(treeSeed);
    drawn.fill(0);
    let inBag: Int32Array;
    if (settings.sampling === 'bootstrap') {
      inBag = new Int32Array(sampleSize);
      for (let s = 0; s < sampleSize; s++) {
        const i = random.int(n);
        inBag[s] = i;
        drawn[i] = 1;
      }
    } else {
      for (let i = 0; i < n; i++) rows[i] = i;
      for (let s = 0; s < sampleSize; s++) {
        const r = s + random.int(n - s);
        const tmp = rows[r]!;
        rows[r] = rows[s]!;
        rows[s] = tmp;
        drawn[tmp] = 1;
      }
      // the drawn rows in ascending order
      inBag = new Int32Array(sampleSize);
      for (let i = 0, s = 0; i < n; i++) if (drawn[i]) inBag[s++] = i;
    }
    const tree = growSurvivalTree(x.columns, orders, grid, inBag, settings, random, scratch);
    let nOob = 0;
    for (let i = 0; i < n; i++) if (!drawn[i]) nOob++;
    const oob = new Int32Array(nOob);
    for (let i = 0, a = 0; i < n; i++) if (!drawn[i]) oob[a++] = i;
    if (!settings.importance || oob.length < 2) return { tree, inBag, oob, vimp: new Float64Array(0) };
    const m = oob.length;
    for (let a = 0; a < m; a++) leaves[a] = survivalTreeLeaf(tree, x.columns, oob[a]!);
    listComparablePairs(y, oob, pairs);
    const baseError = treeOobError(tree, pairs, m, leaves, risk);
    // no comparable pair among the OOB cases (e.g. all censored): this tree has no VIMP
    if (Number.isNaN(baseError)) return { tree, inBag, oob, vimp: new Float64Array(0) };
    const vimp = new Float64Array(p);
    used.fill(0);
    for (const v of tree.splitVar) if (v >= 0) used[v] = 1;
    const values: number[] = new Array<number>(m);
    for (let j = 0; j < p; j++) {
      // a variable the tree never splits on leaves every prediction unchanged: increase 0
      if (!used[j]) continue;
      const col = x.columns[j]!;
      for (let a = 0; a < m; a++) values[a] = col[oob[a]!]!;
      random.shuffle(values);
      for (let a = 0; a < m; a++) leaves[a] = survivalTreeLeaf(tree, x.columns, oob[a]!, j, values[a]!);
      vimp[j] = treeOobError(tree, pairs, m, leaves, risk) - baseError;
    }
    return { tree, inBag, oob, vimp };
  });
}

/** Combines trees (in seed order) into the forest: OOB ensemble CHF, OOB error and mean VIMP. */
export function combineRsfTrees(x: FeatureMatrix, y: SurvivalOutcome, options: RsfOptions, results: RsfTreeResult[]): RsfFit {
  const n = y.time.length;
  const p = x.columns.length;
  const settings = resolveOptions(options, p, n);
  const { eventTimes } = gridOutcome(y);
  const g = eventTimes.length;
  const oobChf = new Float64Array(n * g);
  const oobCount = new Int32Array(n);
  const vimp = new Float64Array(p);
  let vimpTrees = 0;
  for (const { tree, oob, vimp: treeVimp } of results) {
    for (const i of oob) {
      const leaf = survivalTreeLeaf(tree, x.columns, i);
      for (let k = 0; k < g; k++) oobChf[i * g + k] += tree.chf[leaf * g + k]!;
      oobCount[i] += 1;
    }
    if (treeVimp.length === p) {
      for (let j = 0; j < p; j++) vimp[j] += treeVimp[j]!;
      vimpTrees += 1;
    }
  }
  const oobMortality = new Float64Array(n);
  const scored: number[] = [];
  for (let i = 0; i < n; i++) {
    let mortality = 0;
    for (let k = 0; k < g; k++) {
      oobChf[i * g + k] = oobCount[i]! > 0 ? oobChf[i * g + k]! / oobCount[i]! : NaN;
      mortality += oobChf[i * g + k]!;
    }
    oobMortality[i] = mortality;
    if (oobCount[i]! > 0) scored.push(i);
  }
  const oobError = 1 - concordance(y, Float64Array.from(scored, (i) => oobMortality[i]!), scored).c;
  if (vimpTrees > 0) for (let j = 0; j < p; j++) vimp[j] = vimp[j]! / vimpTrees;
  settings.nTree = results.length;
  return {
    names: [...x.names],
    eventTimes,
    trees: results.map((r) => r.tree),
    oobChf,
    oobMortality,
    oobError,
    vimp,
    settings,
  };
}

export function fitRandomSurvivalForest(x: FeatureMatrix, y: SurvivalOutcome, options: RsfOptions & { seed: number }): RsfFit {
  const p = x.columns.length;
  const nTree = options.nTree ?? 500;
  checkPositiveInteger(nTree, 'nTree', METHOD);
  const results = growRsfTrees(x, y, options, rsfTreeSeeds(options.seed, nTree));
  return combineRsfTrees(x, y, { ...options, mtry: options.mtry ?? Math.ceil(Math.sqrt(p)) }, results);
}

/** Ensemble (all trees) CHF on the event-time grid for every row of new data, subject-major. */
export function predictRsfChf(fit: RsfFit, x: FeatureMatrix): Float64Array {
  const columns = columnsByName(x, fit.names, METHOD);
  const n = columns[0]!.length;
  const g = fit.eventTimes.length;
  const out = new Float64Array(n * g);
  for (const tree of fit.trees) {
    for (let i = 0; i < n; i++) {
      const leaf = survivalTreeLeaf(tree, columns, i);
      for (let k = 0; k < g; k++) out[i * g + k] += tree.chf[leaf * g + k]! / fit.trees.length;
    }
  }
  return out;
}

export interface RsfSelectorOptions extends SelectorOptions, RsfOptions {
  /** select the k features of largest VIMP (among VIMP > 0) instead of all with VIMP > 0 */
  topK?: number;
}

/** The selector grows 1000 trees (rfsrc's default is 500): per-tree VIMP is noisy on ~30 OOB cases. */
export const RSF_SELECTOR_DEFAULTS = { nTree: 1000 } as const;

/** RSF as a selector: importance = permutation VIMP; selected = VIMP > 0 (or the topK of those). */
export const rsfSelector: FeatureSelector<RsfSelectorOptions> = (x, y, given) => {
  const options = { ...RSF_SELECTOR_DEFAULTS, ...given };
  const fit = fitRandomSurvivalForest(x, y, { ...options, importance: true });
  let selected = fit.names.filter((_, j) => fit.vimp[j]! > 0);
  if (options.topK !== undefined) {
    checkPositiveInteger(options.topK, 'topK', METHOD);
    const keep = new Set(
      [...selected].sort((a, b) => fit.vimp[fit.names.indexOf(b)]! - fit.vimp[fit.names.indexOf(a)]!).slice(0, options.topK),
    );
    selected = selected.filter((name) => keep.has(name));
  }
  return {
    method: 'rsf',
    selected,
    importance: importanceRecord(fit.names, fit.vimp),
    parameters: {
      seed: options.seed,
      ...fit.settings,
      splitRule: 'logrank',
      vimp: 'permutation (Breiman–Cutler, per tree, OOB 1 - C)',
      selection: options.topK !== undefined ? `top ${options.topK} with VIMP > 0` : 'VIMP > 0',
      oobError: fit.oobError,
    },
  };
};
