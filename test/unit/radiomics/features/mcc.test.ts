// GLCM MCC (maximalCorrelationCoefficient): the symmetric-GLCM path (second largest |eigenvalue| of
// M = Dx^-½ P Dy^-½) on hand-worked cases, and against the general path (eigenvalues of Q) on the same
// singular values reached through a non-symmetric matrix.
import { describe, expect, it } from 'vitest';
import { maximalCorrelationCoefficient } from '../../../../src/radiomics/features/glcm-features.js';

function marginals(p: Float64Array, n: number): { px: Float64Array; py: Float64Array } {
  const px = new Float64Array(n);
  const py = new Float64Array(n);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) {
    px[i] += p[i * n + j];
    py[j] += p[i * n + j];
  }
  return { px, py };
}

function mcc(p: Float64Array, n: number): number {
  const { px, py } = marginals(p, n);
  return maximalCorrelationCoefficient(p, n, px, py);
}

/** A normalised symmetric n×n GLCM with some zero entries and one empty gray level (row and column 2). */
function symmetricGlcm(n: number): Float64Array {
  const p = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      const v = i === 2 || j === 2 || (i - j) % 5 === 4 ? 0 : 1 + ((i * 7 + j * 3) % 11) / (1 + Math.abs(i - j));
      p[i * n + j] = v;
      p[j * n + i] = v;
    }
  }
  const sum = p.reduce((s, v) => s + v, 0);
  return p.map((v) => v / sum);
}

// Tolerance: both paths are backward stable on matrices of norm ≤ 1; ε in the denominators moves MCC by
// far less than 1e-13 here (every px·py ≥ 1e-4). 1e-13 catches a wrong eigenvalue or a wrong matrix.
const TOL = 1e-13;

describe('maximalCorrelationCoefficient', () => {
  it('2 gray levels: MCC = |a/(a+b) + c/(b+c) − 1| for P = [[a, b], [b, c]]', () => {
    const [a, b, c] = [0.3, 0.15, 0.4];
    expect(Math.abs(mcc(Float64Array.of(a, b, b, c), 2) - Math.abs(a / (a + b) + c / (b + c) - 1))).toBeLessThan(TOL);
  });

  it('two gray-level groups that never co-occur: MCC = 1; only pairs of unequal levels (bipartite): MCC = 1', () => {
    const blocks = Float64Array.of(0.2, 0.1, 0, 0, 0.1, 0.1, 0, 0, 0, 0, 0.3, 0.05, 0, 0, 0.05, 0.1);
    expect(Math.abs(mcc(blocks, 4) - 1)).toBeLessThan(TOL);
    expect(Math.abs(mcc(Float64Array.of(0, 0.5, 0.5, 0), 2) - 1)).toBeLessThan(TOL);
  });

  it('one gray level in any pair (the others absent from P): 0, as from the eigenvalues of Q', () => {
    expect(mcc(Float64Array.of(1, 0, 0, 0, 0, 0, 0, 0, 0), 3)).toBe(0);
  });

  it('symmetric path agrees with the general path on the same singular values (columns permuted)', () => {
    const n = 30;
    const p = symmetricGlcm(n);
    // P·Π has the singular values of M·Π, i.e. those of M; it is not symmetric, so it takes the general path.
    const perm = Array.from({ length: n }, (_, j) => (j * 7) % n);
    const permuted = new Float64Array(n * n);
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) permuted[i * n + j] = p[i * n + perm[j]];
    const symmetric = mcc(p, n);
    expect(symmetric).toBeGreaterThan(0.05);
    expect(symmetric).toBeLessThan(0.999);
    expect(Math.abs(symmetric - mcc(permuted, n))).toBeLessThan(TOL);
  });
});
