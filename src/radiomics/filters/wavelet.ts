// Wavelet decompositions as PyRadiomics computes them (imageoperations.getWaveletImage / _swt3):
// the numpy (z, y, x) array is padded at the end of every odd-length axis with one 'wrap' voxel
// (a copy of index 0), then for each level PyWavelets' `swtn(data, wavelet, level=1, start_level=0,
// axes)` is applied to the current approximation, with axes = (2, 1, 0) (x, then y, then z; the
// force2Ddimension axis is left out with force2D). Every sub-band is cropped back to the input size.
// Sub-band names use L (pywt 'a', low-pass) and H ('d', high-pass) in axes order, i.e. x, y, z:
// 'LLH' = low x, low y, high z.
import type { Vec3, Volume } from '../types.js';
import { FilterInputError } from './errors.js';
import { indexToPhysical, type BoundingBox } from '../preprocess.js';
import { convolutionWorkspace, convolveAxis } from './periodicConvolution.js';
import { waveletFilterBank } from './waveletFilters.js';
import { copyBox } from './crop.js';

export interface WaveletOptions {
  wavelet: string;
  level: number;
  startLevel: number;
  force2D?: boolean;
  /** numpy axis left out with force2D: 0 = z (default), 1 = y, 2 = x. */
  force2Ddimension?: number;
}

export interface WaveletImage {
  /** PyRadiomics image-type name: 'wavelet-LLH' (first level), 'wavelet2-LLH' (level 2), …; approximation last. */
  name: string;
  image: Volume<Float64Array>;
}

/**
 * All wavelet images PyRadiomics yields for these settings, in its order: for each level the 7 (or 3
 * with force2D) detail images in pywt's key order (LLH, LHL, LHH, HLL, HLH, HHL, HHH), then the final
 * approximation (LLL). Values are float64 (pywt's dtype for integer and float64 input); float32 input
 * is computed in float32 arithmetic like pywt and returned widened (pixelType 'float32').
 * With `outputBox`, every image is only that box (the same volume as cropToBoundingBox of the whole
 * image), and the last level computes only the outputs that feed it.
 */
export function waveletDecompositions(image: Volume, options: WaveletOptions, outputBox?: BoundingBox): WaveletImage[] {
  const { level, startLevel } = options;
  if (!Number.isInteger(level) || level < 1) throw new FilterInputError(`wavelet level must be an integer ≥ 1, got ${level}`);
  if (!Number.isInteger(startLevel) || startLevel < 0) {
    throw new FilterInputError(`wavelet start_level must be an integer ≥ 0, got ${startLevel}`);
  }
  const bank = waveletFilterBank(options.wavelet);
  const axes = waveletAxes(options);
  const size = image.size;
  const box = outputBox ?? { lower: [0, 0, 0], upper: [size[0] - 1, size[1] - 1, size[2] - 1] };
  for (let d = 0; d < 3; d++) {
    if (!(box.lower[d] >= 0 && box.lower[d] <= box.upper[d] && box.upper[d] < size[d])) {
      throw new RangeError(`wavelet: output box ${JSON.stringify(box)} is not inside the image (size ${size.join('×')})`);
    }
  }
  const padded: Vec3 = [size[0] + (size[0] % 2), size[1] + (size[1] % 2), size[2] + (size[2] % 2)];
  const whole: BoundingBox = { lower: [0, 0, 0], upper: [padded[0] - 1, padded[1] - 1, padded[2] - 1] };
  const float32 = image.pixelType === 'float32';
  // Volumes: the current approximation, then a low/high pair per filtered axis (depth first, so one
  // pair per depth is enough). The approximation's volume is free once the first axis has read it, so
  // the next level's approximation (the all-low band) goes there.
  const ws = convolutionWorkspace(padded, 1 + 2 * axes.length,
    float32 ? bank.decLo32 : bank.decLo, float32 ? bank.decHi32 : bank.decHi, float32);
  const [approximation] = ws.volumes;
  padWrap(image, padded, ws.view(approximation));
  const pairs = axes.map((_, depth) => [ws.volumes[1 + 2 * depth], ws.volumes[2 + 2 * depth]]);
  const results: WaveletImage[] = [];
  const lastDepth = axes.length - 1;
  const allLow = 'L'.repeat(axes.length);
  // Levels before start_level (idx < 1) only pass their approximation on.
  for (let idx = 1 - startLevel; idx <= level; idx++) {
    const prefix = idx === 1 ? 'wavelet-' : `wavelet${idx}-`;
    const last = idx === level;
    // At the last level every output is cropped to the box: each axis' pass computes the box along
    // the axes filtered so far (and any axis never filtered), whole lines along the axes still to come.
    const regions = axes.map((_, depth): BoundingBox => (last ? {
      lower: box.lower.map((l, a) => (axes.indexOf(a as 0 | 1 | 2) > depth ? 0 : l)) as Vec3,
      upper: box.upper.map((u, a) => (axes.indexOf(a as 0 | 1 | 2) > depth ? padded[a] - 1 : u)) as Vec3,
    } : whole));
    // Depth first, low band before high band: pywt's key order.
    const visit = (src: number, depth: number, key: string): void => {
      const [lo, hi] = pairs[depth];
      if (depth < lastDepth) {
        convolveAxis(ws, src, lo, hi, axes[depth], regions[depth]);
        visit(lo, depth + 1, key + 'L');
        if (idx >= 1) visit(hi, depth + 1, key + 'H');
        return;
      }
      // The all-low band of a level before the last is the next level's input.
      const next = key + 'L' === allLow && !last;
      convolveAxis(ws, src, next ? approximation : lo, hi, axes[depth], regions[depth]);
      if (idx < 1) return;
      if (!next) results.push({ name: prefix + key + 'L', image: cropped(ws.view(lo), padded, image, box, outputBox !== undefined, float32) });
      results.push({ name: prefix + key + 'H', image: cropped(ws.view(hi), padded, image, box, outputBox !== undefined, float32) });
    };
    visit(approximation, 0, '');
  }
  // The final approximation comes last in PyRadiomics' order.
  const finalApproximation = results.findIndex((r) => r.name.endsWith('-' + allLow));
  results.push(...results.splice(finalApproximation, 1));
  return results;
}

