import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { PYRADIOMICS_DATA } from '../../support/paths.js';
import { readVolume } from '../../../src/radiomics/io/index.js';
import { resampleImageAndMask } from '../../../src/radiomics/resample.js';
import { computeClass } from '../../../src/radiomics/features/index.js';
import { SHAPE_FEATURE_NAMES, shapeFeatures } from '../../../src/radiomics/features/shape.js';
import { DEFAULT_FEATURE_CLASS_SETTINGS } from '../../../src/radiomics/types.js';
import type { Vec3, Volume } from '../../../src/radiomics/types.js';
import { indexToPhysicalMatrix, indexToPhysicalPoint } from '../../../src/radiomics/geometry.js';
import { parseTuple, readBaseline, readPaperConfig, relativeError, roiCrop } from './shape-support.js';

// Resampled voxels are integers (int16 truncation), so gray-level statistics are exact sums of integers:
// means must agree to the last bit; 1e-13 relative only allows for the printed digits of the baselines.
const MEAN_TOLERANCE = 1e-13;
// Feature values computed from the resampled voxels by the (separately tested) feature classes: 1e-12.
const FEATURE_TOLERANCE = 1e-12;

interface Resampled { image: Volume; mask: Volume }

async function resampleCase(caseName: string, spacing: number): Promise<Resampled> {
  const mask = await readVolume(join(PYRADIOMICS_DATA, `${caseName}_label.nrrd`));
  // lung1's image is not shipped: its geometry equals the mask's, which is all the mask's resampling uses.
  const image = caseName === 'lung1' ? mask : await readVolume(join(PYRADIOMICS_DATA, `${caseName}_image.nrrd`));
  return resampleImageAndMask(image, mask, {
    resampledPixelSpacing: [spacing, spacing, spacing], interpolator: 'sitkBSpline', padDistance: 5, label: 1,
  });
}

/** The diagnostics PyRadiomics reports for a resampled pair, from our output. */
function diagnostics({ image, mask }: Resampled) {
  const [nx, ny, nz] = mask.size;
  const lower = [nx, ny, nz];
  const upper = [-1, -1, -1];
  let count = 0;
  let roiSum = 0;
  let roiMin = Infinity;
  let roiMax = -Infinity;
  let sum = 0;
  let min = Infinity;
  let max = -Infinity;
  const centre = [0, 0, 0];
  for (let z = 0, i = 0; z < nz; z++) {
    for (let y = 0; y < ny; y++) {
      for (let x = 0; x < nx; x++, i++) {
        const v = image.data[i];
        sum += v;
        min = Math.min(min, v);
        max = Math.max(max, v);
        if (mask.data[i] !== 1) continue;
        count++;
        roiSum += v;
        roiMin = Math.min(roiMin, v);
        roiMax = Math.max(roiMax, v);
        [x, y, z].forEach((p, d) => {
          lower[d] = Math.min(lower[d], p);
          upper[d] = Math.max(upper[d], p);
          centre[d] += p;
        });
      }
    }
  }
  const centreIndex = centre.map((c) => c / count) as Vec3;
  const m = indexToPhysicalMatrix(mask);
  const centreOfMass = [0, 1, 2].map((i) => mask.origin[i] + [0, 1, 2].reduce((s, j) => s + m[3 * i + j] * centreIndex[j], 0));
  return {
    size: mask.size, spacing: mask.spacing,
    boundingBox: [...lower, ...upper.map((u, d) => u - lower[d] + 1)],
    count, imageMean: sum / image.data.length, imageMin: min, imageMax: max,
    roiMean: roiSum / count, roiMin, roiMax, centreIndex, centreOfMass,
  };
}

