// Pre-processing of image and mask as PyRadiomics does it (imageoperations.py): ROI bounding box and cropping.
import type { Vec3, Volume, VoxelArray } from './types.js';
import { ImageContentError, MaskError } from './errors.js';

/** Inclusive voxel-index bounds (x, y, z) of the ROI, as ITK's LabelStatistics GetBoundingBox. */
export interface BoundingBox {
  lower: Vec3;
  upper: Vec3;
}

/**
 * Bounding box of the voxels equal to `label` (the mask is compared as PyRadiomics' uint32 cast would:
 * non-integer values truncated). Throws MaskError when the label is absent.
 */
export function boundingBox(mask: Volume, label: number): BoundingBox {
  const scan = scanLabel(mask, label);
  if (!scan.box) throw new MaskError(scan.anyNonZero ? `label ${label} is not present in the mask` : 'the mask is empty: it has no non-zero voxel');
  return scan.box;
}

/**
 * Bounding box of `label` (null when absent) and whether any voxel is non-zero. Integer masks are searched
 * with the typed array's native indexOf, which skips the background at memory speed (CT masks are mostly
 * background); float masks (compared after truncation) are scanned voxel by voxel.
 */
export function scanLabel(mask: Volume, label: number): { box: BoundingBox | null; anyNonZero: boolean } {
  const [nx, ny, nz] = mask.size;
  const data = mask.data;
  const float = data instanceof Float32Array || data instanceof Float64Array;
  let x0 = nx, x1 = -1, y0 = ny, y1 = -1, z0 = nz, z1 = -1;
  const include = (i: number): void => {
    const x = i % nx;
    const r = (i - x) / nx;
    const y = r % ny;
    const z = (r - y) / ny;
    if (x < x0) x0 = x;
    if (x > x1) x1 = x;
    if (y < y0) y0 = y;
    if (y > y1) y1 = y;
    if (z < z0) z0 = z;
    if (z > z1) z1 = z;
  };
  if (float) {
    for (let i = 0; i < data.length; i++) if (Math.trunc(data[i]) === label) include(i);
  } else {
    for (let i = data.indexOf(label); i >= 0; i = data.indexOf(label, i + 1)) include(i);
  }
  if (x1 >= 0) return { box: { lower: [x0, y0, z0], upper: [x1, y1, z1] }, anyNonZero: true };
  let anyNonZero = false;
  for (let i = 0; i < data.length && !anyNonZero; i++) anyNonZero = data[i] !== 0;
  return { box: null, anyNonZero };
}

/** A mask voxel as PyRadiomics sees it after casting the mask to uint32. */
export function maskValue(data: VoxelArray, i: number): number {
  const v = data[i];
  return data instanceof Float32Array || data instanceof Float64Array ? Math.trunc(v) : v;
}

/** Size (voxels) of a bounding box along x, y, z. */
export function boxSize(box: BoundingBox): Vec3 {
  return [box.upper[0] - box.lower[0] + 1, box.upper[1] - box.lower[1] + 1, box.upper[2] - box.lower[2] + 1];
}

/** Physical point of an integer index (ITK TransformIndexToPhysicalPoint: origin first, then Σ_j M[i][j]·idx[j]). */
export function indexToPhysical(volume: Pick<Volume, 'origin' | 'spacing' | 'direction'>, index: Vec3): Vec3 {
  const p: Vec3 = [volume.origin[0], volume.origin[1], volume.origin[2]];
  for (let i = 0; i < 3; i++) {
    for (let j = 0; j < 3; j++) p[i] += volume.direction[i * 3 + j] * volume.spacing[j] * index[j];
  }
  return p;
}

/**
 * Crops a volume to the bounding box grown by `padDistance` voxels (clipped to the volume), as PyRadiomics'
 * cropToTumorMask: values unchanged, origin moved to the first kept voxel.
 */
export function cropToBoundingBox<T extends VoxelArray>(volume: Volume<T>, box: BoundingBox, padDistance = 0): Volume<T> {
  const lo: Vec3 = [0, 0, 0];
  const hi: Vec3 = [0, 0, 0];
  for (let d = 0; d < 3; d++) {
    lo[d] = Math.max(box.lower[d] - padDistance, 0);
    hi[d] = Math.min(box.upper[d] + padDistance, volume.size[d] - 1);
    if (lo[d] > hi[d]) throw new MaskError(`bounding box is outside the volume along axis ${d}`);
  }
  const size: Vec3 = [hi[0] - lo[0] + 1, hi[1] - lo[1] + 1, hi[2] - lo[2] + 1];
  const [nx, ny] = volume.size;
  const data = new (volume.data.constructor as new (length: number) => T)(size[0] * size[1] * size[2]);
  const source = volume.data;
  let o = 0;
  // Row by row, element by element: a subarray view per row would allocate an object each.
  for (let z = lo[2]; z <= hi[2]; z++) {
    for (let y = lo[1]; y <= hi[1]; y++) {
      const start = lo[0] + nx * (y + ny * z);
      for (let x = 0; x < size[0]; x++) data[o++] = source[start + x];
    }
  }
  return {
    size,
    spacing: [...volume.spacing],
    origin: indexToPhysical(volume, lo),
    direction: [...volume.direction],
    pixelType: volume.pixelType,
    data,
  };
}

