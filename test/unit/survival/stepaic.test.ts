import { describe, expect, it } from 'vitest';
import { stepAic } from '../../../src/survival/stepaic.js';
import { DATASETS, expectClose, fixture } from './reference-fixture.js';

describe.each(DATASETS)('stepAIC against MASS::stepAIC on %s', (name) => {
  const { ref, outcome, model } = fixture(name);
  const result = stepAic(outcome, model, ref.stepAIC.candidates, { ties: 'efron', eps: 1e-10, iterMax: 200 });
  const s = ref.stepAIC;

  it('selects the same terms in the same order with the same AIC (1e-12)', () => {
    expect(result.selected).toEqual(s.selected);
    expectClose(result.finalAic, s.final_aic, 1e-12, 0, 'final AIC');
    expect(result.finalEdf).toBe(s.final_edf);
    expectClose(result.fullAic, s.full_aic, 1e-12, 0, 'full AIC');
  });

  it('reproduces the anova path (labels exact, deviances 1e-9 absolute on differences of −2ℓ)', () => {
    expect(result.path.map((r) => r.step)).toEqual(s.path.step);
    expect(result.path.map((r) => r.df)).toEqual(s.path.df);
    expect(result.path.map((r) => r.residDf)).toEqual(s.path.resid_df);
    expectClose(result.path.map((r) => r.deviance ?? NaN), s.path.deviance, 0, 1e-9, 'deviance');
    expectClose(result.path.map((r) => r.residDev), s.path.resid_dev, 1e-12, 0, 'resid dev');
    expectClose(result.path.map((r) => r.aic), s.path.aic, 1e-12, 0, 'aic');
  });

  it('returns the final model as coxph fits it (coef 1e-10)', () => {
    expect(result.finalFit!.terms).toEqual(s.final_model.terms);
    expectClose(result.finalFit!.coef, s.final_model.coef, 1e-10, 1e-14, 'coef');
    expectClose(result.finalFit!.se, s.final_model.se, 1e-10, 0, 'se');
    expectClose(result.fullFit.coef, s.full_model.coef, 1e-10, 1e-14, 'full coef');
  });
});

describe('stepAIC known answers', () => {
  it('drops a pure-noise term and keeps a strong one', () => {
    const { outcome, raw } = fixture('veteran');
    const karno = raw.columns[raw.names.indexOf('karno')]!;
    // A noise column built deterministically from the row index, unrelated to survival.
    const noise = Float64Array.from(karno, (_, i) => Math.sin(i * 12.9898) * 43758.5453 % 1);
    const x = { names: ['karno', 'noise'], columns: [karno, noise] };
    const result = stepAic(outcome, x, ['karno', 'noise']);
    expect(result.selected).toEqual(['karno']);
    expect(result.path.map((r) => r.step)).toEqual(['', '- noise']);
  });
});
