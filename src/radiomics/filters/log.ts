// Laplacian of Gaussian as PyRadiomics computes it (imageoperations.getLoGImage): SimpleITK's
// LaplacianRecursiveGaussianImageFilter, sigma in mm, NormalizeAcrossScale on, float32 output.
//
// ITK's pipeline (LaplacianRecursiveGaussianImageFilter::GenerateData): for each axis d = x, y, z,
// a second-derivative recursive Gaussian along d on the input image, then zero-order smoothing along
// the two other axes in increasing order; every intermediate image is float32. The three results are
// accumulated in a float32 image as cum = float(cum + t * (1 / spacing[d]²)), evaluated in double.
import type { Vec3, Volume } from '../types.js';
import { FilterInputError } from './errors.js';
import { indexToPhysical, type BoundingBox } from '../preprocess.js';
import { recursiveGaussianCoefficients } from './recursiveGaussian.js';
import { copyBox } from './crop.js';
import { gaussianPass, gaussianWorkspace, type KernelVolume } from './recursive-gaussian-kernels.js';

/**
 * Why PyRadiomics would not compute this LoG image, or null when it would.
 * PyRadiomics logs a warning and yields no image when any dimension has fewer than 4 voxels, when
 * sigma ≤ 0, or when some size[d] < ceil(sigma / spacing[d]) + 1.
 */
export function logSkipReason(size: Vec3, spacing: Vec3, sigmaMm: number): string | null {
  if (Math.min(...size) < 4) {
    return `LoG needs at least 4 voxels along every axis; image size is ${size.join('×')}`;
  }
  if (!(sigmaMm > 0)) return `LoG sigma must be greater than 0, got ${sigmaMm}`;
  for (let d = 0; d < 3; d++) {
    if (size[d] < Math.ceil(sigmaMm / spacing[d]) + 1) {
      return `LoG sigma ${sigmaMm} mm is too large for the image: along axis ${'xyz'[d]} the size ${size[d]} `
        + `is below ceil(sigma/spacing) + 1 = ${Math.ceil(sigmaMm / spacing[d]) + 1}`;
    }
  }
  return null;
}

/**
 * LoG-filtered image (float32, same geometry), or with `outputBox` only that box of it (the same
 * volume as cropToBoundingBox of the whole result, computed without the passes that only feed voxels
 * outside the box). Throws FilterInputError when PyRadiomics would skip this sigma (see
 * logSkipReason): callers that want PyRadiomics' warn-and-skip behaviour check logSkipReason first.
 */
