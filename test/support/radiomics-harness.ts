// PyRadiomics' baseline test harness (see ../shared/data/pyradiomics/README.md, "How each baseline column is
// computed"), run with this engine's pre-processing and feature classes: read, normalize, resample, check
// the mask, resegment, crop without padding, compute one class with the column's settings.
import { join } from 'node:path';
import { readVolume } from '../../src/radiomics/io/index.js';
import { resolveParams, type ExtractionSettings } from '../../src/radiomics/settings/index.js';
import { checkMask, cropToBoundingBox, normalizeImage, resegmentMask } from '../../src/radiomics/preprocess.js';
import { resampleImageAndMask } from '../../src/radiomics/resample.js';
import { computeClasses, type FeatureClassName } from '../../src/radiomics/features/index.js';
import { addImageDiagnostics, addMaskDiagnostics, type Diagnostics } from '../../src/radiomics/diagnostics.js';
import type { FeatureValues, Roi, Volume } from '../../src/radiomics/types.js';
import { PYRADIOMICS_DATA } from './paths.js';

/** A Python dict literal as printed in diagnostics_Configuration_Settings → plain object. */
export function parsePythonDict(text: string): Record<string, unknown> {
  const json = text.replace(/'/g, '"').replace(/\bNone\b/g, 'null').replace(/\bTrue\b/g, 'true').replace(/\bFalse\b/g, 'false');
  return JSON.parse(json) as Record<string, unknown>;
}

/** The column's settings resolved with PyRadiomics' defaults (interpolator None = no resampling). */
export function columnSettings(configuration: string): { settings: ExtractionSettings; resample: boolean } {
  const dict = parsePythonDict(configuration);
  const resample = dict.interpolator !== null && dict.interpolator !== undefined && dict.resampledPixelSpacing !== null;
  if (dict.interpolator === null) delete dict.interpolator;
  return { settings: resolveParams({ setting: dict }).settings, resample };
}

const volumes = new Map<string, Promise<Volume>>();
function cachedVolume(file: string): Promise<Volume> {
  if (!volumes.has(file)) volumes.set(file, readVolume(join(PYRADIOMICS_DATA, file)));
  return volumes.get(file)!;
}

/** A zero image on the mask's grid, for lung1 whose image is not available (shape needs only the mask). */
function zeroImageLike(mask: Volume): Volume {
  return { ...mask, pixelType: 'int16', data: new Int16Array(mask.data.length) };
}

export interface HarnessResult { values: FeatureValues; diagnostics: Diagnostics }

export async function runBaselineColumn(caseName: string, cls: FeatureClassName, configuration: string): Promise<HarnessResult> {
  const { settings, resample } = columnSettings(configuration);
  let mask = await cachedVolume(`${caseName}_label.nrrd`);
  let image = caseName === 'lung1' ? zeroImageLike(mask) : await cachedVolume(`${caseName}_image.nrrd`);
  const diagnostics: Diagnostics = new Map();
  const original = checkMask(mask, { label: settings.label, minimumROIDimensions: 1, minimumROISize: null });
  addImageDiagnostics(diagnostics, image, 'original');
  addMaskDiagnostics(diagnostics, mask, settings.label, original.box, 'original');
  if (settings.normalize) image = normalizeImage(image, settings.normalizeScale, settings.removeOutliers);
  if (resample) {
    ({ image, mask } = resampleImageAndMask(image, mask, {
      resampledPixelSpacing: settings.resampledPixelSpacing!, interpolator: settings.interpolator, padDistance: settings.padDistance, label: settings.label,
    }));
  }
  let { box } = checkMask(mask, settings);
  if (resample) {
    addImageDiagnostics(diagnostics, image, 'interpolated');
    addMaskDiagnostics(diagnostics, mask, settings.label, box, 'interpolated', image);
  }
  if (settings.resegmentRange !== null && cls !== 'shape') {
    mask = resegmentMask(image, mask, { label: settings.label, resegmentRange: settings.resegmentRange, resegmentMode: settings.resegmentMode });
    box = checkMask(mask, settings).box;
  }
  const imageCrop = cropToBoundingBox(image, box);
  const maskCrop = cropToBoundingBox(mask, box);
  const roi: Roi = {
    size: imageCrop.size,
    spacing: imageCrop.spacing,
    image: Float64Array.from(imageCrop.data),
    mask: Uint8Array.from(maskCrop.data, (v) => (Math.trunc(v) === settings.label ? 1 : 0)),
  };
  const values = computeClasses([cls], roi, settings, { float32: imageCrop.pixelType === 'float32' })[cls] ?? {};
  return { values, diagnostics };
}
