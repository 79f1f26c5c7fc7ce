// Wavelet decompositions (PyRadiomics _swt3 over pywt.swtn) against PyRadiomics reference features,
// the pywt convolution's definition, and known answers.
import { beforeAll, describe, expect, it } from 'vitest';
import { filterCropBox } from '../../../../src/radiomics/filters/crop.js';
import { FilterInputError } from '../../../../src/radiomics/filters/errors.js';
import { periodicConvolutionPlan } from '../../../../src/radiomics/filters/periodicConvolution.js';
import { waveletDecompositions, waveletFilterMargin } from '../../../../src/radiomics/filters/wavelet.js';
import { boundingBox, cropToBoundingBox } from '../../../../src/radiomics/preprocess.js';
import { COIF1_DEC_HI, COIF1_DEC_LO, waveletFilterBank } from '../../../../src/radiomics/filters/waveletFilters.js';
import type { Vec3, Volume } from '../../../../src/radiomics/types.js';
import { loadCase, mismatch, readReference, roiValues, valueStatistics, type Case } from './reference.js';

const COIF1 = { wavelet: 'coif1', level: 1, startLevel: 0 };
const NAMES = ['LLH', 'LHL', 'LHH', 'HLL', 'HLH', 'HHL', 'HHH', 'LLL'];

function int16Volume(size: Vec3, value: (x: number, y: number, z: number) => number): Volume<Int16Array> {
  const data = new Int16Array(size[0] * size[1] * size[2]);
  for (let z = 0, i = 0; z < size[2]; z++) {
    for (let y = 0; y < size[1]; y++) for (let x = 0; x < size[0]; x++, i++) data[i] = value(x, y, z);
  }
  return { size, spacing: [0.8, 0.8, 3], origin: [1, 2, 3], direction: [1, 0, 0, 0, -1, 0, 0, 0, 1], pixelType: 'int16', data };
}

/** A small deterministic pseudo-random int16 image (odd and even axis lengths). */
function noise(size: Vec3): Volume<Int16Array> {
  let state = 12345;
  return int16Volume(size, () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return (state % 2001) - 1000;
  });
}

/** numpy.pad(…, 'wrap') to even lengths, as float64: the input of the direct evaluations below. */
function wrapPadded(image: Volume): { data: Float64Array; p: Vec3 } {
  const [nx, ny, nz] = image.size;
  const p: Vec3 = [nx + (nx % 2), ny + (ny % 2), nz + (nz % 2)];
  const data = new Float64Array(p[0] * p[1] * p[2]);
  data.forEach((_, i, arr) => {
    const x = i % p[0];
    const y = Math.floor(i / p[0]) % p[1];
    const z = Math.floor(i / (p[0] * p[1]));
    arr[i] = Number(image.data[(x % nx) + nx * ((y % ny) + ny * (z % nz))]);
  });
  return { data, p };
}

/** Padded bands cropped back to the image size. */
function cropPadded(bands: Map<string, Float64Array>, size: Vec3, p: Vec3): Map<string, Float64Array> {
  const [nx, ny, nz] = size;
  const cropped = new Map<string, Float64Array>();
  for (const [key, data] of bands) {
    cropped.set(key, Float64Array.from({ length: nx * ny * nz }, (_, i) => {
      const x = i % nx;
      const y = Math.floor(i / nx) % ny;
      const z = Math.floor(i / (nx * ny));
      return data[x + p[0] * (y + p[1] * z)];
    }));
  }
  return cropped;
}

