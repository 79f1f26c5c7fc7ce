// LoG filter (ITK LaplacianRecursiveGaussianImageFilter as PyRadiomics runs it) against ITK's own
// coefficient printout, glibc's libm values, PyRadiomics reference features and known answers.
import { beforeAll, describe, expect, it } from 'vitest';
import { exactCos, exactExp, exactSin } from '../../../../src/radiomics/filters/exactMath.js';
import { filterCropBox } from '../../../../src/radiomics/filters/crop.js';
import { FilterInputError } from '../../../../src/radiomics/filters/errors.js';
import { laplacianOfGaussian, logFilterMargin, logSkipReason } from '../../../../src/radiomics/filters/log.js';
import { boundingBox, cropToBoundingBox } from '../../../../src/radiomics/preprocess.js';
import { recursiveGaussianCoefficients } from '../../../../src/radiomics/filters/recursiveGaussian.js';
import { gaussianPass, gaussianWorkspace } from '../../../../src/radiomics/filters/recursive-gaussian-kernels.js';
import type { Vec3, Volume } from '../../../../src/radiomics/types.js';
import { loadCase, mismatch, readReference, roiValues, valueStatistics, type Case } from './reference.js';

function volume(size: Vec3, spacing: Vec3, value: (x: number, y: number, z: number) => number): Volume<Float64Array> {
  const data = new Float64Array(size[0] * size[1] * size[2]);
  for (let z = 0, i = 0; z < size[2]; z++) {
    for (let y = 0; y < size[1]; y++) for (let x = 0; x < size[0]; x++, i++) data[i] = value(x, y, z);
  }
  return { size, spacing, origin: [0, 0, 0], direction: [1, 0, 0, 0, 1, 0, 0, 0, 1], pixelType: 'float64', data };
}

describe('recursive Gaussian coefficients', () => {
  // ITK 5.2 printed these with %.17g (notes §4.3); equality must be exact, since the last bits of the
  // coefficients reach the float32 output.
  it('match ITK for sigma 1, spacing 1 (order 0 and order 2, no scale normalisation)', () => {
    const zero = recursiveGaussianCoefficients(1, 1, 0, false);
    expect([zero.n0, zero.n1, zero.n2, zero.n3]).toEqual(
      [0.40010105031602061, 0.18523775177369015, 0.031222073927696728, -0.00018314961116479707]);
    expect([zero.d1, zero.d2, zero.d3, zero.d4]).toEqual(
      [-0.14342048855145489, 0.029763088728200493, -0.0098214425795419176, 0.0039548998518187592]);
    const second = recursiveGaussianCoefficients(1, 1, 2, false);
    expect([second.n0, second.n1, second.n2, second.n3]).toEqual(
      [-0.40312077485818376, 0.059829266958066459, 0.1495529732837711, 0.016269439354881909]);
  });

  it('scales the second-order kernel by sigma² when normalising across scale, not the zero-order one', () => {
    const plain = recursiveGaussianCoefficients(3, 0.5, 2, false);
    const normalised = recursiveGaussianCoefficients(3, 0.5, 2, true);
    expect(normalised.n1 / plain.n1).toBeCloseTo(9, 12);
    expect(recursiveGaussianCoefficients(3, 0.5, 0, true)).toEqual(recursiveGaussianCoefficients(3, 0.5, 0, false));
  });

  it('uses correctly rounded exp/sin/cos, equal to glibc (values printed by glibc, notes §4.3)', () => {
    const [W1, W2, L1, L2] = [0.6681, 2.0787, -1.3932, -1.3732];
    expect([exactCos(W1), exactCos(W2), exactSin(W1), exactSin(W2), exactExp(L1), exactExp(L2)]).toEqual([
      0.785000123748647, -0.4863466178583933, 0.6194956058880553, 0.8737659682647877, 0.24827953756321083,
      0.25329511692321094]);
    expect([exactCos(W1 / 3), exactCos(W2 / 3), exactSin(W1 / 3), exactSin(W2 / 3), exactExp(L1 / 3), exactExp(L2 / 3)])
      .toEqual([0.9753046729201473, 0.7693968166688592, 0.22086374754613866, 0.638771115893499, 0.6285120993396898,
        0.6327161780269283]);
  });
});

