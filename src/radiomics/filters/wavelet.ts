// Wavelet decompositions as PyRadiomics computes them (imageoperations.getWaveletImage / _swt3):
// the numpy (z, y, x) array is padded at the end of every odd-length axis with one 'wrap' voxel
// (a copy of index 0), then for each level PyWavelets' `swtn(data, wavelet, level=1, start_level=0,
// axes)` is applied to the current approximation, with axes = (2, 1, 0) (x, then y, then z; the
// force2Ddimension axis is left out with force2D). Every sub-band is cropped back to the input size.
// Sub-band names use L (pywt 'a', low-pass) and H ('d', high-pass) in axes order, i.e. x, y, z:
// 'LLH' = low x, low y, high z.
import type { Vec3, Volume } from '../types.js';
import { FilterInputError } from './errors.js';
import {
  convolveContiguousLines, convolveLines, periodicConvolutionPlan, type ConvolutionPlan,
} from './periodicConvolution.js';
import { waveletFilterBank, type WaveletFilterBank } from './waveletFilters.js';

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
 */
export function waveletDecompositions(image: Volume, options: WaveletOptions): WaveletImage[] {
  const { level, startLevel } = options;
  if (!Number.isInteger(level) || level < 1) throw new FilterInputError(`wavelet level must be an integer ≥ 1, got ${level}`);
  if (!Number.isInteger(startLevel) || startLevel < 0) {
    throw new FilterInputError(`wavelet start_level must be an integer ≥ 0, got ${startLevel}`);
  }
  const bank = waveletFilterBank(options.wavelet);
  const axes = waveletAxes(options);
  const size = image.size;
  const padded: Vec3 = [size[0] + (size[0] % 2), size[1] + (size[1] % 2), size[2] + (size[2] % 2)];
  const float32 = image.pixelType === 'float32';
  let approximation = padWrap(image, padded);
  const results: WaveletImage[] = [];
  for (let i = 0; i < startLevel; i++) approximation = approximationOnly(approximation, padded, axes, bank, float32);
  for (let idx = 1; idx <= level; idx++) {
    const prefix = idx === 1 ? 'wavelet-' : `wavelet${idx}-`;
    let next: Float64Array | undefined;
    // Depth first, low band before high band: pywt's key order, and at most one pair of padded
    // intermediates per axis alive at a time.
    const visit = (data: Float64Array, depth: number, key: string): void => {
      if (depth === axes.length) {
        if (key === 'L'.repeat(axes.length)) next = data;
        else results.push({ name: prefix + key, image: cropped(data, padded, image, float32) });
        return;
      }
      const bands: Array<Float64Array | null> = filterAlongAxis(data, padded, axes[depth], bank, float32);
      visit(bands[0]!, depth + 1, key + 'L');
      bands[0] = null; // let the low band go before the high band's subtree allocates
      visit(bands[1]!, depth + 1, key + 'H');
    };
    visit(approximation, 0, '');
    approximation = next!;
  }
  const lastPrefix = level === 1 ? 'wavelet-' : `wavelet${level}-`;
  results.push({ name: lastPrefix + 'L'.repeat(axes.length), image: cropped(approximation, padded, image, float32) });
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

/** numpy.pad(arr, [(0, n % 2)] per axis, 'wrap'): padded[x, y, z] = data[x mod nx, y mod ny, z mod nz]. */
function padWrap(image: Volume, padded: Vec3): Float64Array {
  const [nx, ny, nz] = image.size;
  const [px, py, pz] = padded;
  const out = new Float64Array(px * py * pz);
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
  return out;
}

/** The all-low band of one pywt swtn level (what start_level keeps), computed like the full level's. */
function approximationOnly(
  data: Float64Array, size: Vec3, axes: Array<0 | 1 | 2>, bank: WaveletFilterBank, float32: boolean,
): Float64Array {
  let band = data;
  for (const axis of axes) band = filterAlongAxis(band, size, axis, bank, float32)[0];
  return band;
}

const planCache = new Map<string, ConvolutionPlan>();

function planFor(N: number, F: number): ConvolutionPlan {
  const key = `${N}:${F}`;
  let plan = planCache.get(key);
  if (plan === undefined) {
    plan = periodicConvolutionPlan(N, F);
    planCache.set(key, plan);
  }
  return plan;
}

function filterAlongAxis(
  data: Float64Array, size: Vec3, axis: 0 | 1 | 2, bank: WaveletFilterBank, float32: boolean,
): [Float64Array, Float64Array] {
  const [nx, ny, nz] = size;
  const lo = new Float64Array(data.length);
  const hi = new Float64Array(data.length);
  const plan = planFor(size[axis], bank.decLo.length);
  const decLo = float32 ? bank.decLo32 : bank.decLo;
  const decHi = float32 ? bank.decHi32 : bank.decHi;
  if (axis === 0) {
    convolveContiguousLines(data, lo, hi, plan, decLo, decHi, ny * nz, float32);
  } else if (axis === 1) {
    for (let z = 0; z < nz; z++) convolveLines(data, lo, hi, plan, decLo, decHi, nx, z * nx * ny, nx, float32);
  } else {
    convolveLines(data, lo, hi, plan, decLo, decHi, nx * ny, 0, nx * ny, float32);
  }
  return [lo, hi];
}

function cropped(data: Float64Array, padded: Vec3, image: Volume, float32: boolean): Volume<Float64Array> {
  const [nx, ny, nz] = image.size;
  const [px, py] = padded;
  let out: Float64Array;
  if (px === nx && py === ny && padded[2] === nz) {
    out = data;
  } else {
    out = new Float64Array(nx * ny * nz);
    for (let z = 0; z < nz; z++) {
      for (let y = 0; y < ny; y++) {
        const src = px * (y + py * z);
        const dst = nx * (y + ny * z);
        for (let x = 0; x < nx; x++) out[dst + x] = data[src + x];
      }
    }
  }
  return {
    size: [...image.size], spacing: [...image.spacing], origin: [...image.origin], direction: [...image.direction],
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
