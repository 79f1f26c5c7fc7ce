// Behaviour of the glmnet port on data whose answer is known without R: the sort and risk groups,
// tie handling, the lambda path rules, interpolation, the selector and input errors.
import { describe, expect, it } from 'vitest';
import { cvGlmnetCox, cvStatistics, planCv, randomFoldIds, summarizeCv } from '../../../src/survival/glmnet-cv.js';
import { cvGlmnetCoxParallel } from '../../../src/survival/glmnet-parallel.js';
import { coxnetGroups, singletonSortPermutation } from '../../../src/survival/glmnet-groups.js';
import { selectByGlmnet } from '../../../src/survival/glmnet-select.js';
import { coefAt, coxDesign, fitDesign, glmnetCox, GlmnetInputError } from '../../../src/survival/glmnet.js';
import { Random } from '../../../src/survival/random.js';
import type { FeatureMatrix, SurvivalOutcome } from '../../../src/survival/types.js';
import { fixture } from './reference-fixture.js';

/** A simulated cohort with two true drivers among p noise features (exponential times). */
function simulate(n: number, p: number, seed: number): { x: FeatureMatrix; y: SurvivalOutcome } {
  const rng = new Random(seed);
  const columns = Array.from({ length: p }, () => Float64Array.from({ length: n }, () => rng.normal()));
  const time = new Float64Array(n);
  const status = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const eta = 1.2 * columns[0][i] - 1.0 * columns[1][i];
    const t = -Math.log(rng.uniform() + 1e-12) / Math.exp(eta);
    const c = 3 * rng.uniform();
    time[i] = Math.min(t, c);
    status[i] = t <= c ? 1 : 0;
  }
  return { x: { names: columns.map((_, j) => `f${j + 1}`), columns }, y: { time, status } };
}

describe('Singleton quicksort permutation (glmnet psort7)', () => {
  it('sorts random data with many ties, for every size around the insertion-sort cut-off', () => {
    const rng = new Random(7);
    for (const n of [1, 2, 3, 10, 11, 12, 13, 50, 213]) {
      const v = Float64Array.from({ length: n }, () => rng.int(8));
      const perm = singletonSortPermutation(v);
      expect([...perm].sort((a, b) => a - b)).toEqual([...Array(n).keys()]);
      for (let i = 1; i < n; i++) expect(v[perm[i]]).toBeGreaterThanOrEqual(v[perm[i - 1]]);
    }
  });
});

