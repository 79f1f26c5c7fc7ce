import { describe, expect, it } from 'vitest';
import { applyZScore, fitZScore } from '../../../src/survival/zscore.js';
import { DATASETS, expectClose, fixture } from './reference-fixture.js';

describe.each(DATASETS)('z-score on %s', (name) => {
  const { ref, raw } = fixture(name);
  it("keeps R's mean and sample SD (1e-14)", () => {
    const z = fitZScore(raw);
    expect(z.names).toEqual(ref.zscore.feature);
    expectClose(z.mean, ref.zscore.mean, 1e-14, 1e-14, 'mean');
    expectClose(z.sd, ref.zscore.sd, 1e-14, 0, 'sd');
  });
});

describe('z-score transform', () => {
  it('standardises the fitting rows and applies the same transform to new rows', () => {
    const model = fitZScore({ names: ['a'], columns: [Float64Array.from([1, 2, 3, 4])] });
    expectClose(model.sd, [Math.sqrt(5 / 3)], 1e-15);
    const z = applyZScore(model, { names: ['b', 'a'], columns: [Float64Array.from([0]), Float64Array.from([2.5, 10])] });
    expectClose(z.columns[0]!, [0, 7.5 / Math.sqrt(5 / 3)], 1e-15);
    expect(() => fitZScore({ names: ['c'], columns: [Float64Array.from([1, 1, 1])] })).toThrow(/constant/);
    expect(() => applyZScore(model, { names: ['b'], columns: [Float64Array.from([1])] })).toThrow(/'a' is missing/);
  });
});