describe('periodic convolution plan (pywt _downsampling_convolution_periodization, step 1)', () => {
  it.each([2, 4, 6, 7, 8, 13, 48])('computes out[o] = Σ f[j]·x[(o + F/2 − j) mod N] for N = %d', (N) => {
    const F = 6;
    const plan = periodicConvolutionPlan(N, F);
    for (let o = 0; o < N; o++) {
      const terms = Array.from({ length: F }, (_, t) => [plan.filterIndex[o * F + t], plan.inputIndex[o * F + t]]);
      // every filter tap exactly once, paired with the periodic input index
      expect(terms.map(([j]) => j).sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4, 5]);
      for (const [j, k] of terms) expect(k).toBe((((o + F / 2 - j) % N) + N) % N);
    }
  });

  it("adds the wrapped terms first near the right end, as pywt's last loop does", () => {
    const plan = periodicConvolutionPlan(8, 6);
    // o = 7 → i = 10: wrapped terms f[2]·x[0], f[1]·x[1], f[0]·x[2], then f[3]·x[7], f[4]·x[6], f[5]·x[5]
    expect(Array.from(plan.filterIndex.subarray(42, 48))).toEqual([2, 1, 0, 3, 4, 5]);
    expect(Array.from(plan.inputIndex.subarray(42, 48))).toEqual([0, 1, 2, 7, 6, 5]);
  });
});

describe('wavelet filter banks', () => {
  it('coif1 is pywt 1.1.1 (sum of dec_lo = √2 within its 1e-12 table error, dec_hi alternating mirror)', () => {
    const { decLo, decHi, decLo32 } = waveletFilterBank('coif1');
    // built from the recovered table, the double filters are exactly pywt's printed ones
    expect(Array.from(decLo)).toEqual(COIF1_DEC_LO);
    expect(Array.from(decHi)).toEqual(COIF1_DEC_HI);
    // float filters: float(table)·float(sqrt2) in float; differs from float(dec_lo) in one tap
    expect(decLo32.every((v) => Math.fround(v) === v)).toBe(true);
    expect(decLo32[3]).toBe(0.852571964263916);
    expect(decLo.reduce((a, b) => a + b, 0)).toBeCloseTo(Math.SQRT2, 11);
    for (let i = 0; i < 6; i++) expect(decHi[i]).toBe(((5 - i) % 2 ? -1 : 1) * decLo[5 - i]);
  });

  // pywt's tables carry ~1e-12 errors (db2's 0.48296291314469025 vs the exact 0.48296291314453414),
  // so orthonormality holds to ~5e-12: checked to 1e-11.
  it.each(['haar', 'db2', 'db3', 'db4'])('%s is orthonormal (to the precision of pywt\'s tables)', (name) => {
    const { decLo, decHi } = waveletFilterBank(name);
    const dot = (a: Float64Array, b: Float64Array, shift: number) => a.reduce((s, v, i) => s + v * (b[i + shift] ?? 0), 0);
    expect(Math.abs(dot(decLo, decLo, 0) - 1)).toBeLessThan(1e-11);
    expect(Math.abs(dot(decHi, decHi, 0) - 1)).toBeLessThan(1e-11);
    expect(Math.abs(dot(decLo, decHi, 0))).toBeLessThan(1e-11);
    for (let shift = 2; shift < decLo.length; shift += 2) expect(Math.abs(dot(decLo, decLo, shift))).toBeLessThan(1e-11);
    expect(Math.abs(decLo.reduce((a, b) => a + b, 0) - Math.SQRT2)).toBeLessThan(1e-11);
  });

  it('rejects unknown wavelets by name', () => {
    expect(() => waveletFilterBank('bior9.9')).toThrow(FilterInputError);
    expect(() => waveletFilterBank('bior9.9')).toThrow(/'bior9\.9' is not supported/);
  });
});

