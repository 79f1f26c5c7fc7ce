// notebook_reference: PyRadiomics' example notebooks on brain1 (no resampling). helloFeatureClass holds the
// only LoG σ 5 and per-sub-band wavelet firstorder references besides the study files; the Params example is
// a full extractor run with exampleSettings/Params.yaml. Tolerance 1e-6 relative (1e-9 absolute near zero).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { extractFromFiles, loadParams, parseParams } from '../../../src/radiomics/index.js';
import { PYRADIOMICS_DATA } from '../../support/paths.js';
import { parseCsv, relativeError } from '../../support/radiomics-reference.js';

const brain1 = [join(PYRADIOMICS_DATA, 'brain1_image.nrrd'), join(PYRADIOMICS_DATA, 'brain1_label.nrrd')] as const;

function reference(file: string): Map<string, string> {
  return new Map(parseCsv(readFileSync(join(PYRADIOMICS_DATA, 'notebook_reference', file), 'utf8')).slice(1)
    .filter((r) => r.length > 1).map((r) => [r[0], r[1]]));
}

function expectFeatures(features: Map<string, number>, ref: Map<string, string>): number {
  const off: string[] = [];
  let compared = 0;
  for (const [name, text] of ref) {
    if (name.startsWith('diagnostics_')) continue;
    const value = features.get(name);
    if (value === undefined) off.push(`${name}: missing`);
    else if (relativeError(value, Number(text)) > 1e-6) off.push(`${name}: ${value} vs ${text}`);
    compared++;
  }
  expect(off).toEqual([]);
  return compared;
}

describe('notebook_reference', () => {
  it('helloFeatureClass: original classes, firstorder of LoG σ 1/3/5 mm and of all 8 wavelet sub-bands', async () => {
    const params = parseParams([
      'imageType: {Original: {}, LoG: {sigma: [1.0, 3.0, 5.0]}, Wavelet: {}}',
      'featureClass: {shape: , firstorder: , glcm: , glrlm: , glszm: }',
      'setting: {binWidth: 25, label: 1}',
    ].join('\n'));
    const result = await extractFromFiles(...brain1, params);
    expect(expectFeatures(result.features, reference('helloFeatureClass_brain1.csv'))).toBe(269);
  });

  it('PyRadiomicsExample with Params.yaml: features and image/mask diagnostics', async () => {
    const params = await loadParams(join(PYRADIOMICS_DATA, 'exampleSettings', 'Params.yaml'));
    const result = await extractFromFiles(...brain1, params);
    const ref = reference('PyRadiomicsExample_brain1_Params.csv');
    expect(expectFeatures(result.features, ref)).toBe(100);
    expect(result.features.size).toBe(100);
    for (const [name, text] of ref) {
      if (/^diagnostics_(Image|Mask)-original_/.test(name)) expect(result.diagnostics.get(name), name).toBe(text);
    }
  });
});
