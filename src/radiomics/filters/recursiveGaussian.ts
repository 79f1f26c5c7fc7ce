// Recursive (IIR) Gaussian smoothing and second derivative along one axis, as ITK's
// RecursiveGaussianImageFilter (Deriche 4th-order fit with Farnebäck's coefficients) computes it.
// Coefficients are formed in double with the same operation order as ITK; each line is filtered in
// double and written out as float32, exactly like ITK's float-typed intermediate images.
import type { Vec3 } from '../types.js';
import { exactCos, exactExp, exactSin } from './exactMath.js';

export type GaussianOrder = 0 | 2;

/** Causal (n), recursive (d), anti-causal (m) and boundary (bn, bm) coefficients, index 1-based as in ITK. */
export interface RecursiveGaussianCoefficients {
  n0: number; n1: number; n2: number; n3: number;
  d1: number; d2: number; d3: number; d4: number;
  m1: number; m2: number; m3: number; m4: number;
  bn1: number; bn2: number; bn3: number; bn4: number;
  bm1: number; bm2: number; bm3: number; bm4: number;
}

// Farnebäck/Deriche fit of the Gaussian (index 0) and of its second derivative (index 2).
const A1 = [1.3530, -0.6724, -1.3563];
const B1 = [1.8151, -3.4327, 5.2318];
const A2 = [-0.3531, 0.6724, 0.3446];
const B2 = [0.0902, 0.6100, -2.2355];
const W1 = 0.6681;
const L1 = -1.3932;
const W2 = 2.0787;
const L2 = -1.3732;

interface Trig { cos1: number; cos2: number; sin1: number; sin2: number; exp1: number; exp2: number }

function trig(sigmaD: number): Trig {
  return {
    cos1: exactCos(W1 / sigmaD), cos2: exactCos(W2 / sigmaD),
    sin1: exactSin(W1 / sigmaD), sin2: exactSin(W2 / sigmaD),
    exp1: exactExp(L1 / sigmaD), exp2: exactExp(L2 / sigmaD),
  };
}

function denominatorCoefficients(t: Trig) {
  const { cos1, cos2, exp1, exp2 } = t;
  const d4 = exp1 * exp1 * exp2 * exp2;
  let d3 = -2 * cos1 * exp1 * exp2 * exp2;
  d3 += -2 * cos2 * exp2 * exp1 * exp1;
  let d2 = 4 * cos2 * cos1 * exp1 * exp2;
  d2 += exp1 * exp1 + exp2 * exp2;
  const d1 = -2 * (exp2 * cos2 + exp1 * cos1);
  const sd = 1.0 + d1 + d2 + d3 + d4;
  const dd = d1 + 2 * d2 + 3 * d3 + 4 * d4;
  const ed = d1 + 4 * d2 + 9 * d3 + 16 * d4;
  return { d1, d2, d3, d4, sd, dd, ed };
}

function numeratorCoefficients(t: Trig, a1: number, b1: number, a2: number, b2: number) {
  const { cos1, cos2, sin1, sin2, exp1, exp2 } = t;
  const n0 = a1 + a2;
  let n1 = exp2 * (b2 * sin2 - (a2 + 2 * a1) * cos2);
  n1 += exp1 * (b1 * sin1 - (a1 + 2 * a2) * cos1);
  let n2 = (a1 + a2) * cos2 * cos1;
  n2 -= b1 * cos2 * sin1 + b2 * cos1 * sin2;
  n2 *= 2 * exp1 * exp2;
  n2 += a2 * exp1 * exp1 + a1 * exp2 * exp2;
  let n3 = exp2 * exp1 * exp1 * (b2 * sin2 - a2 * cos2);
  n3 += exp1 * exp2 * exp2 * (b1 * sin1 - a1 * cos1);
  return { n0, n1, n2, n3, sn: n0 + n1 + n2 + n3, dn: n1 + 2 * n2 + 3 * n3, en: n1 + 4 * n2 + 9 * n3 };
}

/**
 * ITK's SetUp(spacing) for a symmetric kernel (order 0 or 2). sigma and spacing in mm;
 * NormalizeAcrossScale multiplies the order-2 kernel by sigma² (order 0 is never rescaled).
 */
export function recursiveGaussianCoefficients(
  sigma: number, spacing: number, order: GaussianOrder, normalizeAcrossScale: boolean,
): RecursiveGaussianCoefficients {
  // The exact libm evaluation costs ~0.2 ms per set; an extraction asks for the same few sets repeatedly.
  const key = `${sigma}/${spacing}/${order}/${normalizeAcrossScale}`;
  let cached = coefficientCache.get(key);
  if (cached === undefined) {
    cached = Object.freeze(computeCoefficients(sigma, spacing, order, normalizeAcrossScale));
    if (coefficientCache.size > 256) coefficientCache.clear();
    coefficientCache.set(key, cached);
  }
  return cached;
}

