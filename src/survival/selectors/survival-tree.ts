// One survival tree of a random survival forest (Ishwaran et al. 2008, Ann. Appl. Stat. 2:841;
// randomForestSRC semantics): log-rank splitting on mtry randomly drawn variables, nsplit random
// split points per variable (0 = every split point), nodes split only while they hold at least
// 2 x nodeSize in-bag cases (rfsrc's rule), Nelson–Aalen cumulative hazard in every terminal node.
// Log-rank statistic (rfsrc splitSurv.c logRankNCR): |sum_t (dL - nL d/n)| /
// sqrt(sum_t nL/n (1 - nL/n) (n - d)/(n - 1) d); the largest wins, the first maximum on ties.
// A case goes left when x <= split value; the split value is the midpoint between the two
// neighbouring values of the node (ranger's convention; rfsrc stores the left value itself).
import type { Random } from '../random.js';

/** Outcome on the forest's time grid (the distinct event times of the training data). */
export interface GridOutcome {
  status: Uint8Array;
  /** per subject: index of the last grid time <= its time (-1 if before the first event time) */
  gridIndex: Int32Array;
  gridSize: number;
}

export interface SurvivalTree {
  splitVar: Int32Array;
  splitValue: Float64Array;
  left: Int32Array;
  right: Int32Array;
  /** per node: terminal-node number, or -1 for an internal node */
  leaf: Int32Array;
  /** Nelson–Aalen CHF of each terminal node on the grid, flattened leaf-major */
  chf: Float64Array;
  /** per terminal node: sum of the CHF over the grid (rfsrc's predicted mortality) */
  mortality: Float64Array;
}

export interface SurvivalTreeSettings {
  mtry: number;
  nodeSize: number;
  nSplit: number;
}

interface Builder {
  splitVar: number[];
  splitValue: number[];
  left: number[];
  right: number[];
  leaf: number[];
  chf: number[];
  mortality: number[];
}

function nelsonAalen(cases: Int32Array, y: GridOutcome): Float64Array {
  const g = y.gridSize;
  const atRiskFrom = new Float64Array(g + 1);
  const deaths = new Float64Array(g);
  for (const i of cases) {
    const k = y.gridIndex[i]!;
    if (k >= 0) atRiskFrom[k] += 1;
    if (y.status[i] === 1) deaths[k] += 1;
  }
  const chf = new Float64Array(g);
  let atRisk = 0;
  for (let k = g - 1; k >= 0; k--) {
    atRisk += atRiskFrom[k]!;
    atRiskFrom[k] = atRisk;
  }
  let h = 0;
  for (let k = 0; k < g; k++) {
    if (deaths[k]! > 0) h += deaths[k]! / atRiskFrom[k]!;
    chf[k] = h;
  }
  return chf;
}

/** Scratch buffers reused by every split search of one tree (avoids allocation per node). */
interface Scratch {
  /** how many times each row is in the current node (bootstrap multiplicity) */
  multiplicity: Int32Array;
  sortedRows: Int32Array;
  sortedValues: Float64Array;
  leftFrom: Float64Array;
  leftDeaths: Float64Array;
  cuts: Int32Array;
}

/** Number of sorted values <= v (binary search). */
function countAtMost(sortedValues: Float64Array, m: number, v: number): number {
  let lo = 0;
  let hi = m;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sortedValues[mid]! <= v) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Best log-rank split of one variable for the node whose rows are marked in scratch.multiplicity;
 * `order` lists all rows by ascending value of the variable. Returns [statistic, split value] or null.
 */
function bestSplit(
  m: number,
  column: Float64Array,
  order: Int32Array,
  y: GridOutcome,
  settings: SurvivalTreeSettings,
  random: Random,
  nodeAtRisk: Float64Array,
  nodeDeaths: Float64Array,
  eventIndices: number[],
  scratch: Scratch,
): [number, number] | null {
  const { multiplicity, sortedRows, sortedValues, leftFrom, leftDeaths, cuts } = scratch;
  let filled = 0;
  for (let r = 0; r < order.length && filled < m; r++) {
    const row = order[r]!;
    const times = multiplicity[row]!;
    for (let t = 0; t < times; t++) {
      sortedRows[filled] = row;
      sortedValues[filled++] = column[row]!;
    }
  }
  if (sortedValues[0] === sortedValues[m - 1]) return null;
  // candidate cuts: left = the first c cases in sorted order, c at a change of value
  let nCuts = 0;
  if (settings.nSplit === 0) {
    for (let c = 1; c < m; c++) if (sortedValues[c] !== sortedValues[c - 1]) cuts[nCuts++] = c;
  } else {
    const max = sortedValues[m - 1]!;
    for (let s = 0; s < settings.nSplit; s++) {
      const v = sortedValues[random.int(m)]!;
      if (v !== max) cuts[nCuts++] = countAtMost(sortedValues, m, v);
    }
    cuts.subarray(0, nCuts).sort();
    let unique = 0;
    for (let q = 0; q < nCuts; q++) if (q === 0 || cuts[q] !== cuts[q - 1]) cuts[unique++] = cuts[q]!;
    nCuts = unique;
  }
  if (nCuts === 0) return null;
  const g = y.gridSize;
  leftFrom.fill(0, 0, g);
  leftDeaths.fill(0, 0, g);
  let best = 0;
  let bestValue = NaN;
  let pos = 0;
  for (let q = 0; q < nCuts; q++) {
    const c = cuts[q]!;
    for (; pos < c; pos++) {
      const i = sortedRows[pos]!;
      const k = y.gridIndex[i]!;
      if (k >= 0) leftFrom[k] += 1;
      if (y.status[i] === 1) leftDeaths[k] += 1;
    }
    // nL at grid time k = left cases with gridIndex >= k: suffix sums over the event times only
    let numerator = 0;
    let variance = 0;
    let suffix = 0;
    let next = g - 1;
    for (let e = eventIndices.length - 1; e >= 0; e--) {
      const k = eventIndices[e]!;
      for (; next >= k; next--) suffix += leftFrom[next]!;
      const n = nodeAtRisk[k]!;
      const d = nodeDeaths[k]!;
      numerator += leftDeaths[k]! - (suffix * d) / n;
      if (n > 1) variance += (suffix / n) * (1 - suffix / n) * ((n - d) / (n - 1)) * d;
    }
    if (variance <= 0) continue;
    const stat = Math.abs(numerator) / Math.sqrt(variance);
    if (stat > best) {
      best = stat;
      bestValue = 0.5 * (sortedValues[c - 1]! + sortedValues[c]!);
    }
  }
  return best > 0 ? [best, bestValue] : null;
}

