// Binning against numpy: expected edges and bins below were computed with numpy 2.4 (np.arange / np.histogram
// edges exactly as PyRadiomics' getBinEdges builds them, then np.digitize), printed with repr.
import { describe, expect, it } from 'vitest';
import { discretize, fixedCountEdges, fixedWidthEdges } from '../../../../src/radiomics/discretize.js';
import { DEFAULT_FEATURE_CLASS_SETTINGS, type FeatureClassSettings, type Roi, type Vec3 } from '../../../../src/radiomics/types.js';
import { ImageContentError, MaskError, SettingsError } from '../../../../src/radiomics/errors.js';

function lineRoi(values: number[]): Roi {
  const size: Vec3 = [values.length, 1, 1];
  return { size, spacing: [1, 1, 1], image: Float64Array.from(values), mask: new Uint8Array(values.length).fill(1) };
}
const withBins = (s: Partial<FeatureClassSettings>): FeatureClassSettings => ({ ...DEFAULT_FEATURE_CLASS_SETTINGS, ...s });

// Tolerance: exact. The edges must be the same doubles as numpy's, or a voxel can change bin.
describe('fixed bin width (numpy.arange edges + digitize)', () => {
  it('keeps numpy arange drift for a non-integer width: bin differs from floor(x/W) − floor(min/W) + 1', () => {
    const values = [-0.3000000000000001, -0.73, 1.31];
    const edges = fixedWidthEdges(-0.73, 1.31, 0.1);
    expect(edges.length).toBe(24);
    expect(edges[1]).toBe(-0.7000000000000001);
    expect(edges[5]).toBe(-0.30000000000000016);
    expect(edges[8]).toBe(-2.220446049250313e-16);
    expect(edges[23]).toBe(1.4999999999999993);
    const binned = discretize(lineRoi(values), withBins({ binWidth: 0.1 }));
    // floor arithmetic would give 5 for the first value; numpy.digitize gives 6.
    expect(Array.from(binned.levels)).toEqual([6, 1, 22]);
    expect(binned.ng).toBe(22);
    expect(Array.from(binned.grayLevels)).toEqual([1, 6, 22]);
  });

  it('negative minimum: low edge is min − (min mod W) with numpy floor modulo', () => {
    const binned = discretize(lineRoi([-5e-324, -18.25, 32.75]), withBins({ binWidth: 2.5 }));
    expect(binned.edges[0]).toBe(-20);
    expect(binned.edges[binned.edges.length - 1]).toBe(37.5);
    expect(Array.from(binned.levels)).toEqual([8, 1, 22]);
  });

  it('bins are half-open [edge, next edge) and the lowest ROI bin is 1 (binWidth 25)', () => {
    const binned = discretize(lineRoi([-30, -25, -1, 0, 24.999999, 25, 26]), withBins({}));
    expect(Array.from(binned.edges)).toEqual([-50, -25, 0, 25, 50, 75]);
    expect(Array.from(binned.levels)).toEqual([1, 2, 2, 3, 3, 4, 4]);
  });

  it('flat region gives one bin', () => {
    const binned = discretize(lineRoi([100, 100, 100]), withBins({}));
    expect(Array.from(binned.edges)).toEqual([100, 125]);
    expect(Array.from(binned.levels)).toEqual([1, 1, 1]);
    expect(binned.ng).toBe(1);
  });

  it('float32 values: float32 scalar steps, float64 arange (numpy 2)', () => {
    const v = [Math.fround(-1.2345678), Math.fround(3.3), Math.fround(47.123)];
    expect(Array.from(fixedWidthEdges(v[0], v[2], 25, true))).toEqual([-25, 0, 25, 50, 75]);
    expect(Array.from(discretize(lineRoi(v), withBins({}), { float32: true }).levels)).toEqual([1, 2, 3]);
  });
});

describe('fixed bin count (numpy.histogram edges, last edge + 1, digitize)', () => {
  it('float64 values', () => {
    const values = [0.1, 0.7, 0.2, 0.33, 1.0, 0.95];
    expect(Array.from(fixedCountEdges(0.1, 1.0, 7))).toEqual([
      0.1, 0.2285714285714286, 0.3571428571428572, 0.48571428571428577, 0.6142857142857143, 0.7428571428571429,
      0.8714285714285716, 2.0,
    ]);
    expect(Array.from(discretize(lineRoi(values), withBins({ binCount: 7 })).levels)).toEqual([1, 5, 1, 2, 7, 7]);
  });

  it('integer values', () => {
    expect(Array.from(fixedCountEdges(-4, 12, 5))).toEqual([-4.0, -0.7999999999999998, 2.4000000000000004, 5.600000000000001, 8.8, 13.0]);
    expect(Array.from(discretize(lineRoi([3, 7, 7, 12, -4]), withBins({ binCount: 5 })).levels)).toEqual([3, 4, 4, 5, 1]);
  });

  it('float32 values (numpy linspace in float32)', () => {
    const values = [0.1, 0.7, 0.2, 0.33, 1.0, 0.95].map(Math.fround);
    expect(Array.from(fixedCountEdges(values[0], values[4], 7, true))).toEqual([
      0.10000000149011612, 0.22857141494750977, 0.357142835855484, 0.48571425676345825, 0.6142857074737549,
      0.7428570985794067, 0.8714285492897034, 2.0,
    ]);
  });

  it('flat region: edges min ± 0.5', () => {
    expect(Array.from(fixedCountEdges(5, 5, 3))).toEqual([4.5, 4.833333333333333, 5.166666666666667, 6.5]);
    expect(Array.from(discretize(lineRoi([5, 5, 5]), withBins({ binCount: 3 })).levels)).toEqual([2, 2, 2]);
  });
});

describe('bad input', () => {
  it('empty ROI', () => {
    const roi = lineRoi([1, 2]);
    roi.mask.fill(0);
    expect(() => discretize(roi, withBins({}))).toThrow(MaskError);
    expect(() => discretize(roi, withBins({}))).toThrow(/ROI is empty/);
  });
  it('NaN inside the ROI', () => {
    expect(() => discretize(lineRoi([1, NaN]), withBins({}))).toThrow(ImageContentError);
  });
  it('bad binWidth / binCount', () => {
    expect(() => discretize(lineRoi([1, 2]), withBins({ binWidth: 0 }))).toThrow(SettingsError);
    expect(() => discretize(lineRoi([1, 2]), withBins({ binCount: 2.5 }))).toThrow(/binCount must be a positive integer/);
  });
  it('arrays not matching the size', () => {
    const roi = lineRoi([1, 2]);
    roi.size = [3, 1, 1];
    expect(() => discretize(roi, withBins({}))).toThrow(/do not match its size/);
  });
});
