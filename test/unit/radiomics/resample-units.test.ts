import { describe, expect, it } from 'vitest';
import { bsplineCoefficients, bsplineEvaluator, bsplinePrefilter1D } from '../../../src/radiomics/bspline.js';
import { resampleImageAndMask, resampleOnGrid } from '../../../src/radiomics/resample.js';
import { pixelCast } from '../../../src/radiomics/resample-grid.js';
import { checkInterpolatorName, roundHalfIntegerUp } from '../../../src/radiomics/interpolators.js';
import { MaskError, SettingsError } from '../../../src/radiomics/errors.js';
import type { PixelType, Vec3, Volume, VoxelArray } from '../../../src/radiomics/types.js';
import {
  continuousIndexToPhysicalPoint, physicalPointToContinuousIndex, physicalToIndexMatrix,
} from '../../../src/radiomics/geometry.js';

function volume(size: Vec3, f: (x: number, y: number, z: number) => number, pixelType: PixelType = 'float64',
  geometry: Partial<Pick<Volume, 'spacing' | 'origin' | 'direction'>> = {}): Volume {
  const data: VoxelArray = pixelType === 'float64' ? new Float64Array(size[0] * size[1] * size[2])
    : pixelType === 'int16' ? new Int16Array(size[0] * size[1] * size[2]) : new Uint8Array(size[0] * size[1] * size[2]);
  for (let z = 0, i = 0; z < size[2]; z++) for (let y = 0; y < size[1]; y++) for (let x = 0; x < size[0]; x++, i++) data[i] = f(x, y, z);
  return {
    size, pixelType, data,
    spacing: geometry.spacing ?? [1, 1, 1], origin: geometry.origin ?? [0, 0, 0],
    direction: geometry.direction ?? [1, 0, 0, 0, 1, 0, 0, 0, 1],
  };
}

describe('B-spline decomposition and evaluation (ITK order 3)', () => {
  it('a constant line has constant coefficients: exact mirror sum up to 18 samples, ITK truncation beyond', () => {
    for (const length of [2, 9, 18, 19, 40]) {
      const line = new Float64Array(length).fill(7);
      bsplinePrefilter1D(line, 0, 1, length);
      // Lines longer than 18 start from ITK's truncated causal sum (tolerance 1e-10 → 18 terms): the first
      // coefficient misses Σ_{n≥18} z^n ≈ 1e-10 of the value; shorter lines use the exact mirror sum.
      const tolerance = length <= 18 ? 1e-13 : 7 * 1e-9;
      for (const c of line) expect(Math.abs(c - 7)).toBeLessThan(tolerance);
    }
  });

  it('reproduces linear and quadratic polynomials exactly away from the mirrored edges', () => {
    // Cubic B-spline interpolation reproduces polynomials of degree ≤ 3; the mirror boundary only perturbs
    // coefficients near the edges, with a decay of |z|^k = 0.268^k (≈ 1e-11 of the edge error 18 voxels in).
    const polynomials = [
      (x: number, y: number, z: number) => 2 * x - 3 * y + 0.5 * z + 11,
      (x: number, y: number, z: number) => 0.25 * x * x - 0.5 * y * z + 0.1 * z * z + y,
    ];
    for (const p of polynomials) {
      const image = volume([44, 44, 44], p);
      const evaluate = bsplineEvaluator(image, [18, 18, 18], [26, 26, 26]);
      for (const [x, y, z] of [[20.25, 21.5, 22.75], [19.01, 24.99, 20.5], [22, 22, 22], [23.3, 19.7, 24.1]]) {
        expect(Math.abs(evaluate(x, y, z) - p(x, y, z))).toBeLessThan(1e-8);
      }
    }
  });

  it('coefficients of a block equal those of the whole image bit for bit (the restriction is exact)', () => {
    let state = 12345;
    const random = () => ((state = (state * 1103515245 + 12345) % 2147483648) / 2147483648);
    const image = volume([31, 23, 9], () => Math.round(random() * 2000 - 500), 'int16');
    const full = bsplineCoefficients(image, [0, 0, 0], [30, 22, 8]);
    const block = bsplineCoefficients(image, [7, 5, 2], [19, 12, 6]);
    for (let z = 2; z <= 6; z++) {
      for (let y = 5; y <= 12; y++) {
        for (let x = 7; x <= 19; x++) {
          expect(block.data[x - 7 + block.strideY * y + block.strideZ * z]).toBe(full.data[x + full.strideY * y + full.strideZ * z]);
        }
      }
    }
  });
});

