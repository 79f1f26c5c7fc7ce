// PyRadiomics' resampleImage (radiomics/imageoperations.py, with _checkROI): the output grid is aligned to the
// mask, covers only the ROI bounding box ± padDistance (in new voxels, clipped to the mask's extent), and the
// image and mask are sampled onto it with ITK's ResampleImageFilter (identity transform, default value 0):
// the image with the requested interpolator, keeping its pixel type; the mask with nearest neighbour.
import type { Vec3, Volume } from './types.js';
import { MaskError, SettingsError } from './errors.js';
import { continuousIndexToPhysicalPoint, physicalPointToContinuousIndex, physicalToIndexMatrix } from './geometry.js';
import type { Grid } from './resample-grid.js';
import { allocateOnGrid, castRule, castRun, ScanLines } from './resample-grid.js';
import { checkInterpolatorName, makeLineSampler, type InterpolatorName } from './interpolators.js';
import { allocateVoxels } from './io/pixels.js';
import { boxSize, cropToBoundingBox, scanLabel, type BoundingBox } from './preprocess.js';

export interface ResampleOptions {
  /** Output spacing (x, y, z) in mm; 0 keeps the mask's spacing along that axis. */
  resampledPixelSpacing: Vec3;
  /** SimpleITK interpolator name for the image: sitkBSpline (= sitkBSpline3), sitkLinear, sitkNearestNeighbor. */
  interpolator: string;
  /** Margin around the ROI bounding box, in output voxels (PyRadiomics' default 5). */
  padDistance: number;
  label: number;
  /** The label's bounding box in `mask` when the caller has it already (saves a scan of the whole mask). */
  roiBox?: BoundingBox;
}

/**
 * Resamples image and mask as PyRadiomics does before feature extraction. The returned mask is uint32 (as
 * PyRadiomics' mask after its cast), on the same grid as the returned image.
 */
export function resampleImageAndMask(image: Volume, mask: Volume, options: ResampleOptions): { image: Volume; mask: Volume } {
  const interpolator = checkInterpolatorName(options.interpolator);
  const { padDistance, label } = options;
  if (options.resampledPixelSpacing.length !== 3 || options.resampledPixelSpacing.some((s) => !(s >= 0))) {
    throw new SettingsError(`resampledPixelSpacing must be 3 non-negative numbers, got [${options.resampledPixelSpacing.join(', ')}]`);
  }
  if (!Number.isInteger(padDistance) || padDistance < 0) {
    throw new SettingsError(`padDistance must be a non-negative integer, got ${padDistance}`);
  }
  const maskSpacing = mask.spacing;
  const box = options.roiBox
    ? { lower: [...options.roiBox.lower] as Vec3, size: boxSize(options.roiBox) }
    : roiLowerAndSize(mask, label);
  checkRoiInsideImage(image, mask, box);

  // 0 → keep the mask's spacing; an axis where the ROI is one voxel thick is not resampled.
  const spacing = options.resampledPixelSpacing.map((s, d) =>
    (box.size[d] === 1 || s === 0 ? maskSpacing[d] : s)) as Vec3;

  if (image.spacing.every((s, d) => Math.abs(s - spacing[d]) <= 1e-8 + 1e-5 * Math.abs(spacing[d]))) {
    return maskOntoImageGrid(image, mask, label, padDistance);
  }

  const ratio = maskSpacing.map((s, d) => s / spacing[d]);
  const size = [0, 0, 0] as Vec3;
  const originIndex = [0, 0, 0] as Vec3;
  for (let d = 0; d < 3; d++) {
    let lower = Math.floor((box.lower[d] - 0.5) * ratio[d] - padDistance);
    let upper = Math.ceil((box.lower[d] + box.size[d] - 0.5) * ratio[d] + padDistance);
    const maxUpper = Math.ceil(mask.size[d] * ratio[d]) - 1;
    if (lower < 0) lower = 0;
    if (upper > maxUpper) upper = maxUpper;
    size[d] = Math.trunc(upper - lower + 1);
    originIndex[d] = (0.5 * (spacing[d] - maskSpacing[d])) / maskSpacing[d] + lower / ratio[d];
  }
  const grid: Grid = {
    size,
    spacing,
    origin: continuousIndexToPhysicalPoint(mask, originIndex),
    direction: [...mask.direction],
  };
  return {
    image: resampleOnGrid(image, grid, interpolator, image.pixelType),
    mask: resampleOnGrid(mask, grid, 'sitkNearestNeighbor', 'uint32'),
  };
}

