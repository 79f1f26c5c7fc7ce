import { describe, expect, it } from 'vitest';
import { concordance } from '../../../../src/survival/concordance.js';
import { logRankTest } from '../../../../src/survival/logrank.js';
import {
  combineRsfTrees,
  fitRandomSurvivalForest,
  growRsfTrees,
  listComparablePairs,
  pairsConcordance,
  predictRsfChf,
  rsfSelector,
  rsfTreeSeeds,
} from '../../../../src/survival/selectors/rsf.js';
import { rankByImportance } from '../../../../src/survival/selectors/types.js';
import { readCohort, readReference, referenceCsv, ranksOf, simulateCox } from './data.js';

const DRIVERS = [
  { index: 2, beta: 1.0 },
  { index: 9, beta: -0.8 },
  { index: 17, beta: 0.7 },
  { index: 25, beta: -0.7 },
];

describe('survival tree pieces, checked against the core engine and by hand', () => {
  it("the forests' row-subset concordance equals coxph's concordance (survival conventions, predictor ties 1/2)", () => {
    const data = readCohort(referenceCsv('lung'), ['ph_ecog', 'age'], false);
    // every row, listed backwards, with the predictor given per listed row as the forests do
    const rows = Int32Array.from({ length: data.y.time.length }, (_, i) => data.y.time.length - 1 - i);
    for (const column of data.x.columns) {
      const listed = Float64Array.from(rows, (i) => column[i]!);
      // same pair counts summed in another order: 1e-14
      expect(concordance(data.y, listed, rows).c).toBeCloseTo(concordance(data.y, column).c, 14);
    }
  });

  it("the trees' OOB C over listed comparable pairs equals the core concordance exactly (tied times and predictors)", () => {
    const data = readCohort(referenceCsv('lung'), ['ph_ecog', 'age'], false);
    const n = data.y.time.length;
    const pairs = { earlier: new Int32Array(0), later: new Int32Array(0), count: 0 };
    const subsets = [
      Int32Array.from({ length: n }, (_, i) => n - 1 - i),
      Int32Array.from({ length: Math.ceil(n / 3) }, (_, k) => 3 * k),
      Int32Array.from({ length: 25 }, (_, k) => (7 * k + 5) % n),
    ];
    for (const rows of subsets) {
      listComparablePairs(data.y, rows, pairs);
      expect(pairs.count).toBeGreaterThan(0);
      for (const column of data.x.columns) {
        const listed = Float64Array.from(rows, (i) => column[i]!);
        // the same integer pair counts, so the same number
        expect(pairsConcordance(pairs, listed)).toBe(concordance(data.y, listed, rows).c);
      }
    }
    const censored = Int32Array.from({ length: n }, (_, i) => i).filter((i) => data.y.status[i] === 0);
    listComparablePairs(data.y, censored, pairs);
    expect(pairs.count).toBe(0);
    expect(pairsConcordance(pairs, new Float64Array(censored.length))).toBeNaN();
  });

  it('the root split maximises the two-group log-rank chi-square of survdiff over every cut', () => {
    // Whole sample in the bag, one feature, every split point: the root cut must be the arg max of
    // the core engine's survdiff chi-square (which is the square of rfsrc's log-rank statistic).
    const data = simulateCox(21, 80, 1, [{ index: 0, beta: 0.9 }]);
    const x = data.x.columns[0]!;
    const fit = fitRandomSurvivalForest(data.x, data.y, {
      seed: 1, nTree: 1, mtry: 1, nSplit: 0, nodeSize: 5, sampleFraction: 1, importance: false,
    });
    const sorted = Float64Array.from(x).sort();
    let best = -1;
    let bestCut = NaN;
    for (let c = 1; c < sorted.length; c++) {
      const cut = 0.5 * (sorted[c - 1]! + sorted[c]!);
      const chisq = logRankTest(data.y, Array.from(x, (v) => (v <= cut ? 0 : 1))).chisq;
      if (chisq > best) {
        best = chisq;
        bestCut = cut;
      }
    }
    const tree = fit.trees[0]!;
    expect(tree.splitVar[0]).toBe(0);
    expect(tree.splitValue[0]).toBe(bestCut);
  });

  it('with the bootstrap, repeated cases weigh in the log-rank statistic as often as they are drawn', () => {
    // Same check on a bootstrap tree: survdiff on the in-bag multiset (rows repeated as drawn).
    const data = simulateCox(24, 80, 1, [{ index: 0, beta: 0.9 }]);
    const [result] = growRsfTrees(data.x, data.y, { mtry: 1, nSplit: 0, nodeSize: 5, sampling: 'bootstrap', importance: false }, rsfTreeSeeds(6, 1));
    const bag = Array.from(result!.inBag);
    expect(new Set(bag).size).toBeLessThan(bag.length);
    const x = Float64Array.from(bag, (i) => data.x.columns[0]![i]!);
    const outcome = { time: Float64Array.from(bag, (i) => data.y.time[i]!), status: Uint8Array.from(bag, (i) => data.y.status[i]!) };
    const sorted = [...new Set(x)].sort((a, b) => a - b);
    let best = -1;
    let bestCut = NaN;
    for (let c = 1; c < sorted.length; c++) {
      const cut = 0.5 * (sorted[c - 1]! + sorted[c]!);
      const chisq = logRankTest(outcome, Array.from(x, (v) => (v <= cut ? 0 : 1))).chisq;
      if (chisq > best) {
        best = chisq;
        bestCut = cut;
      }
    }
    expect(result!.tree.splitValue[0]).toBe(bestCut);
  });

  it('an unsplit tree holds the Nelson–Aalen cumulative hazard of its in-bag cases', () => {
    const data = simulateCox(22, 60, 2, [{ index: 0, beta: 0.5 }]);
    const results = growRsfTrees(data.x, data.y, { nodeSize: 60, sampleFraction: 0.5 }, rsfTreeSeeds(4, 1));
    const { tree, oob } = results[0]!;
    expect(tree.splitVar[0]).toBe(-1);
    const outOfBag = new Set(oob);
    const inBag = Array.from({ length: 60 }, (_, i) => i).filter((i) => !outOfBag.has(i));
    expect(inBag.length).toBe(30);
    const eventTimes = [...new Set(Array.from(data.y.time).filter((_, i) => data.y.status[i] === 1))].sort((a, b) => a - b);
    let h = 0;
    eventTimes.forEach((t, k) => {
      const atRisk = inBag.filter((i) => data.y.time[i]! >= t).length;
      const deaths = inBag.filter((i) => data.y.time[i] === t && data.y.status[i] === 1).length;
      if (deaths > 0) h += deaths / atRisk;
      // sums of a few dozen fractions: 1e-13
      expect(tree.chf[k]).toBeCloseTo(h, 13);
    });
  });

  it('a perfectly separating feature is split on at every root and has the largest VIMP', () => {
    // 60 subjects: the 30 with x1 = 1 all fail before anyone with x1 = 0; x2, x3 are unrelated.
    const n = 60;
    const sim = simulateCox(23, n, 3, []);
    const x1 = Float64Array.from({ length: n }, (_, i) => (i < 30 ? 1 : 0));
    const x = { names: ['x1', 'x2', 'x3'], columns: [x1, sim.x.columns[1]!, sim.x.columns[2]!] };
    const y = {
      time: Float64Array.from({ length: n }, (_, i) => i + 1),
      status: Uint8Array.from({ length: n }, (_, i) => (i < 45 ? 1 : 0)),
    };
    const fit = fitRandomSurvivalForest(x, y, { seed: 2, nTree: 100, mtry: 3, nSplit: 0 });
    for (const tree of fit.trees) {
      expect(tree.splitVar[0]).toBe(0);
      expect(tree.splitValue[0]).toBe(0.5);
    }
    expect(fit.vimp[0]).toBeGreaterThan(Math.max(fit.vimp[1]!, fit.vimp[2]!));
    // every early-failing subject gets a larger OOB mortality than every late one
    const early = Math.min(...fit.oobMortality.slice(0, 30));
    const late = Math.max(...fit.oobMortality.slice(30));
    expect(early).toBeGreaterThan(late);
    // ensemble CHF for new subjects: non-decreasing in time, higher for x1 = 1
    const newX = { names: ['x1', 'x2', 'x3'], columns: [Float64Array.of(1, 0), Float64Array.of(0, 0), Float64Array.of(0, 0)] };
    const chf = predictRsfChf(fit, newX);
    const g = fit.eventTimes.length;
    for (let k = 1; k < g; k++) {
      expect(chf[k]!).toBeGreaterThanOrEqual(chf[k - 1]!);
      expect(chf[g + k]!).toBeGreaterThanOrEqual(chf[g + k - 1]!);
    }
    expect(chf[g - 1]!).toBeGreaterThan(chf[2 * g - 1]!);
  });
});

