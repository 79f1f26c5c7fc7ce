// Recursive (IIR) Gaussian smoothing and second derivative along one axis, as ITK's
// RecursiveGaussianImageFilter (Deriche 4th-order fit with Farnebäck's coefficients) computes it.
// Coefficients are formed in double with the same operation order as ITK. The line filter itself (in
// double, each result written out as float32 like ITK's float-typed intermediate images) is the
// WebAssembly kernel in recursive-gaussian-kernels.wat.
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
