import { describe, expect, it } from 'vitest';
import { decisionCurve } from '../../../src/survival/decision-curve.js';
import { expectClose } from './reference-fixture.js';

describe('decision curve (net benefit at a horizon)', () => {
  // 10 subjects, no censoring before t = 5: 4 die before 5. Predicted survival: the 4 who die
  // and 1 survivor get S = 0.3 (risk 0.7); the other 5 get S = 0.9 (risk 0.1).
  const time = Float64Array.from([1, 2, 3, 4, 6, 7, 8, 9, 10, 11]);
  const outcome = { time, status: new Uint8Array(10).fill(1) };
  const predicted = [0.3, 0.3, 0.3, 0.3, 0.3, 0.9, 0.9, 0.9, 0.9, 0.9];

  it('computes model, treat-all and treat-none net benefit by hand', () => {
    const [p20, p50] = decisionCurve(outcome, predicted, 5, [0.2, 0.5]);
    // Threshold 0.2: positives = 5 (risk 0.7 ≥ 0.2); 4 of them die: TP rate 0.4, FP rate 0.1.
    expectClose(p20!.model, 0.4 - 0.1 * (0.2 / 0.8), 1e-15);
    // Treat all: risk 0.4 overall: NB = 0.4 − 0.6·0.25.
    expectClose(p20!.treatAll, 0.4 - 0.6 * 0.25, 1e-15);
    expect(p20!.treatNone).toBe(0);
    expectClose(p50!.model, 0.4 - 0.1 * 1, 1e-15);
    expectClose(p50!.testPositiveRate, 0.5, 1e-15);
  });

  it('gives 0 when nobody is test positive and rejects thresholds outside [0, 1)', () => {
    expect(decisionCurve(outcome, predicted, 5, [0.8])[0]!.model).toBe(0);
    expect(() => decisionCurve(outcome, predicted, 5, [1])).toThrow(/outside/);
  });
});
