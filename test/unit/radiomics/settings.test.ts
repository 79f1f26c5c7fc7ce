// Parameter files: PyRadiomics' own example files and the study's, their defaults, the configuration
// strings PyRadiomics reports, and clear errors for unknown keys and bad values.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SettingsError } from '../../../src/radiomics/errors.js';
import { defaultParams, loadParams, parseParams, pyFloat, pyRepr } from '../../../src/radiomics/settings/index.js';
import { PYRADIOMICS_DATA } from '../../support/paths.js';
import { readPaperReference } from '../../support/radiomics-reference.js';

const featureCount = (p: ReturnType<typeof defaultParams>): number => {
  const perImage = p.featureClasses.filter((c) => c.name !== 'shape').reduce((n, c) => n + c.features.length, 0);
  const shape = p.featureClasses.find((c) => c.name === 'shape')?.features.length ?? 0;
  const images = p.imageTypes.reduce((n, t) => n + (t.name === 'LoG' ? t.sigmaLabels.length : t.name === 'Wavelet' ? 8 : 1), 0);
  return shape + perImage * images;
};

describe('study parameter files', () => {
  for (const [file, reference] of [['study.yaml', 'brain1_paper_resampled_1mm.csv'], ['study_noresample.yaml', 'brain1_paper_noresample.csv']]) {
    it(`${file} gives 1037 features and PyRadiomics' configuration strings`, async () => {
      const p = await loadParams(join(PYRADIOMICS_DATA, 'paper_config', file));
      expect(featureCount(p)).toBe(1037);
      const ref = readPaperReference(reference).diagnostics;
      expect(pyRepr(p.configuration.settings)).toBe(ref.get('diagnostics_Configuration_Settings'));
      expect(pyRepr(p.configuration.enabledImageTypes)).toBe(ref.get('diagnostics_Configuration_EnabledImageTypes'));
      expect(p.imageTypes.map((t) => t.name)).toEqual(['Original', 'LoG', 'Wavelet']);
      expect(p.imageTypes[1].sigmaLabels).toEqual(['1-0', '3-0']);
      expect(p.imageTypes[1].settings.sigma).toEqual([1, 3]);
      expect(p.settings).toMatchObject({
        binWidth: 25, label: 1, padDistance: 5, minimumROIDimensions: 2, interpolator: 'sitkBSpline', voxelArrayShift: 0,
        symmetricalGLCM: true, weightingNorm: null, distances: [1], wavelet: 'coif1', level: 1, start_level: 0,
        resampledPixelSpacing: file === 'study.yaml' ? [1, 1, 1] : null,
      });
    });
  }
});

describe('PyRadiomics example parameter files', () => {
  const dir = join(PYRADIOMICS_DATA, 'exampleSettings');
  for (const file of readdirSync(dir)) {
    it(file, () => {
      const text = readFileSync(join(dir, file), 'utf8');
      if (file === 'exampleVoxel.yaml') {
        expect(() => parseParams(text, file)).toThrow(/'voxelSetting' \(voxel-based feature maps\) is not supported/);
      } else if (file === 'MR_2D_extraction.yaml') {
        expect(() => parseParams(text, file)).toThrow(/shape2D is a valid PyRadiomics class but is not computed/);
      } else if (file === 'example_allShape.yaml') {
        expect(() => parseParams(text, file)).toThrow(/'Compactness1' is deprecated/);
      } else {
        const p = parseParams(text, file);
        expect(p.imageTypes.length).toBeGreaterThan(0);
        if (file === 'Params.yaml') {
          expect(p.featureClasses.map((c) => [c.name, c.features.length])).toEqual([
            ['shape', 14], ['firstorder', 18], ['glcm', 22], ['glrlm', 16], ['glszm', 16], ['gldm', 14]]);
          expect(p.settings.resampledPixelSpacing).toBeNull();
          expect(p.settings.weightingNorm).toBeNull();
        }
        if (file === 'exampleCT.yaml') expect(p.settings).toMatchObject({ padDistance: 10, voxelArrayShift: 1000, resampledPixelSpacing: [1, 1, 1] });
        if (file === 'exampleMR_3mm.yaml') expect(p.settings).toMatchObject({ normalize: true, normalizeScale: 100, binWidth: 5 });
      }
    });
  }
});

