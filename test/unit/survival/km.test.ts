import { describe, expect, it } from 'vitest';
import { confidenceBand, kaplanMeier, kmMedian, medianFollowUp, restrictedMean, survivalAt } from '../../../src/survival/kaplan-meier.js';
import { DATASETS, expectClose, fixture } from './reference-fixture.js';

const outcome = (time: number[], status: number[]) => ({ time: Float64Array.from(time), status: Uint8Array.from(status) });

describe.each(DATASETS)('Kaplan–Meier against survfit on %s', (name) => {
  const { ref, outcome: o } = fixture(name);
  const fit = kaplanMeier(o);
  const table = ref.km.table;

  it('reproduces the survfit table (counts exact; S and Greenwood SE to 1e-12, rounding only)', () => {
    expectClose(fit.time, table.time, 0, 0, 'time');
    expectClose(fit.nRisk, table.n_risk, 0, 0, 'n_risk');
    expectClose(fit.nEvent, table.n_event, 0, 0, 'n_event');
    expectClose(fit.nCensor, table.n_censor, 0, 0, 'n_censor');
    expectClose(fit.surv, table.surv, 1e-12, 0, 'surv');
    expectClose(fit.stdErr, table.std_err, 1e-12, 0, 'std_err');
    expectClose(fit.surv.map((s, k) => s * fit.stdErr[k]!), table.se_surv, 1e-12, 0, 'se_surv');
  });

  it('gives the log-type CI band (1e-12: same closed form)', () => {
    const band = confidenceBand(fit, 'log');
    expectClose(band.lower, table.lower, 1e-12, 0, 'lower');
    expectClose(band.upper, table.upper, 1e-12, 0, 'upper');
  });

  it('finds median and CI ends exactly for log, log-log and plain CIs (times are data values)', () => {
    for (const [type, key] of [['log', 'median_conf_log'], ['log-log', 'median_conf_loglog'], ['plain', 'median_conf_plain']] as const) {
      const m = kmMedian(fit, type);
      expectClose([m.median, m.lower, m.upper], [ref.km[key].median, ref.km[key].median_lower, ref.km[key].median_upper], 0, 1e-9, key);
    }
  });

  it('gives the restricted mean (1e-12) and its SE (1e-10) to the last time', () => {
    const rm = restrictedMean(fit);
    expectClose(rm.rmean, ref.km.rmean, 1e-12, 0, 'rmean');
    expectClose(rm.se, ref.km.rmean_se, 1e-10, 0, 'rmean_se');
  });

  it('gives the reverse-KM median follow-up exactly', () => {
    const m = medianFollowUp(o);
    const r = ref.km.median_followup_reverse_km;
    expectClose([m.median, m.lower, m.upper], [r.median, r.lower, r.upper], 0, 1e-9, 'reverse KM');
  });
});

describe('Kaplan–Meier known answers', () => {
  it('computes S, Greenwood and S(t) by hand on a small sample', () => {
    // times 1,2,2,3,4 ; events at 1, one of the 2s, 4.
    const fit = kaplanMeier(outcome([3, 1, 2, 4, 2], [0, 1, 1, 1, 0]));
    expect(Array.from(fit.time)).toEqual([1, 2, 3, 4]);
    expect(Array.from(fit.nRisk)).toEqual([5, 4, 2, 1]);
    expectClose(fit.surv, [4 / 5, (4 / 5) * (3 / 4), (4 / 5) * (3 / 4), 0], 1e-15);
    expectClose(fit.stdErr.subarray(0, 3), [Math.sqrt(1 / 20), Math.sqrt(1 / 20 + 1 / 12), Math.sqrt(1 / 20 + 1 / 12)], 1e-15);
    expect(fit.stdErr[3]).toBe(Infinity); // n = d at the last time, as survfit
    expect(survivalAt(fit, 0.5)).toBe(1);
    expect(survivalAt(fit, 2.5)).toBeCloseTo(0.6, 15);
  });

  it('takes the midpoint when the curve sits exactly on 0.5', () => {
    // S = 0.5 after t = 2 (2 of 4 die), flat until the next death at 5.
    const fit = kaplanMeier(outcome([1, 2, 5, 6], [1, 1, 1, 0]));
    expect(kmMedian(fit).median).toBe((2 + 5) / 2);
  });

  it('reports a median that is not reached as NaN', () => {
    const fit = kaplanMeier(outcome([1, 2, 3, 4], [1, 0, 0, 0]));
    expect(Number.isNaN(kmMedian(fit).median)).toBe(true);
  });
});
