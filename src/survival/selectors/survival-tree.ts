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
  mortality: number[];
}

/** Nelson–Aalen CHF of the cases on the grid, written to chf[offset .. offset + gridSize). */
function nelsonAalen(cases: Int32Array, y: GridOutcome, scratch: TreeScratch, chf: Float64Array, offset: number): void {
  const g = y.gridSize;
  const { atRiskFrom, deaths } = scratch;
  atRiskFrom.fill(0);
  deaths.fill(0);
  for (const i of cases) {
    const k = y.gridIndex[i]!;
    if (k >= 0) atRiskFrom[k] += 1;
    if (y.status[i] === 1) deaths[k] += 1;
  }
  let atRisk = 0;
  for (let k = g - 1; k >= 0; k--) {
    atRisk += atRiskFrom[k]!;
    atRiskFrom[k] = atRisk;
  }
  let h = 0;
  for (let k = 0; k < g; k++) {
    if (deaths[k]! > 0) h += deaths[k]! / atRiskFrom[k]!;
    chf[offset + k] = h;
  }
}

/** Scratch buffers reused by every split search of a tree, and by every tree of a forest whose
 * trees have the same case count (avoids allocation per node and per tree). */
export interface TreeScratch {
  /** how many times each row is in the current node (bootstrap multiplicity) */
  multiplicity: Int32Array;
  /** per row: number of the node's event times at or before its time (it is at risk at those) */
  riskCount: Int32Array;
  sortedRows: Int32Array;
  sortedValues: Float64Array;
  cumulativeWeight: Float64Array;
  cuts: Int32Array;
  /** Fenwick trees over riskCount 0..E: counts and sums of quadraticPrefix */
  fenwickCount: Float64Array;
  fenwickSum: Float64Array;
  /** per-node buffers of prepareNode: grid indices of the node's cases and of its events */
  nodeGrid: Int32Array;
  eventGrid: Int32Array;
  hazardPrefix: Float64Array;
  linearPrefix: Float64Array;
  quadraticPrefix: Float64Array;
  /** the tree's in-bag cases, each node's a contiguous range (partitioned in place), and room for a partition */
  caseBuffer: Int32Array;
  partition: Int32Array;
  /** variable indices for the per-node draw of mtry of them */
  variables: Int32Array;
  /** Nelson–Aalen counts, and the CHFs of the tree's leaves (grown as needed) */
  atRiskFrom: Float64Array;
  deaths: Float64Array;
  leafChf: Float64Array;
  /** the statistic and split value found by the last successful bestSplit */
  splitStat: number;
  splitValue: number;
}

/** Buffers for trees grown on `caseCount` in-bag cases (repeats counted) of `nRows` rows and p variables. */
export function createTreeScratch(nRows: number, p: number, caseCount: number, gridSize: number, nSplit: number): TreeScratch {
  return {
    multiplicity: new Int32Array(nRows),
    riskCount: new Int32Array(nRows),
    sortedRows: new Int32Array(caseCount),
    sortedValues: new Float64Array(caseCount),
    cumulativeWeight: new Float64Array(caseCount),
    cuts: new Int32Array(Math.max(caseCount, nSplit)),
    fenwickCount: new Float64Array(gridSize + 2),
    fenwickSum: new Float64Array(gridSize + 2),
    nodeGrid: new Int32Array(caseCount),
    eventGrid: new Int32Array(caseCount),
    hazardPrefix: new Float64Array(gridSize + 1),
    linearPrefix: new Float64Array(gridSize + 1),
    quadraticPrefix: new Float64Array(gridSize + 1),
    caseBuffer: new Int32Array(caseCount),
    partition: new Int32Array(caseCount),
    variables: new Int32Array(p),
    atRiskFrom: new Float64Array(gridSize + 1),
    deaths: new Float64Array(gridSize),
    leafChf: new Float64Array(4 * gridSize),
    splitStat: 0,
    splitValue: 0,
  };
}

/**
 * The node's log-rank sums as prefix arrays over its E event times e (index r = "at risk at the
 * first r event times"): hazardPrefix[r] = sum_{e<r} d/n, linearPrefix[r] = sum_{e<r} a_e,
 * quadraticPrefix[r] = sum_{e<r} a_e/n_e with a = d (n - d)/(n (n - 1)). Then, for a left daughter
 * L, numerator = sum_{i in L} (delta_i - hazardPrefix[r_i]) and variance = sum_e a_e nL_e -
 * sum_e (a_e/n_e) nL_e^2, both updated case by case as L grows (the square via Fenwick trees).
 */