describe('waveletDecompositions known answers', () => {
  it("gives LLL = c·2^(3/2) and zero details on a constant image (coif1's dec_lo sums to √2)", () => {
    const out = waveletDecompositions(int16Volume([7, 6, 5], () => 100), COIF1);
    expect(out.map((o) => o.name)).toEqual(NAMES.map((n) => `wavelet-${n}`));
    const lowSum = waveletFilterBank('coif1').decLo.reduce((a, b) => a + b, 0);
    for (const { name, image } of out) {
      expect(image.size).toEqual([7, 6, 5]);
      expect(image.origin).toEqual([1, 2, 3]);
      expect(image.pixelType).toBe('float64');
      // pywt's coif1 table sums to √2 only within 1e-12; 1e-12 relative per sum, three sums.
      for (const v of image.data) {
        if (name === 'wavelet-LLL') expect(Math.abs(v - 100 * lowSum ** 3)).toBeLessThan(1e-10);
        else expect(Math.abs(v)).toBeLessThan(1e-9);
      }
    }
    expect(Math.abs(100 * lowSum ** 3 - 100 * 2 ** 1.5)).toBeLessThan(1e-9);
  });

  it('conserves energy: the 8 undecimated sub-bands hold 8× the energy of the (even-sized) input', () => {
    const image = noise([8, 10, 6]);
    let inputEnergy = 0;
    for (const v of image.data) inputEnergy += v * v;
    let bandEnergy = 0;
    for (const { image: band } of waveletDecompositions(image, COIF1)) for (const v of band.data) bandEnergy += v * v;
    // Orthonormal filters: Σ lo² + hi² = 2·Σ x² per axis, exactly up to the coif1 table's ~1e-12 error.
    expect(Math.abs(bandEnergy / (8 * inputEnergy) - 1)).toBeLessThan(1e-10);
  });

  it('names and orders levels like PyRadiomics (wavelet-*, wavelet2-*, final approximation last)', () => {
    const out = waveletDecompositions(noise([8, 8, 8]), { wavelet: 'haar', level: 2, startLevel: 0 });
    expect(out.map((o) => o.name)).toEqual([
      ...NAMES.slice(0, 7).map((n) => `wavelet-${n}`), ...NAMES.slice(0, 7).map((n) => `wavelet2-${n}`), 'wavelet2-LLL']);
  });

  it('start_level skips levels: level 1 from start_level 1 equals level 2 of a 2-level run', () => {
    const image = noise([9, 8, 7]);
    const twoLevels = waveletDecompositions(image, { wavelet: 'coif1', level: 2, startLevel: 0 });
    const skipped = waveletDecompositions(image, { wavelet: 'coif1', level: 1, startLevel: 1 });
    expect(skipped.map((o) => o.name)).toEqual(NAMES.map((n) => `wavelet-${n}`));
    for (let b = 0; b < 8; b++) expect(skipped[b].image.data).toEqual(twoLevels[7 + b].image.data);
  });

  it('with force2D filters only the in-plane axes and names them with two letters', () => {
    const image = noise([8, 6, 5]);
    const out = waveletDecompositions(image, { ...COIF1, force2D: true, force2Ddimension: 0 });
    expect(out.map((o) => o.name)).toEqual(['wavelet-LH', 'wavelet-HL', 'wavelet-HH', 'wavelet-LL']);
    // The z axis is not filtered: a slice's result depends on that slice only.
    const slice = int16Volume([8, 6, 1], (x, y) => image.data[x + 8 * (y + 6 * 2)]);
    const sliceOut = waveletDecompositions(slice, { ...COIF1, force2D: true, force2Ddimension: 0 });
    for (let b = 0; b < 4; b++) expect(Array.from(out[b].image.data.subarray(96, 144))).toEqual(Array.from(sliceOut[b].image.data));
  });

  it('computes float32 images in float32 arithmetic, as pywt does for float32 arrays', () => {
    const ints = noise([8, 7, 6]);
    const floats: Volume = { ...ints, pixelType: 'float32', data: Float32Array.from(ints.data, (v) => v / 7) };
    const doubles: Volume = { ...ints, pixelType: 'float64', data: Float64Array.from(floats.data) };
    const single = waveletDecompositions(floats, COIF1);
    const double = waveletDecompositions(doubles, COIF1);
    for (let b = 0; b < 8; b++) {
      expect(single[b].image.pixelType).toBe('float32');
      expect(double[b].image.pixelType).toBe('float64');
      let scale = 0;
      for (const v of double[b].image.data) scale = Math.max(scale, Math.abs(v));
      single[b].image.data.forEach((v, i) => {
        expect(Math.fround(v)).toBe(v);
        // six float32 products and sums per axis, three axes: a few float32 ulps of the band's scale
        expect(Math.abs(v - double[b].image.data[i])).toBeLessThan(1e-6 * scale);
      });
    }
  });

  it('rejects bad levels', () => {
    const image = noise([4, 4, 4]);
    expect(() => waveletDecompositions(image, { ...COIF1, level: 0 })).toThrow(/level must be an integer ≥ 1/);
    expect(() => waveletDecompositions(image, { ...COIF1, startLevel: -1 })).toThrow(/start_level/);
    expect(() => waveletDecompositions(image, { ...COIF1, force2D: true, force2Ddimension: 3 })).toThrow(/force2Ddimension/);
  });
});