describe('defaults', () => {
  it('without a parameter file: Original image, every class with its default features (107)', () => {
    const p = defaultParams();
    expect(featureCount(p)).toBe(107);
    expect(p.settings).toMatchObject({ minimumROIDimensions: 2, minimumROISize: null, normalize: false, normalizeScale: 1, removeOutliers: null,
      resampledPixelSpacing: null, interpolator: 'sitkBSpline', preCrop: false, padDistance: 5, distances: [1], force2D: false,
      force2Ddimension: 0, resegmentRange: null, resegmentMode: 'absolute', label: 1, binWidth: 25, binCount: null, gldm_a: 0 });
  });
  it('image-type settings override the general ones', () => {
    const p = parseParams('imageType:\n  Original: {binWidth: 10}\n  LoG: {sigma: [2]}\nsetting:\n  binWidth: 5\n');
    expect(p.imageTypes[0].settings.binWidth).toBe(10);
    expect(p.imageTypes[1].settings.binWidth).toBe(5);
    expect(p.imageTypes[1].sigmaLabels).toEqual(['2']);
  });
});

describe('bad parameter files', () => {
  const bad: [string, RegExp][] = [
    ['setting:\n  binwidth: 25\n', /setting: unknown setting 'binwidth' \(did you mean 'binWidth'\?\)/],
    ['setting:\n  binWidth: -1\n', /setting.binWidth: expected a positive number, got integer -1/],
    ['setting:\n  binWidth: abc\n', /setting.binWidth: expected a positive number, got 'abc'/],
    ['setting:\n  resampledPixelSpacing: [1, 1]\n', /setting.resampledPixelSpacing: expected a list of 3, got a list of 2/],
    ['setting:\n  interpolator: cubic\n', /setting.interpolator: expected one of sitkNearestNeighbor/],
    ['setting:\n  force2Ddimension: 3\n', /expected an integer from 0 to 2, got integer 3/],
    ['setting:\n  weightingNorm: l2\n', /setting.weightingNorm: expected one of manhattan, euclidean, infinity, no_weighting/],
    ['setting:\n  resegmentRange: [5, 1]\n', /lower bound 5 is above upper bound 1/],
    ['setting:\n  normalize: yes please\n', /setting.normalize: expected true or false/],
    ['imageType:\n  Square: {}\n', /'Square' is a PyRadiomics image type not computed by this engine/],
    ['imageType:\n  log: {sigma: [1]}\n', /imageType: 'log' is unknown \(did you mean 'LoG'\?\)/],
    ['imageType:\n  LoG: {}\n', /imageType.LoG: no sigma given/],
    ['imageType:\n  LoG: {sigma: [0]}\n', /imageType.LoG.sigma\[0\]: expected a positive number/],
    ['featureClass:\n  glcm: [Contrastt]\n', /featureClass.glcm: unknown feature 'Contrastt'/],
    ['featureClass:\n  texture:\n', /unknown feature class 'texture'/],
    ['settings:\n  binWidth: 25\n', /unknown top-level key 'settings'/],
    ['setting: [1, 2\n', /not valid YAML/],
  ];
  for (const [text, message] of bad) {
    it(message.source, () => {
      expect(() => parseParams(text, 'test.yaml')).toThrow(SettingsError);
      expect(() => parseParams(text, 'test.yaml')).toThrow(message);
    });
  }
  it('names a missing parameter file', async () => {
    await expect(loadParams('/nonexistent/params.yaml')).rejects.toThrow(/cannot read parameter file '\/nonexistent\/params.yaml'/);
  });
});

describe('Python float repr', () => {
  it('prints like Python', () => {
    const cases: [number, string][] = [[1, '1.0'], [0.1, '0.1'], [1e-5, '1e-05'], [0.00015, '0.00015'], [1e16, '1e+16'],
      [123456789012345680, '1.2345678901234568e+17'], [-105, '-105.0'], [385.6564080810547, '385.6564080810547'],
      [0.7812499999999999, '0.7812499999999999'], [1234567890123456, '1234567890123456.0'], [2.5e-10, '2.5e-10']];
    for (const [x, s] of cases) expect(pyFloat(x)).toBe(s);
  });
});
