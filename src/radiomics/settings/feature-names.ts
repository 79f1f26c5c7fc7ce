// The feature classes this engine computes, with PyRadiomics' default (non-deprecated) features of each
// in PyRadiomics' output order (owned by the feature classes), and the deprecated names PyRadiomics knows.
import { DEFAULT_FEATURES, FEATURE_CLASS_NAMES, type FeatureClassName } from '../features/index.js';

export const FEATURE_CLASSES = FEATURE_CLASS_NAMES;
export type { FeatureClassName };
export const DEFAULT_FEATURE_NAMES = DEFAULT_FEATURES;

/** PyRadiomics' deprecated features: valid names, but not computed by this engine. */
export const DEPRECATED_FEATURE_NAMES: Partial<Record<FeatureClassName, readonly string[]>> = {
  shape: ['Compactness1', 'Compactness2', 'SphericalDisproportion'],
  firstorder: ['StandardDeviation'],
  glcm: ['Dissimilarity', 'Homogeneity1', 'Homogeneity2', 'SumVariance'],
  gldm: ['GrayLevelNonUniformityNormalized', 'DependencePercentage'],
};
