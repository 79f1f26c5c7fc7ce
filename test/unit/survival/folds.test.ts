import { describe, expect, it } from 'vitest';
import { stratifiedKFold } from '../../../src/survival/folds.js';

describe('stratified repeated k-fold', () => {
  const status = Array.from({ length: 87 }, (_, i) => (i % 5 < 3 ? 1 : 0)); // 53 events, 34 censored
  const folds = stratifiedKFold(status, 3, 20, 42);

  it('partitions the subjects in every repeat', () => {
    expect(folds).toHaveLength(60);
    for (let r = 0; r < 20; r++) {
      const tests = folds.filter((f) => f.repeat === r).flatMap((f) => Array.from(f.test));
      expect(tests.sort((a, b) => a - b)).toEqual(Array.from({ length: 87 }, (_, i) => i));
      for (const f of folds.filter((x) => x.repeat === r)) expect(f.train.length + f.test.length).toBe(87);
    }
  });

  it('balances events across folds (each fold within one of n_s/k)', () => {
    for (const f of folds) {
      const events = Array.from(f.test).filter((i) => status[i] === 1).length;
      expect(Math.abs(events - 53 / 3)).toBeLessThan(1);
    }
  });

  it('is deterministic for a seed and differs between seeds and repeats', () => {
    const again = stratifiedKFold(status, 3, 20, 42);
    expect(again.map((f) => Array.from(f.test))).toEqual(folds.map((f) => Array.from(f.test)));
    const other = stratifiedKFold(status, 3, 20, 43);
    expect(other[0]!.test).not.toEqual(folds[0]!.test);
    expect(folds[3]!.test).not.toEqual(folds[0]!.test);
  });

  it('rejects impossible settings', () => {
    expect(() => stratifiedKFold(status, 1, 1, 1)).toThrow(/k ≥ 2/);
    expect(() => stratifiedKFold([1, 0], 3, 1, 1)).toThrow(/at least 3 subjects/);
  });
});
