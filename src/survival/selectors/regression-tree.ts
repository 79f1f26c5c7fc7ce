// Least-squares regression trees grown the way gbm grows them (cran/gbm: src/tree.cpp grow and
// GetBestSplit, src/node_search.cpp IncorporateObs, src/node.h Improvement): `maxSplits` splits
// (gbm interaction.depth), each time splitting the terminal node whose best split improves the
// weighted squared error most. A split lies midway between two neighbouring distinct values; it
// needs at least `minObsInNode` in-bag rows on each side; improvement = wL wR/(wL+wR) (meanL - meanR)^2.
// Rows with x < split go left. Complete data only, so gbm's third (missing-value) child is omitted.

export interface RegressionTree {
  /** per node: split variable, or -1 for a terminal node */
  splitVar: Int32Array;
  splitValue: Float64Array;
  left: Int32Array;
  right: Int32Array;
  /** improvement of the split made at the node (0 for terminal nodes) */
  improvement: Float64Array;
  /** terminal-node value (set by the caller after growth) */
  value: Float64Array;
}

export interface TreeGrowthInput {
  /** column-major features: columns[j][row] */
  columns: Float64Array[];
  /** rows of the training set sorted by each feature, ascending: order[j] */
  order: Int32Array[];
  response: Float64Array;
  inBag: Uint8Array;
  maxSplits: number;
  minObsInNode: number;
}

export interface GrownTree {
  tree: RegressionTree;
  /** terminal node list in gbm's order: a split keeps the left child in place, appends the right */
  terminalNodes: number[];
  /** in-bag row count per terminal node (same order) */
  terminalCounts: number[];
  /** terminal node (index into terminalNodes) of each training row */
  assignment: Int32Array;
}

interface NodeStats {
  sumZ: number;
  w: number;
  n: number;
}

interface SplitSearch {
  best: number;
  bestVar: number;
  bestValue: number;
  left: NodeStats;
  right: NodeStats;
}

/** gbm's improvement of a split: wL wR/(wL+wR) (meanL - meanR)^2, from the left sums and the node's. */
function improvementOf(sL: number, wL: number, sumZ: number, w: number): number {
  const wR = w - wL;
  const diff = sL / wL - (sumZ - sL) / wR;
  return ((wL * wR) / (wL + wR)) * diff * diff;
}

/**
 * Best split of a single terminal node (every in-bag row in it: the root, which is the whole
 * tree at interaction.depth 1). The same scan as the general case without the per-node
 * bookkeeping, and it stops a variable's scan once the right side is too small for any later cut.
 */
function searchSingleNode(input: TreeGrowthInput, s: NodeStats, search: SplitSearch): void {
  const { columns, order, response, inBag, minObsInNode } = input;
  const last = s.n - minObsInNode; // the largest left count that leaves minObsInNode on the right
  let bestSum = 0;
  let bestN = 0;
  for (let j = 0; j < columns.length; j++) {
    const col = columns[j]!;
    const ord = order[j]!;
    let sL = 0;
    let nL = 0;
    let lastX = -Infinity;
    for (let r = 0; r < ord.length && nL <= last; r++) {
      const row = ord[r]!;
      if (!inBag[row]) continue;
      const x = col[row]!;
      if (lastX !== x && nL >= minObsInNode) {
        const improvement = improvementOf(sL, nL, s.sumZ, s.w);
        if (improvement > search.best) {
          search.best = improvement;
          search.bestVar = j;
          search.bestValue = 0.5 * (lastX + x);
          bestSum = sL;
          bestN = nL;
        }
      }
      sL += response[row]!;
      nL++;
      lastX = x;
    }
  }
  if (search.bestVar >= 0) {
    search.left = { sumZ: bestSum, w: bestN, n: bestN };
    search.right = { sumZ: s.sumZ - bestSum, w: s.w - bestN, n: s.n - bestN };
  }
}