/**
 * ITK's check that two images share a grid (ImageToImageFilter::VerifyInputInformation): same size, origin and
 * spacing within tolerance × spacing[0] (default tolerance 1e-6), direction within the same tolerance.
 */
export function checkSameGeometry(image: Volume, mask: Volume, tolerance: number | null): void {
  const tol = tolerance ?? 1e-6;
  const coordinateTolerance = Math.abs(tol * image.spacing[0]);
  const problems: string[] = [];
  if (image.size.some((s, d) => s !== mask.size[d])) problems.push(`size ${image.size.join('×')} vs ${mask.size.join('×')}`);
  if (image.origin.some((o, d) => !(Math.abs(o - mask.origin[d]) <= coordinateTolerance))) {
    problems.push(`origin (${image.origin.join(', ')}) vs (${mask.origin.join(', ')})`);
  }
  if (image.spacing.some((s, d) => !(Math.abs(s - mask.spacing[d]) <= coordinateTolerance))) {
    problems.push(`spacing (${image.spacing.join(', ')}) vs (${mask.spacing.join(', ')})`);
  }
  if (image.direction.some((v, i) => !(Math.abs(v - mask.direction[i]) <= tol))) {
    problems.push(`direction [${image.direction.join(', ')}] vs [${mask.direction.join(', ')}]`);
  }
  if (problems.length > 0) {
    throw new MaskError(`image and mask geometry do not match: ${problems.join('; ')} (use resampling, or a mask drawn on this image)`);
  }
}

export interface MaskCheckOptions {
  label: number;
  minimumROIDimensions: number;
  minimumROISize: number | null;
}

/**
 * PyRadiomics' checkMask after the geometry check: the label must be present, the ROI must span at least
 * `minimumROIDimensions` dimensions (never a single voxel) and hold at least `minimumROISize` voxels.
 */
export function checkMask(mask: Volume, options: MaskCheckOptions): { box: BoundingBox; voxelCount: number } {
  const { label } = options;
  const box = boundingBox(mask, label);
  const size = boxSize(box);
  const dims = size.filter((s) => s > 1).length;
  if (dims === 0) throw new MaskError(`the ROI (label ${label}) is a single voxel: features cannot be extracted from one voxel`);
  if (dims < options.minimumROIDimensions) {
    throw new MaskError(`the ROI (label ${label}) spans ${dims} dimension(s) (bounding box ${size.join('×')}), fewer than minimumROIDimensions = ${options.minimumROIDimensions}`);
  }
  const voxelCount = countLabel(mask, label, box);
  if (options.minimumROISize !== null && voxelCount < options.minimumROISize) {
    throw new MaskError(`the ROI (label ${label}) has ${voxelCount} voxels, fewer than minimumROISize = ${options.minimumROISize}`);
  }
  return { box, voxelCount };
}

function countLabel(mask: Volume, label: number, box: BoundingBox): number {
  const [nx, ny] = mask.size;
  let count = 0;
  for (let z = box.lower[2]; z <= box.upper[2]; z++) {
    for (let y = box.lower[1]; y <= box.upper[1]; y++) {
      for (let x = box.lower[0]; x <= box.upper[0]; x++) if (maskValue(mask.data, x + nx * (y + ny * z)) === label) count++;
    }
  }
  return count;
}

/** Rejects NaN or infinite voxels, naming the first one (PyRadiomics would silently produce NaN features). */
export function checkFiniteVoxels(image: Volume, what = 'image'): void {
  const data = image.data;
  if (!(data instanceof Float32Array || data instanceof Float64Array)) return;
  for (let i = 0; i < data.length; i++) {
    if (!Number.isFinite(data[i])) {
      const [nx, ny] = image.size;
      const at = [i % nx, Math.floor(i / nx) % ny, Math.floor(i / (nx * ny))];
      throw new ImageContentError(`the ${what} has a ${Number.isNaN(data[i]) ? 'NaN' : 'infinite'} voxel at index (${at.join(', ')}); radiomics features need finite values`);
    }
  }
}

