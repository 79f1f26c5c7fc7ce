import { describe, expect, it } from 'vitest';
import { coxFit } from '../../../src/survival/cox.js';
import { selectColumns } from '../../../src/survival/data.js';
import { univariateCox } from '../../../src/survival/univariate.js';
import { DATASETS, expectClose, fixture } from './reference-fixture.js';

describe.each(DATASETS)('univariate Cox screening on %s', (name) => {
  const { ref, outcome, raw } = fixture(name);
  for (const ties of ['efron', 'breslow'] as const) {
    it(`matches R's per-feature coxph (${ties}; coef/se/p 1e-9, loglik 1e-12)`, () => {
      const rows = univariateCox(outcome, raw, { ties, eps: 1e-10, iterMax: 200 });
      const u = ref.univariate_cox;
      expect(rows.map((r) => r.feature)).toEqual(u.feature);
      expectClose(rows.map((r) => r.coef), u[`coef_${ties}`], 1e-9, 1e-14, 'coef');
      expectClose(rows.map((r) => r.se), u[`se_${ties}`], 1e-9, 0, 'se');
      expectClose(rows.map((r) => r.z), u[`z_${ties}`], 1e-9, 0, 'z');
      expectClose(rows.map((r) => r.p), u[`p_${ties}`], 1e-8, 1e-15, 'p');
      expectClose(rows.map((r) => r.loglik), u[`loglik_${ties}`], 1e-12, 0, 'loglik');
      expectClose(rows.map((r) => r.lrtP), u[`lrt_p_${ties}`], 1e-8, 1e-15, 'lrt p');
      if (ties === 'efron') expect(rows.filter((r) => r.p < 0.05).map((r) => r.feature)).toEqual(ref['univariate_significant_efron_p_lt_0.05']);
    });
  }

  it('agrees with the general Newton–Raphson fit, iteration count included', () => {
    const rows = univariateCox(outcome, raw);
    raw.names.slice(0, 8).forEach((f, j) => {
      const fit = coxFit(outcome, selectColumns(raw, [f]), { concordance: false });
      expectClose(rows[j]!.coef, fit.coef[0]!, 1e-12, 1e-15, f);
      expect(rows[j]!.iter).toBe(fit.iter);
    });
  });
});
