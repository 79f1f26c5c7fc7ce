// The feature classes this engine computes and PyRadiomics' default (non-deprecated) features of each,
// as PyRadiomics enumerates them when a class is enabled without a feature list: sorted by name.
export const FEATURE_CLASSES = ['shape', 'firstorder', 'glcm', 'glrlm', 'glszm', 'gldm', 'ngtdm'] as const;
export type FeatureClassName = (typeof FEATURE_CLASSES)[number];

export const DEFAULT_FEATURE_NAMES: Record<FeatureClassName, readonly string[]> = {
  shape: ['Elongation', 'Flatness', 'LeastAxisLength', 'MajorAxisLength', 'Maximum2DDiameterColumn', 'Maximum2DDiameterRow',
    'Maximum2DDiameterSlice', 'Maximum3DDiameter', 'MeshVolume', 'MinorAxisLength', 'Sphericity', 'SurfaceArea',
    'SurfaceVolumeRatio', 'VoxelVolume'],
  firstorder: ['10Percentile', '90Percentile', 'Energy', 'Entropy', 'InterquartileRange', 'Kurtosis', 'Maximum', 'Mean',
    'MeanAbsoluteDeviation', 'Median', 'Minimum', 'Range', 'RobustMeanAbsoluteDeviation', 'RootMeanSquared', 'Skewness',
    'TotalEnergy', 'Uniformity', 'Variance'],
  glcm: ['Autocorrelation', 'ClusterProminence', 'ClusterShade', 'ClusterTendency', 'Contrast', 'Correlation',
    'DifferenceAverage', 'DifferenceEntropy', 'DifferenceVariance', 'Id', 'Idm', 'Idmn', 'Idn', 'Imc1', 'Imc2',
    'InverseVariance', 'JointAverage', 'JointEnergy', 'JointEntropy', 'MCC', 'MaximumProbability', 'SumAverage',
    'SumEntropy', 'SumSquares'],
  glrlm: ['GrayLevelNonUniformity', 'GrayLevelNonUniformityNormalized', 'GrayLevelVariance', 'HighGrayLevelRunEmphasis',
    'LongRunEmphasis', 'LongRunHighGrayLevelEmphasis', 'LongRunLowGrayLevelEmphasis', 'LowGrayLevelRunEmphasis',
    'RunEntropy', 'RunLengthNonUniformity', 'RunLengthNonUniformityNormalized', 'RunPercentage', 'RunVariance',
    'ShortRunEmphasis', 'ShortRunHighGrayLevelEmphasis', 'ShortRunLowGrayLevelEmphasis'],
  glszm: ['GrayLevelNonUniformity', 'GrayLevelNonUniformityNormalized', 'GrayLevelVariance', 'HighGrayLevelZoneEmphasis',
    'LargeAreaEmphasis', 'LargeAreaHighGrayLevelEmphasis', 'LargeAreaLowGrayLevelEmphasis', 'LowGrayLevelZoneEmphasis',
    'SizeZoneNonUniformity', 'SizeZoneNonUniformityNormalized', 'SmallAreaEmphasis', 'SmallAreaHighGrayLevelEmphasis',
    'SmallAreaLowGrayLevelEmphasis', 'ZoneEntropy', 'ZonePercentage', 'ZoneVariance'],
  gldm: ['DependenceEntropy', 'DependenceNonUniformity', 'DependenceNonUniformityNormalized', 'DependenceVariance',
    'GrayLevelNonUniformity', 'GrayLevelVariance', 'HighGrayLevelEmphasis', 'LargeDependenceEmphasis',
    'LargeDependenceHighGrayLevelEmphasis', 'LargeDependenceLowGrayLevelEmphasis', 'LowGrayLevelEmphasis',
    'SmallDependenceEmphasis', 'SmallDependenceHighGrayLevelEmphasis', 'SmallDependenceLowGrayLevelEmphasis'],
  ngtdm: ['Busyness', 'Coarseness', 'Complexity', 'Contrast', 'Strength'],
};

/** PyRadiomics' deprecated features: valid names, but not computed by this engine. */
export const DEPRECATED_FEATURE_NAMES: Partial<Record<FeatureClassName, readonly string[]>> = {
  shape: ['Compactness1', 'Compactness2', 'SphericalDisproportion'],
  firstorder: ['StandardDeviation'],
  glcm: ['Dissimilarity', 'Homogeneity1', 'Homogeneity2', 'SumVariance'],
  gldm: ['GrayLevelNonUniformityNormalized', 'DependencePercentage'],
};
