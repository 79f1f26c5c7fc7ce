import { describe, expect, it } from 'vitest';
import { calibrationAt, rankGroups } from '../../../src/survival/calibration.js';
import { DATASETS, expectClose, fixture } from './reference-fixture.js';

describe.each(DATASETS)('calibration at a horizon on %s', (name) => {
  const { ref, outcome } = fixture(name);
  for (const bt of ref.calibration.by_time) {
    it(`groups by tertile and compares with KM at t = ${bt.t} (groups exact, means and KM 1e-12)`, () => {
      const cal = calibrationAt(outcome, bt.predicted_surv as number[], bt.t, 3);
      expect(Array.from(cal.group)).toEqual(bt.tertile_group);
      cal.groups.forEach((g, k) => {
        const r = bt.groups[k];
        expect([g.group, g.n]).toEqual([r.group, r.n]);
        expectClose(g.meanPredicted, r.mean_predicted_surv, 1e-12, 0, 'mean predicted');
        expectClose(g.observed, r.km_observed_surv, 1e-12, 0, 'KM observed');
        if (g.observed > 0) {
          expect(g.observedLower).toBeLessThanOrEqual(g.observed);
          expect(g.observedUpper).toBeGreaterThanOrEqual(g.observed);
        } else expect(Number.isNaN(g.observedLower)).toBe(true); // survfit's log CI is NA at S = 0
      });
    });
  }
});

describe('calibration known answers', () => {
  it("splits ranks as R's cut(breaks = 3), ties by row order", () => {
    expect(Array.from(rankGroups([0.9, 0.5, 0.5, 0.1, 0.7, 0.3], 3))).toEqual([1, 2, 2, 3, 1, 3]);
  });
});