const coefficientCache = new Map<string, Readonly<RecursiveGaussianCoefficients>>();

function computeCoefficients(
  sigma: number, spacing: number, order: GaussianOrder, normalizeAcrossScale: boolean,
): RecursiveGaussianCoefficients {
  const absSpacing = Math.abs(spacing);
  if (!(sigma > 0)) throw new RangeError(`recursive Gaussian: sigma must be > 0, got ${sigma}`);
  if (!(absSpacing >= 1e-8)) throw new RangeError(`recursive Gaussian: spacing ${spacing} is suspiciously small`);
  const sigmaD = sigma / absSpacing;
  const t = trig(sigmaD);
  const { d1, d2, d3, d4, sd, dd, ed } = denominatorCoefficients(t);
  let n0: number, n1: number, n2: number, n3: number;
  if (order === 0) {
    const c = numeratorCoefficients(t, A1[0], B1[0], A2[0], B2[0]);
    const alpha0 = 2 * c.sn / sd - c.n0;
    const scale = 1.0 / alpha0;
    n0 = c.n0 * scale; n1 = c.n1 * scale; n2 = c.n2 * scale; n3 = c.n3 * scale;
  } else {
    const asn = normalizeAcrossScale ? sigma * sigma : 1.0;
    const c0 = numeratorCoefficients(t, A1[0], B1[0], A2[0], B2[0]);
    const c2 = numeratorCoefficients(t, A1[2], B1[2], A2[2], B2[2]);
    const beta = -(2 * c2.sn - sd * c2.n0) / (2 * c0.sn - sd * c0.n0);
    n0 = c2.n0 + beta * c0.n0; n1 = c2.n1 + beta * c0.n1; n2 = c2.n2 + beta * c0.n2; n3 = c2.n3 + beta * c0.n3;
    const sn = c2.sn + beta * c0.sn;
    const dn = c2.dn + beta * c0.dn;
    const en = c2.en + beta * c0.en;
    let alpha2 = en * sd * sd - ed * sn * sd - 2 * dn * dd * sd + 2 * dd * dd * sn;
    alpha2 /= sd * sd * sd;
    const scale = asn / alpha2;
    n0 *= scale; n1 *= scale; n2 *= scale; n3 *= scale;
  }
  // Symmetric kernel: anti-causal coefficients mirror the causal ones.
  const m1 = n1 - d1 * n0;
  const m2 = n2 - d2 * n0;
  const m3 = n3 - d3 * n0;
  const m4 = -d4 * n0;
  // Boundary coefficients emulate an input that repeats its edge value to infinity.
  const sumN = n0 + n1 + n2 + n3;
  const sumM = m1 + m2 + m3 + m4;
  const sumD = 1.0 + d1 + d2 + d3 + d4;
  return {
    n0, n1, n2, n3, d1, d2, d3, d4, m1, m2, m3, m4,
    bn1: d1 * sumN / sumD, bn2: d2 * sumN / sumD, bn3: d3 * sumN / sumD, bn4: d4 * sumN / sumD,
    bm1: d1 * sumM / sumD, bm2: d2 * sumM / sumD, bm3: d3 * sumM / sumD, bm4: d4 * sumM / sumD,
  };
}

/**
 * Filters one line (length ≥ 4) in double: causal pass into `out`, then the anti-causal pass, each
 * causal + anti-causal sum written rounded to float32 to output[outputStart + i]. Sums are formed
 * left to right as ITK's MathEMAMAMAM / MathSMAMAMAM do.
 */
