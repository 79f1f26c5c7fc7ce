// The extractor on bad input: every problem is a RadiomicsError subclass whose message names it. And the
// PyRadiomics behaviours around it: LoG sigmas too large for the image are skipped with a warning.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { extractFeatures } from '../../../src/radiomics/extractor.js';
import { extractFromBytes, extractFromFiles } from '../../../src/radiomics/index.js';
import { PYRADIOMICS_DATA } from '../../support/paths.js';
import { ImageContentError, MaskError, SettingsError } from '../../../src/radiomics/errors.js';
import { parseParams, defaultParams } from '../../../src/radiomics/settings/index.js';
import type { Vec3 } from '../../../src/radiomics/types.js';
import { boxMask, texturedImage, volume } from '../../support/radiomics-volumes.js';

const size: Vec3 = [12, 10, 8];
const image = texturedImage(size);
const mask = boxMask(size, [3, 3, 2], [7, 6, 5]);

function expectThrows(run: () => unknown, type: new (...args: never[]) => Error, message: RegExp): void {
  expect(run).toThrow(type);
  expect(run).toThrow(message);
}

describe('extractor on good synthetic input', () => {
  it('computes the 107 default features, all finite', () => {
    const r = extractFeatures(image, mask, defaultParams());
    expect(r.features.size).toBe(107);
    for (const [name, v] of r.features) expect(Number.isFinite(v), name).toBe(true);
    expect(r.diagnostics.get('diagnostics_Mask-original_BoundingBox')).toBe('(3, 3, 2, 5, 4, 4)');
    expect(r.diagnostics.get('diagnostics_Mask-original_VoxelNum')).toBe('80');
    expect(r.diagnostics.get('diagnostics_Mask-original_VolumeNum')).toBe('1');
  });

  it('skips a LoG sigma too large for the image, with a warning (PyRadiomics logs and goes on)', () => {
    const params = parseParams('imageType: {LoG: {sigma: [1.0, 20.0]}}\nfeatureClass: {firstorder: }');
    const r = extractFeatures(image, mask, params);
    expect([...r.features.keys()].every((k) => k.startsWith('log-sigma-1-0-mm-3D_firstorder_'))).toBe(true);
    expect(r.features.size).toBe(18);
    expect(r.warnings).toEqual([expect.stringMatching(/LoG sigma 20 skipped: .*too large/)]);
  });

  it('extracts from file contents in memory exactly as from the files', async () => {
    const files = ['brain2_image.nrrd', 'brain2_label.nrrd'].map((f) => join(PYRADIOMICS_DATA, f));
    const params = defaultParams();
    const fromFiles = await extractFromFiles(files[0], files[1], params);
    const fromBytes = extractFromBytes({ bytes: readFileSync(files[0]), fileName: 'image.nrrd' }, { bytes: readFileSync(files[1]), fileName: 'mask.nrrd' }, params);
    expect([...fromBytes.features]).toEqual([...fromFiles.features]);
  });

  it('counts 26-connected volumes (diagonal contact joins two boxes)', () => {
    const m = boxMask(size, [1, 1, 1], [2, 2, 2]);
    m.data[3 + 12 * (3 + 10 * 3)] = 1; // touches (2,2,2) by a corner only
    m.data[8 + 12 * (8 + 10 * 6)] = 1; // isolated
    const r = extractFeatures(image, m, parseParams('featureClass: {firstorder: }'));
    expect(r.diagnostics.get('diagnostics_Mask-original_VolumeNum')).toBe('2');
  });
});

describe('extractor on bad input', () => {
  const params = defaultParams();

  it('mask geometry not matching the image', () => {
    expectThrows(() => extractFeatures(image, boxMask([12, 10, 9], [3, 3, 2], [7, 6, 5]), params), MaskError, /geometry do not match: size 12×10×8 vs 12×10×9/);
    expectThrows(() => extractFeatures(image, boxMask(size, [3, 3, 2], [7, 6, 5], 1, { spacing: [1, 1, 2] }), params), MaskError, /geometry do not match: spacing \(1, 1, 1\) vs \(1, 1, 2\)/);
    expectThrows(() => extractFeatures(image, boxMask(size, [3, 3, 2], [7, 6, 5], 1, { origin: [0, 0.5, 0] }), params), MaskError, /geometry do not match: origin/);
  });

  it('empty mask', () => {
    expectThrows(() => extractFeatures(image, boxMask(size, [0, 0, 0], [-1, -1, -1]), params), MaskError, /the mask is empty/);
  });

  it('label absent from the mask', () => {
    expectThrows(() => extractFeatures(image, boxMask(size, [3, 3, 2], [7, 6, 5], 2), params), MaskError, /label 1 is not present in the mask/);
  });

  it('ROI too small for the settings', () => {
    expectThrows(() => extractFeatures(image, boxMask(size, [4, 4, 4], [4, 4, 4]), params), MaskError, /is a single voxel/);
    expectThrows(() => extractFeatures(image, boxMask(size, [2, 4, 4], [8, 4, 4]), params), MaskError, /spans 1 dimension\(s\) \(bounding box 7×1×1\), fewer than minimumROIDimensions = 2/);
    const strict = parseParams('setting: {minimumROISize: 100}');
    expectThrows(() => extractFeatures(image, mask, strict), MaskError, /has 80 voxels, fewer than minimumROISize = 100/);
  });

  it('NaN voxels', () => {
    const data = new Float32Array(image.data.length).fill(1.5);
    data[5 + 12 * (4 + 10 * 3)] = NaN;
    expectThrows(() => extractFeatures(volume(size, data, 'float32'), mask, params), ImageContentError, /NaN voxel at index \(5, 4, 3\)/);
  });

  it('resegmentation that leaves no ROI', () => {
    const p = parseParams('setting: {resegmentRange: [10000]}');
    expectThrows(() => extractFeatures(image, mask, p), MaskError, /resegmentation \(absolute, range \[10000\]\) left 0 voxel\(s\) of label 1/);
  });

  it('settings the engine does not implement', () => {
    expectThrows(() => extractFeatures(image, mask, parseParams('setting: {correctMask: true}')), SettingsError, /correctMask is not supported/);
    expectThrows(() => extractFeatures(image, mask, parseParams('setting: {resampledPixelSpacing: [2, 2, 2], interpolator: sitkGaussian}')), SettingsError, /interpolator 'sitkGaussian' is a SimpleITK interpolator this engine does not implement/);
  });
});