describe('resampling: PyRadiomics paper_config (1 mm, sitkBSpline)', () => {
  for (const caseName of ['brain1', 'brain2']) {
    it(`${caseName}: grid, ROI and interpolated gray levels as the diagnostics report them`, async () => {
      const reference = readPaperConfig(`${caseName}_paper_resampled_1mm.csv`);
      const ref = (name: string) => reference.get(`diagnostics_${name}`)!;
      const d = diagnostics(await resampleCase(caseName, 1));
      expect(d.size).toEqual(parseTuple(ref('Image-interpolated_Size')));
      expect(d.spacing).toEqual(parseTuple(ref('Image-interpolated_Spacing')));
      expect(d.boundingBox).toEqual(parseTuple(ref('Mask-interpolated_BoundingBox')));
      expect(d.count).toBe(Number(ref('Mask-interpolated_VoxelNum')));
      expect(d.imageMin).toBe(Number(ref('Image-interpolated_Minimum')));
      expect(d.imageMax).toBe(Number(ref('Image-interpolated_Maximum')));
      expect(relativeError(d.imageMean, Number(ref('Image-interpolated_Mean')))).toBeLessThan(MEAN_TOLERANCE);
      expect(d.roiMin).toBe(Number(ref('Mask-interpolated_Minimum')));
      expect(d.roiMax).toBe(Number(ref('Mask-interpolated_Maximum')));
      expect(relativeError(d.roiMean, Number(ref('Mask-interpolated_Mean')))).toBeLessThan(MEAN_TOLERANCE);
      // The centre of mass in mm pins the output origin and direction (sums of ~1e4 indices: 1e-12).
      parseTuple(ref('Mask-interpolated_CenterOfMassIndex')).forEach((v, k) =>
        expect(Math.abs(d.centreIndex[k] - v)).toBeLessThan(1e-12 * Math.abs(v) + 1e-12));
      parseTuple(ref('Mask-interpolated_CenterOfMass')).forEach((v, k) =>
        expect(Math.abs(d.centreOfMass[k] - v)).toBeLessThan(1e-11));
    });

    it(`${caseName}: original_* features of the resampled ROI (shape, firstorder, texture)`, async () => {
      const reference = readPaperConfig(`${caseName}_paper_resampled_1mm.csv`);
      const { image, mask } = await resampleCase(caseName, 1);
      const roi = roiCrop(mask, 1);
      const cropped = new Float64Array(roi.mask.length);
      const [nx, ny] = image.size;
      for (let z = 0, o = 0; z < roi.size[2]; z++) {
        for (let y = 0; y < roi.size[1]; y++) {
          for (let x = 0; x < roi.size[0]; x++, o++) {
            cropped[o] = image.data[x + roi.lower[0] + nx * (y + roi.lower[1] + ny * (z + roi.lower[2]))];
          }
        }
      }
      const values: Record<string, number> = {};
      const shape = shapeFeatures(roi.mask, roi.size, mask.spacing);
      for (const name of SHAPE_FEATURE_NAMES) values[`original_shape_${name}`] = shape[name];
      for (const className of ['firstorder', 'glcm', 'glrlm', 'glszm', 'gldm', 'ngtdm'] as const) {
        const features = computeClass(className, { size: roi.size, spacing: mask.spacing, image: cropped, mask: roi.mask },
          DEFAULT_FEATURE_CLASS_SETTINGS);
        for (const [name, value] of Object.entries(features)) values[`original_${className}_${name}`] = value;
      }
      const names = [...reference.keys()].filter((name) => name.startsWith('original_'));
      expect(names.length).toBe(107);
      for (const name of names) {
        expect(values[name], name).toBeDefined();
        const expected = Number(reference.get(name));
        const error = expected === 0 ? Math.abs(values[name]) : relativeError(values[name], expected);
        expect(error, `${name}: ${values[name]} vs ${expected}`).toBeLessThan(FEATURE_TOLERANCE);
      }
    });
  }
});

describe('resampling: baseline_shape.csv _resampling columns (2 mm, sitkBSpline)', () => {
  const baseline = readBaseline('baseline_shape.csv');
  for (const caseName of ['brain1', 'brain2', 'lung1']) {
    const column = `${caseName}_resampling`;
    const ref = (name: string) => baseline.get(`diagnostics_${name}`)!.get(column)!;

    it(`${column}: grid, ROI${caseName === 'lung1' ? '' : ', interpolated gray levels'} and shape features`, async () => {
      const resampled = await resampleCase(caseName, 2);
      const d = diagnostics(resampled);
      expect(d.size).toEqual(parseTuple(ref('Mask-interpolated_Size')));
      expect(d.boundingBox).toEqual(parseTuple(ref('Mask-interpolated_BoundingBox')));
      expect(d.count).toBe(Number(ref('Mask-interpolated_VoxelNum')));
      if (caseName !== 'lung1') {
        expect(d.imageMin).toBe(Number(ref('Image-interpolated_Minimum')));
        expect(d.imageMax).toBe(Number(ref('Image-interpolated_Maximum')));
        expect(relativeError(d.imageMean, Number(ref('Image-interpolated_Mean')))).toBeLessThan(MEAN_TOLERANCE);
        expect(d.roiMin).toBe(Number(ref('Mask-interpolated_Minimum')));
        expect(d.roiMax).toBe(Number(ref('Mask-interpolated_Maximum')));
        expect(relativeError(d.roiMean, Number(ref('Mask-interpolated_Mean')))).toBeLessThan(MEAN_TOLERANCE);
      }
      const roi = roiCrop(resampled.mask, 1);
      const shape = shapeFeatures(roi.mask, roi.size, resampled.mask.spacing);
      for (const name of SHAPE_FEATURE_NAMES) {
        const expected = Number(baseline.get(`original_shape_${name}`)!.get(column));
        // The baseline prints 12 significant digits (1e-11 relative covers that rounding).
        expect(relativeError(shape[name], expected), `${column} ${name}`).toBeLessThan(1e-11);
      }
    });
  }
});

describe('resampling: output grid details', () => {
  it('places the grid origin at the continuous mask index 0.5·(new − old)/old + Lnew/ratio (brain1, 1 mm)', async () => {
    const { image } = await resampleCase('brain1', 1);
    const mask = await readVolume(join(PYRADIOMICS_DATA, 'brain1_label.nrrd'));
    // Lnew = floor((L − 0.5)·ratio − 5) with L = (162, 84, 11), ratio = (0.78125, 0.78125, 6.5) (§2.3 of the notes)
    const lower = [121, 60, 63];
    const ratio = mask.spacing.map((s) => s / 1);
    const ci = lower.map((l, d) => (0.5 * (1 - mask.spacing[d])) / mask.spacing[d] + l / ratio[d]) as Vec3;
    const m = indexToPhysicalMatrix(mask);
    const expected = [0, 1, 2].map((i) => [0, 1, 2].reduce((s, j) => s + m[3 * i + j] * ci[j], 0) + mask.origin[i]);
    expect(image.origin).toEqual(expected);
    expect(image.direction).toEqual(mask.direction);
    expect(image.pixelType).toBe('int16');
    expect(indexToPhysicalPoint(image, indexToPhysicalMatrix(image), [0, 0, 0])).toEqual(image.origin);
  });
});