/** Grows one tree on the in-bag cases (row indices, repeated for bootstrap multiplicity). */
export function growSurvivalTree(
  columns: Float64Array[],
  /** all rows sorted by ascending value, per column */
  orders: Int32Array[],
  y: GridOutcome,
  inBag: Int32Array,
  settings: SurvivalTreeSettings,
  random: Random,
): SurvivalTree {
  const b: Builder = { splitVar: [], splitValue: [], left: [], right: [], leaf: [], chf: [], mortality: [] };
  const p = columns.length;
  const g = y.gridSize;
  const makeLeaf = (node: number, cases: Int32Array): void => {
    const chf = nelsonAalen(cases, y);
    b.leaf[node] = b.mortality.length;
    b.mortality.push(chf.reduce((a, v) => a + v, 0));
    for (const v of chf) b.chf.push(v);
  };
  const newNode = (): number => {
    b.splitVar.push(-1);
    b.splitValue.push(0);
    b.left.push(-1);
    b.right.push(-1);
    b.leaf.push(-1);
    return b.splitVar.length - 1;
  };
  const stack: { node: number; cases: Int32Array }[] = [{ node: newNode(), cases: inBag }];
  const variables = Array.from({ length: p }, (_, j) => j);
  const nRows = y.status.length;
  const scratch: Scratch = {
    multiplicity: new Int32Array(nRows),
    sortedRows: new Int32Array(inBag.length),
    sortedValues: new Float64Array(inBag.length),
    leftFrom: new Float64Array(g),
    leftDeaths: new Float64Array(g),
    cuts: new Int32Array(Math.max(inBag.length, settings.nSplit)),
  };
  while (stack.length > 0) {
    const { node, cases } = stack.pop()!;
    if (cases.length < 2 * settings.nodeSize) {
      makeLeaf(node, cases);
      continue;
    }
    const nodeAtRisk = new Float64Array(g);
    const nodeDeaths = new Float64Array(g);
    for (const i of cases) {
      const k = y.gridIndex[i]!;
      if (k >= 0) nodeAtRisk[k] += 1;
      if (y.status[i] === 1) nodeDeaths[k] += 1;
    }
    for (let k = g - 2; k >= 0; k--) nodeAtRisk[k] += nodeAtRisk[k + 1]!;
    const eventIndices: number[] = [];
    for (let k = 0; k < g; k++) if (nodeDeaths[k]! > 0) eventIndices.push(k);
    let bestStat = 0;
    let bestVar = -1;
    let bestValue = 0;
    if (eventIndices.length > 0) {
      for (const i of cases) scratch.multiplicity[i] += 1;
      // partial Fisher–Yates: the first mtry entries become a random subset without replacement
      for (let t = 0; t < settings.mtry; t++) {
        const r = t + random.int(p - t);
        const j = variables[r]!;
        variables[r] = variables[t]!;
        variables[t] = j;
        const split = bestSplit(cases.length, columns[j]!, orders[j]!, y, settings, random, nodeAtRisk, nodeDeaths, eventIndices, scratch);
        if (split && split[0] > bestStat) {
          bestStat = split[0];
          bestVar = j;
          bestValue = split[1];
        }
      }
      for (const i of cases) scratch.multiplicity[i] = 0;
    }
    if (bestVar < 0) {
      makeLeaf(node, cases);
      continue;
    }
    const col = columns[bestVar]!;
    const leftCases = cases.filter((i) => col[i]! <= bestValue);
    const rightCases = cases.filter((i) => col[i]! > bestValue);
    b.splitVar[node] = bestVar;
    b.splitValue[node] = bestValue;
    const l = newNode();
    const r = newNode();
    b.left[node] = l;
    b.right[node] = r;
    stack.push({ node: r, cases: rightCases }, { node: l, cases: leftCases });
  }
  return {
    splitVar: Int32Array.from(b.splitVar),
    splitValue: Float64Array.from(b.splitValue),
    left: Int32Array.from(b.left),
    right: Int32Array.from(b.right),
    leaf: Int32Array.from(b.leaf),
    chf: Float64Array.from(b.chf),
    mortality: Float64Array.from(b.mortality),
  };
}

/** Terminal-node number reached by row i; `permuted` optionally replaces one variable's value. */
export function survivalTreeLeaf(
  tree: SurvivalTree,
  columns: Float64Array[],
  i: number,
  permutedVar = -1,
  permutedValue = 0,
): number {
  let node = 0;
  while (tree.leaf[node]! < 0) {
    const v = tree.splitVar[node]!;
    const x = v === permutedVar ? permutedValue : columns[v]![i]!;
    node = x <= tree.splitValue[node]! ? tree.left[node]! : tree.right[node]!;
  }
  return tree.leaf[node]!;
}
