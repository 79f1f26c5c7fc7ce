// The images PyRadiomics computes features on (original, LoG per sigma, wavelet sub-bands), each cropped to
// the ROI bounding box. Without resampling PyRadiomics filters the whole image; here the filters run on the
// bounding box plus a margin wide enough that ROI values are unchanged (filters/crop.ts: LoG margins clipped
// at the border, wavelet axes kept whole where the margin does not fit), which is what makes CT-sized
// volumes fast. With resampling (or preCrop) the filter input is PyRadiomics' own block.
import type { Vec3, Volume } from './types.js';
import type { ImageTypeSpec } from './settings/index.js';
import { cropToBoundingBox, type BoundingBox } from './preprocess.js';
import { laplacianOfGaussian, logFilterMargin, logSkipReason } from './filters/log.js';
import { waveletDecompositions, waveletFilterMargin } from './filters/wavelet.js';
import { filterCropBox } from './filters/crop.js';

export interface DerivedImage {
  /** PyRadiomics image-type prefix of the feature names: 'original', 'log-sigma-1-0-mm-3D', 'wavelet-LLH'. */
  name: string;
  /** The image cropped to the ROI bounding box (no padding). */
  crop: Volume;
}

/**
 * `filterWholeInput`: true when PyRadiomics' filter input is exactly `image` (resampled or pre-cropped block),
 * false when `image` is the full original volume that may be cropped with a margin first.
 */
export function* derivedImages(
  image: Volume, box: BoundingBox, spec: ImageTypeSpec, filterWholeInput: boolean, warn: (message: string) => void,
): Generator<DerivedImage> {
  const s = spec.settings;
  if (spec.name === 'Original') {
    yield { name: 'original', crop: cropToBoundingBox(image, box) };
    return;
  }
  if (spec.name === 'LoG') {
    for (let k = 0; k < s.sigma.length; k++) {
      const sigma = s.sigma[k];
      const reason = logSkipReason(image.size, image.spacing, sigma);
      if (reason !== null) {
        warn(`LoG sigma ${sigma} skipped: ${reason}`);
        continue;
      }
      const region = filterWholeInput ? null : filterCropBox(image.size, box, logFilterMargin(sigma, image.spacing), 'edge');
      const input = region ? cropToBoundingBox(image, region) : image;
      yield { name: `log-sigma-${spec.sigmaLabels[k]}-mm-3D`, crop: laplacianOfGaussian(input, sigma, shiftBox(box, region)) };
    }
    return;
  }
  const margin = waveletFilterMargin(s.wavelet, s.level, s.start_level);
  const region = filterWholeInput ? null : filterCropBox(image.size, box, margin, 'periodic');
  const input = region ? cropToBoundingBox(image, region) : image;
  const bands = waveletDecompositions(input, {
    wavelet: s.wavelet, level: s.level, startLevel: s.start_level, force2D: s.force2D, force2Ddimension: s.force2Ddimension,
  }, shiftBox(box, region));
  for (const band of bands) yield { name: band.name, crop: band.image };
}

/** The bounding box in the coordinates of a sub-volume starting at `region.lower`. */
function shiftBox(box: BoundingBox, region: BoundingBox | null): BoundingBox {
  if (!region) return box;
  const shift = (v: Vec3): Vec3 => [v[0] - region.lower[0], v[1] - region.lower[1], v[2] - region.lower[2]];
  return { lower: shift(box.lower), upper: shift(box.upper) };
}