export function filterLine(
  c: RecursiveGaussianCoefficients, x: Float64Array, out: Float64Array, ln: number,
  output: Float64Array, outputStart: number,
): void {
  const { n0, n1, n2, n3, d1, d2, d3, d4, m1, m2, m3, m4, bn1, bn2, bn3, bn4, bm1, bm2, bm3, bm4 } = c;
  const v = x[0];
  let o0 = v * n0 + v * n1 + v * n2 + v * n3;
  let o1 = x[1] * n0 + v * n1 + v * n2 + v * n3;
  let o2 = x[2] * n0 + x[1] * n1 + v * n2 + v * n3;
  let o3 = x[3] * n0 + x[2] * n1 + x[1] * n2 + v * n3;
  o0 -= v * bn1 + v * bn2 + v * bn3 + v * bn4;
  o1 -= o0 * d1 + v * bn2 + v * bn3 + v * bn4;
  o2 -= o1 * d1 + o0 * d2 + v * bn3 + v * bn4;
  o3 -= o2 * d1 + o1 * d2 + o0 * d3 + v * bn4;
  out[0] = o0; out[1] = o1; out[2] = o2; out[3] = o3;
  // Rolling registers: o3 is the newest output, o0 the oldest.
  for (let i = 4; i < ln; i++) {
    let o = x[i] * n0 + x[i - 1] * n1 + x[i - 2] * n2 + x[i - 3] * n3;
    o -= o3 * d1 + o2 * d2 + o1 * d3 + o0 * d4;
    out[i] = o;
    o0 = o1; o1 = o2; o2 = o3; o3 = o;
  }

  const u = x[ln - 1];
  let s0 = u * m1 + u * m2 + u * m3 + u * m4; // s[ln-1]
  let s1 = x[ln - 1] * m1 + u * m2 + u * m3 + u * m4; // s[ln-2]
  let s2 = x[ln - 2] * m1 + x[ln - 1] * m2 + u * m3 + u * m4; // s[ln-3]
  let s3 = x[ln - 3] * m1 + x[ln - 2] * m2 + x[ln - 1] * m3 + u * m4; // s[ln-4]
  s0 -= u * bm1 + u * bm2 + u * bm3 + u * bm4;
  s1 -= s0 * d1 + u * bm2 + u * bm3 + u * bm4;
  s2 -= s1 * d1 + s0 * d2 + u * bm3 + u * bm4;
  s3 -= s2 * d1 + s1 * d2 + s0 * d3 + u * bm4;
  const o = outputStart;
  output[o + ln - 1] = Math.fround(out[ln - 1] + s0);
  output[o + ln - 2] = Math.fround(out[ln - 2] + s1);
  output[o + ln - 3] = Math.fround(out[ln - 3] + s2);
  output[o + ln - 4] = Math.fround(out[ln - 4] + s3);
  for (let i = ln - 4; i > 0; i--) {
    let s = x[i] * m1 + x[i + 1] * m2 + x[i + 2] * m3 + x[i + 3] * m4;
    s -= s3 * d1 + s2 * d2 + s1 * d3 + s0 * d4;
    output[o + i - 1] = Math.fround(out[i - 1] + s);
    s0 = s1; s1 = s2; s2 = s3; s3 = s;
  }
}

/**
 * Filters W interleaved lines of length L at once: element i of line w is at base + i·stride + w in
 * `input`. Same arithmetic, in the same order, as filterLine for each line; the inner loops run over
 * w, so memory is read contiguously even when the filter axis has a large stride. Results are written
 * rounded to float32 to `output` at the same positions; `output` must not be `input`.
 */
