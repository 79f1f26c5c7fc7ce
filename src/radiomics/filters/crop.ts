// Where to crop an image so that filtering the crop gives the ROI the same values as filtering the
// whole image (see logFilterMargin / waveletFilterMargin for the margins and how they were measured).
import type { Vec3 } from '../types.js';
import type { BoundingBox } from '../preprocess.js';

/**
 * Crop box (inclusive voxel indices) around the ROI bounding box `roi`, grown by `margin` voxels per
 * axis, for an image of `size`:
 * - 'edge' boundary (LoG: ITK repeats the edge value): the box is clipped at the image border;
 * - 'periodic' boundary (wavelet: pywt wraps around, PyRadiomics pads odd axes with the first voxel):
 *   an axis whose grown box would leave the image on either side is kept whole.
 * PyRadiomics decides whether to skip a LoG sigma from the whole image's size: make that decision
 * (logSkipReason) on the whole image, not on the crop.
 */
export function filterCropBox(size: Vec3, roi: BoundingBox, margin: Vec3 | number, boundary: 'edge' | 'periodic'): BoundingBox {
  const lower: Vec3 = [0, 0, 0];
  const upper: Vec3 = [0, 0, 0];
  for (let d = 0; d < 3; d++) {
    const m = typeof margin === 'number' ? margin : margin[d];
    const lo = roi.lower[d] - m;
    const hi = roi.upper[d] + m;
    if (boundary === 'periodic' && (lo < 0 || hi > size[d] - 1)) {
      lower[d] = 0;
      upper[d] = size[d] - 1;
    } else {
      lower[d] = Math.max(lo, 0);
      upper[d] = Math.min(hi, size[d] - 1);
    }
  }
  return { lower, upper };
}

/**
 * Copies `box` (inclusive voxel indices) of an x-fastest volume whose rows hold `rowLength` voxels
 * and slices `rowsPerSlice` rows into `out`, x fastest. Row by row with native copies, so that no
 * JavaScript loop runs once per voxel of a call made a few times per extraction.
 */
export function copyBox<T extends Float32Array | Float64Array>(
  source: T, rowLength: number, rowsPerSlice: number, box: BoundingBox, out: T,
): T {
  const { lower, upper } = box;
  const width = upper[0] - lower[0] + 1;
  let o = 0;
  for (let z = lower[2]; z <= upper[2]; z++) {
    for (let y = lower[1]; y <= upper[1]; y++) {
      const row = lower[0] + rowLength * (y + rowsPerSlice * z);
      out.set(source.subarray(row, row + width), o);
      o += width;
    }
  }
  return out;
}
