// PyRadiomics' extractor (featureextractor.py `execute`): load → normalize → resample (or preCrop) → check
// mask → resegment → shape → for every image type: filter, crop to the ROI, compute the enabled classes.
// Feature names and diagnostics are PyRadiomics' own.
import type { FeatureValues, Roi, Volume } from './types.js';
import type { ExtractionParams } from './settings/index.js';
import { pyRepr } from './settings/pyliteral.js';
import { SettingsError } from './errors.js';
import {
  checkFiniteVoxels, checkMask, checkSameGeometry, cropToBoundingBox, maskValue, normalizeImage,
  resegmentMask,
} from './preprocess.js';
import { resampleImageAndMask } from './resample.js';
import { addImageDiagnostics, addMaskDiagnostics, type Diagnostics } from './diagnostics.js';
import { derivedImages } from './image-types.js';
import { computeClasses } from './features/index.js';
import { shapeFeatures } from './features/shape.js';
import { NeighbourTables } from './features/neighbourhood.js';

export const ENGINE_VERSION = '0.1.0';
/** The PyRadiomics version whose results this engine reproduces (the reference values' version). */
export const PYRADIOMICS_REFERENCE_VERSION = '3.1.1.dev111+g8ed5793';

export interface ExtractionResult {
  /** diagnostics_* entries, values formatted as PyRadiomics prints them. */
  diagnostics: Diagnostics;
  /** Feature name → value, in PyRadiomics' output order. */
  features: Map<string, number>;
  /** What PyRadiomics would log as warnings (e.g. a LoG sigma skipped for a small image). */
  warnings: string[];
}

export interface ExtractOptions {
  /**
   * Filter the whole image as PyRadiomics does without resampling, instead of the ROI bounding box plus a
   * margin (default false: same values within 1e-9 relative, much faster on large volumes; see docs/radiomics.md).
   */
  wholeImageFilters?: boolean;
}

