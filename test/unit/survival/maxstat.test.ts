import { describe, expect, it } from 'vitest';
import { logRankScores, maxstatLogRank, pLausen94 } from '../../../src/survival/maxstat.js';
import { DATASETS, expectClose, fixture } from './reference-fixture.js';

describe.each(DATASETS)('maxstat against maxstat.test on %s', (name) => {
  const { ref, outcome } = fixture(name);
  const m = maxstatLogRank(outcome, ref.radscore.value as number[], ref.maxstat.minprop, ref.maxstat.maxprop);
  it('has exactRankTests log-rank scores (1e-12)', () => {
    expectClose(logRankScores(outcome), ref.maxstat.logrank_scores, 1e-12, 1e-14, 'scores');
  });
  it('reproduces the profile, cutpoint (exact), statistic (1e-10) and Lau94 p (1e-8)', () => {
    expectClose(m.cuts, ref.maxstat.cuts, 0, 0, 'cuts');
    expectClose(m.stats, ref.maxstat.stats, 1e-10, 0, 'stats');
    expect(m.cutpoint).toBe(ref.maxstat.cutpoint);
    expectClose(m.statistic, ref.maxstat.statistic, 1e-10, 0, 'statistic');
    expectClose(m.pLau94, ref.maxstat.p_Lau94, 1e-8, 0, 'p');
    expect(Array.from(m.highGroup)).toEqual(ref.maxstat.high_group);
  });
});

describe('maxstat known answers', () => {
  it('Lau94 p tends to the two-sided normal tail with a single split', () => {
    expectClose(pLausen94(1.959963984540054, 100, [50]), 0.05, 1e-12);
  });
  it('finds a planted cut-point on a clean separation', () => {
    const n = 40;
    const x = Float64Array.from({ length: n }, (_, i) => i);
    // High x dies early, low x late: the best split separates them at x = 19.
    const outcome = { time: Float64Array.from(x, (v) => (v >= 20 ? 1 + v / 100 : 10 + v)), status: new Uint8Array(n).fill(1) };
    const m = maxstatLogRank(outcome, x);
    expect(m.cutpoint).toBe(19);
  });
});
