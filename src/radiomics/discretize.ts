// Gray-level discretisation exactly as PyRadiomics does it (imageoperations.getBinEdges / binImage):
// bin edges built with numpy's arange (fixed bin width) or histogram/linspace (fixed bin count), then
// numpy.digitize, so a voxel lands in bin k when edges[k-1] <= value < edges[k]. Comparing with the edges
// (rather than computing floor(value / binWidth)) matters: value / binWidth can round up across an edge.
import type { FeatureClassSettings, Roi } from './types.js';
import { ImageContentError, MaskError, SettingsError } from './errors.js';
import { kernelScratch, textureKernels } from './features/texture-kernels.js';
import { byteLayout } from '../wasm-kernels.js';
import { ensureMemory } from '../wasm-kernels.js';

export interface DiscretizeOptions {
  /**
   * The ROI values are float32 (e.g. LoG output). numpy >= 2 then keeps the scalar steps of the edge
   * computation (min % W, min − mod, max + 2W; histogram's linspace for binCount) in float32.
   * Default false: float64, as for integer and float64 images.
   */
  float32?: boolean;
}

export interface Discretized {
  /** Bin number of every crop voxel (1-based), 0 outside the ROI; same layout as `roi.image` (made on first read). */
  readonly levels: Int32Array;
  /** Crop indices of the ROI voxels, ascending (numpy C order). */
  roiIndices: Int32Array;
  /** Bin number of each ROI voxel, in `roiIndices` order. */
  roiLevels: Int32Array;
  /** Value of each ROI voxel, in `roiIndices` order. */
  roiValues: Float64Array;
  /** Bin numbers present in the ROI, ascending (PyRadiomics' `grayLevels`). */
  grayLevels: Int32Array;
  /** Highest bin present in the ROI (PyRadiomics' `Ng`). */
  ng: number;
  /** The bin edges used (numpy.digitize's `bins`). */
  edges: Float64Array;
}

type Round = (x: number) => number;
const identity: Round = (x) => x;

/** numpy's floor modulo (npy_divmod): the result takes the sign of the divisor. */
function floorMod(a: number, b: number, round: Round): number {
  let mod = a % b;
  if (mod !== 0 && (b < 0) !== (mod < 0)) mod = round(mod + b);
  return mod;
}

/** PyRadiomics' fixed-bin-width edges: numpy.arange(min - min % W, max + 2W, W). */
export function fixedWidthEdges(min: number, max: number, binWidth: number, float32 = false): Float64Array {
  const round: Round = float32 ? Math.fround : identity;
  const low = round(min - floorMod(min, binWidth, round));
  const high = round(max + 2 * binWidth);
  // numpy.arange returns float64 here even for float32 bounds; it fills start + i * delta with
  // delta = (start + step) − start, which drifts from exact multiples for non-integer widths.
  const length = Math.ceil((high - low) / binWidth);
  const delta = low + binWidth - low;
  const edges = new Float64Array(Math.max(length, 1));
  for (let i = 0; i < edges.length; i++) edges[i] = i === 0 ? low : low + i * delta;
  if (edges.length === 1) return Float64Array.of(edges[0] - 0.5, edges[0] + 0.5);
  return edges;
}

/** numpy.histogram(values, binCount) edges (numpy.linspace over [min, max]) with the last edge + 1. */
export function fixedCountEdges(min: number, max: number, binCount: number, float32 = false): Float64Array {
  const round: Round = float32 ? Math.fround : identity;
  let start = min;
  let stop = max;
  if (start === stop) {
    start = round(start - 0.5);
    stop = round(stop + 0.5);
  }
  const delta = round(stop - start);
  const step = round(delta / binCount);
  const edges = new Float64Array(binCount + 1);
  for (let i = 0; i < binCount; i++) edges[i] = round(round(i * step) + start);
  edges[binCount] = round(stop + 1);
  return edges;
}

function checkBinSettings(settings: FeatureClassSettings): void {
  if (settings.binCount !== null) {
    if (!Number.isInteger(settings.binCount) || settings.binCount < 1) {
      throw new SettingsError(`binCount must be a positive integer, got ${settings.binCount}`);
    }
  } else if (!(settings.binWidth > 0) || !Number.isFinite(settings.binWidth)) {
    throw new SettingsError(`binWidth must be a positive number, got ${settings.binWidth}`);
  }
}

/**
 * Crop indices of the voxels inside the mask, ascending, by the maskIndices kernel of texture-kernels.wat (branch-free:
 * every index is written, the count moves on inside the mask). Scratch layout in the kernels' memory: the mask
 * (uint8 per crop voxel), indices (int32 per crop voxel, at most).
 */
export function roiVoxelIndices(roi: Roi): Int32Array {
  const { mask } = roi;
  const [maskAt, indicesAt, end] = byteLayout(kernelScratch(), [mask.length, 4 * mask.length]);
  const buffer = ensureMemory(textureKernels.memory, end, 'the ROI voxel list');
  new Uint8Array(buffer, maskAt, mask.length).set(mask);
  const count = textureKernels.maskIndices(maskAt, mask.length, indicesAt);
  return new Int32Array(buffer.slice(indicesAt, indicesAt + 4 * count));
}

