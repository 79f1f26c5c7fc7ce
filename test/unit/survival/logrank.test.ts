import { describe, expect, it } from 'vitest';
import { logRankTest } from '../../../src/survival/logrank.js';
import { DATASETS, expectClose, fixture } from './reference-fixture.js';

describe.each(DATASETS)('log-rank against survdiff on %s', (name) => {
  const { ref, outcome } = fixture(name);
  for (const key of ['binary_covariate', 'radscore_median', 'maxstat'] as const) {
    it(`reproduces ${key} (sums 1e-12, chi-square 1e-10: same sums, a 1×1 solve)`, () => {
      const r = key === 'maxstat' ? ref.maxstat.logrank_high_vs_low : ref.logrank[key];
      const res = logRankTest(outcome, r.group_vector as number[]);
      expect(res.groups).toEqual(r.groups);
      expect(res.n).toEqual(r.n);
      expect(res.observed).toEqual(r.observed);
      expectClose(res.expected, r.expected, 1e-12, 0, 'expected');
      expectClose(res.variance.flat(), r.var, 1e-12, 1e-12, 'var');
      expectClose(res.chisq, r.chisq, 1e-10, 0, 'chisq');
      expect(res.df).toBe(r.df);
      expectClose(res.p, r.p, 1e-9, 0, 'p');
    });
  }
});

describe('log-rank known answers', () => {
  it('matches a hand computation for two groups', () => {
    // Group 0: deaths at 1 and 3; group 1: death at 2, censored at 4.
    const outcome = { time: Float64Array.from([1, 3, 2, 4]), status: Uint8Array.from([1, 1, 1, 0]) };
    const res = logRankTest(outcome, [0, 0, 1, 1]);
    // t=1: n=4, n0=2 → E0 = 1/2, V = 1·3·2·2/(16·3) = 1/4; t=2: n=3, n0=1 → E0 = 1/3, V = 2·1·2/(9·2) = 2/9;
    // t=3: n=2, n0=1 → E0 = 1/2, V = 1·1·1/(4·1) = 1/4.
    expectClose(res.expected, [1 / 2 + 1 / 3 + 1 / 2, 3 - (1 / 2 + 1 / 3 + 1 / 2)], 1e-15);
    const v = 1 / 4 + 2 / 9 + 1 / 4;
    expectClose(res.chisq, (2 - 4 / 3) ** 2 / v, 1e-14);
    expect(res.df).toBe(1);
  });

  it('gives the same chi-square for three groups whichever label comes first', () => {
    const { outcome } = fixture('veteran');
    const g = Array.from(outcome.time, (_, i) => i % 3);
    const a = logRankTest(outcome, g);
    const b = logRankTest(outcome, g.map((x) => 2 - x));
    expect(a.df).toBe(2);
    expectClose(a.chisq, b.chisq, 1e-12);
  });
});