export function laplacianOfGaussian(image: Volume, sigmaMm: number, outputBox?: BoundingBox): Volume<Float32Array> {
  const reason = logSkipReason(image.size, image.spacing, sigmaMm);
  if (reason !== null) throw new FilterInputError(reason);
  const { size, spacing } = image;
  const n = size[0] * size[1] * size[2];
  if (image.data.length !== n) {
    throw new FilterInputError(`LoG: image has ${image.data.length} voxels, size ${size.join('×')} needs ${n}`);
  }
  const box = outputBox ?? { lower: [0, 0, 0], upper: [size[0] - 1, size[1] - 1, size[2] - 1] };
  for (let d = 0; d < 3; d++) {
    if (!(box.lower[d] >= 0 && box.lower[d] <= box.upper[d] && box.upper[d] < size[d])) {
      throw new RangeError(`LoG: output box ${JSON.stringify(box)} is not inside the image (size ${size.join('×')})`);
    }
  }
  // Every intermediate is a float32 image (ITK's float images); the input keeps its exact values.
  const ws = gaussianWorkspace(size, image.data, 3);
  const [first, second, cumulative] = ws.volumes;
  const pass = (from: KernelVolume, to: KernelVolume, axis: 0 | 1 | 2, order: 0 | 2, lines: BoundingBox, accumulate?: { scale: number }) =>
    gaussianPass(ws, from, to, axis, recursiveGaussianCoefficients(sigmaMm, spacing[axis], order, true), lines, accumulate);
  const whole: BoundingBox = { lower: [0, 0, 0], upper: [size[0] - 1, size[1] - 1, size[2] - 1] };
  // ITK's order: for each axis d, the second derivative along d first (on the input image), then
  // zero-order smoothing along the two other axes in increasing order. (The passes commute
  // mathematically, not bitwise, so the order is kept.) The last pass adds its float32 result times
  // 1/spacing[d]² into the float32 sum, in double. A pass's lines must cover what later passes read:
  // the second pass only the lines whose d coordinate is in the box, the third only those whose d and
  // a1 coordinates are.
  for (let d = 0 as 0 | 1 | 2; d < 3; d = (d + 1) as 0 | 1 | 2) {
    const [a1, a2] = ([0, 1, 2] as const).filter((a) => a !== d);
    const inD = withRange(whole, box, [d]);
    pass(ws.input, first, d, 2, whole);
    pass(first, second, a1, 0, inD);
    pass(second, cumulative, a2, 0, withRange(inD, box, [a1]), { scale: 1.0 / (spacing[d] * spacing[d]) });
  }
  const out = copyBox(ws.float32(cumulative), size[0], size[1], box,
    new Float32Array((box.upper[0] - box.lower[0] + 1) * (box.upper[1] - box.lower[1] + 1) * (box.upper[2] - box.lower[2] + 1)));
  if (!outputBox) {
    return {
      size: [...size], spacing: [...spacing], origin: [...image.origin], direction: [...image.direction],
      pixelType: 'float32', data: out,
    };
  }
  return {
    size: [box.upper[0] - box.lower[0] + 1, box.upper[1] - box.lower[1] + 1, box.upper[2] - box.lower[2] + 1],
    spacing: [...spacing], origin: indexToPhysical(image, box.lower), direction: [...image.direction],
    pixelType: 'float32', data: out,
  };
}

/** `box` with the ranges of `axes` taken from `from`. */
function withRange(box: BoundingBox, from: BoundingBox, axes: number[]): BoundingBox {
  const lower: Vec3 = [...box.lower];
  const upper: Vec3 = [...box.upper];
  for (const a of axes) {
    lower[a] = from.lower[a];
    upper[a] = from.upper[a];
  }
  return { lower, upper };
}

/**
 * Margin (voxels per side, per axis) to add around the ROI bounding box when the LoG is computed on a
 * crop instead of the whole image, so that ROI values equal whole-image filtering (float32 values
 * bit-identical, hence far within 1e-9 relative).
 *
 * The recursive filter's edge transient decays like exp(−1.3732·k/sd) at k voxels from the crop edge
 * (sd = sigma/spacing). Measured with bench/radiomics-filter-margins.ts (one axis cropped at a time,
 * smallest margin from which all ROI voxels are bit-identical):
 *   brain1 σ=1: x 20, y 18, z 3 voxels   (sd 1.28, 1.28, 0.154)   → at most 15.6·sd, or 3 voxels
 *   brain1 σ=3: x 51, y 68, z 7 voxels   (sd 3.84, 3.84, 0.462)   → at most 17.7·sd
 *   brain2 σ=1: x 20, y 19, z 3; σ=3: x 57, y 60, z 9            → at most 19.5·sd (z, σ=3)
 * At the measured margins the transient is ~1e-9 of the image scale; a float32 voxel whose exact value
 * lies within that distance of a rounding midpoint can still flip, so the margin below adds 6·sd more
 * (another factor e^−8 ≈ 3e−4), making a flip in a few thousand ROI voxels very unlikely (not impossible).
 * Where bbox ± margin passes the image border, crop at the border (ITK repeats the edge value there,
 * exactly as for the whole image).
 */
export const LOG_MARGIN_PER_SD = 24;
export const LOG_MARGIN_CONSTANT = 4;

export function logFilterMargin(sigmaMm: number, spacing: Vec3): Vec3 {
  return spacing.map((s) => Math.ceil(LOG_MARGIN_PER_SD * (sigmaMm / Math.abs(s)) + LOG_MARGIN_CONSTANT)) as Vec3;
}
