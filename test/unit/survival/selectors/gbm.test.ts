import { describe, expect, it } from 'vitest';
import { fitGbmCox, gbmSelector, predictGbm, relativeInfluence } from '../../../../src/survival/selectors/gbm.js';
import { rankByImportance } from '../../../../src/survival/selectors/types.js';
import { readCohort, readReference, referenceCsv, ranksOf, simulateCox } from './data.js';

const DRIVERS = [
  { index: 2, beta: 1.0 },
  { index: 9, beta: -0.8 },
  { index: 17, beta: 0.7 },
  { index: 25, beta: -0.7 },
];

describe('gbm coxph: one tree by hand', () => {
  // Four events at times 4, 3, 2, 1; x = 1 for the two earliest. With the whole sample in the bag,
  // F = 0: running risk sums (decreasing time) R = 1, 2, 3, 4 and the martingale residuals are
  // z = 1 - sum_{j >= i} 1/R_j = -13/12, -1/12, 5/12, 3/4 (times 4, 3, 2, 1).
  const x = { names: ['x'], columns: [Float64Array.from([0, 0, 1, 1])] };
  const y = { time: Float64Array.from([4, 3, 2, 1]), status: Uint8Array.from([1, 1, 1, 1]) };
  const fit = fitGbmCox(x, y, { seed: 1, nTrees: 1, shrinkage: 1, bagFraction: 1, nMinObsInNode: 1 });

  it('splits midway between 0 and 1 with the squared-error improvement of the residual means', () => {
    const tree = fit.trees[0]!;
    expect(tree.splitVar[0]).toBe(0);
    expect(tree.splitValue[0]).toBe(0.5);
    // left (x = 0) mean (-13/12 - 1/12)/2 = -7/12, right mean (5/12 + 9/12)/2 = 7/12;
    // improvement = 2*2/4 * (14/12)^2 = 49/36 (1e-14: a few operations on numbers of order 1)
    expect(fit.influence[0]).toBeCloseTo(49 / 36, 14);
    expect(relativeInfluence(fit)[0]).toBeCloseTo(100, 12);
  });

  it('terminal values are one Newton step in the leaf indicators, last leaf fixed at 0', () => {
    // Leaf "x = 0" (k = 0), in decreasing time: P0/total = 1, 1, 2/3, 1/2 at the four events.
    // gradient = 0 + 0 - 2/3 - 1/2 = -7/6; information = 0 + 0 + 2/9 + 1/4 = 17/36; step = -42/17.
    const f = predictGbm(fit, x);
    // 1e-14: a handful of floating-point operations on numbers of order 1
    expect(f[0]).toBeCloseTo(-42 / 17, 14);
    expect(f[1]).toBeCloseTo(-42 / 17, 14);
    expect(f[2]).toBe(0);
    expect(f[3]).toBe(0);
    expect(Array.from(fit.fitted)).toEqual(Array.from(f));
    // gbm's training deviance -2 sum_events (F - log R)/events, R running in decreasing time
    const a = -42 / 17;
    const r = [Math.exp(a), 2 * Math.exp(a), 2 * Math.exp(a) + 1, 2 * Math.exp(a) + 2];
    const deviance = (-2 * (a - Math.log(r[0]!) + a - Math.log(r[1]!) - Math.log(r[2]!) - Math.log(r[3]!))) / 4;
    expect(fit.trainError[0]).toBeCloseTo(deviance, 13);
  });
});

describe('gbm coxph: deeper trees', () => {
  it('interaction.depth 2 gives 2 splits and leaf values = one Newton step of the partial likelihood', () => {
    // Whole sample in the bag, first tree (F = 0). The partial log-likelihood of the leaf values
    // gamma (gbm's risk sets: running sums in decreasing time) is differentiated numerically here;
    // -H^-1 g with the last leaf fixed at 0 must equal the tree's values. Central differences with
    // h = 1e-4 are accurate to ~1e-7, so 1e-5 relative on the step.
    const data = simulateCox(31, 60, 3, [{ index: 0, beta: 1 }, { index: 1, beta: -1 }]);
    const fit = fitGbmCox(data.x, data.y, { seed: 1, nTrees: 1, shrinkage: 1, bagFraction: 1, interactionDepth: 2, nMinObsInNode: 5 });
    const tree = fit.trees[0]!;
    expect(Array.from(tree.splitVar).filter((v) => v >= 0).length).toBe(2);
    const leaves = Array.from(tree.splitVar.keys()).filter((node) => tree.splitVar[node]! < 0);
    expect(leaves.length).toBe(3);
    const leafOf = (i: number): number => {
      let node = 0;
      while (tree.splitVar[node]! >= 0) {
        node = data.x.columns[tree.splitVar[node]!]![i]! < tree.splitValue[node]! ? tree.left[node]! : tree.right[node]!;
      }
      return node;
    };
    const order = Array.from({ length: 60 }, (_, i) => i).sort((a, b) => data.y.time[b]! - data.y.time[a]!);
    const rowLeaf = order.map(leafOf);
    // gbm's reference leaf is the last terminal node created: the right child of the second split
    const reference = Math.max(...leaves);
    const free = leaves.filter((node) => node !== reference);
    const logLik = (gamma: number[]): number => {
      let risk = 0;
      let ll = 0;
      order.forEach((row, k) => {
        const g = free.indexOf(rowLeaf[k]!) >= 0 ? gamma[free.indexOf(rowLeaf[k]!)]! : 0;
        risk += Math.exp(g);
        if (data.y.status[row] === 1) ll += g - Math.log(risk);
      });
      return ll;
    };
    const h = 1e-4;
    const at = (d0: number, d1: number): number => logLik([d0, d1]);
    const g0 = (at(h, 0) - at(-h, 0)) / (2 * h);
    const g1 = (at(0, h) - at(0, -h)) / (2 * h);
    const h00 = (at(h, 0) - 2 * at(0, 0) + at(-h, 0)) / (h * h);
    const h11 = (at(0, h) - 2 * at(0, 0) + at(0, -h)) / (h * h);
    const h01 = (at(h, h) - at(h, -h) - at(-h, h) + at(-h, -h)) / (4 * h * h);
    const det = h00 * h11 - h01 * h01;
    const step = [-(h11 * g0 - h01 * g1) / det, -(-h01 * g0 + h00 * g1) / det];
    free.forEach((node, k) => expect(Math.abs(tree.value[node]! - step[k]!) / Math.abs(step[k]!)).toBeLessThan(1e-5));
    expect(tree.value[reference]).toBe(0);
  });
});

