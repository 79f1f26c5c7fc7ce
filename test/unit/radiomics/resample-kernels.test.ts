// The WebAssembly B-spline kernels (src/radiomics/bspline-kernels.wat) must give bit for bit what the plain
// scalar code gives: ITK's prefilter and 64-term sum, one line / one voxel at a time. The reference below is
// that scalar code (the implementation before the kernels), kept here as the specification.
import { describe, expect, it } from 'vitest';
import { bsplineCoefficients, bsplineEvaluator, bsplinePrefilter1D, mirrorIndex, supportStart } from '../../../src/radiomics/bspline.js';
import { resampleOnGrid } from '../../../src/radiomics/resample.js';
import { castValue, castRule, walkOutputGrid, type Grid } from '../../../src/radiomics/resample-grid.js';
import type { Vec3, Volume } from '../../../src/radiomics/types.js';

const POLE = Math.sqrt(3.0) - 2.0;
const HORIZON = Math.ceil(Math.log(1e-10) / Math.log(Math.abs(POLE)));
const GAIN = 1.0 * (1.0 - POLE) * (1.0 - 1.0 / POLE);

/** ITK DataToCoefficients1D on c[offset + n·stride], the scalar way. */
function referencePrefilter(c: Float64Array, offset: number, stride: number, length: number, keepFrom = 0): void {
  if (length === 1) return;
  const last = offset + (length - 1) * stride;
  const z = POLE;
  const gainedEnd = HORIZON < length ? offset + HORIZON * stride : last + stride;
  for (let i = offset; i < gainedEnd; i += stride) c[i] *= GAIN;
  let zn = z;
  if (HORIZON < length) {
    let sum = c[offset];
    for (let n = 1; n < HORIZON; n++) {
      sum += zn * c[offset + n * stride];
      zn *= z;
    }
    c[offset] = sum;
  } else {
    const iz = 1.0 / z;
    let z2n = Math.pow(z, length - 1);
    let sum = c[offset] + z2n * c[last];
    z2n *= z2n * iz;
    for (let n = 1; n <= length - 2; n++) {
      sum += (zn + z2n) * c[offset + n * stride];
      zn *= z;
      z2n *= iz;
    }
    c[offset] = sum / (1.0 - zn * zn);
  }
  let previous = c[offset];
  let i = offset + stride;
  for (; i < gainedEnd; i += stride) {
    previous = c[i] + z * previous;
    c[i] = previous;
  }
  for (; i <= last; i += stride) {
    previous = c[i] * GAIN + z * previous;
    c[i] = previous;
  }
  let next = (z / (z * z - 1.0)) * (z * c[last - stride] + c[last]);
  c[last] = next;
  for (let k = last - stride; k >= offset + keepFrom * stride; k -= stride) {
    next = z * (next - c[k]);
    c[k] = next;
  }
}

/** The whole image's coefficients (x, then y, then z pass), x fastest. */
function referenceCoefficients(image: Volume): Float64Array {
  const [nx, ny, nz] = image.size;
  const c = Float64Array.from(image.data);
  for (let z = 0; z < nz; z++) for (let y = 0; y < ny; y++) referencePrefilter(c, nx * (y + ny * z), 1, nx);
  for (let z = 0; z < nz; z++) for (let x = 0; x < nx; x++) referencePrefilter(c, x + nx * ny * z, nx, ny);
  for (let y = 0; y < ny; y++) for (let x = 0; x < nx; x++) referencePrefilter(c, x + nx * y, nx * ny, nz);
  return c;
}

/** ITK EvaluateAtContinuousIndex: 64 terms ((wx·wy)·wz)·c, x fastest, summed from 0 (NaN outside the buffer). */
function referenceEvaluate(c: Float64Array, size: Vec3, ci: Vec3): number {
  if (!ci.every((v, d) => v >= -0.5 && v < size[d] - 0.5)) return NaN;
  const w: number[][] = [];
  const o: number[][] = [];
  const strides = [1, size[0], size[0] * size[1]];
  for (let d = 0; d < 3; d++) {
    const start = supportStart(ci[d]);
    const t = ci[d] - (start + 1);
    const w3 = (1.0 / 6.0) * t * t * t;
    const w0 = 1.0 / 6.0 + 0.5 * t * (t - 1.0) - w3;
    const w2 = t + w0 - 2.0 * w3;
    w.push([w0, 1.0 - w0 - w2 - w3, w2, w3]);
    o.push([0, 1, 2, 3].map((k) => mirrorIndex(start + k, size[d]) * strides[d]));
  }
  let value = 0.0;
  for (let k = 0; k < 4; k++) {
    for (let j = 0; j < 4; j++) {
      for (let i = 0; i < 4; i++) value += w[0][i] * w[1][j] * w[2][k] * c[o[0][i] + o[1][j] + o[2][k]];
    }
  }
  return value;
}

