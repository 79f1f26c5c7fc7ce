// Shared helpers of the feature-class tests: load a PyRadiomics test case cropped to its ROI bounding box
// (no padding, as the baseline harness does), read baseline CSV columns, and compare values.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import { PYRADIOMICS_DATA } from '../../../support/paths.js';
import { readVolume } from '../../../../src/radiomics/io/index.js';
import { boundingBox, cropToBoundingBox } from '../../../../src/radiomics/preprocess.js';
import { DEFAULT_FEATURE_CLASS_SETTINGS, type FeatureClassSettings, type Roi } from '../../../../src/radiomics/types.js';

export const BASELINE_DIR = join(PYRADIOMICS_DATA, 'baseline');

/** brain1 / brain2 image and label 1, cropped to the label's bounding box. */
export async function loadCaseRoi(caseName: string): Promise<Roi> {
  const image = await readVolume(join(PYRADIOMICS_DATA, `${caseName}_image.nrrd`));
  const mask = await readVolume(join(PYRADIOMICS_DATA, `${caseName}_label.nrrd`));
  const box = boundingBox(mask, 1);
  const croppedImage = cropToBoundingBox(image, box, 0);
  const croppedMask = cropToBoundingBox(mask, box, 0);
  return {
    size: croppedImage.size,
    spacing: croppedImage.spacing,
    image: Float64Array.from(croppedImage.data),
    mask: Uint8Array.from(croppedMask.data, (v) => (v === 1 ? 1 : 0)),
  };
}

/** Baseline CSV (`featureName,<column>,…`) → column → feature name (class prefix stripped) → value. */
export function readBaseline(className: string): Map<string, Map<string, number>> {
  const lines = readFileSync(join(BASELINE_DIR, `baseline_${className}.csv`), 'utf8').trim().split(/\r?\n/);
  const columns = lines[0].split(',').slice(1);
  const out = new Map<string, Map<string, number>>(columns.map((c) => [c, new Map()]));
  const prefix = `original_${className}_`;
  for (const line of lines.slice(1)) {
    if (!line.startsWith(prefix)) continue;
    const cells = line.split(',');
    const name = cells[0].slice(prefix.length);
    columns.forEach((c, k) => out.get(c)?.set(name, Number(cells[k + 1])));
  }
  return out;
}

/** The class settings of each baseline column suffix (README of the test data). */
export const COLUMN_SETTINGS: Record<string, Partial<FeatureClassSettings>> = {
  '': { voxelArrayShift: 2000 },
  _2d: { force2D: true, force2Ddimension: 0 },
  _FBN: { binCount: 64 },
  _combined: { weightingNorm: 'no_weighting' },
};

export function settingsFor(suffix: string): FeatureClassSettings {
  return { ...DEFAULT_FEATURE_CLASS_SETTINGS, ...COLUMN_SETTINGS[suffix] };
}

/**
 * |computed − expected| ≤ rel·|expected|, or ≤ abs when the expected value is ~0 (|expected| < abs/rel).
 * Message names the feature so a failure says which value is off.
 */
export function expectClose(label: string, computed: number, expected: number, rel: number, abs: number): void {
  const tolerance = Math.max(rel * Math.abs(expected), abs);
  const diff = Math.abs(computed - expected);
  expect(diff <= tolerance, `${label}: computed ${computed}, expected ${expected} (diff ${diff}, tolerance ${tolerance})`).toBe(true);
}