interface NodeLogRank {
  events: number;
  hazardPrefix: Float64Array;
  linearPrefix: Float64Array;
  quadraticPrefix: Float64Array;
}

function fenwickAdd(tree: Float64Array, size: number, index: number, value: number): void {
  for (let i = index + 1; i <= size; i += i & -i) tree[i] += value;
}

function fenwickPrefix(tree: Float64Array, index: number): number {
  let sum = 0;
  for (let i = index + 1; i > 0; i -= i & -i) sum += tree[i]!;
  return sum;
}

/** Number of the first m (ascending) sorted values that are <= v (binary search). */
export function countAtMost(sortedValues: Float64Array | Int32Array, m: number, v: number): number {
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
 * `order` lists all rows by ascending value of the variable. Returns false when the variable has
 * no usable split, else true with the statistic and split value in scratch.splitStat/splitValue.
 */
function bestSplit(
  cases: Int32Array,
  column: Float64Array,
  order: Int32Array,
  status: Uint8Array,
  settings: SurvivalTreeSettings,
  random: Random,
  node: NodeLogRank,
  scratch: TreeScratch,
): boolean {
  const { multiplicity, riskCount, sortedRows, sortedValues, cumulativeWeight, cuts, fenwickCount, fenwickSum } = scratch;
  const m = cases.length;
  // the node's distinct rows sorted by (value, row); a row's weight is its bootstrap multiplicity
  let u = 0;
  if (m * 4 < order.length) {
    // small node: insertion-sort its cases, then drop repeated rows (adjacent after sorting)
    for (let a = 0; a < m; a++) {
      const row = cases[a]!;
      const v = column[row]!;
      let b = a;
      while (b > 0 && (sortedValues[b - 1]! > v || (sortedValues[b - 1] === v && sortedRows[b - 1]! > row))) {
        sortedValues[b] = sortedValues[b - 1]!;
        sortedRows[b] = sortedRows[b - 1]!;
        b--;
      }
      sortedValues[b] = v;
      sortedRows[b] = row;
    }
    for (let a = 0; a < m; a++) {
      if (a > 0 && sortedRows[a] === sortedRows[a - 1]) continue;
      sortedRows[u] = sortedRows[a]!;
      sortedValues[u++] = sortedValues[a]!;
    }
  } else {
    for (let r = 0, filled = 0; r < order.length && filled < m; r++) {
      const row = order[r]!;
      const times = multiplicity[row]!;
      if (times === 0) continue;
      sortedRows[u] = row;
      sortedValues[u++] = column[row]!;
      filled += times;
    }
  }
  if (sortedValues[0] === sortedValues[u - 1]) return false;
  // candidate cuts: left = the first c distinct rows in sorted order, c at a change of value
  let nCuts = 0;
  if (settings.nSplit === 0) {
    for (let c = 1; c < u; c++) if (sortedValues[c] !== sortedValues[c - 1]) cuts[nCuts++] = c;
  } else {
    // split values drawn uniformly over the node's cases (repeats count), as rfsrc draws them
    // the k-th case (0-based, repeats counted) is the first distinct row whose cumulative weight
    // exceeds k: row k itself when no row repeats
    const repeats = u < m;
    let total = 0;
    if (repeats) for (let t = 0; t < u; t++) cumulativeWeight[t] = total += multiplicity[sortedRows[t]!]!;
    const max = sortedValues[u - 1]!;
    for (let s = 0; s < settings.nSplit; s++) {
      const k = random.int(m);
      let lo = repeats ? 0 : k;
      let hi = repeats ? u - 1 : k;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (cumulativeWeight[mid]! > k) hi = mid;
        else lo = mid + 1;
      }
      const v = sortedValues[lo]!;
      if (v === max) continue;
      // insertion into the ascending cuts (at most nSplit of them)
      const c = countAtMost(sortedValues, u, v);
      let q = nCuts++;
      for (; q > 0 && cuts[q - 1]! > c; q--) cuts[q] = cuts[q - 1]!;
      cuts[q] = c;
    }
    let unique = 0;
    for (let q = 0; q < nCuts; q++) if (q === 0 || cuts[q] !== cuts[q - 1]) cuts[unique++] = cuts[q]!;
    nCuts = unique;
  }
  if (nCuts === 0) return false;
  const { hazardPrefix, linearPrefix, quadraticPrefix } = node;
  const size = node.events + 1;
  fenwickCount.fill(0, 0, size + 1);
  fenwickSum.fill(0, 0, size + 1);
  let numerator = 0;
  let linear = 0;
  let quadratic = 0;
  let leftCount = 0;
  let best = 0;
  let bestValue = NaN;
  let pos = 0;
  for (let q = 0; q < nCuts; q++) {
    const c = cuts[q]!;
    for (; pos < c; pos++) {
      const i = sortedRows[pos]!;
      const w = multiplicity[i]!;
      const r = riskCount[i]!;
      const b = quadraticPrefix[r]!;
      numerator += w * (status[i]! - hazardPrefix[r]!);
      linear += w * linearPrefix[r]!;
      // sum_{e<r} b_e nL_e over the current left cases j = sum_j w_j quadraticPrefix[min(r, r_j)]
      const cross = fenwickPrefix(fenwickSum, r) + b * (leftCount - fenwickPrefix(fenwickCount, r));
      quadratic += w * w * b + 2 * w * cross;
      fenwickAdd(fenwickCount, size, r, w);
      fenwickAdd(fenwickSum, size, r, w * b);
      leftCount += w;
    }
    const variance = linear - quadratic;
    // a variance that is rounding noise means no information (a daughter at risk at no event time)
    if (!(variance > 1e-10 * linear)) continue;
    const stat = Math.abs(numerator) / Math.sqrt(variance);
    if (stat > best) {
      best = stat;
      bestValue = 0.5 * (sortedValues[c - 1]! + sortedValues[c]!);
    }
  }
  if (!(best > 0)) return false;
  scratch.splitStat = best;
  scratch.splitValue = bestValue;
  return true;
}

