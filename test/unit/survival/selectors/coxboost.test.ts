import { describe, expect, it } from 'vitest';
import { coxBoostLinearPredictor, fitCoxBoost, originalScaleCoefficients } from '../../../../src/survival/selectors/coxboost.js';
import { EfronRiskSets } from '../../../../src/survival/selectors/efron-risk-sets.js';
import { coxBoostSelector, cvCoxBoost } from '../../../../src/survival/selectors/coxboost-cv.js';
import { superPcFeatureScores } from '../../../../src/survival/selectors/superpc.js';
import { SelectorInputError, rankByImportance } from '../../../../src/survival/selectors/types.js';
import { SurvivalInputError } from '../../../../src/survival/errors.js';
import { readCohort, readReference, referenceCsv, ranksOf, simulateCox } from './data.js';

const DRIVERS = [
  { index: 2, beta: 1.0 },
  { index: 9, beta: -0.8 },
  { index: 17, beta: 0.7 },
  { index: 25, beta: -0.7 },
];

describe('CoxBoost without penalty converges to the Cox partial-likelihood maximum (R coxph, Efron)', () => {
  // Unpenalised componentwise boosting is coordinate-wise Newton on the Efron log partial
  // likelihood, so after many steps it sits at coxph's MLE; coxph itself was fitted with eps 1e-10,
  // so 1e-8 relative on coef and 1e-9 absolute on the loglik leave room only for coxph's own stop.
  for (const dataset of ['lung', 'radiomics_sim_A'] as const) {
    it(`${dataset}: coefficients and log-likelihood of the multivariable Efron fit`, () => {
      const ref = readReference(dataset);
      const efron = ref.multivariable.efron;
      const data = readCohort(referenceCsv(dataset), efron.terms, dataset !== 'lung');
      const fit = fitCoxBoost(data.x, data.y, { penalty: 0, stepno: 1000 });
      const coef = originalScaleCoefficients(fit);
      efron.coef.forEach((b, j) => expect(Math.abs(coef[j]! - b) / Math.abs(b)).toBeLessThan(1e-8));
      expect(Math.abs(fit.logLik[1000]! - efron.loglik)).toBeLessThan(1e-9);
      // the log-likelihood never decreases along unpenalised componentwise Newton steps here
      for (let s = 1; s <= 1000; s++) expect(fit.logLik[s]!).toBeGreaterThanOrEqual(fit.logLik[s - 1]! - 1e-12);
    });
  }

  it('lung: mandatory covariates get Newton steps and the penalised ones converge with them', () => {
    const ref = readReference('lung');
    const efron = ref.multivariable.efron;
    const data = readCohort(referenceCsv('lung'), efron.terms, false);
    const fit = fitCoxBoost(data.x, data.y, { penalty: 0, stepno: 1000, unpenalized: ['age', 'sex'] });
    const coef = originalScaleCoefficients(fit);
    efron.coef.forEach((b, j) => expect(Math.abs(coef[j]! - b) / Math.abs(b)).toBeLessThan(1e-8));
    expect(fit.penalty.slice(0, 2)).toEqual([0, 0]);
  });
});

describe('CoxBoost steps', () => {
  it('the first step updates the covariate with the largest U^2/(I + penalty) by U/(I + penalty)', () => {
    // Without tied times, U and I at beta = 0 are the univariate Cox score and information that
    // SuperPC computes independently (superpc coxscor/coxvar); x is standardised by CoxBoost first.
    const data = simulateCox(5, 120, 8, DRIVERS.slice(0, 1));
    const fit = fitCoxBoost(data.x, data.y, { stepno: 1 });
    const standardised = {
      names: data.x.names,
      columns: data.x.columns.map((col) => {
        const n = col.length;
        const mean = col.reduce((a, b) => a + b, 0) / n;
        const sd = Math.sqrt(col.reduce((a, b) => a + (b - mean) ** 2, 0) / (n - 1));
        return col.map((v) => (v - mean) / sd);
      }),
    };
    const s = superPcFeatureScores(standardised, data.y, 0);
    const events = data.y.status.reduce((a, b) => a + b, 0);
    const penalty = 9 * events;
    expect(fit.penalty[0]).toBe(penalty);
    const crit = Array.from(s.numerator, (u, j) => (u * u) / (s.sd[j]! ** 2 + penalty));
    const best = crit.indexOf(Math.max(...crit));
    expect(fit.selectedAtStep[1]).toBe(best);
    const expected = s.numerator[best]! / (s.sd[best]! ** 2 + penalty);
    // same sums accumulated in a different order: 1e-12 relative
    expect(Math.abs(fit.coefficients[1]![best]! - expected) / Math.abs(expected)).toBeLessThan(1e-12);
    expect(fit.coefficients[1]!.filter((b) => b !== 0).length).toBe(1);
  });
});

describe('CoxBoost linear predictor', () => {
  it('on the training data reproduces the fitted partial likelihood at every step', () => {
    // the predictor re-standardises new data with the training means/SDs; on the training rows it
    // must give back the boosting's own predictor (1e-9: sums of 100 small updates)
    const data = simulateCox(17, 100, 6, DRIVERS.slice(0, 1));
    const fit = fitCoxBoost(data.x, data.y, { stepno: 40 });
    const sets = new EfronRiskSets(data.y.time, data.y.status);
    for (const step of [0, 1, 10, 40]) {
      expect(sets.logLik(coxBoostLinearPredictor(fit, data.x, step))).toBeCloseTo(fit.logLik[step]!, 9);
    }
    expect(() => coxBoostLinearPredictor(fit, data.x, 41)).toThrow(/step 41 is outside 0..40/);
  });
});