export function growRegressionTree(input: TreeGrowthInput): GrownTree {
  const { columns, order, response, inBag, maxSplits, minObsInNode } = input;
  const nRows = response.length;
  const capacity = 2 * maxSplits + 1;
  const tree: RegressionTree = {
    splitVar: new Int32Array(capacity).fill(-1),
    splitValue: new Float64Array(capacity),
    left: new Int32Array(capacity).fill(-1),
    right: new Int32Array(capacity).fill(-1),
    improvement: new Float64Array(capacity),
    value: new Float64Array(capacity),
  };
  let nodeCount = 1;
  const assignment = new Int32Array(nRows);
  const root: NodeStats = { sumZ: 0, w: 0, n: 0 };
  for (let i = 0; i < nRows; i++) {
    if (!inBag[i]) continue;
    root.sumZ += response[i]!;
    root.w += 1;
    root.n += 1;
  }
  const terminalNodes = [0];
  const stats: NodeStats[] = [root];

  // running left-side state per terminal node during one variable's scan
  const leftSum = new Float64Array(capacity);
  const leftW = new Float64Array(capacity);
  const leftN = new Int32Array(capacity);
  const lastX = new Float64Array(capacity);

  for (let depth = 0; depth < maxSplits; depth++) {
    const k = terminalNodes.length;
    const searches: SplitSearch[] = stats.map(() => ({
      best: 0,
      bestVar: -1,
      bestValue: 0,
      left: { sumZ: 0, w: 0, n: 0 },
      right: { sumZ: 0, w: 0, n: 0 },
    }));
    if (k === 1) searchSingleNode(input, stats[0]!, searches[0]!);
    else for (let j = 0; j < columns.length; j++) {
      const col = columns[j]!;
      leftSum.fill(0, 0, k);
      leftW.fill(0, 0, k);
      leftN.fill(0, 0, k);
      lastX.fill(-Infinity, 0, k);
      const ord = order[j]!;
      for (let r = 0; r < ord.length; r++) {
        const row = ord[r]!;
        if (!inBag[row]) continue;
        const node = assignment[row]!;
        const x = col[row]!;
        const s = stats[node]!;
        const nL = leftN[node]!;
        if (lastX[node]! !== x && nL >= minObsInNode && s.n - nL >= minObsInNode) {
          const wL = leftW[node]!;
          const sL = leftSum[node]!;
          const improvement = improvementOf(sL, wL, s.sumZ, s.w);
          const search = searches[node]!;
          if (improvement > search.best) {
            search.best = improvement;
            search.bestVar = j;
            search.bestValue = 0.5 * (lastX[node]! + x);
            search.left = { sumZ: sL, w: wL, n: nL };
            search.right = { sumZ: s.sumZ - sL, w: s.w - wL, n: s.n - nL };
          }
        }
        leftSum[node] += response[row]!;
        leftW[node] += 1;
        leftN[node] = nL + 1;
        lastX[node] = x;
      }
    }
    let bestNode = -1;
    let bestImprovement = 0;
    searches.forEach((s, t) => {
      if (s.best > bestImprovement) {
        bestImprovement = s.best;
        bestNode = t;
      }
    });
    if (bestNode < 0) break;
    const search = searches[bestNode]!;
    const parent = terminalNodes[bestNode]!;
    const leftNode = nodeCount++;
    const rightNode = nodeCount++;
    tree.splitVar[parent] = search.bestVar;
    tree.splitValue[parent] = search.bestValue;
    tree.improvement[parent] = search.best;
    tree.left[parent] = leftNode;
    tree.right[parent] = rightNode;
    terminalNodes[bestNode] = leftNode;
    terminalNodes.push(rightNode);
    stats[bestNode] = search.left;
    stats.push(search.right);
    const rightIndex = terminalNodes.length - 1;
    const col = columns[search.bestVar]!;
    for (let i = 0; i < nRows; i++) {
      if (assignment[i] === bestNode && !(col[i]! < search.bestValue)) assignment[i] = rightIndex;
    }
  }
  if (nodeCount < capacity) {
    tree.splitVar = tree.splitVar.slice(0, nodeCount);
    tree.splitValue = tree.splitValue.slice(0, nodeCount);
    tree.left = tree.left.slice(0, nodeCount);
    tree.right = tree.right.slice(0, nodeCount);
    tree.improvement = tree.improvement.slice(0, nodeCount);
    tree.value = tree.value.slice(0, nodeCount);
  }
  return { tree, terminalNodes, terminalCounts: stats.map((s) => s.n), assignment };
}

/** Terminal-node value of a tree for row i of column-major data. */
export function predictTree(tree: RegressionTree, columns: Float64Array[], i: number): number {
  let node = 0;
  while (tree.splitVar[node]! >= 0) {
    node = columns[tree.splitVar[node]!]![i]! < tree.splitValue[node]! ? tree.left[node]! : tree.right[node]!;
  }
  return tree.value[node]!;
}