describe('laplacianOfGaussian known answers', () => {
  it('is zero on a constant image, edges included', () => {
    const out = laplacianOfGaussian(volume([12, 10, 8], [0.7, 0.9, 2.5], () => 1000), 1.5);
    // The boundary coefficients make the second-derivative kernel sum to 0 up to double rounding of
    // the coefficients (~1e-16 relative, 1e-13 of the constant 1000 measured); 1e-9 leaves margin.
    for (const v of out.data) expect(Math.abs(v)).toBeLessThan(1e-9);
    expect(out.pixelType).toBe('float32');
    expect(out.data).toBeInstanceOf(Float32Array);
  });

  it('is 2·sigma²·(a + b + c) on a quadratic a·x² + b·y² + c·z² (mm), away from the edges', () => {
    const spacing: Vec3 = [0.5, 0.75, 1];
    const size: Vec3 = [64, 60, 48];
    const [a, b, c] = [1, 2, 0.5];
    const sigma = 1.5;
    const image = volume(size, spacing, (x, y, z) => {
      const [px, py, pz] = [(x - 32) * spacing[0], (y - 30) * spacing[1], (z - 24) * spacing[2]];
      return a * px * px + b * py * py + c * pz * pz;
    });
    const out = laplacianOfGaussian(image, sigma);
    const expected = 2 * sigma * sigma * (a + b + c);
    // Centre block, far from the edges (the IIR edge transient has decayed there). The normalisation
    // makes the kernel's second moment exact, so the only error is the float32 rounding of intermediates
    // holding values up to ~1e3 (eps 6e-8 → ~6e-5 absolute; 5.3e-5 measured): 2e-4 absolute.
    for (let z = 20; z < 28; z++) {
      for (let y = 26; y < 34; y++) {
        for (let x = 28; x < 36; x++) {
          const v = out.data[x + size[0] * (y + size[1] * z)];
          expect(Math.abs(v - expected)).toBeLessThan(2e-4);
        }
      }
    }
  });
});

describe('laplacianOfGaussian input checks (PyRadiomics getLoGImage skip rules)', () => {
  it('reports why PyRadiomics would skip the filter, null when it would run', () => {
    expect(logSkipReason([10, 10, 3], [1, 1, 1], 1)).toMatch(/at least 4 voxels/);
    expect(logSkipReason([10, 10, 10], [1, 1, 1], 0)).toMatch(/greater than 0/);
    // ceil(5 / 1) + 1 = 6 > 5 voxels along x
    expect(logSkipReason([5, 10, 10], [1, 1, 1], 5)).toMatch(/axis x.*size 5.*= 6/);
    expect(logSkipReason([6, 10, 10], [1, 1, 1], 5)).toBeNull();
  });

  it('throws FilterInputError instead of computing a skipped sigma', () => {
    const small = volume([4, 4, 3], [1, 1, 1], () => 1);
    expect(() => laplacianOfGaussian(small, 1)).toThrow(FilterInputError);
    expect(() => laplacianOfGaussian(volume([8, 8, 8], [1, 1, 1], () => 1), 8)).toThrow(/too large/);
  });
});

// Full-image LoG on brain1/brain2 (no resampling), cropped to the ROI: firstorder statistics that pin
// the float32 voxel values. Minimum, Maximum, Median and the percentiles are single voxel values (or a
// numpy interpolation of two), so a last-bit difference in any decisive voxel would show; 1e-12
// relative allows only numpy's interpolation rounding. Mean: numpy's pairwise sum vs our sequential
// sum differ by ~1e-15 relative; 1e-12 relative.
const STATISTICS_TOLERANCE = 1e-12;

describe.each([
  ['brain1', 'notebook_reference/helloFeatureClass_brain1.csv', [[1, '1-0'], [3, '3-0'], [5, '5-0']]],
  ['brain1', 'paper_config/brain1_paper_noresample.csv', [[1, '1-0'], [3, '3-0']]],
  ['brain2', 'paper_config/brain2_paper_noresample.csv', [[1, '1-0'], [3, '3-0']]],
] as Array<['brain1' | 'brain2', string, Array<[number, string]>]>)('LoG on %s vs %s', (caseName, file, sigmas) => {
  let data: Case;
  beforeAll(async () => { data = await loadCase(caseName); });

  it.each(sigmas)('sigma %d mm', (sigma, label) => {
    const reference = readReference(file);
    const stats = valueStatistics(roiValues(laplacianOfGaussian(data.image, sigma), data.mask));
    const problems = Object.entries(stats).map(([feature, value]) => {
      const name = `log-sigma-${label}-mm-3D_firstorder_${feature}`;
      const ref = reference.get(name);
      if (ref === undefined) return `${name} missing from reference`;
      return mismatch(name, value, ref, STATISTICS_TOLERANCE, 1e-9);
    }).filter((m) => m !== '');
    expect(problems).toEqual([]);
  });
});

