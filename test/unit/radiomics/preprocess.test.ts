// Pre-processing pieces checked against what ITK/PyRadiomics report for the data set (bounding boxes,
// cropped origins) and against hand-computed small cases (resegmentation modes).
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readVolume } from '../../../src/radiomics/io/index.js';
import { boundingBox, checkSameGeometry, cropToBoundingBox, resegmentMask } from '../../../src/radiomics/preprocess.js';
import { MaskError } from '../../../src/radiomics/errors.js';
import { PYRADIOMICS_DATA } from '../../support/paths.js';
import { volume } from '../../support/radiomics-volumes.js';

describe('bounding box and crop', () => {
  it('finds the README bounding boxes (x, y, z lower corner and size)', async () => {
    const cases: [string, number[]][] = [
      ['brain1_label.nrrd', [162, 84, 11, 47, 70, 7]],
      ['brain2_label.nrrd', [205, 155, 8, 20, 15, 3]],
      ['lung1_label.nrrd', [206, 347, 32, 24, 26, 3]],
    ];
    for (const [file, expected] of cases) {
      const box = boundingBox(await readVolume(join(PYRADIOMICS_DATA, file)), 1);
      expect([...box.lower, ...box.upper.map((u, d) => u - box.lower[d] + 1)]).toEqual(expected);
    }
  });

  it('crops with padding clipped at the border and moves the origin to the first kept voxel (ITK index → point)', async () => {
    const image = await readVolume(join(PYRADIOMICS_DATA, 'brain1_image.nrrd'));
    const box = { lower: [162, 84, 11] as [number, number, number], upper: [208, 153, 17] as [number, number, number] };
    const crop = cropToBoundingBox(image, box, 10);
    expect(crop.size).toEqual([67, 90, 24]); // z: 11−10 = 1 … min(17+10, 24) = 24
    expect(crop.origin).toEqual([
      image.origin[0] + 152 * image.spacing[0],
      image.origin[1] - 74 * image.spacing[1],
      image.origin[2] + 1 * image.spacing[2],
    ]);
    const [nx, ny] = image.size;
    expect(crop.data[0]).toBe(image.data[152 + nx * (74 + ny * 1)]);
    expect(crop.data[crop.data.length - 1]).toBe(image.data[218 + nx * (163 + ny * 24)]);
  });

  it('rejects a label that is absent', async () => {
    const mask = await readVolume(join(PYRADIOMICS_DATA, 'brain2_label.nrrd'));
    expect(() => boundingBox(mask, 3)).toThrow(/label 3 is not present in the mask/);
  });

  it('accepts geometry differences within ITK tolerance (1e-6 × spacing) and rejects larger ones', () => {
    const a = volume([2, 2, 2], new Int16Array(8), 'int16', { spacing: [0.5, 0.5, 2] });
    expect(() => checkSameGeometry(a, { ...a, origin: [4e-7, 0, 0] }, null)).not.toThrow();
    expect(() => checkSameGeometry(a, { ...a, origin: [6e-7, 0, 0] }, null)).toThrow(MaskError);
    expect(() => checkSameGeometry(a, { ...a, origin: [6e-7, 0, 0] }, 1e-5)).not.toThrow();
  });
});

describe('resegmentation', () => {
  // ROI values 0, 10, …, 90 in a 10×1×1 line (plus a voxel outside the ROI that must stay out).
  const image = volume([11, 1, 1], Int16Array.from([0, 10, 20, 30, 40, 50, 60, 70, 80, 90, 5]), 'int16');
  const mask = volume([11, 1, 1], Uint8Array.from([1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0]), 'uint8');
  const kept = (range: number[], mode: 'absolute' | 'relative' | 'sigma'): number[] =>
    [...resegmentMask(image, mask, { label: 1, resegmentRange: range, resegmentMode: mode }).data].flatMap((v, i) => (v ? [image.data[i]] : []));

  it('absolute: closed interval; one value is a lower bound only', () => {
    expect(kept([20, 50], 'absolute')).toEqual([20, 30, 40, 50]);
    expect(kept([70], 'absolute')).toEqual([70, 80, 90]);
  });
  it('relative: fractions of the ROI maximum', () => {
    expect(kept([0.5, 0.8], 'relative')).toEqual([50, 60, 70]); // 45 … 72
  });
  it('sigma: mean ± k·SD with the population SD', () => {
    // mean 45, SD sqrt(825) = 28.72…: ±1 SD → [16.28, 73.72]
    expect(kept([-1, 1], 'sigma')).toEqual([20, 30, 40, 50, 60, 70]);
  });
});