function randomVolume(size: Vec3, seed: number, pixelType: 'int16' | 'float64' = 'int16', geometry: Partial<Volume> = {}): Volume {
  let state = seed;
  const random = () => ((state = (state * 1103515245 + 12345) % 2147483648) / 2147483648);
  const n = size[0] * size[1] * size[2];
  const data = pixelType === 'int16' ? new Int16Array(n) : new Float64Array(n);
  for (let i = 0; i < n; i++) data[i] = pixelType === 'int16' ? Math.round(random() * 3000 - 1000) : (random() - 0.5) * 10 ** (Math.floor(random() * 6) - 2);
  return {
    size, pixelType, data, spacing: [1, 1, 1], origin: [0, 0, 0], direction: [1, 0, 0, 0, 1, 0, 0, 0, 1], ...geometry,
  };
}

describe('B-spline WebAssembly kernels round as the scalar code', () => {
  it('prefilter of one line: every length around the 18-term horizon, with and without keepFrom', () => {
    for (const length of [1, 2, 3, 7, 17, 18, 19, 20, 41, 256]) {
      for (const keepFrom of [0, Math.floor(length / 3)]) {
        const line = Float64Array.from(randomVolume([length, 1, 1], length * 7 + keepFrom, 'float64').data);
        const expected = line.slice();
        referencePrefilter(expected, 0, 1, length, keepFrom);
        bsplinePrefilter1D(line, 0, 1, length, keepFrom);
        for (let n = 0; n < length; n++) expect(Object.is(line[n], expected[n]), `length ${length} keepFrom ${keepFrom} n ${n}`).toBe(true);
      }
    }
  });

  it('coefficient blocks of odd and even widths, short (≤ 18) and long axes, odd row counts', () => {
    for (const [size, lo, hi] of [
      [[31, 23, 9], [7, 5, 2], [19, 12, 6]],
      [[40, 21, 25], [0, 0, 0], [39, 20, 24]],
      [[25, 19, 3], [3, 1, 0], [4, 18, 2]],
      [[1, 5, 20], [0, 1, 3], [0, 3, 19]],
    ] as [Vec3, Vec3, Vec3][]) {
      const image = randomVolume(size, size[0] + size[1]);
      const full = referenceCoefficients(image);
      const block = bsplineCoefficients(image, lo, hi);
      for (let z = lo[2]; z <= hi[2]; z++) {
        for (let y = lo[1]; y <= hi[1]; y++) {
          for (let x = lo[0]; x <= hi[0]; x++) {
            const got = block.data[x - lo[0] + block.strideY * y + block.strideZ * z];
            expect(Object.is(got, full[x + size[0] * (y + size[1] * z)]), `${size} at ${[x, y, z]}`).toBe(true);
          }
        }
      }
    }
  });

  it('values at points spread over the image, edges included', () => {
    const image = randomVolume([23, 18, 11], 99, 'float64');
    const c = referenceCoefficients(image);
    const evaluate = bsplineEvaluator(image, [0, 0, 0], [22, 17, 10]);
    let state = 5;
    const random = () => ((state = (state * 1103515245 + 12345) % 2147483648) / 2147483648);
    for (let n = 0; n < 300; n++) {
      const ci = image.size.map((s) => random() * (s + 0.4) - 0.7) as Vec3;
      const expected = referenceEvaluate(c, image.size, ci);
      expect(Object.is(evaluate(ci[0], ci[1], ci[2]), expected), `at ${ci}`).toBe(true);
    }
  });

  for (const [name, direction] of [
    ['axis-aligned', [1, 0, 0, 0, 1, 0, 0, 0, 1]],
    ['oblique (every axis changes along a scan line)', [0.96, -0.28, 0, 0.28 * 0.8, 0.96 * 0.8, -0.6, 0.28 * 0.6, 0.96 * 0.6, 0.8]],
  ] as [string, number[]][]) {
    it(`resampling onto an ${name} grid that overhangs the image`, () => {
      const image = randomVolume([27, 22, 9], 4242, 'int16', { spacing: [0.8, 0.75, 3], origin: [1, -2, 4] });
      const grid: Grid = { size: [19, 20, 15], spacing: [1.3, 1.1, 1.9], origin: [-1.5, -3, 1], direction };
      const out = resampleOnGrid(image, grid, 'sitkBSpline', 'float32');
      const c = referenceCoefficients(image);
      const rule = castRule('float32');
      let inside = 0;
      walkOutputGrid(grid, image, (offset, c0, c1, c2) => {
        const v = referenceEvaluate(c, image.size, [c0, c1, c2]);
        if (!Number.isNaN(v)) inside++;
        expect(Object.is(out.data[offset], Number.isNaN(v) ? 0 : castValue(rule, v)), `voxel ${offset}`).toBe(true);
      });
      // Both inside and outside voxels were checked.
      expect(inside).toBeGreaterThan(1000);
      expect(inside).toBeLessThan(out.data.length - 500);
    });
  }
});
