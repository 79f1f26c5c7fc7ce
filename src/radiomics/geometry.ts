// Index ↔ physical transforms of an ITK image, with ITK's operation order (itkImageBase.h/.hxx), so that
// continuous indices agree with ITK's to the last bit. M = D·diag(spacing) maps index steps to mm.
import type { Vec3, Volume } from './types.js';

export type Geometry = Pick<Volume, 'origin' | 'spacing' | 'direction'>;

/** Row-major 3×3 index-to-physical matrix M[i][j] = D[i][j]·spacing[j]. */
export function indexToPhysicalMatrix(g: Geometry): number[] {
  const m = new Array<number>(9);
  for (let i = 0; i < 3; i++) {
    for (let j = 0; j < 3; j++) m[3 * i + j] = g.direction[3 * i + j] * g.spacing[j];
  }
  return m;
}

/**
 * Row-major inverse of M. When M has one non-zero per row and column (axis-aligned directions, possibly
 * flipped or permuted) the inverse is exactly 1/M at the transposed position, which is what ITK's SVD
 * inverse gives for such matrices; otherwise the adjugate formula (may differ from ITK in the last bit).
 */
export function physicalToIndexMatrix(g: Geometry): number[] {
  const m = indexToPhysicalMatrix(g);
  const inverse = new Array<number>(9).fill(0);
  const nonZero = m.map((v) => v !== 0);
  const axisAligned = [0, 1, 2].every((r) => nonZero.slice(3 * r, 3 * r + 3).filter(Boolean).length === 1)
    && [0, 1, 2].every((c) => [0, 1, 2].filter((r) => nonZero[3 * r + c]).length === 1);
  if (axisAligned) {
    for (let r = 0; r < 3; r++) {
      for (let c = 0; c < 3; c++) if (nonZero[3 * r + c]) inverse[3 * c + r] = 1 / m[3 * r + c];
    }
    return inverse;
  }
  const [a, b, c, d, e, f, g2, h, k] = m;
  const det = a * (e * k - f * h) - b * (d * k - f * g2) + c * (d * h - e * g2);
  const adjugate = [
    e * k - f * h, c * h - b * k, b * f - c * e,
    f * g2 - d * k, a * k - c * g2, c * d - a * f,
    d * h - e * g2, b * g2 - a * h, a * e - b * d,
  ];
  return adjugate.map((v) => v / det);
}

/** ITK TransformIndexToPhysicalPoint (integer index): the origin first, then + M[i][j]·index[j]. */
export function indexToPhysicalPoint(g: Geometry, m: readonly number[], index: Vec3): Vec3 {
  const p: Vec3 = [g.origin[0], g.origin[1], g.origin[2]];
  for (let i = 0; i < 3; i++) {
    for (let j = 0; j < 3; j++) p[i] += m[3 * i + j] * index[j];
  }
  return p;
}

/** ITK TransformContinuousIndexToPhysicalPoint: Σ_j M[i][j]·ci[j] from 0, the origin added last. */
export function continuousIndexToPhysicalPoint(g: Geometry, ci: Vec3): Vec3 {
  const m = indexToPhysicalMatrix(g);
  const p: Vec3 = [0, 0, 0];
  for (let i = 0; i < 3; i++) {
    let sum = 0;
    for (let j = 0; j < 3; j++) sum += m[3 * i + j] * ci[j];
    p[i] = sum + g.origin[i];
  }
  return p;
}

/** ITK TransformPhysicalPointToContinuousIndex: Minv·(p − origin), rows summed from 0 in column order. */
export function physicalPointToContinuousIndex(g: Geometry, inverse: readonly number[], p: Vec3): Vec3 {
  const v = [p[0] - g.origin[0], p[1] - g.origin[1], p[2] - g.origin[2]];
  const ci: Vec3 = [0, 0, 0];
  for (let r = 0; r < 3; r++) {
    let sum = 0;
    for (let c = 0; c < 3; c++) sum += inverse[3 * r + c] * v[c];
    ci[r] = sum;
  }
  return ci;
}