// Full-image wavelet on brain1/brain2 (no resampling), cropped to the ROI. Minimum, Maximum, Median and
// percentiles are single voxel values (or numpy's interpolation of two): 1e-12 relative allows only that
// interpolation's rounding. Mean: numpy's pairwise sum vs our sequential sum (~1e-14 relative
// measured); 1e-12 relative. 1e-9 absolute for values near zero.
const STATISTICS_TOLERANCE = 1e-12;

describe.each([
  ['brain1', 'notebook_reference/helloFeatureClass_brain1.csv'],
  ['brain1', 'paper_config/brain1_paper_noresample.csv'],
  ['brain2', 'paper_config/brain2_paper_noresample.csv'],
] as Array<['brain1' | 'brain2', string]>)('coif1 wavelet on %s vs %s', (caseName, file) => {
  let data: Case;
  let bands: ReturnType<typeof waveletDecompositions>;
  beforeAll(async () => {
    data = await loadCase(caseName);
    bands = waveletDecompositions(data.image, COIF1);
  });

  it.each(NAMES)('wavelet-%s', (bandName) => {
    const reference = readReference(file);
    const band = bands.find((b) => b.name === `wavelet-${bandName}`);
    expect(band).toBeDefined();
    const stats = valueStatistics(roiValues(band!.image, data.mask));
    const problems = Object.entries(stats).map(([feature, value]) => {
      const name = `wavelet-${bandName}_firstorder_${feature}`;
      const ref = reference.get(name);
      if (ref === undefined) return `${name} missing from reference`;
      return mismatch(name, value, ref, STATISTICS_TOLERANCE, 1e-9);
    }).filter((m) => m !== '');
    expect(problems).toEqual([]);
  });
});

describe('waveletFilterMargin: filtering a crop of ROI bbox + margin equals whole-image filtering', () => {
  // coif1 reads 3 voxels on either side per level; with the ROI ≥ 3 voxels from every image edge
  // (true for brain1 and brain2) the ROI values must be bit-identical in all 8 sub-bands.
  it.each(['brain1', 'brain2'] as const)('%s, coif1 level 1', async (caseName) => {
    const { image, mask } = await loadCase(caseName);
    const box = boundingBox(mask, 1);
    const m = waveletFilterMargin('coif1', 1, 0);
    expect(m).toBe(3);
    const { lower, upper } = filterCropBox(image.size, box, m, 'periodic');
    expect(lower).toEqual(box.lower.map((l) => l - m));
    const fromCrop = waveletDecompositions(cropToBoundingBox(image, { lower, upper }), COIF1);
    const fromWhole = waveletDecompositions(image, COIF1);
    const inner = { lower: [m, m, m] as Vec3, upper: box.upper.map((u, d) => u - lower[d]) as Vec3 };
    const roiMask = cropToBoundingBox(mask, box);
    for (let b = 0; b < 8; b++) {
      expect(fromCrop[b].name).toBe(fromWhole[b].name);
      expect(Array.from(roiValues(cropToBoundingBox(fromCrop[b].image, inner), roiMask)))
        .toEqual(Array.from(roiValues(fromWhole[b].image, mask)));
    }
  });
});

