// Public API of the radiomics engine: read volumes, load PyRadiomics parameter files, extract features.
// Pure TypeScript over typed arrays; no framework, no database.
import { readVolume, readVolumeBytes } from './io/index.js';
import { extractFeatures, type ExtractionResult, type ExtractOptions } from './extractor.js';
import type { ExtractionParams } from './settings/index.js';

export type { Vec3, Volume, VoxelArray, PixelType, Roi, FeatureClassSettings, FeatureValues } from './types.js';
export { readVolume, readVolumeBytes } from './io/index.js';
export {
  loadParams, parseParams, resolveParams, defaultParams, withLabel, IMAGE_TYPES, FEATURE_CLASSES, DEFAULT_FEATURE_NAMES,
  type ExtractionParams, type ExtractionSettings, type ImageTypeSpec, type ImageTypeName, type FeatureClassName,
} from './settings/index.js';
export { extractFeatures, ENGINE_VERSION, PYRADIOMICS_REFERENCE_VERSION, type ExtractionResult, type ExtractOptions } from './extractor.js';
export { boundingBox, cropToBoundingBox, type BoundingBox } from './preprocess.js';
export { RadiomicsError, VolumeFormatError, SettingsError, MaskError, ImageContentError } from './errors.js';

/** Reads an image and a mask file (NRRD or NIfTI) and extracts the features the parameters enable. */
export async function extractFromFiles(
  imagePath: string, maskPath: string, params: ExtractionParams, options: ExtractOptions = {},
): Promise<ExtractionResult> {
  const [image, mask] = await Promise.all([readVolume(imagePath), readVolume(maskPath)]);
  return extractFeatures(image, mask, params, options);
}

/** The same from file contents held in memory (e.g. objects fetched from storage); names give the format. */
export function extractFromBytes(
  image: { bytes: Uint8Array; fileName: string }, mask: { bytes: Uint8Array; fileName: string },
  params: ExtractionParams, options: ExtractOptions = {},
): ExtractionResult {
  return extractFeatures(readVolumeBytes(image.bytes, image.fileName), readVolumeBytes(mask.bytes, mask.fileName), params, options);
}
