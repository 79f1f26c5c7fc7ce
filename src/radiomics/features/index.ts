// The feature classes by PyRadiomics name: default feature lists (PyRadiomics' output order) and one entry
// point per class. Texture classes and firstorder discretise the ROI with the class settings; a caller
// computing several classes of one image can share that discretisation through computeClasses.
import type { FeatureClassSettings, FeatureValues, Roi } from '../types.js';
import { discretize, type Discretized, type DiscretizeOptions } from '../discretize.js';
import { FIRSTORDER_FEATURES, firstorderFeatures } from './firstorder.js';
import { GLCM_FEATURES, glcmFeatures } from './glcm.js';
import { GLRLM_FEATURES, glrlmFeatures } from './glrlm.js';
import { GLSZM_FEATURES, glszmFeatures } from './glszm.js';
import { GLDM_FEATURES, gldmFeatures } from './gldm.js';
import { NGTDM_FEATURES, ngtdmFeatures } from './ngtdm.js';
import { SHAPE_FEATURE_NAMES, shapeFeatures } from './shape.js';
import { SettingsError } from '../errors.js';

export type IntensityClassName = 'firstorder' | 'glcm' | 'glrlm' | 'glszm' | 'gldm' | 'ngtdm';
export type FeatureClassName = 'shape' | IntensityClassName;

/** Default (non-deprecated) features of each class, in the order PyRadiomics writes them. */
export const DEFAULT_FEATURES: Readonly<Record<FeatureClassName, readonly string[]>> = {
  shape: SHAPE_FEATURE_NAMES,
  firstorder: FIRSTORDER_FEATURES,
  glcm: GLCM_FEATURES,
  glrlm: GLRLM_FEATURES,
  glszm: GLSZM_FEATURES,
  gldm: GLDM_FEATURES,
  ngtdm: NGTDM_FEATURES,
};

/** Class order of PyRadiomics' extractor output (shape first, then the intensity classes). */
export const FEATURE_CLASS_NAMES: readonly FeatureClassName[] = ['shape', 'firstorder', 'glcm', 'glrlm', 'glszm', 'gldm', 'ngtdm'];

type ClassFunction = (roi: Roi, settings: FeatureClassSettings, binned: Discretized) => FeatureValues;

/** The intensity classes (everything but shape): each takes the ROI, its settings and a discretisation. */
export const FEATURE_CLASSES: Readonly<Record<IntensityClassName, ClassFunction>> = {
  firstorder: firstorderFeatures,
  glcm: glcmFeatures,
  glrlm: glrlmFeatures,
  glszm: glszmFeatures,
  gldm: gldmFeatures,
  ngtdm: ngtdmFeatures,
};

export function isFeatureClassName(name: string): name is FeatureClassName {
  return (FEATURE_CLASS_NAMES as readonly string[]).includes(name);
}

/** Computes one class on a ROI crop (shape uses only the mask, size and spacing). */
export function computeClass(className: FeatureClassName, roi: Roi, settings: FeatureClassSettings, options?: DiscretizeOptions): FeatureValues {
  return computeClasses([className], roi, settings, options)[className] ?? {};
}

/** Computes several classes on one ROI crop, discretising it once. Unknown class names are a SettingsError. */
export function computeClasses(
  classNames: readonly string[],
  roi: Roi,
  settings: FeatureClassSettings,
  options?: DiscretizeOptions,
): Partial<Record<FeatureClassName, FeatureValues>> {
  const out: Partial<Record<FeatureClassName, FeatureValues>> = {};
  let binned: Discretized | undefined;
  for (const name of classNames) {
    if (!isFeatureClassName(name)) {
      throw new SettingsError(`unknown feature class '${name}' (known: ${FEATURE_CLASS_NAMES.join(', ')})`);
    }
    if (name === 'shape') {
      out.shape = shapeFeatures(roi.mask, roi.size, roi.spacing);
      continue;
    }
    binned ??= discretize(roi, settings, options);
    out[name] = FEATURE_CLASSES[name](roi, settings, binned);
  }
  return out;
}