/** Bins the ROI voxels with the class settings' binWidth or binCount, as PyRadiomics' _applyBinning. */
export function discretize(roi: Roi, settings: FeatureClassSettings, options: DiscretizeOptions = {}): Discretized {
  checkBinSettings(settings);
  const [nx, ny, nz] = roi.size;
  if (roi.image.length !== nx * ny * nz || roi.mask.length !== nx * ny * nz) {
    throw new MaskError(`ROI arrays do not match its size ${nx}×${ny}×${nz}`);
  }
  // The ROI voxels depend only on the mask: shared by the image types of an extraction when it shares its tables.
  const roiIndices = roi.neighbourTables ? roi.neighbourTables.roiIndices(roi) : roiVoxelIndices(roi);
  if (roiIndices.length === 0) throw new MaskError('the ROI is empty: no mask voxel inside the crop');
  const roiValues = new Float64Array(roiIndices.length);
  const range = new Float64Array(2);
  const nan = gatherValues(roi.image, roiIndices, roiValues, range);
  if (nan >= 0) throw new ImageContentError(`NaN voxel value inside the ROI (crop index ${roiIndices[nan]})`);
  const [min, max] = range;
  if (!Number.isFinite(min) || !Number.isFinite(max)) {
    throw new ImageContentError('infinite voxel value inside the ROI');
  }
  const edges = settings.binCount !== null
    ? fixedCountEdges(min, max, settings.binCount, options.float32)
    : fixedWidthEdges(min, max, settings.binWidth, options.float32);

  const roiLevels = new Int32Array(roiIndices.length);
  const { ng, present } = binValues(roiValues, edges, roiLevels);
  let levels: Int32Array | undefined;
  return {
    get levels() {
      return (levels ??= cropLevels(roiLevels, roiIndices, roi.image.length));
    },
    roiIndices, roiLevels, roiValues, grayLevels: presentLevels(present, ng), ng, edges,
  };
}

/** The ROI levels in crop layout (length `length`), 0 outside the ROI. */
function cropLevels(roiLevels: Int32Array, roiIndices: Int32Array, length: number): Int32Array {
  const levels = new Int32Array(length);
  for (let v = 0; v < roiIndices.length; v++) levels[roiIndices[v]] = roiLevels[v];
  return levels;
}

/**
 * values[v] = image[roiIndices[v]]; range = [min, max] of them, by the gatherValues kernel of texture-kernels.wat.
 * Returns the position of the first NaN value (range then incomplete), or -1. Scratch layout in the kernels'
 * memory: image (float64 per crop voxel), roiIndices (int32 per voxel), values (float64 per voxel), range (2 float64).
 */
function gatherValues(image: Float64Array, roiIndices: Int32Array, values: Float64Array, range: Float64Array): number {
  const nv = roiIndices.length;
  const [imageAt, indexAt, valuesAt, rangeAt, end] = byteLayout(kernelScratch(), [8 * image.length, 4 * nv, 8 * nv, 16]);
  const buffer = ensureMemory(textureKernels.memory, end, 'discretisation');
  new Float64Array(buffer, imageAt, image.length).set(image);
  new Int32Array(buffer, indexAt, nv).set(roiIndices);
  const nan = textureKernels.gatherValues(imageAt, indexAt, nv, valuesAt, rangeAt);
  if (nan < 0) {
    values.set(new Float64Array(buffer, valuesAt, nv));
    range.set(new Float64Array(buffer, rangeAt, 2));
  }
  return nan;
}

/**
 * The bin of every ROI value, in ROI order (roiLevels), by the binValues kernel of texture-kernels.wat:
 * numpy.digitize(value, edges) for increasing, near-uniform edges, the number of edges <= value (an arithmetic
 * guess settled by comparing with the edges themselves). Returns the highest bin and the bins present. Scratch layout in the kernels' memory: values
 * (float64 per voxel), edges (float64), roiLevels (int32 per voxel), present (int8 per bin 0..edges.length).
 */
function binValues(values: Float64Array, edges: Float64Array, roiLevels: Int32Array): { ng: number; present: Uint8Array } {
  const nv = values.length;
  const last = edges.length;
  const [valuesAt, edgesAt, levelsAt, presentAt, end] = byteLayout(kernelScratch(), [8 * nv, 8 * last, 4 * nv, last + 1]);
  const buffer = ensureMemory(textureKernels.memory, end, 'discretisation');
  new Float64Array(buffer, valuesAt, nv).set(values);
  new Float64Array(buffer, edgesAt, last).set(edges);
  new Uint8Array(buffer, presentAt, last + 1).fill(0);
  const ng = textureKernels.binValues(valuesAt, nv, edgesAt, last, edges[0], edges[1] - edges[0], levelsAt, presentAt);
  roiLevels.set(new Int32Array(buffer, levelsAt, nv));
  return { ng, present: new Uint8Array(buffer.slice(presentAt, presentAt + ng + 1)) };
}

/** The bins 1..ng flagged in `present`, ascending. */
function presentLevels(present: Uint8Array, ng: number): Int32Array {
  let count = 0;
  for (let g = 1; g <= ng; g++) count += present[g];
  const grayLevels = new Int32Array(count);
  for (let g = 1, k = 0; g <= ng; g++) if (present[g]) grayLevels[k++] = g;
  return grayLevels;
}
