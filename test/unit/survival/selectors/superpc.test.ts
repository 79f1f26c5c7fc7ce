import { describe, expect, it } from 'vitest';
import { coxFit } from '../../../../src/survival/cox.js';
import {
  fitSuperPc,
  predictSuperPc,
  superPcFeatureScores,
  superPcSelector,
} from '../../../../src/survival/selectors/superpc.js';
import { rankByImportance } from '../../../../src/survival/selectors/types.js';
import { readCohort, readReference, referenceCsv, ranksOf, simulateCox } from './data.js';

const DRIVERS = [
  { index: 2, beta: 1.0 },
  { index: 9, beta: -0.8 },
  { index: 17, beta: 0.7 },
  { index: 25, beta: -0.7 },
];

describe('SuperPC feature scores (superpc coxscor / coxvar)', () => {
  it('U^2/V is the Breslow score test of coxph on each feature alone (lung, tied times)', () => {
    const features = ['age', 'sex', 'ph_ecog', 'ph_karno', 'wt_loss'];
    const data = readCohort(referenceCsv('lung'), features, false);
    const s = superPcFeatureScores(data.x, data.y, 0);
    expect(s.s0).toBe(0);
    features.forEach((name, j) => {
      const fit = coxFit(data.y, { names: [name], columns: [data.x.columns[j]!] }, { ties: 'breslow', concordance: false });
      // two independent computations of the same sums: 1e-12 relative
      const stat = (s.numerator[j]! / s.sd[j]!) ** 2;
      expect(Math.abs(stat - fit.scoreTest.stat) / fit.scoreTest.stat).toBeLessThan(1e-12);
      expect(s.scores[j]).toBe(s.numerator[j]! / s.sd[j]!);
    });
  });

  it('by hand on four subjects', () => {
    // times 1, 2, 2, 3 with events 1, 1, 0, 1; x = 1, 2, 3, 4. Death times 1, 2, 3:
    // t=1: risk {1,2,3,4} mean 2.5, var 1.25; t=2: risk {2,3,4} mean 3, var 2/3; t=3: {4} mean 4, var 0.
    // U = (1 - 2.5) + (2 - 3) + (4 - 4) = -2.5; V = 1.25 + 2/3 = 23/12.
    const x = { names: ['x', 'w'], columns: [Float64Array.from([1, 2, 3, 4]), Float64Array.from([4, 1, 3, 2])] };
    const y = { time: Float64Array.from([1, 2, 2, 3]), status: Uint8Array.from([1, 1, 0, 1]) };
    const s = superPcFeatureScores(x, y, 0);
    expect(s.numerator[0]).toBeCloseTo(-2.5, 14);
    expect(s.sd[0]).toBeCloseTo(Math.sqrt(23 / 12), 14);
    // s0 = median of the two sqrt(V) = their mean
    expect(superPcFeatureScores(x, y).s0).toBeCloseTo((s.sd[0]! + s.sd[1]!) / 2, 14);
  });
});

describe('SuperPC fit and selector', () => {
  it('keeps the top 50 scores, and the component Cox fit is coxph on the component', () => {
    const ref = readReference('radiomics_sim_A');
    const data = readCohort(referenceCsv('radiomics_sim_A'), ref.features, true);
    const fit = fitSuperPc(data.x, data.y);
    expect(fit.selected.length).toBe(50);
    const abs = Array.from(fit.scores, Math.abs);
    const kept = new Set(fit.selected);
    const minKept = Math.min(...fit.selected.map((j) => abs[j]!));
    abs.forEach((v, j) => {
      if (!kept.has(j)) expect(v).toBeLessThanOrEqual(minKept);
    });
    expect(fit.threshold).toBe(minKept);
    // the component is centred, has L1-normalised loadings, and its Cox coefficient is coxph's
    const pc = fit.components[0]!;
    expect(Math.abs(pc.reduce((a, b) => a + b, 0))).toBeLessThan(1e-10);
    expect(fit.loadings[0]!.reduce((a, v) => a + v * v, 0)).toBeCloseTo(1, 12);
    const cox = coxFit(data.y, { names: ['pc1'], columns: [pc] }, { concordance: false });
    expect(fit.coef[0]).toBe(cox.coef[0]);
    // the first component carries risk in the direction of the positive drivers
    const lp = predictSuperPc(fit, data.x);
    lp.forEach((v, i) => expect(v).toBeCloseTo(fit.coef[0]! * pc[i]!, 10));
  });

  it('with fewer than 50 features all are selected; a threshold selects |score| >= threshold', () => {
    const data = simulateCox(11, 250, 30, DRIVERS);
    const all = superPcSelector(data.x, data.y, { seed: 1 });
    expect(all.selected.length).toBe(30);
    expect(rankByImportance(all.importance).slice(0, 4).sort()).toEqual(['f03', 'f10', 'f18', 'f26']);
    const fourth = Object.values(all.importance).sort((a, b) => b - a)[3]!;
    const strict = superPcSelector(data.x, data.y, { seed: 1, threshold: fourth });
    for (const name of data.x.names) expect(strict.selected.includes(name)).toBe(all.importance[name]! >= fourth);
    expect(strict.selected.sort()).toEqual(['f03', 'f10', 'f18', 'f26']);
  });

  it('radiomics_sim_A (60 z-scored features): the true drivers rank among the top features and are selected', () => {
    // Same threshold as every selector: strong three within the top 15, all four within the top 30.
    const ref = readReference('radiomics_sim_A');
    const data = readCohort(referenceCsv('radiomics_sim_A'), ref.features, true);
    const drivers = ref.simulation!.true_drivers;
    const result = superPcSelector(data.x, data.y, { seed: 1 });
    const ranks = ranksOf(rankByImportance(result.importance), drivers);
    expect(Math.max(...ranks)).toBeLessThanOrEqual(30);
    [0, 1, 3].forEach((k) => expect(ranks[k]).toBeLessThanOrEqual(15));
    expect(result.selected).toEqual(expect.arrayContaining(drivers));
    // deterministic (no randomness at all)
    expect(superPcSelector(data.x, data.y, { seed: 2 }).selected).toEqual(result.selected);
  });

  it('rejects bad options with a clear error', () => {
    const data = simulateCox(14, 40, 4, DRIVERS.slice(0, 1));
    expect(() => fitSuperPc(data.x, data.y, { threshold: 100 })).toThrow(/no feature has \|score\| >= 100/);
    expect(() => fitSuperPc(data.x, data.y, { topK: 0 })).toThrow(/topK must be a positive integer/);
    expect(() => fitSuperPc(data.x, data.y, { nComponents: 5 })).toThrow(/5 components from 4 features/);
  });
});
