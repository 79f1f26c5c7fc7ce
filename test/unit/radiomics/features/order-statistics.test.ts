import { describe, expect, it } from 'vitest';
import { percentile, selectByBuckets, selectOrderStatistics } from '../../../../src/radiomics/features/firstorder.js';

/** A reproducible pseudo-random sequence (LCG) in [0, 1). */
function lcg(seed: number): () => number {
  let state = seed;
  return () => (state = (state * 1103515245 + 12345) % 2147483648) / 2147483648;
}

describe('selectOrderStatistics (firstorder percentiles without a full sort)', () => {
  const cases: [string, (random: () => number, n: number) => Float64Array][] = [
    ['distinct doubles', (r, n) => Float64Array.from({ length: n }, () => r() * 2000 - 700)],
    ['few repeated integers', (r, n) => Float64Array.from({ length: n }, () => Math.floor(r() * 7) - 3)],
    ['one value', (_r, n) => new Float64Array(n).fill(42.5)],
    ['ascending', (_r, n) => Float64Array.from({ length: n }, (_, i) => i * 0.25)],
    ['descending', (_r, n) => Float64Array.from({ length: n }, (_, i) => -i)],
    ['organ pipe', (_r, n) => Float64Array.from({ length: n }, (_, i) => Math.min(i, n - 1 - i))],
  ];
  for (const [name, make] of cases) {
    it(`puts every wanted position where a sort would: ${name}`, () => {
      const random = lcg(2024);
      for (const n of [1, 2, 3, 10, 25, 100, 1000, 16529]) {
        const values = make(random, n);
        const sorted = values.slice().sort();
        const positions = [...new Set([0, n - 1, (n >> 1) - 1, n >> 1, Math.floor((n - 1) * 0.1), Math.floor((n - 1) * 0.1) + 1,
          Math.floor((n - 1) * 0.9)])].filter((k) => k >= 0 && k < n).sort((a, b) => a - b);
        const selected = values.slice();
        selectOrderStatistics(selected, positions);
        for (const k of positions) expect(selected[k], `n=${n} position ${k}`).toBe(sorted[k]);
        // A permutation of the input: nothing lost or duplicated.
        expect(selected.slice().sort()).toEqual(sorted);
        // The bucketed selection puts the same values there, and leaves its input alone.
        const before = values.slice();
        const bucketed = selectByBuckets(values, sorted[0], sorted[n - 1], positions);
        for (const k of positions) expect(bucketed[k], `buckets: n=${n} position ${k}`).toBe(sorted[k]);
        expect(values).toEqual(before);
      }
    });
  }

  it('bucketed selection on heavy-tailed values (most of them in a few buckets)', () => {
    const random = lcg(7);
    const n = 16529;
    const values = Float64Array.from({ length: n }, () => {
      const u = random();
      return u < 0.01 ? (random() - 0.5) * 1e4 : (random() - 0.5) * 3;
    });
    const sorted = values.slice().sort();
    const positions = [0, 1652, 1653, 4131, 4132, 8263, 8264, 12395, 12396, 14875, 14876, n - 1];
    const bucketed = selectByBuckets(values, sorted[0], sorted[n - 1], positions);
    for (const k of positions) expect(bucketed[k], `position ${k}`).toBe(sorted[k]);
  });

  it('numpy linear percentiles of a known sample', () => {
    const sorted = Float64Array.from([1, 2, 3, 4, 10]);
    expect(percentile(sorted, 10)).toBeCloseTo(1.4, 15);
    expect(percentile(sorted, 90)).toBeCloseTo(7.6, 14);
    expect(percentile(sorted, 50)).toBe(3);
  });
});