describe('ITK resampling conventions', () => {
  it('resampling onto the input grid returns the input (B-spline, linear, nearest neighbour)', () => {
    const image = volume([12, 10, 7], (x, y, z) => Math.sin(x) * 100 + y * y - 3 * z, 'float64',
      { spacing: [0.7, 0.9, 2.5], origin: [3, -4, 10], direction: [1, 0, 0, 0, -1, 0, 0, 0, 1] });
    for (const name of ['sitkBSpline', 'sitkLinear', 'sitkNearestNeighbor'] as const) {
      const out = resampleOnGrid(image, image, name, 'float64');
      out.data.forEach((v, i) => expect(Math.abs(v - image.data[i]), `${name} voxel ${i}`).toBeLessThan(1e-9));
    }
  });

  it('casts interpolated values as ITK does: clamp, then truncate toward zero for integers', () => {
    const toInt16 = pixelCast('int16');
    expect([12.7, -3.7, -0.2, 40000, -40000].map(toInt16)).toEqual([12, -3, 0, 32767, -32768]);
    expect(pixelCast('uint8')(-5)).toBe(0);
    expect(pixelCast('float32')(0.1)).toBe(Math.fround(0.1));
  });

  it('rounds continuous indices half up for nearest neighbour (ITK Math::Round, x86 path rint(2x + 0.5) >> 1)', () => {
    expect([0.5, 1.5, 2.5, -0.5, -1.5, 2.4, -2.6].map(roundHalfIntegerUp)).toEqual([1, 2, 3, 0, -1, 2, -3]);
    // 2·0.49999999999999994 + 0.5 rounds to 1.5 in double, so ITK's x86 path gives 1 (floor(x + 0.5) would give 0).
    expect(roundHalfIntegerUp(0.49999999999999994)).toBe(1);
  });

  it('the same-spacing shortcut crops image and mask to the ROI ± padDistance without interpolation', () => {
    const image = volume([20, 20, 10], (x, y, z) => x + 20 * y + 400 * z, 'int16');
    const mask = volume([20, 20, 10], (x, y, z) => (x >= 8 && x <= 10 && y >= 9 && y <= 11 && z >= 4 && z <= 5 ? 1 : 0), 'uint8');
    const out = resampleImageAndMask(image, mask, { resampledPixelSpacing: [1, 1, 0], interpolator: 'sitkBSpline', padDistance: 2, label: 1 });
    expect(out.image.size).toEqual([7, 7, 6]);
    expect(out.image.origin).toEqual([6, 7, 2]);
    expect(out.image.data[0]).toBe(6 + 20 * 7 + 400 * 2);
    expect(out.mask.pixelType).toBe('uint32');
    expect([...out.mask.data].filter((v) => v === 1)).toHaveLength(18);
  });

  it('does not resample an axis where the ROI is one voxel thick', () => {
    const image = volume([30, 30, 12], (x, y) => x * y, 'int16', { spacing: [0.5, 0.5, 3] });
    const mask = volume([30, 30, 12], (x, y, z) => (x >= 10 && x < 20 && y >= 10 && y < 20 && z === 6 ? 1 : 0), 'uint8', { spacing: [0.5, 0.5, 3] });
    const out = resampleImageAndMask(image, mask, { resampledPixelSpacing: [1, 1, 1], interpolator: 'sitkLinear', padDistance: 1, label: 1 });
    expect(out.image.spacing).toEqual([1, 1, 3]);
    // z keeps its spacing but still gets PyRadiomics' grid: floor(6 − 0.5 − 1) … ceil(7 − 0.5 + 1) = 4 … 8.
    expect(out.mask.size[2]).toBe(5);
    expect(out.image.origin[2]).toBe(4 * 3);
  });
});

describe('index ↔ physical transforms', () => {
  it('inverts flipped/permuted directions exactly and oblique ones to rounding', () => {
    const flipped = { origin: [1, 2, 3] as Vec3, spacing: [0.78125, 0.5, 6.5] as Vec3, direction: [0, 1, 0, -1, 0, 0, 0, 0, 1] };
    const inverse = physicalToIndexMatrix(flipped);
    expect(inverse).toEqual([0, -1 / 0.78125, 0, 1 / 0.5, 0, 0, 0, 0, 1 / 6.5]);
    const c = Math.cos(0.3);
    const s = Math.sin(0.3);
    const oblique = { origin: [-5, 7, 1] as Vec3, spacing: [0.7, 0.9, 2] as Vec3, direction: [c, -s, 0, s, c, 0, 0, 0, 1] };
    const ci: Vec3 = [3.25, -1.5, 7.75];
    const back = physicalPointToContinuousIndex(oblique, physicalToIndexMatrix(oblique), continuousIndexToPhysicalPoint(oblique, ci));
    back.forEach((v, d) => expect(Math.abs(v - ci[d])).toBeLessThan(1e-13));
  });
});

describe('resampling: bad input', () => {
  const image = volume([10, 10, 10], () => 1, 'int16');
  const mask = volume([10, 10, 10], (x, y, z) => (x > 2 && x < 6 && y > 2 && y < 6 && z > 2 && z < 6 ? 1 : 0), 'uint8');
  const options = { resampledPixelSpacing: [2, 2, 2] as Vec3, interpolator: 'sitkBSpline', padDistance: 5, label: 1 };

  it('names an unknown or unsupported interpolator', () => {
    expect(() => checkInterpolatorName('sitkCubic')).toThrow(SettingsError);
    expect(() => resampleImageAndMask(image, mask, { ...options, interpolator: 'sitkLanczosWindowedSinc' }))
      .toThrow(/interpolator 'sitkLanczosWindowedSinc' is a SimpleITK interpolator this engine does not implement/);
  });

  it('rejects an absent label, a negative spacing and a ROI outside the image', () => {
    expect(() => resampleImageAndMask(image, mask, { ...options, label: 2 })).toThrow(MaskError);
    expect(() => resampleImageAndMask(image, mask, { ...options, resampledPixelSpacing: [1, -1, 1] })).toThrow(SettingsError);
    const shifted = { ...mask, origin: [8, 0, 0] as Vec3 };
    expect(() => resampleImageAndMask(image, shifted, options)).toThrow(/ROI bounding box extends outside the image along axis x/);
  });
});
