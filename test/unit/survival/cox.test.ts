import { describe, expect, it } from 'vitest';
import { coxFit, coxFitLoglik, linearPredictor } from '../../../src/survival/cox.js';
import { baselineHazard, predictSurvival } from '../../../src/survival/cox-baseline.js';
import { selectColumns } from '../../../src/survival/data.js';
import { CoxConvergenceError, CoxSeparationError, NotEnoughEventsError, SingularDesignError } from '../../../src/survival/errors.js';
import { DATASETS, expectClose, fixture } from './reference-fixture.js';

const REF_CONTROL = { eps: 1e-10, iterMax: 200 };

describe.each(DATASETS)('coxph against R on %s', (name) => {
  const { ref, outcome, model } = fixture(name);
  const x = selectColumns(model, ref.multivariable.terms);
  for (const ties of ['efron', 'breslow'] as const) {
    it(`reproduces the ${ties} fit (coef/se 1e-10, loglik 1e-12, iter exact; R re-implementations agree to 2e-13)`, () => {
      const fit = coxFit(outcome, x, { ties, ...REF_CONTROL });
      const r = ref.multivariable[ties];
      expect(fit.terms).toEqual(r.terms);
      expectClose(fit.coef, r.coef, 1e-10, 1e-14, 'coef');
      expectClose(fit.hr, r.hr, 1e-10, 0, 'hr');
      expectClose(fit.se, r.se, 1e-10, 0, 'se');
      expectClose(fit.z, r.z, 1e-10, 0, 'z');
      expectClose(fit.pWald, r.p_wald, 1e-8, 1e-15, 'p_wald');
      expectClose(fit.loglikNull, r.loglik_null, 1e-12, 0, 'loglik_null');
      expectClose(fit.loglik, r.loglik, 1e-12, 0, 'loglik');
      expectClose(fit.aic, r.aic, 1e-12, 0, 'aic');
      expect(fit.iter).toBe(r.iter);
      expect(fit.nevent).toBe(r.nevent);
      expectClose(fit.lrt.stat, r.lrt.stat, 1e-9, 0, 'lrt');
      expectClose(fit.lrt.p, r.lrt.p, 1e-7, 0, 'lrt p');
      expectClose(fit.scoreTest.stat, r.score_test.stat, 1e-9, 0, 'score');
      expectClose(fit.scoreTest.p, r.score_test.p, 1e-7, 0, 'score p');
      // summary.coxph rounds the Wald statistic to 2 decimals; its p is from the unrounded value.
      expectClose(fit.waldTest.stat, r.wald_test.stat, 0, 0.005, 'wald');
      expectClose(fit.waldTest.p, r.wald_test.p, 1e-7, 0, 'wald p');
      expectClose(fit.means, r.means, 1e-12, 1e-13, 'means');
      expectClose(fit.vcov, r.vcov, 1e-9, 1e-16, 'vcov');
      const c = fit.concordance!;
      expect([c.concordant, c.discordant, c.tiedX, c.tiedY, c.tiedXY]).toEqual([
        r.concordance.concordant, r.concordance.discordant, r.concordance.tied_x, r.concordance.tied_y, r.concordance.tied_xy,
      ]);
      expectClose(c.c, r.concordance.c, 1e-12, 0, 'C');
      expectClose(c.std, r.concordance.std, 1e-10, 0, 'C std');
    });
  }

  it('gives basehaz(centered = FALSE) and survfit.coxph S(t|x) of the stepAIC model (1e-10)', () => {
    const fit = coxFit(outcome, selectColumns(model, ref.stepAIC.selected), { ties: 'efron', ...REF_CONTROL });
    const base = baselineHazard(fit, outcome, model);
    expectClose(base.time, ref.calibration.baseline_cumhaz_uncentered.time, 0, 0, 'time');
    expectClose(base.hazard, ref.calibration.baseline_cumhaz_uncentered.hazard, 1e-10, 1e-15, 'H0');
    for (const bt of ref.calibration.by_time) expectClose(predictSurvival(fit, base, model, bt.t), bt.predicted_surv, 1e-10, 1e-15, `S(${bt.t}|x)`);
    expectClose(linearPredictor(fit, model), ref.radscore.value, 1e-10, 1e-12, 'radscore');
    expectClose(fit.linearPredictor, ref.radscore.centered_lp, 1e-9, 1e-11, 'centred lp');
  });
});

describe('coxph init (warm start)', () => {
  it('converges to the same maximum from the previous solution, with ℓ(init) as the null loglik', () => {
    const { ref, outcome, model } = fixture('lung');
    const x = selectColumns(model, ref.multivariable.terms);
    const r = ref.multivariable.efron;
    const fit = coxFit(outcome, x, { ...REF_CONTROL, init: r.coef });
    expectClose(fit.coef, r.coef, 1e-10, 1e-14, 'coef');
    expectClose(fit.loglikNull, r.loglik, 1e-12, 0, 'ℓ(init)');
    expect(fit.iter).toBeLessThan(r.iter);
    expectClose(fit.waldTest.stat, 0, 0, 1e-12, 'Wald of β − init');
  });

  it("coxFitLoglik gives coxFit's coefficients and loglik exactly (cold and warm start, both ties)", () => {
    const { ref, outcome, model } = fixture('lung');
    const x = selectColumns(model, ref.multivariable.terms);
    for (const ties of ['efron', 'breslow'] as const) {
      for (const init of [undefined, ref.multivariable.efron.coef.map((b: number) => b / 2)]) {
        const options = { ties, separation: 'flag' as const, ...(init ? { init } : {}) };
        const full = coxFit(outcome, x, options);
        const lean = coxFitLoglik(outcome, x, options);
        expect(Array.from(lean.coef)).toEqual(Array.from(full.coef));
        expect(lean.loglik).toBe(full.loglik);
      }
    }
  });
});

describe('coxph failures are errors, not NaN', () => {
  const { outcome, raw } = fixture('veteran');
  it('flags separation (monotone likelihood) as CoxSeparationError, or as infinite when asked', () => {
    // A covariate that is 1 exactly for the subjects who die first: the coefficient diverges.
    const early = Float64Array.from(outcome.time, (t, i) => (t < 20 && outcome.status[i] === 1 ? 1 : 0));
    const x = { names: ['early'], columns: [early] };
    expect(() => coxFit(outcome, x)).toThrow(CoxSeparationError);
    const flagged = coxFit(outcome, x, { separation: 'flag' });
    expect(flagged.infinite).toEqual([true]);
  });

  it('rejects a singular design, naming the aliased term', () => {
    const karno = raw.columns[raw.names.indexOf('karno')]!;
    const x = { names: ['karno', 'karno_twice'], columns: [karno, karno.map((v) => 2 * v)] };
    expect(() => coxFit(outcome, x)).toThrow(/karno_twice/);
    expect(() => coxFit(outcome, x)).toThrow(SingularDesignError);
  });

  it('rejects data without enough events', () => {
    const none = { time: outcome.time, status: new Uint8Array(outcome.time.length) };
    expect(() => coxFit(none, selectColumns(raw, ['karno']))).toThrow(NotEnoughEventsError);
    const two = { time: outcome.time, status: Uint8Array.from(outcome.status, (_, i) => (i < 2 ? 1 : 0)) };
    expect(() => coxFit(two, selectColumns(raw, ['karno', 'age', 'trt']))).toThrow(/at least 3 events/);
  });

  it('reports running out of iterations', () => {
    expect(() => coxFit(outcome, selectColumns(raw, ['karno', 'age']), { iterMax: 1 })).toThrow(CoxConvergenceError);
  });
});
