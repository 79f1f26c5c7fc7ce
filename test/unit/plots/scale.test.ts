import { describe, expect, it } from 'vitest';
import { escapeXml, fmt, formatP, linearScale, logScale, logTicks, niceDomain, niceStep, niceTicks, PlotInputError, ticksWithStep } from '../../../src/plots/index.js';
import { decimalsForStep, tickLabel } from '../../../src/plots/format.js';

describe('nice ticks', () => {
  // Rule: step ∈ {1, 2, 5} × 10^k nearest (geometrically) to span / 5.
  it.each([
    [0, 60, [0, 10, 20, 30, 40, 50, 60]],
    [0, 1, [0, 0.2, 0.4, 0.6, 0.8, 1]],
    [0, 100, [0, 20, 40, 60, 80, 100]],
    [-0.05, 0.46, [0, 0.1, 0.2, 0.3, 0.4]],
    [3, 17, [4, 6, 8, 10, 12, 14, 16]],
  ])('niceTicks(%d, %d)', (lo, hi, expected) => {
    expect(niceTicks(lo, hi)).toEqual(expected);
  });

  it('produces exact decimals, not accumulated floating-point sums', () => {
    // 0.1 + 0.2 = 0.30000000000000004 would appear if ticks were summed.
    expect(ticksWithStep(0, 1, 0.1)).toEqual([0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1]);
    expect(ticksWithStep(0, 60, 12)).toEqual([0, 12, 24, 36, 48, 60]);
  });

  it('steps and domains', () => {
    expect(niceStep(60, 5)).toBe(10);
    expect(niceStep(7, 5)).toBe(1);
    expect(niceStep(0.78, 5)).toBe(0.2);
    expect(niceDomain(0, 57.3, 12)).toEqual([0, 60]);
    expect(niceDomain(-0.07, 0.46, 0.1)).toEqual([-0.1, 0.5]);
    expect(() => niceTicks(1, 1)).toThrow(PlotInputError);
  });

  it('log ticks by span', () => {
    // The paper's Table 2 CIs span 0.40–2.31: a narrow axis gets the 1-2-3-5 series.
    expect(logTicks(0.3999, 2.3074)).toEqual({ domain: [0.3, 3], ticks: [0.3, 0.5, 1, 2, 3] });
    expect(logTicks(0.05, 8)).toEqual({ domain: [0.05, 10], ticks: [0.05, 0.1, 0.2, 0.5, 1, 2, 5, 10] });
    expect(logTicks(0.001, 50)).toEqual({ domain: [0.001, 100], ticks: [0.001, 0.01, 0.1, 1, 10, 100] });
    expect(() => logTicks(0, 2)).toThrow(PlotInputError);
  });
});

describe('scales', () => {
  it('linear maps the domain ends to the range ends (y inverted)', () => {
    const y = linearScale([0, 1], [400, 40]);
    expect(y(1)).toBe(40);
    expect(y(0)).toBe(400);
    expect(y(0.25)).toBe(310);
  });

  it('log is linear in log(value)', () => {
    const x = logScale([0.1, 10], [0, 200]);
    expect(x(1)).toBeCloseTo(100, 12); // one decade of two: the middle, to rounding
    expect(x(10)).toBeCloseTo(200, 12);
    expect(() => logScale([0, 1], [0, 1])).toThrow(PlotInputError);
  });
});

describe('formatting', () => {
  it('escapes the XML specials', () => {
    expect(escapeXml(`a<b & "c" 'd'>`)).toBe('a&lt;b &amp; &quot;c&quot; &apos;d&apos;&gt;');
  });

  it('fixed-precision coordinates', () => {
    expect(fmt(1 / 3)).toBe('0.33');
    expect(fmt(2.5)).toBe('2.5');
    expect(fmt(10)).toBe('10');
    expect(fmt(-0.001)).toBe('0');
    expect(() => fmt(NaN)).toThrow(RangeError);
  });

  it('tick labels, decimals and p-values', () => {
    expect(decimalsForStep(0.25)).toBe(2);
    expect(decimalsForStep(12)).toBe(0);
    expect(tickLabel(-0.1, 1)).toBe('\u22120.1');
    expect(tickLabel(-0.00001, 1)).toBe('0.0');
    expect(formatP(2.9e-14)).toBe('< 0.001');
    expect(formatP(0.0234)).toBe('= 0.023');
  });
});