export function filterInterleavedLines(
  c: RecursiveGaussianCoefficients, input: Float64Array, output: Float64Array,
  base: number, stride: number, width: number, ln: number, causal: Float64Array, anti: Float64Array,
): void {
  const { n0, n1, n2, n3, d1, d2, d3, d4, m1, m2, m3, m4, bn1, bn2, bn3, bn4, bm1, bm2, bm3, bm4 } = c;
  const W = width;
  // Causal pass, first four samples with the edge value v repeated to -infinity.
  for (let w = 0; w < W; w++) {
    const p = base + w;
    const v = input[p];
    const x1 = input[p + stride];
    const x2 = input[p + 2 * stride];
    const x3 = input[p + 3 * stride];
    let o0 = v * n0 + v * n1 + v * n2 + v * n3;
    let o1 = x1 * n0 + v * n1 + v * n2 + v * n3;
    let o2 = x2 * n0 + x1 * n1 + v * n2 + v * n3;
    let o3 = x3 * n0 + x2 * n1 + x1 * n2 + v * n3;
    o0 -= v * bn1 + v * bn2 + v * bn3 + v * bn4;
    o1 -= o0 * d1 + v * bn2 + v * bn3 + v * bn4;
    o2 -= o1 * d1 + o0 * d2 + v * bn3 + v * bn4;
    o3 -= o2 * d1 + o1 * d2 + o0 * d3 + v * bn4;
    causal[w] = o0; causal[W + w] = o1; causal[2 * W + w] = o2; causal[3 * W + w] = o3;
  }
  for (let i = 4; i < ln; i++) {
    // Row starts of x[i], x[i-1], x[i-2], x[i-3] and of o[i], o[i-1], ..., o[i-4].
    const p0 = base + i * stride, p1 = p0 - stride, p2 = p1 - stride, p3 = p2 - stride;
    const r0 = i * W, r1 = r0 - W, r2 = r1 - W, r3 = r2 - W, r4 = r3 - W;
    for (let w = 0; w < W; w++) {
      let o = input[p0 + w] * n0 + input[p1 + w] * n1 + input[p2 + w] * n2 + input[p3 + w] * n3;
      o -= causal[r1 + w] * d1 + causal[r2 + w] * d2 + causal[r3 + w] * d3 + causal[r4 + w] * d4;
      causal[r0 + w] = o;
    }
  }
  // Anti-causal pass, last four samples with the edge value u repeated to +infinity.
  const last = base + (ln - 1) * stride;
  for (let w = 0; w < W; w++) {
    const p = last + w;
    const u = input[p];
    const xm1 = input[p - stride];
    const xm2 = input[p - 2 * stride];
    let s0 = u * m1 + u * m2 + u * m3 + u * m4;
    let s1 = u * m1 + u * m2 + u * m3 + u * m4;
    let s2 = xm1 * m1 + u * m2 + u * m3 + u * m4;
    let s3 = xm2 * m1 + xm1 * m2 + u * m3 + u * m4;
    s0 -= u * bm1 + u * bm2 + u * bm3 + u * bm4;
    s1 -= s0 * d1 + u * bm2 + u * bm3 + u * bm4;
    s2 -= s1 * d1 + s0 * d2 + u * bm3 + u * bm4;
    s3 -= s2 * d1 + s1 * d2 + s0 * d3 + u * bm4;
    anti[(ln - 1) * W + w] = s0; anti[(ln - 2) * W + w] = s1;
    anti[(ln - 3) * W + w] = s2; anti[(ln - 4) * W + w] = s3;
    output[p] = Math.fround(causal[(ln - 1) * W + w] + s0);
    output[p - stride] = Math.fround(causal[(ln - 2) * W + w] + s1);
    output[p - 2 * stride] = Math.fround(causal[(ln - 3) * W + w] + s2);
    output[p - 3 * stride] = Math.fround(causal[(ln - 4) * W + w] + s3);
  }
  for (let i = ln - 4; i > 0; i--) {
    // Row starts of x[i], ..., x[i+3] and of s[i-1], s[i], ..., s[i+3].
    const p0 = base + i * stride, p1 = p0 + stride, p2 = p1 + stride, p3 = p2 + stride;
    const r0 = (i - 1) * W, r1 = r0 + W, r2 = r1 + W, r3 = r2 + W, r4 = r3 + W;
    const q = p0 - stride; // output row i-1: its input is no longer read once s[i-1] is known
    for (let w = 0; w < W; w++) {
      let s = input[p0 + w] * m1 + input[p1 + w] * m2 + input[p2 + w] * m3 + input[p3 + w] * m4;
      s -= anti[r1 + w] * d1 + anti[r2 + w] * d2 + anti[r3 + w] * d3 + anti[r4 + w] * d4;
      anti[r0 + w] = s;
      output[q + w] = Math.fround(causal[r0 + w] + s);
    }
  }
}

/**
 * One separable pass along `axis` (0 = x, 1 = y, 2 = z) over a volume stored x-fastest.
 * Values are written rounded to float32 (ITK's static_cast<float> into its float images) but
 * stored in a Float64Array, so every pass reads one array type. `output` must not be `input`.
 */
export function recursiveGaussianPass(
  input: Float64Array, output: Float64Array, size: Vec3, axis: 0 | 1 | 2, c: RecursiveGaussianCoefficients,
  buffers?: PassBuffers,
): void {
  const [nx, ny, nz] = size;
  const ln = size[axis];
  if (ln < 4) {
    throw new RangeError(`recursive Gaussian: ${ln} voxels along axis ${axis}; at least 4 are needed`);
  }
  if (input === output) throw new RangeError('recursive Gaussian pass: output must be a different array than input');
  const b = buffers ?? createPassBuffers(size);
  if (axis === 0) {
    const { line, out } = b;
    for (let start = 0; start < nx * ny * nz; start += nx) {
      for (let i = 0; i < nx; i++) line[i] = input[start + i];
      filterLine(c, line, out, nx, output, start);
    }
  } else if (axis === 1) {
    // One z slab at a time: nx interleaved lines of length ny with stride nx.
    for (let z = 0; z < nz; z++) filterInterleavedLines(c, input, output, z * nx * ny, nx, nx, ny, b.causal, b.anti);
  } else {
    // One y row at a time: nx interleaved lines of length nz with stride nx·ny.
    for (let y = 0; y < ny; y++) filterInterleavedLines(c, input, output, y * nx, nx * ny, nx, nz, b.causal, b.anti);
  }
}

export interface PassBuffers {
  line: Float64Array; out: Float64Array; causal: Float64Array; anti: Float64Array;
}

/** Scratch space for recursiveGaussianPass on volumes of this size (reused across passes). */
export function createPassBuffers(size: Vec3): PassBuffers {
  const longest = Math.max(...size);
  const block = size[0] * Math.max(size[1], size[2]);
  return {
    line: new Float64Array(longest), out: new Float64Array(longest),
    causal: new Float64Array(block), anti: new Float64Array(block),
  };
}