/** ITK ResampleImageFilter onto `grid`: outside the input buffer the value is 0. */
export function resampleOnGrid(
  input: Volume, grid: Grid, interpolator: InterpolatorName, outputType: Volume['pixelType'],
): Volume {
  const data = allocateVoxels(outputType, grid.size[0] * grid.size[1] * grid.size[2]);
  const sampler = makeLineSampler(interpolator, input, grid);
  const rule = castRule(outputType);
  const [sx, sy, sz] = grid.size;
  const lines = new ScanLines(grid, input);
  let offset = 0;
  for (let z = 0; z < sz; z++) {
    for (let y = 0; y < sy; y++, offset += sx) {
      const values = sampler.sample(lines, y, z);
      castRun(rule, values, sampler.from, sampler.to, data, offset);
    }
  }
  return allocateOnGrid(grid, outputType, data);
}

/**
 * LabelShapeStatistics' bounding box of `label`: lower index and size (x, y, z). Float masks are compared as
 * PyRadiomics' uint32 cast sees them (truncated), integer masks exactly (see scanLabel).
 */
function roiLowerAndSize(mask: Volume, label: number): { lower: Vec3; size: Vec3 } {
  const { box } = scanLabel(mask, label);
  if (!box) throw new MaskError(`resampling: label ${label} is not present in the mask`);
  return { lower: box.lower, size: boxSize(box) };
}

/** PyRadiomics _checkROI: the ROI's outer corners must lie within the image (tolerance 1e-3 voxel). */
function checkRoiInsideImage(image: Volume, mask: Volume, box: { lower: Vec3; size: Vec3 }): void {
  const inverse = physicalToIndexMatrix(image);
  const corners = [
    box.lower.map((l) => l - 0.5) as Vec3,
    box.lower.map((l, d) => l + box.size[d] - 0.5) as Vec3,
  ].map((ci) => physicalPointToContinuousIndex(image, inverse, continuousIndexToPhysicalPoint(mask, ci)));
  for (let d = 0; d < 3; d++) {
    const low = Math.min(corners[0][d], corners[1][d]);
    const high = Math.max(corners[0][d], corners[1][d]);
    if (low < -0.5 - 1e-3 || high > image.size[d] - 0.5 + 1e-3) {
      throw new MaskError(
        `resampling: the ROI bounding box extends outside the image along axis ${'xyz'[d]} `
        + `(ROI from ${low} to ${high} in image index units, image size ${image.size[d]})`,
      );
    }
  }
}

/**
 * The same-spacing shortcut: the mask is nearest-neighbour resampled onto the image grid, and both are cropped
 * to the new ROI bounding box ± padDistance (cropToTumorMask), the image keeping its voxels.
 */
function maskOntoImageGrid(image: Volume, mask: Volume, label: number, padDistance: number): { image: Volume; mask: Volume } {
  const grid: Grid = { size: image.size, spacing: image.spacing, origin: image.origin, direction: image.direction };
  const onImageGrid = resampleOnGrid(mask, grid, 'sitkNearestNeighbor', 'uint32');
  const box = roiLowerAndSize(onImageGrid, label);
  const bounds = { lower: box.lower, upper: box.lower.map((l, d) => l + box.size[d] - 1) as Vec3 };
  return { image: cropToBoundingBox(image, bounds, padDistance), mask: cropToBoundingBox(onImageGrid, bounds, padDistance) };
}