/** Extracts every enabled feature of `image` inside `mask` with the given parameters. */
export function extractFeatures(inputImage: Volume, inputMask: Volume, params: ExtractionParams, options: ExtractOptions = {}): ExtractionResult {
  const s = params.settings;
  const diagnostics: Diagnostics = new Map();
  const warnings: string[] = [];
  if (s.correctMask) throw new SettingsError('correctMask is not supported: provide a mask on the image grid, or enable resampling');
  if (s.additionalInfo) {
    diagnostics.set('diagnostics_Versions_RadTrace', ENGINE_VERSION);
    diagnostics.set('diagnostics_Versions_PyRadiomicsReference', PYRADIOMICS_REFERENCE_VERSION);
    diagnostics.set('diagnostics_Versions_Node', process.versions.node);
    diagnostics.set('diagnostics_Configuration_Settings', pyRepr(params.configuration.settings));
    diagnostics.set('diagnostics_Configuration_EnabledImageTypes', pyRepr(params.configuration.enabledImageTypes));
  }

  checkFiniteVoxels(inputImage);
  const originalMask = asIntegerMask(inputMask);
  const originalBox = checkMask(originalMask, { label: s.label, minimumROIDimensions: 1, minimumROISize: null }).box;
  if (s.additionalInfo) {
    addImageDiagnostics(diagnostics, inputImage, 'original');
    addMaskDiagnostics(diagnostics, originalMask, s.label, originalBox, 'original');
  }

  let image: Volume = s.normalize ? normalizeImage(inputImage, s.normalizeScale, s.removeOutliers) : inputImage;
  let mask = originalMask;
  const resample = s.resampledPixelSpacing !== null && s.interpolator !== null;
  if (resample) {
    ({ image, mask } = resampleImageAndMask(image, mask, {
      resampledPixelSpacing: s.resampledPixelSpacing!, interpolator: s.interpolator, padDistance: s.padDistance, label: s.label,
      roiBox: originalBox,
    }));
  } else {
    checkSameGeometry(image, mask, s.geometryTolerance);
    if (s.preCrop) {
      image = cropToBoundingBox(image, originalBox, s.padDistance);
      mask = cropToBoundingBox(mask, originalBox, s.padDistance);
    }
  }
  const { box } = checkMask(mask, s);
  if (s.additionalInfo && resample) {
    addImageDiagnostics(diagnostics, image, 'interpolated');
    addMaskDiagnostics(diagnostics, mask, s.label, box, 'interpolated', image);
  }

  let featureMask = mask;
  let featureBox = box;
  if (s.resegmentRange !== null) {
    featureMask = resegmentMask(image, mask, { label: s.label, resegmentRange: s.resegmentRange, resegmentMode: s.resegmentMode });
    featureBox = checkMask(featureMask, s).box;
  }

  const features = new Map<string, number>();
  const shape = params.featureClasses.find((c) => c.name === 'shape');
  if (shape) {
    const useResegmented = s.resegmentShape && featureMask !== mask;
    const shapeMask = cropToBoundingBox(useResegmented ? featureMask : mask, useResegmented ? featureBox : box);
    const values = shapeFeatures(labelMask(shapeMask, s.label), shapeMask.size, shapeMask.spacing);
    for (const name of shape.features) features.set(`original_shape_${name}`, pick(values, name, 'shape'));
  }

  const classes = params.featureClasses.filter((c) => c.name !== 'shape');
  if (classes.length > 0) {
    const filterWholeInput = resample || s.preCrop || options.wholeImageFilters === true;
    // Every image type below shares this 0/1 mask of the ROI crop and its neighbour tables.
    const roiMask = labelMask(cropToBoundingBox(featureMask, featureBox), s.label);
    const neighbourTables = new NeighbourTables();
    for (const spec of params.imageTypes) {
      for (const derived of derivedImages(image, featureBox, spec, filterWholeInput, (w) => warnings.push(w))) {
        const roi = toRoi(derived.crop, roiMask, neighbourTables);
        const values = computeClasses(classes.map((c) => c.name), roi, spec.settings, { float32: derived.crop.pixelType === 'float32' });
        for (const cls of classes) {
          const classValues = values[cls.name] ?? {};
          for (const name of cls.features) features.set(`${derived.name}_${cls.name}_${name}`, pick(classValues, name, cls.name));
        }
      }
    }
  }
  return { diagnostics, features, warnings };
}

/** Float masks truncated to integers once (PyRadiomics' uint32 cast), so that labels compare directly. */
function asIntegerMask(mask: Volume): Volume {
  if (!(mask.data instanceof Float32Array || mask.data instanceof Float64Array)) return mask;
  const data = new Uint32Array(mask.data.length);
  for (let i = 0; i < data.length; i++) data[i] = maskValue(mask.data, i);
  return { ...mask, pixelType: 'uint32', data };
}

function pick(values: FeatureValues, name: string, cls: string): number {
  const v = values[name];
  if (v === undefined) throw new SettingsError(`feature class ${cls} did not compute '${name}'`);
  return v;
}

/** 1 where a voxel of the (cropped) mask holds the label, else 0: the feature classes' view of the ROI. */
function labelMask(maskCrop: Volume, label: number): Uint8Array {
  const labels = maskCrop.data;
  const mask = new Uint8Array(labels.length);
  for (let i = 0; i < labels.length; i++) mask[i] = labels[i] === label ? 1 : 0;
  return mask;
}

/**
 * The feature classes' view of a crop: float64 voxel values and the 0/1 ROI mask. Every ROI is made by this
 * one object literal, so that all of them have one hidden class: the texture loops are then compiled once
 * instead of deoptimised at each image type (an object spread made a new hidden class per ROI).
 */
function toRoi(crop: Volume, mask: Uint8Array, neighbourTables: NeighbourTables): Roi {
  let image: Float64Array;
  if (crop.data instanceof Float64Array) image = crop.data;
  else {
    image = new Float64Array(crop.data.length);
    image.set(crop.data);
  }
  return { size: [...crop.size], spacing: [...crop.spacing], image, mask, neighbourTables };
}