describe('logFilterMargin: filtering a crop of ROI bbox + margin equals whole-image filtering', () => {
  // The margin study (bench/radiomics-filter-margins.ts) found the smallest safe margins; here the
  // exported margin is checked end to end: every ROI voxel must be bit-identical (float32).
  it.each([['brain1', 1], ['brain1', 3], ['brain2', 1], ['brain2', 3]] as Array<['brain1' | 'brain2', number]>)(
    '%s, sigma %d mm', async (caseName, sigma) => {
      const { image, mask } = await loadCase(caseName);
      const box = boundingBox(mask, 1);
      const margin = logFilterMargin(sigma, image.spacing);
      const { lower, upper } = filterCropBox(image.size, box, margin, 'edge');
      const crop = cropToBoundingBox(image, { lower, upper });
      const fromCrop = roiValues(cropToBoundingBox(laplacianOfGaussian(crop, sigma), {
        lower: box.lower.map((l, d) => l - lower[d]) as Vec3, upper: box.upper.map((u, d) => u - lower[d]) as Vec3,
      }), cropToBoundingBox(mask, box));
      const fromWhole = roiValues(laplacianOfGaussian(image, sigma), mask);
      expect(Array.from(fromCrop)).toEqual(Array.from(fromWhole));
    });
});

describe('laplacianOfGaussian equals a plain line-by-line evaluation of ITK FilterDataArray', () => {
  // A deliberately simple, separately written evaluation (gather each line, causal and anti-causal
  // arrays as in ITK, float32 store) checks the fast interleaved passes, including the shortest lines.
  function slowPass(data: Float64Array, size: Vec3, axis: number, sigma: number, spacing: number, order: 0 | 2): Float64Array {
    const c = recursiveGaussianCoefficients(sigma, spacing, order, true);
    const out = new Float64Array(data.length);
    const ln = size[axis];
    const stride = axis === 0 ? 1 : axis === 1 ? size[0] : size[0] * size[1];
    for (let start = 0; start < data.length; start++) {
      const coords = [start % size[0], Math.floor(start / size[0]) % size[1], Math.floor(start / (size[0] * size[1]))];
      if (coords[axis] !== 0) continue;
      const x = Array.from({ length: ln }, (_, i) => data[start + i * stride]);
      const y1 = new Array<number>(ln);
      const y2 = new Array<number>(ln);
      const N = [c.n0, c.n1, c.n2, c.n3];
      const M = [c.m1, c.m2, c.m3, c.m4];
      const D = [c.d1, c.d2, c.d3, c.d4];
      const BN = [c.bn1, c.bn2, c.bn3, c.bn4];
      const BM = [c.bm1, c.bm2, c.bm3, c.bm4];
      const at = (i: number) => x[Math.min(Math.max(i, 0), ln - 1)];
      for (let i = 0; i < 4; i++) y1[i] = at(i) * N[0] + at(i - 1) * N[1] + at(i - 2) * N[2] + at(i - 3) * N[3];
      for (let i = 0; i < 4; i++) {
        const terms = [0, 1, 2, 3].map((k) => (k < i ? y1[i - 1 - k] * D[k] : x[0] * BN[k]));
        y1[i] -= terms[0] + terms[1] + terms[2] + terms[3];
      }
      for (let i = 4; i < ln; i++) {
        y1[i] = x[i] * N[0] + x[i - 1] * N[1] + x[i - 2] * N[2] + x[i - 3] * N[3];
        y1[i] -= y1[i - 1] * D[0] + y1[i - 2] * D[1] + y1[i - 3] * D[2] + y1[i - 4] * D[3];
      }
      for (let r = 0; r < 4; r++) {
        const i = ln - 1 - r;
        y2[i] = at(i + 1) * M[0] + at(i + 2) * M[1] + at(i + 3) * M[2] + at(i + 4) * M[3];
      }
      for (let r = 0; r < 4; r++) {
        const i = ln - 1 - r;
        const terms = [0, 1, 2, 3].map((k) => (k < r ? y2[i + 1 + k] * D[k] : x[ln - 1] * BM[k]));
        y2[i] -= terms[0] + terms[1] + terms[2] + terms[3];
      }
      for (let i = ln - 5; i >= 0; i--) {
        y2[i] = x[i + 1] * M[0] + x[i + 2] * M[1] + x[i + 3] * M[2] + x[i + 4] * M[3];
        y2[i] -= y2[i + 1] * D[0] + y2[i + 2] * D[1] + y2[i + 3] * D[2] + y2[i + 4] * D[3];
      }
      for (let i = 0; i < ln; i++) out[start + i * stride] = Math.fround(y1[i] + y2[i]);
    }
    return out;
  }

  function expectedLoG(image: Volume<Float64Array>, sigma: number): Float32Array {
    const expected = new Float32Array(image.data.length);
    for (let d = 0; d < 3; d++) {
      let t = slowPass(image.data, image.size, d, sigma, image.spacing[d], 2);
      for (let a = 0; a < 3; a++) if (a !== d) t = slowPass(t, image.size, a, sigma, image.spacing[a], 0);
      const scale = 1.0 / (image.spacing[d] * image.spacing[d]);
      for (let i = 0; i < t.length; i++) expected[i] = expected[i] + t[i] * scale;
    }
    return expected;
  }

  function randomImage(size: Vec3, fraction: boolean): Volume<Float64Array> {
    let state = 7;
    return volume(size, [0.6, 0.9, 2], () => {
      state = (state * 69069 + 1) % 4294967296;
      return (state % 4001) - 2000 + (fraction ? (state % 997) / 997 : 0);
    });
  }

  // The kernel filters up to 32 lines side by side (two per vector): sizes above 32 and odd widths
  // exercise partial blocks and the unused lane.
  it.each([[[4, 5, 6]], [[7, 4, 5]], [[6, 7, 4]], [[9, 8, 11]], [[37, 41, 5]], [[5, 6, 35]]] as Array<[Vec3]>)('size %j', (size) => {
    const image = randomImage(size, false);
    const sigma = 1.7;
    const expected = Array.from(expectedLoG(image, sigma));
    // Float64 holding integers, int16 (kept as float32 in the kernel), and values float32 cannot hold.
    expect(Array.from(laplacianOfGaussian(image, sigma).data)).toEqual(expected);
    const int16 = { ...image, pixelType: 'int16' as const, data: Int16Array.from(image.data) };
    expect(Array.from(laplacianOfGaussian(int16, sigma).data)).toEqual(expected);
    const fractional = randomImage(size, true);
    expect(Array.from(fractional.data).some((v) => Math.fround(v) !== v)).toBe(true);
    expect(Array.from(laplacianOfGaussian(fractional, sigma).data)).toEqual(Array.from(expectedLoG(fractional, sigma)));
  });

  it('with an output box: the same voxels and geometry as cropping the whole result', () => {
    const image = { ...randomImage([38, 35, 9], true), origin: [-3.5, 12.25, 40] as Vec3, direction: [0, 1, 0, -1, 0, 0, 0, 0, 1] };
    for (const box of [
      { lower: [5, 3, 2], upper: [30, 33, 6] },
      { lower: [0, 0, 0], upper: [37, 34, 8] },
      { lower: [37, 0, 4], upper: [37, 34, 4] },
    ] as Array<{ lower: Vec3; upper: Vec3 }>) {
      const crop = laplacianOfGaussian(image, 2.2, box);
      const whole = cropToBoundingBox(laplacianOfGaussian(image, 2.2), box);
      expect({ ...crop, data: Array.from(crop.data) }).toEqual({ ...whole, data: Array.from(whole.data) });
    }
    expect(() => laplacianOfGaussian(image, 2.2, { lower: [0, 0, 0], upper: [38, 34, 8] })).toThrow(RangeError);
  });
});