/**
 * PyRadiomics' normalizeImage: SimpleITK Normalize over all voxels ((x − mean)·(1/σ), σ with N − 1, double
 * output), values clipped to ±removeOutliers, then × normalizeScale.
 */
export function normalizeImage(image: Volume, normalizeScale: number, removeOutliers: number | null): Volume<Float64Array> {
  const data = image.data;
  const n = data.length;
  let sum = 0;
  let sumSquares = 0;
  let c1 = 0;
  let c2 = 0;
  for (let i = 0; i < n; i++) {
    const v = data[i];
    const y1 = v - c1;
    const t1 = sum + y1;
    c1 = t1 - sum - y1;
    sum = t1;
    const y2 = v * v - c2;
    const t2 = sumSquares + y2;
    c2 = t2 - sumSquares - y2;
    sumSquares = t2;
  }
  const mean = sum / n;
  const variance = (sumSquares - (sum * sum) / n) / (n - 1);
  const sigma = Math.sqrt(variance);
  if (!(sigma > 0)) throw new ImageContentError('normalize: the image is constant (standard deviation 0)');
  const scale = 1 / sigma;
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let v = (data[i] - mean) * scale;
    if (removeOutliers !== null) {
      if (v > removeOutliers) v = removeOutliers;
      else if (v < -removeOutliers) v = -removeOutliers;
    }
    out[i] = v * normalizeScale;
  }
  return { ...image, size: [...image.size], pixelType: 'float64', data: out };
}

/** numpy's pairwise summation of a float64 array (np.sum / np.mean on contiguous data). */
export function pairwiseSum(a: Float64Array, start = 0, n = a.length): number {
  if (n < 8) {
    let s = 0;
    for (let i = 0; i < n; i++) s += a[start + i];
    return s;
  }
  if (n <= 128) {
    const r = [0, 1, 2, 3, 4, 5, 6, 7].map((j) => a[start + j]);
    let i = 8;
    for (; i < n - (n % 8); i += 8) for (let j = 0; j < 8; j++) r[j] += a[start + i + j];
    let s = ((r[0] + r[1]) + (r[2] + r[3])) + ((r[4] + r[5]) + (r[6] + r[7]));
    for (; i < n; i++) s += a[start + i];
    return s;
  }
  let half = Math.floor(n / 2);
  half -= half % 8;
  return pairwiseSum(a, start, half) + pairwiseSum(a, start + half, n - half);
}

export interface ResegmentOptions {
  label: number;
  resegmentRange: number[];
  resegmentMode: 'absolute' | 'relative' | 'sigma';
}

/**
 * PyRadiomics' resegmentMask: keeps the ROI voxels whose value lies in [lower, upper] (one value: lower bound
 * only). 'relative' bounds are fractions of the ROI maximum, 'sigma' bounds are mean + k·SD (numpy SD, N).
 * Returns a uint32 mask with `label` inside; throws when at most one voxel remains.
 */
export function resegmentMask(image: Volume, mask: Volume, options: ResegmentOptions): Volume<Uint32Array> {
  const { label } = options;
  const n = mask.data.length;
  const roi: number[] = [];
  for (let i = 0; i < n; i++) if (maskValue(mask.data, i) === label) roi.push(i);
  const values = Float64Array.from(roi, (i) => image.data[i]);
  const sorted = [...options.resegmentRange].sort((a, b) => a - b);
  let thresholds = sorted;
  if (options.resegmentMode === 'relative') {
    let max = -Infinity;
    for (const v of values) if (v > max) max = v;
    thresholds = sorted.map((t) => max * t);
  } else if (options.resegmentMode === 'sigma') {
    const mean = pairwiseSum(values) / values.length;
    const squares = values.map((v) => Math.abs(v - mean) ** 2);
    const sd = Math.sqrt(pairwiseSum(squares) / values.length);
    thresholds = sorted.map((t) => mean + sd * t);
  }
  const out = new Uint32Array(n);
  let kept = 0;
  for (let k = 0; k < roi.length; k++) {
    const v = values[k];
    if (v < thresholds[0] || (thresholds.length === 2 && v > thresholds[1])) continue;
    out[roi[k]] = label;
    kept++;
  }
  if (kept <= 1) {
    throw new MaskError(`resegmentation (${options.resegmentMode}, range [${options.resegmentRange.join(', ')}]) left ${kept} voxel(s) of label ${label}: features cannot be extracted`);
  }
  return { ...mask, size: [...mask.size], pixelType: 'uint32', data: out };
}