describe('gbm coxph: a perfectly separating feature', () => {
  it('is split on first, carries the most influence and orders the risk correctly', () => {
    // 40 subjects: the 20 with x1 = 1 all fail before anyone with x1 = 0; x2 is unrelated.
    const n = 40;
    const x1 = Float64Array.from({ length: n }, (_, i) => (i < 20 ? 1 : 0));
    const x2 = Float64Array.from({ length: n }, (_, i) => ((i * 7) % 11) / 11);
    const time = Float64Array.from({ length: n }, (_, i) => i + 1);
    const status = Uint8Array.from({ length: n }, (_, i) => (i < 30 ? 1 : 0));
    const x = { names: ['x1', 'x2'], columns: [x1, x2] };
    const first = fitGbmCox(x, { time, status }, { seed: 3, nTrees: 1, nMinObsInNode: 5 });
    expect(first.trees[0]!.splitVar[0]).toBe(0);
    expect(first.trees[0]!.splitValue[0]).toBe(0.5);
    const result = gbmSelector(x, { time, status }, { seed: 3, nTrees: 50, shrinkage: 0.1, nMinObsInNode: 5 });
    expect(result.importance.x1).toBeGreaterThan(result.importance.x2!);
    const fit = fitGbmCox(x, { time, status }, { seed: 3, nTrees: 50, shrinkage: 0.1, nMinObsInNode: 5 });
    const f = predictGbm(fit, x);
    expect(Math.min(...f.slice(0, 20))).toBeGreaterThan(Math.max(...f.slice(20)));
    // boosting decreases the training deviance
    expect(fit.trainError[49]).toBeLessThan(fit.trainError[0]!);
  });
});

describe('gbm selector', () => {
  it('ranks the four true drivers of simulated Cox data first', () => {
    const data = simulateCox(11, 250, 30, DRIVERS);
    const result = gbmSelector(data.x, data.y, { seed: 1 });
    expect(rankByImportance(result.importance).slice(0, 4).sort()).toEqual(['f03', 'f10', 'f18', 'f26']);
    const total = Object.values(result.importance).reduce((a, b) => a + b, 0);
    expect(total).toBeCloseTo(100, 10);
  });

  it('radiomics_sim_A (60 z-scored features): the true drivers rank among the top features', () => {
    // Same threshold as every selector: strong three within the top 15, all four within the top 30
    // (Kurtosis is 17th of 60 by univariate Cox). Selector defaults: 1000 trees, shrinkage 0.01.
    const ref = readReference('radiomics_sim_A');
    const data = readCohort(referenceCsv('radiomics_sim_A'), ref.features, true);
    const drivers = ref.simulation!.true_drivers;
    for (const seed of [1, 2, 3]) {
      const ranks = ranksOf(rankByImportance(gbmSelector(data.x, data.y, { seed }).importance), drivers);
      expect(Math.max(...ranks)).toBeLessThanOrEqual(30);
      [0, 1, 3].forEach((k) => expect(ranks[k]).toBeLessThanOrEqual(15));
    }
  });

  it('is deterministic for a seed, and a different seed draws different bags', () => {
    const data = simulateCox(12, 150, 30, DRIVERS);
    const a = gbmSelector(data.x, data.y, { seed: 5, nTrees: 200 });
    expect(gbmSelector(data.x, data.y, { seed: 5, nTrees: 200 })).toEqual(a);
    const b = gbmSelector(data.x, data.y, { seed: 6, nTrees: 200 });
    expect(b.importance).not.toEqual(a.importance);
  });

  it('train.fraction: the last rows are held out and get a validation deviance', () => {
    const data = simulateCox(15, 200, 10, DRIVERS.slice(0, 2));
    const fit = fitGbmCox(data.x, data.y, { seed: 1, nTrees: 100, trainFraction: 0.75 });
    expect(fit.nTrain).toBe(150);
    expect(fit.validError.length).toBe(100);
    // the first driver is real, so held-out deviance improves over the first trees
    expect(fit.validError[99]).toBeLessThan(fit.validError[0]!);
  });

  it('rejects bad options and input with a clear error', () => {
    const data = simulateCox(14, 40, 4, DRIVERS.slice(0, 1));
    expect(() => fitGbmCox(data.x, data.y, { seed: 1, bagFraction: 0 })).toThrow(/bagFraction must be in \(0, 1\]/);
    expect(() => fitGbmCox(data.x, data.y, { seed: 1, nMinObsInNode: 15 })).toThrow(/cannot be split/);
    expect(() => fitGbmCox(data.x, data.y, { seed: 1, shrinkage: 2 })).toThrow(/shrinkage/);
    const missing = { names: data.x.names, columns: data.x.columns.map((c, j) => (j === 1 ? c.map((v, i) => (i === 5 ? NaN : v)) : c)) };
    expect(() => gbmSelector(missing, data.y, { seed: 1 })).toThrow(/feature "f02" value 5 is missing/);
  });
});