/** Sorts values[0, m) ascending in place and returns that part: insertion sort for the small nodes
 * of the forests (the built-in sort's set-up costs more there), the built-in sort above 64. */
function sortAscending(values: Int32Array, m: number): Int32Array {
  const part = values.subarray(0, m);
  if (m > 64) return part.sort();
  for (let a = 1; a < m; a++) {
    const v = values[a]!;
    let b = a;
    for (; b > 0 && values[b - 1]! > v; b--) values[b] = values[b - 1]!;
    values[b] = v;
  }
  return part;
}

/** Marks the node's rows and builds its log-rank prefix sums; null when the node has no event.
 * Works on the node's own sorted grid indices (O(m log m)), not on the whole time grid. */
function prepareNode(cases: Int32Array, y: GridOutcome, scratch: TreeScratch): NodeLogRank | null {
  const m = cases.length;
  const { nodeGrid, eventGrid, hazardPrefix, linearPrefix, quadraticPrefix } = scratch;
  let nEvents = 0;
  for (let a = 0; a < m; a++) {
    const i = cases[a]!;
    nodeGrid[a] = y.gridIndex[i]!;
    if (y.status[i] === 1) eventGrid[nEvents++] = y.gridIndex[i]!;
  }
  if (nEvents === 0) return null;
  const grid = sortAscending(nodeGrid, m);
  const eventsSorted = sortAscending(eventGrid, nEvents);
  // distinct event times e with their death counts d and numbers at risk n (grid index >= k_e)
  let events = 0;
  let below = 0; // cases with grid index < k_e
  for (let a = 0; a < nEvents; ) {
    const k = eventsSorted[a]!;
    let d = 0;
    while (a < nEvents && eventsSorted[a] === k) {
      d++;
      a++;
    }
    while (below < m && grid[below]! < k) below++;
    const n = m - below;
    const w = n > 1 ? (d * (n - d)) / (n * (n - 1)) : 0;
    hazardPrefix[events + 1] = hazardPrefix[events]! + d / n;
    linearPrefix[events + 1] = linearPrefix[events]! + w;
    quadraticPrefix[events + 1] = quadraticPrefix[events]! + w / n;
    eventGrid[events++] = k; // distinct event grid indices, ascending, overwrite in place
  }
  for (const i of cases) {
    scratch.multiplicity[i] += 1;
    // number of node event times <= this case's time
    scratch.riskCount[i] = countAtMost(eventGrid, events, y.gridIndex[i]!);
  }
  return { events, hazardPrefix, linearPrefix, quadraticPrefix };
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
  /** buffers to reuse (createTreeScratch with inBag.length cases); made here when absent */
  scratch: TreeScratch = createTreeScratch(y.status.length, columns.length, inBag.length, y.gridSize, settings.nSplit),
): SurvivalTree {
  const b: Builder = { splitVar: [], splitValue: [], left: [], right: [], leaf: [], mortality: [] };
  const p = columns.length;
  const g = y.gridSize;
  const makeLeaf = (node: number, cases: Int32Array): void => {
    const leaf = b.mortality.length;
    if ((leaf + 1) * g > scratch.leafChf.length) {
      const grown = new Float64Array(2 * (leaf + 1) * g);
      grown.set(scratch.leafChf);
      scratch.leafChf = grown;
    }
    const chf = scratch.leafChf;
    nelsonAalen(cases, y, scratch, chf, leaf * g);
    b.leaf[node] = leaf;
    let mortality = 0;
    for (let k = 0; k < g; k++) mortality += chf[leaf * g + k]!;
    b.mortality.push(mortality);
  };
  const newNode = (): number => {
    b.splitVar.push(-1);
    b.splitValue.push(0);
    b.left.push(-1);
    b.right.push(-1);
    b.leaf.push(-1);
    return b.splitVar.length - 1;
  };
  const { caseBuffer, partition, variables } = scratch;
  caseBuffer.set(inBag);
  for (let j = 0; j < p; j++) variables[j] = j;
  // each node's cases are caseBuffer[lo, hi), in the order of inBag
  const stack: { node: number; lo: number; hi: number }[] = [{ node: newNode(), lo: 0, hi: inBag.length }];

  while (stack.length > 0) {
    const { node, lo, hi } = stack.pop()!;
    const cases = caseBuffer.subarray(lo, hi);
    if (cases.length < 2 * settings.nodeSize) {
      makeLeaf(node, cases);
      continue;
    }
    let bestStat = 0;
    let bestVar = -1;
    let bestValue = 0;
    const logRank = prepareNode(cases, y, scratch);
    if (logRank) {
      // partial Fisher–Yates: the first mtry entries become a random subset without replacement
      for (let t = 0; t < settings.mtry; t++) {
        const r = t + random.int(p - t);
        const j = variables[r]!;
        variables[r] = variables[t]!;
        variables[t] = j;
        if (bestSplit(cases, columns[j]!, orders[j]!, y.status, settings, random, logRank, scratch) && scratch.splitStat > bestStat) {
          bestStat = scratch.splitStat;
          bestVar = j;
          bestValue = scratch.splitValue;
        }
      }
      for (const i of cases) scratch.multiplicity[i] = 0;
    }
    if (bestVar < 0) {
      makeLeaf(node, cases);
      continue;
    }
    // stable partition: the left daughter's cases first, each side in its present order
    const col = columns[bestVar]!;
    let l0 = lo;
    let r0 = 0;
    for (let a = lo; a < hi; a++) {
      const i = caseBuffer[a]!;
      if (col[i]! <= bestValue) caseBuffer[l0++] = i;
      else partition[r0++] = i;
    }
    for (let a = 0; a < r0; a++) caseBuffer[l0 + a] = partition[a]!;
    b.splitVar[node] = bestVar;
    b.splitValue[node] = bestValue;
    const l = newNode();
    const r = newNode();
    b.left[node] = l;
    b.right[node] = r;
    stack.push({ node: r, lo: l0, hi }, { node: l, lo, hi: l0 });
  }
  const chf = new Float64Array(scratch.leafChf.subarray(0, b.mortality.length * g));
  return {
    splitVar: new Int32Array(b.splitVar),
    splitValue: new Float64Array(b.splitValue),
    left: new Int32Array(b.left),
    right: new Int32Array(b.right),
    leaf: new Int32Array(b.leaf),
    chf,
    mortality: new Float64Array(b.mortality),
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