/** Filtered axes in ITK/x-fastest numbering (0 = x), in PyRadiomics' order x, y, z. */
function waveletAxes(options: WaveletOptions): Array<0 | 1 | 2> {
  const numpyAxes = [2, 1, 0];
  if (options.force2D) {
    const dim = options.force2Ddimension ?? 0;
    if (![0, 1, 2].includes(dim)) throw new FilterInputError(`force2Ddimension must be 0, 1 or 2, got ${dim}`);
    numpyAxes.splice(numpyAxes.indexOf(dim), 1);
  }
  return numpyAxes.map((a) => (2 - a) as 0 | 1 | 2);
}

/** numpy.pad(arr, [(0, n % 2)] per axis, 'wrap'): out[x, y, z] = data[x mod nx, y mod ny, z mod nz]. */
function padWrap(image: Volume, padded: Vec3, out: Float64Array): void {
  const [nx, ny, nz] = image.size;
  const [px, py, pz] = padded;
  const src = image.data;
  for (let z = 0; z < pz; z++) {
    const sz = z % nz;
    for (let y = 0; y < py; y++) {
      const sy = y % ny;
      const srcRow = nx * (sy + ny * sz);
      const dstRow = px * (y + py * z);
      for (let x = 0; x < nx; x++) out[dstRow + x] = src[srcRow + x];
      if (px > nx) out[dstRow + nx] = src[srcRow];
    }
  }
}

/**
 * The `box` of a padded band: with isBox the same volume as cropToBoundingBox of the band cropped to
 * the image, else the band cropped to the image (box is then the whole image).
 */
function cropped(
  data: Float64Array, padded: Vec3, image: Volume, box: BoundingBox, isBox: boolean, float32: boolean,
): Volume<Float64Array> {
  const { lower, upper } = box;
  const out = copyBox(data, padded[0], padded[1], box,
    new Float64Array((upper[0] - lower[0] + 1) * (upper[1] - lower[1] + 1) * (upper[2] - lower[2] + 1)));
  return {
    size: [upper[0] - lower[0] + 1, upper[1] - lower[1] + 1, upper[2] - lower[2] + 1],
    spacing: [...image.spacing], origin: isBox ? indexToPhysical(image, lower) : [...image.origin], direction: [...image.direction],
    pixelType: float32 ? 'float32' : 'float64', data: out,
  };
}

/**
 * Margin (voxels per side, along each filtered axis) around the ROI bounding box that makes wavelet
 * values inside the ROI identical (bit for bit) to whole-image filtering: each level reads F/2
 * voxels on either side (coif1: 3), and levels chain. Only valid where bbox ± margin stays inside the
 * image on both sides of that axis; otherwise that axis must be kept whole, because the periodic
 * wrap and PyRadiomics' odd-length padding then reach the opposite image edge.
 */
export function waveletFilterMargin(wavelet: string, level: number, startLevel: number): number {
  const F = waveletFilterBank(wavelet).decLo.length;
  return (F / 2) * (level + startLevel);
}