describe('gaussianPass', () => {
  it('accumulates along every axis as float32(dst + result·scale), in double', () => {
    const size: Vec3 = [7, 6, 5];
    const n = size[0] * size[1] * size[2];
    let state = 11;
    const next = (): number => {
      state = (state * 69069 + 1) % 4294967296;
      return (state % 4001) - 2000;
    };
    const data = Int16Array.from({ length: n }, next);
    const whole = { lower: [0, 0, 0] as Vec3, upper: [size[0] - 1, size[1] - 1, size[2] - 1] as Vec3 };
    for (const axis of [0, 1, 2] as const) {
      const c = recursiveGaussianCoefficients(1.3, 0.8, axis === 1 ? 2 : 0, true);
      const ws = gaussianWorkspace(size, data, 2);
      const [plain, sum] = ws.volumes;
      const before = Float32Array.from({ length: n }, () => next() / 7);
      ws.float32(sum).set(before);
      gaussianPass(ws, ws.input, plain, axis, c, whole);
      gaussianPass(ws, ws.input, sum, axis, c, whole, { scale: 0.37 });
      const values = Array.from(ws.float32(plain));
      expect(values.some((v) => v !== 0)).toBe(true);
      expect(Array.from(ws.float32(sum))).toEqual(values.map((v, i) => Math.fround(before[i] + v * 0.37)));
    }
  });
});