describe('coxnet risk groups', () => {
  it('starts a group at each later death and drops subjects before the first death', () => {
    // rows:        0    1    2    3    4    5    6
    const time = [0.5, 1, 2, 2.0000001, 3, 4, 5];
    const death = [0, 1, 1, 0, 1, 0, 1];
    const g = coxnetGroups(time, death, new Array(7).fill(1));
    expect(Array.from(g.order)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(Array.from(g.groupEnd)).toEqual([1, 3, 5, 6]);
    expect(g.firstDeathTime).toBe(1);
  });

  it('rejects data without enough deaths', () => {
    expect(() => coxnetGroups([1, 2, 3], [0, 0, 1], [1, 1, 1])).toThrow(/too few events/);
  });
});

describe('glmnetCox', () => {
  const { x, y } = simulate(120, 6, 11);

  it('starts the default path at lambda_max (all zero) and picks the true drivers first', () => {
    const fit = glmnetCox(x, y, { alpha: 1 });
    expect(Array.from(fit.beta[0])).toEqual(new Array(6).fill(0));
    expect(fit.df[1]).toBeGreaterThan(0);
    const firstIn = fit.beta.findIndex((b) => b.some((v) => v !== 0));
    const entered = x.names.filter((_, j) => fit.beta[firstIn][j] !== 0);
    expect(['f1', 'f2']).toContain(entered[0]);
    // Path length: 100 unless a stopping rule fired, always at least 5 (mnlam).
    expect(fit.lambda.length).toBeGreaterThanOrEqual(5);
    expect(fit.lambda.length).toBeLessThanOrEqual(100);
    for (let k = 1; k < fit.lambda.length; k++) expect(fit.lambda[k]).toBeLessThan(fit.lambda[k - 1]);
    expect(fit.devRatio.at(-1)).toBeLessThanOrEqual(0.99 + 1e-6);
  });

  it('at a tiny lambda approaches the unpenalised Breslow fit (score ≈ 0)', () => {
    const fit = glmnetCox(x, y, { alpha: 1, lambda: [1e-9], thresh: 1e-14, maxit: 1e7 });
    const beta = fit.beta[0];
    // Breslow score at beta: Σ_deaths (x_i − S1/S0) over risk sets T ≥ T_i.
    const n = y.time.length;
    const eta = Float64Array.from({ length: n }, (_, i) => x.columns.reduce((s, c, j) => s + c[i] * beta[j], 0));
    for (let j = 0; j < 6; j++) {
      let g = 0;
      for (let i = 0; i < n; i++) {
        if (!y.status[i]) continue;
        let s0 = 0;
        let s1 = 0;
        for (let k = 0; k < n; k++) {
          if (y.time[k] >= y.time[i]) {
            s0 += Math.exp(eta[k]);
            s1 += Math.exp(eta[k]) * x.columns[j][k];
          }
        }
        g += x.columns[j][i] - s1 / s0;
      }
      // KKT: |grad/n| ≤ λ = 1e-9 up to the convergence threshold.
      expect(Math.abs(g / n)).toBeLessThan(1e-6);
    }
    expect(beta[0]).toBeGreaterThan(0.5);
    expect(beta[1]).toBeLessThan(-0.5);
  });

  it('interpolates coefficients linearly in lambda between path lambdas (coef(fit, s))', () => {
    const fit = glmnetCox(x, y, { alpha: 0.5 });
    const k = 10;
    const s = 0.25 * fit.lambda[k] + 0.75 * fit.lambda[k + 1];
    const got = coefAt(fit, s);
    for (let j = 0; j < 6; j++) expect(got[j]).toBeCloseTo(0.25 * fit.beta[k][j] + 0.75 * fit.beta[k + 1][j], 14);
    expect(Array.from(coefAt(fit, fit.lambda[0] * 2))).toEqual(Array.from(fit.beta[0]));
    expect(Array.from(coefAt(fit, 0))).toEqual(Array.from(fit.beta.at(-1) as Float64Array));
  });

  it('gives clear errors for bad input', () => {
    const bad = (mutate: (xx: FeatureMatrix, yy: SurvivalOutcome) => void, msg: RegExp, opts = {}): void => {
      const xx = { names: [...x.names], columns: x.columns.map((c) => Float64Array.from(c)) };
      const yy = { time: Float64Array.from(y.time), status: Uint8Array.from(y.status) };
      mutate(xx, yy);
      expect(() => glmnetCox(xx, yy, opts)).toThrow(GlmnetInputError);
      expect(() => glmnetCox(xx, yy, opts)).toThrow(msg);
    };
    bad((_, yy) => (yy.time[3] = -1), /time\[3\].*positive/);
    bad((_, yy) => (yy.time[3] = NaN), /time\[3\]/);
    bad((_, yy) => (yy.status[2] = 2), /status\[2\] = 2/);
    bad((xx) => (xx.columns[4] = new Float64Array(120).fill(3)), /feature f5 is constant/);
    bad((xx) => (xx.columns[1][7] = NaN), /feature f2 .*row 7/);
    bad((xx) => xx.names.pop(), /5 feature names but 6 columns/);
    bad(() => undefined, /alpha must be in \[0, 1\]/, { alpha: 2 });
    bad((_, yy) => yy.status.fill(0), /at least 2 events/);
  });
});

describe('cvGlmnetCox and selectByGlmnet', () => {
  const { x, y } = simulate(100, 8, 5);

  it('draws balanced seeded folds', () => {
    const f = randomFoldIds(100, 10, 3);
    expect(f).toEqual(randomFoldIds(100, 10, 3));
    for (let k = 1; k <= 10; k++) expect(f.filter((v) => v === k)).toHaveLength(10);
    expect(() => randomFoldIds(100, 2, 3)).toThrow(/nfolds must be an integer >= 3/);
  });

  it('lambda.min is the largest lambda at the cvm minimum; lambda.1se within one SE', () => {
    const cv = cvGlmnetCox(x, y, { alpha: 1, foldid: randomFoldIds(100, 10, 1) });
    const min = Math.min(...cv.cvm);
    expect(cv.cvm[cv.indexMin]).toBe(min);
    expect(cv.cvm.slice(0, cv.indexMin).every((v) => v > min)).toBe(true);
    expect(cv.index1se).toBeLessThanOrEqual(cv.indexMin);
    expect(cv.cvm[cv.index1se]).toBeLessThanOrEqual(min + cv.cvsd[cv.indexMin]);
    expect(cv.nzero).toEqual(cv.fit.df);
  });

  it('gives the identical result when the fits run on worker threads', async () => {
    const foldid = randomFoldIds(100, 5, 9);
    const seq = cvGlmnetCox(x, y, { alpha: 0.5, foldid });
    const par = await cvGlmnetCoxParallel(x, y, { alpha: 0.5, foldid, threads: 2 });
    expect(par.cvm).toEqual(seq.cvm);
    expect(par.cvsd).toEqual(seq.cvsd);
    expect(par.lambdaMin).toBe(seq.lambdaMin);
    expect(par.fit.beta.map((b) => Array.from(b))).toEqual(seq.fit.beta.map((b) => Array.from(b)));
  });

  it('is deterministic for a seed and selects the true drivers', () => {
    const a = selectByGlmnet(x, y, { alpha: 0.5, seed: 42 });
    const b = selectByGlmnet(x, y, { alpha: 0.5, seed: 42 });
    expect(a).toEqual(b);
    expect(a.selected).toContain('f1');
    expect(a.selected).toContain('f2');
    expect(a.coef.f1).toBeGreaterThan(0);
    expect(a.coef.f2).toBeLessThan(0);
    const se = selectByGlmnet(x, y, { alpha: 1, seed: 42, lambdaChoice: 'lambda.1se' });
    expect(se.lambda).toBe(se.cv.lambda1se);
    expect(se.selected.length).toBeLessThanOrEqual(selectByGlmnet(x, y, { alpha: 1, seed: 42 }).selected.length);
    expect(() => cvGlmnetCox(x, y, { foldid: [1, 2] })).toThrow(/foldid has 2 entries, expected 100/);
  });

  it('reproduces the glmnet Lasso selection on the simulated radiomics cohort (true drivers in it)', () => {
    const { ref, model, outcome } = fixture('radiomics_sim_A');
    const set = ref.glmnet.screened.features as string[];
    const xs = { names: set, columns: set.map((f) => model.columns[model.names.indexOf(f)]) };
    const sel = selectByGlmnet(xs, outcome, { alpha: 1, seed: 0, foldid: ref.glmnet.screened.foldid });
    expect(sel.selected).toEqual(ref.glmnet.screened.alpha_1.cv.selected_lambda_min);
    for (const driver of ref.simulation.true_drivers as string[]) expect(sel.selected).toContain(driver);
  });
});

/** Textbook Breslow deviance −2·loglik on `rows`, for data without tied times (then ℓ_sat = 0). */
function breslowDeviance(x: FeatureMatrix, y: SurvivalOutcome, rows: number[], beta: Float64Array): number {
  const eta = (i: number): number => x.columns.reduce((s, c, j) => s + c[i] * beta[j], 0);
  let ll = 0;
  for (const i of rows) {
    if (!y.status[i]) continue;
    let risk = 0;
    for (const r of rows) if (y.time[r] >= y.time[i]) risk += Math.exp(eta(r));
    ll += eta(i) - Math.log(risk);
  }
  return -2 * ll;
}

describe('cv.glmnet when a fold has no events (R: the fold adds nothing to cvm, N counts it)', () => {
  // Folds 1 and 2 hold all deaths; fold 3 is censored after every other time, so it sits in
  // every risk set: its deviance difference is > 0, divided by 0 events it is +Inf in R.
  const { x, y } = simulate(45, 3, 21);
  const foldid = Array.from({ length: 45 }, (_, i) => (i % 3) + 1);
  const maxTime = Math.max(...y.time);
  foldid.forEach((f, i) => {
    if (f === 3) {
      y.status[i] = 0;
      y.time[i] = maxTime + 1 + i;
    }
  });

  it('R weighted.mean / cvsd rules on hand-made fold values (Inf, NaN, zero weights)', () => {
    // Events per fold 2, 4, 0; deviance differences per lambda column.
    const cvraw = [
      [4, 4, 4, NaN],
      [12, 12, 12, NaN],
      [0.5, 0, -0.5, 0],
    ];
    const { keep, cvm, cvsd } = cvStatistics(cvraw, [2, 4, 0], 4);
    // Per event 2 and 3 with weights 2 and 4: cvm = 16/6; weighted variance (2·4/9 + 4·1/9)/6 = 2/9.
    // Fold 3 is +Inf / −Inf (N = 3: sd = √(2/9/2) = 1/3) or NaN = 0/0 (N = 2: sd = √(2/9)).
    // The last column is all NaN: cvm = 0/0, cvsd NaN, so that lambda is dropped.
    expect(keep).toEqual([0, 1, 2]);
    for (const l of [0, 1, 2]) expect(cvm[l]).toBeCloseTo(8 / 3, 14); // rounding of 4 operations
    expect(cvsd[0]).toBeCloseTo(1 / 3, 14);
    expect(cvsd[1]).toBeCloseTo(Math.sqrt(2) / 3, 14);
    expect(cvsd[2]).toBeCloseTo(1 / 3, 14);
    expect(cvsd[3]).toBeNaN();
  });

  it('cvm and cvsd from the folds with events, the optimum found, selectByGlmnet works', () => {
    const cv = cvGlmnetCox(x, y, { alpha: 1, foldid });
    const events = [1, 2, 3].map((k) => foldid.reduce((s, f, i) => s + (f === k ? y.status[i] : 0), 0));
    expect(events[2]).toBe(0);
    expect(cv.lambda).toEqual(cv.fit.lambda); // nothing dropped
    const all = [...Array(45).keys()];
    for (let l = 0; l < cv.lambda.length; l++) {
      // The formula by hand, with independent fold fits and a textbook deviance: value_k =
      // D_all(β₋ₖ) − D_train(β₋ₖ) per event; fold 3 has weight 0 but counts in N = 3.
      const perEvent = [1, 2].map((k) => {
        const train = all.filter((i) => foldid[i] !== k);
        const fold = glmnetCox({ names: x.names, columns: x.columns.map((c) => Float64Array.from(train, (i) => c[i])) }, { time: Float64Array.from(train, (i) => y.time[i]), status: Uint8Array.from(train, (i) => y.status[i]) }, { alpha: 1 });
        const beta = coefAt(fold, cv.lambda[l]);
        return (breslowDeviance(x, y, all, beta) - breslowDeviance(x, y, train, beta)) / events[k - 1];
      });
      const total = events[0] + events[1];
      const m = (perEvent[0] * events[0] + perEvent[1] * events[1]) / total;
      const sd = Math.sqrt(((perEvent[0] - m) ** 2 * events[0] + (perEvent[1] - m) ** 2 * events[1]) / total / (3 - 1));
      // Same fits; the deviances differ only in summation order and glmnet's centring of η.
      expect(Math.abs(cv.cvm[l] - m)).toBeLessThanOrEqual(1e-9 * Math.abs(m));
      expect(Math.abs(cv.cvsd[l] - sd)).toBeLessThanOrEqual(1e-9 * Math.abs(m));
    }
    expect(cv.cvm.every(Number.isFinite)).toBe(true);
    expect(cv.cvm[cv.indexMin]).toBe(Math.min(...cv.cvm));
    const sel = selectByGlmnet(x, y, { alpha: 1, seed: 1, foldid });
    expect(sel.lambda).toBe(cv.lambdaMin);
    expect(sel.selected).toEqual(x.names.filter((_, j) => cv.fit.beta[cv.indexMin][j] !== 0));
  });

  it('fails with a GlmnetInputError when no lambda has a finite CV deviance', () => {
    const d = coxDesign(x, y);
    const plan = planCv(d, { alpha: 1, foldid });
    const fit = fitDesign(d, plan.fitOptions);
    const broken = plan.folds.map(() => ({ lambda: fit.lambda, beta: fit.beta.map((b) => b.map(() => NaN)), warning: null }));
    expect(() => summarizeCv(d, plan, fit, broken)).toThrow(GlmnetInputError);
    expect(() => summarizeCv(d, plan, fit, broken)).toThrow(/no lambda with a finite CV deviance/);
  });
});