describe('CoxBoost stepsize.factor', () => {
  it('a factor above 1 lowers the penalty of updated covariates (sigmoid and linear schemes)', () => {
    // With factor 2 the penalty of a covariate shrinks each time it is updated, so later steps
    // are larger and the fitted partial likelihood after the same number of steps is higher.
    const data = simulateCox(16, 150, 10, DRIVERS.slice(0, 2));
    const plain = fitCoxBoost(data.x, data.y, { stepno: 30 });
    for (const sfScheme of ['sigmoid', 'linear'] as const) {
      const fast = fitCoxBoost(data.x, data.y, { stepno: 30, stepsizeFactor: 2, sfScheme });
      expect(fast.logLik[30]).toBeGreaterThan(plain.logLik[30]!);
      // the first step uses the initial penalty, so it is identical
      expect(fast.coefficients[1]).toEqual(plain.coefficients[1]);
    }
  });
});

describe('CoxBoost selector', () => {
  it('ranks the four true drivers of simulated Cox data first', () => {
    const data = simulateCox(11, 250, 30, DRIVERS);
    const result = coxBoostSelector(data.x, data.y, { seed: 1 });
    const top4 = rankByImportance(result.importance).slice(0, 4).sort();
    expect(top4).toEqual(['f03', 'f10', 'f18', 'f26']);
    expect(result.selected).toEqual(expect.arrayContaining(top4));
    for (const name of result.selected) expect(result.importance[name]).toBeGreaterThan(0);
  });

  it('radiomics_sim_A (60 z-scored features): the true drivers rank among the top features', () => {
    // Threshold (same for every selector): the three strong drivers within the top 15 (a quarter)
    // and all four within the top 30 (half). The weakest driver, wavelet-LHH Kurtosis, is only 17th
    // of 60 by its own univariate Cox Wald z in R's reference, inside a correlated block.
    const ref = readReference('radiomics_sim_A');
    const data = readCohort(referenceCsv('radiomics_sim_A'), ref.features, true);
    const drivers = ref.simulation!.true_drivers;
    for (const seed of [1, 2, 3]) {
      const result = coxBoostSelector(data.x, data.y, { seed });
      const ranks = ranksOf(rankByImportance(result.importance), drivers);
      expect(Math.max(...ranks)).toBeLessThanOrEqual(30);
      [0, 1, 3].forEach((k) => expect(ranks[k]).toBeLessThanOrEqual(15));
      expect(result.selected).toEqual(expect.arrayContaining(drivers));
    }
  });

  it('is deterministic for a seed; the seed only changes the cross-validation folds', () => {
    const data = simulateCox(12, 150, 30, DRIVERS);
    const a = coxBoostSelector(data.x, data.y, { seed: 7, maxStepno: 60 });
    const b = coxBoostSelector(data.x, data.y, { seed: 7, maxStepno: 60 });
    expect(b).toEqual(a);
    const cv7 = cvCoxBoost(data.x, data.y, { seed: 7, maxStepno: 60 });
    const cv8 = cvCoxBoost(data.x, data.y, { seed: 8, maxStepno: 60 });
    expect(cv8.folds).not.toEqual(cv7.folds);
    expect(Array.from(cv8.meanLogLik)).not.toEqual(Array.from(cv7.meanLogLik));
  });

  it('cv.CoxBoost: folds partition the subjects, each holds an event, the optimum is the first maximum', () => {
    const data = simulateCox(13, 150, 30, DRIVERS);
    const cv = cvCoxBoost(data.x, data.y, { seed: 3, maxStepno: 80, folds: 5 });
    expect(cv.folds.length).toBe(5);
    expect(cv.folds.flat().sort((a, b) => a - b)).toEqual(Array.from({ length: 150 }, (_, i) => i));
    for (const fold of cv.folds) expect(fold.some((i) => data.y.status[i] === 1)).toBe(true);
    const max = Math.max(...cv.meanLogLik);
    expect(cv.optimalStep).toBe(Array.from(cv.meanLogLik).indexOf(max));
    expect(cv.meanLogLik[0]).toBeLessThan(max);
  });

  it('rejects bad input with a clear error', () => {
    const data = simulateCox(14, 40, 4, DRIVERS.slice(0, 1));
    const bad = { ...data.y, status: Uint8Array.from(data.y.status, (s, i) => (i === 3 ? 2 : s)) };
    expect(() => coxBoostSelector(data.x, bad, { seed: 1 })).toThrow(/status\[3\] = 2 is not 0 or 1/);
    const negative = { ...data.y, time: data.y.time.map((t, i) => (i === 0 ? -1 : t)) };
    expect(() => coxBoostSelector(data.x, negative, { seed: 1 })).toThrow(SurvivalInputError);
    const constant = { names: ['c'], columns: [new Float64Array(40).fill(2)] };
    expect(() => coxBoostSelector(constant, data.y, { seed: 1 })).toThrow(/feature "c" is constant/);
    expect(() => fitCoxBoost(data.x, data.y, { unpenalized: ['nope'] })).toThrow(/unknown mandatory covariate "nope"/);
    expect(() => fitCoxBoost(data.x, data.y, { penalty: -1 })).toThrow(SelectorInputError);
    const noEvents = { ...data.y, status: new Uint8Array(40) };
    expect(() => coxBoostSelector(data.x, noEvents, { seed: 1 })).toThrow(/needs at least 2 events, got 0/);
    // a mandatory covariate that doubles another: the core Cholesky finds the singular pivot
    const first = data.x.names[0]!;
    const twin = { names: [...data.x.names, 'twin'], columns: [...data.x.columns, data.x.columns[0]!.map((v) => 2 * v)] };
    expect(() => fitCoxBoost(twin, data.y, { unpenalized: [first, 'twin'], stepno: 1 })).toThrow(
      /CoxBoost: information matrix of the mandatory covariates is singular or not positive definite/,
    );
  });
});