describe('random survival forest', () => {
  it('ranks the four true drivers of simulated Cox data first', () => {
    const data = simulateCox(11, 250, 30, DRIVERS);
    const result = rsfSelector(data.x, data.y, { seed: 1, nTree: 300 });
    expect(rankByImportance(result.importance).slice(0, 4).sort()).toEqual(['f03', 'f10', 'f18', 'f26']);
    expect(result.selected).toEqual(expect.arrayContaining(['f03', 'f10', 'f18', 'f26']));
    expect(result.parameters.oobError).toBeLessThan(0.4);
  });

  it('radiomics_sim_A (60 z-scored features): the true drivers rank among the top features', () => {
    // Same threshold as every selector: strong three within the top 15, all four within the top 30
    // (Kurtosis is 17th of 60 by univariate Cox). Selector defaults (1000 trees, rfsrc otherwise).
    const ref = readReference('radiomics_sim_A');
    const data = readCohort(referenceCsv('radiomics_sim_A'), ref.features, true);
    const drivers = ref.simulation!.true_drivers;
    for (const seed of [1, 2, 3]) {
      const ranks = ranksOf(rankByImportance(rsfSelector(data.x, data.y, { seed }).importance), drivers);
      expect(Math.max(...ranks)).toBeLessThanOrEqual(30);
      [0, 1, 3].forEach((k) => expect(ranks[k]).toBeLessThanOrEqual(15));
    }
  });

  it('is deterministic for a seed, different for another, and independent of how trees are chunked', () => {
    const data = simulateCox(12, 120, 12, DRIVERS.slice(0, 2));
    const options = { nTree: 40, sampling: 'bootstrap' as const, nodeSize: 3 };
    const a = rsfSelector(data.x, data.y, { seed: 9, ...options });
    expect(rsfSelector(data.x, data.y, { seed: 9, ...options })).toEqual(a);
    expect(rsfSelector(data.x, data.y, { seed: 10, ...options }).importance).not.toEqual(a.importance);
    // grown in three chunks (as workers would) and combined: the same forest
    const seeds = rsfTreeSeeds(9, 40);
    const chunks = [seeds.slice(0, 7), seeds.slice(7, 30), seeds.slice(30)].flatMap((s) => growRsfTrees(data.x, data.y, options, s));
    const whole = fitRandomSurvivalForest(data.x, data.y, { seed: 9, ...options });
    const combined = combineRsfTrees(data.x, data.y, options, chunks);
    expect(Array.from(combined.vimp)).toEqual(Array.from(whole.vimp));
    expect(Array.from(combined.oobMortality)).toEqual(Array.from(whole.oobMortality));
    expect(combined.oobError).toBe(whole.oobError);
  });

  it('rejects bad options with a clear error', () => {
    const data = simulateCox(14, 40, 4, DRIVERS.slice(0, 1));
    expect(() => rsfSelector(data.x, data.y, { seed: 1, mtry: 9 })).toThrow(/mtry 9 exceeds the 4 features/);
    expect(() => rsfSelector(data.x, data.y, { seed: 1, nSplit: -1 })).toThrow(/nSplit must be an integer >= 0/);
    expect(() => rsfSelector(data.x, data.y, { seed: 1, nodeSize: 0 })).toThrow(/nodeSize must be a positive integer/);
    const short = { time: data.y.time.slice(0, 39), status: data.y.status };
    expect(() => rsfSelector(data.x, short, { seed: 1 })).toThrow(/time has 39 entries but status has 40/);
  });
});