describe('filterCropBox with a periodic boundary keeps axes whole where the margin leaves the image', () => {
  it.each([
    ['ROI near the z start (odd z length)', { lower: [6, 5, 1] as Vec3, upper: [11, 12, 3] as Vec3 }],
    ['ROI near the x end (odd x length)', { lower: [15, 5, 3] as Vec3, upper: [18, 9, 5] as Vec3 }],
    ['ROI inside', { lower: [6, 5, 3] as Vec3, upper: [11, 12, 5] as Vec3 }],
  ])('%s: ROI values equal whole-image filtering (level 2, both levels)', (_label, box) => {
    const image = noise([19, 20, 9]);
    const options = { wavelet: 'coif1', level: 2, startLevel: 0 };
    const cropBox = filterCropBox(image.size, box, waveletFilterMargin('coif1', 2, 0), 'periodic');
    const fromCrop = waveletDecompositions(cropToBoundingBox(image, cropBox), options);
    const fromWhole = waveletDecompositions(image, options);
    const inner = {
      lower: box.lower.map((l, d) => l - cropBox.lower[d]) as Vec3, upper: box.upper.map((u, d) => u - cropBox.lower[d]) as Vec3,
    };
    for (let b = 0; b < fromWhole.length; b++) {
      expect(Array.from(cropToBoundingBox(fromCrop[b].image, inner).data)).toEqual(Array.from(cropToBoundingBox(fromWhole[b].image, box).data));
    }
  });
});

describe('waveletDecompositions equals the periodic-convolution definition (up to summation order)', () => {
  // Direct evaluation of out[o] = Σ_j f[j]·x[(o + F/2 − j) mod N] along x, y, z on the wrap-padded
  // image; pywt adds the terms in another order near the ends, so agreement is to rounding (1e-12 of
  // the band's largest value), for every supported filter length.
  function direct(image: Volume, name: string): Map<string, Float64Array> {
    const { decLo, decHi } = waveletFilterBank(name);
    const { data: start, p } = wrapPadded(image);
    let bands = new Map<string, Float64Array>([['', start]]);
    for (const axis of [0, 1, 2]) {
      const next = new Map<string, Float64Array>();
      const stride = axis === 0 ? 1 : axis === 1 ? p[0] : p[0] * p[1];
      const N = p[axis];
      for (const [key, data] of bands) {
        for (const [letter, f] of [['L', decLo], ['H', decHi]] as const) {
          const out = new Float64Array(data.length);
          for (let i = 0; i < data.length; i++) {
            const coord = Math.floor(i / stride) % N;
            const lineStart = i - coord * stride;
            let sum = 0;
            for (let j = 0; j < f.length; j++) sum += f[j] * data[lineStart + ((((coord + f.length / 2 - j) % N) + N) % N) * stride];
            out[i] = sum;
          }
          next.set(key + letter, out);
        }
      }
      bands = next;
    }
    return cropPadded(bands, image.size, p);
  }

  it.each(['coif1', 'haar', 'db2', 'db3', 'db4'])('%s on a 9×6×5 image', (name) => {
    const image = noise([9, 6, 5]);
    const expected = direct(image, name);
    for (const { name: bandName, image: band } of waveletDecompositions(image, { wavelet: name, level: 1, startLevel: 0 })) {
      const reference = expected.get(bandName.replace('wavelet-', ''))!;
      const scale = reference.reduce((m, v) => Math.max(m, Math.abs(v)), 0);
      band.data.forEach((v, i) => expect(Math.abs(v - reference[i])).toBeLessThanOrEqual(1e-12 * scale));
    }
  });
});

describe('waveletDecompositions adds each output\'s terms in the plan order, bit for bit', () => {
  // A deliberately simple evaluation: every output of every axis sums its plan's terms one by one
  // (in float32 for float32 images). The WebAssembly kernel runs six-tap float64 filters unrolled and
  // the rest with a loop over the taps; runs of odd length end with a single lane.
  function planned(image: Volume, name: string): Map<string, Float64Array> {
    const float32 = image.pixelType === 'float32';
    const bank = waveletFilterBank(name);
    const [decLo, decHi] = float32 ? [bank.decLo32, bank.decHi32] : [bank.decLo, bank.decHi];
    const F = decLo.length;
    const { data: start, p } = wrapPadded(image);
    let bands = new Map<string, Float64Array>([['', start]]);
    for (const axis of [0, 1, 2]) {
      const next = new Map<string, Float64Array>();
      const stride = axis === 0 ? 1 : axis === 1 ? p[0] : p[0] * p[1];
      const plan = periodicConvolutionPlan(p[axis], F);
      for (const [key, data] of bands) {
        for (const [letter, f] of [['L', decLo], ['H', decHi]] as const) {
          const out = new Float64Array(data.length);
          for (let i = 0; i < data.length; i++) {
            const o = Math.floor(i / stride) % p[axis];
            const lineStart = i - o * stride;
            let sum = 0;
            for (let t = o * F; t < (o + 1) * F; t++) {
              const term = f[plan.filterIndex[t]] * data[lineStart + plan.inputIndex[t] * stride];
              sum = float32 ? Math.fround(sum + Math.fround(term)) : sum + term;
            }
            out[i] = sum;
          }
          next.set(key + letter, out);
        }
      }
      bands = next;
    }
    return cropPadded(bands, image.size, p);
  }

  it.each([
    ['coif1', [9, 6, 5]], ['coif1', [40, 7, 6]], ['coif1', [5, 37, 4]], ['coif1', [4, 3, 2]],
    ['haar', [9, 6, 5]], ['db4', [11, 8, 7]], ['db4', [5, 6, 3]],
  ] as Array<[string, Vec3]>)('%s on a %j image (int16 and float32)', (name, size) => {
    const ints = noise(size);
    const floats: Volume = { ...ints, pixelType: 'float32', data: Float32Array.from(ints.data, (v) => v / 7) };
    for (const image of [ints, floats]) {
      const expected = planned(image, name);
      const bands = waveletDecompositions(image, { wavelet: name, level: 1, startLevel: 0 });
      expect(bands.map((b) => b.name)).toEqual(NAMES.map((n) => `wavelet-${n}`));
      for (const { name: bandName, image: band } of bands) {
        expect(Array.from(band.data)).toEqual(Array.from(expected.get(bandName.replace('wavelet-', ''))!));
      }
    }
  });

  it.each([
    [{ wavelet: 'coif1', level: 1, startLevel: 0 }], [{ wavelet: 'coif1', level: 2, startLevel: 0 }],
    [{ wavelet: 'db2', level: 1, startLevel: 1 }], [{ wavelet: 'coif1', level: 1, startLevel: 0, force2D: true, force2Ddimension: 1 }],
  ])('with an output box: the same images as cropping the whole ones (%j)', (options) => {
    const image = { ...noise([19, 14, 9]), origin: [-3.5, 12.25, 40] as Vec3 };
    for (const box of [
      { lower: [4, 3, 2], upper: [15, 12, 6] },
      { lower: [0, 0, 0], upper: [18, 13, 8] },
      { lower: [18, 5, 0], upper: [18, 5, 8] },
    ] as Array<{ lower: Vec3; upper: Vec3 }>) {
      const crops = waveletDecompositions(image, options, box);
      const wholes = waveletDecompositions(image, options);
      expect(crops.map((c) => c.name)).toEqual(wholes.map((w) => w.name));
      crops.forEach((crop, b) => {
        const whole = cropToBoundingBox(wholes[b].image, box);
        expect({ ...crop.image, data: Array.from(crop.image.data) }).toEqual({ ...whole, data: Array.from(whole.data) });
      });
    }
    expect(() => waveletDecompositions(image, options, { lower: [0, 0, 0], upper: [19, 13, 8] })).toThrow(RangeError);
  });
});
