// The symmetric eigenvalue solvers used for GLCM MCC, on matrices with a known spectrum: A = H·diag(λ)·H with
// H = I − 2vvᵀ/vᵀv an orthogonal reflection, so the eigenvalues of A are exactly λ.
import { describe, expect, it } from 'vitest';
import { symmetricAbsEigenvalue, symmetricEigenvalues } from '../../../../src/radiomics/features/symmetric-eigenvalues.js';

function withSpectrum(lambda: number[], v: number[]): Float64Array {
  const n = lambda.length;
  const vv = v.reduce((s, x) => s + x * x, 0);
  const h = (i: number, j: number) => (i === j ? 1 : 0) - (2 * v[i] * v[j]) / vv;
  const a = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      let s = 0;
      for (let k = 0; k < n; k++) s += h(i, k) * lambda[k] * h(k, j);
      a[i * n + j] = s;
    }
  }
  for (let i = 0; i < n; i++) for (let j = 0; j < i; j++) a[i * n + j] = a[j * n + i]; // exactly symmetric
  return a;
}

// Tolerance: a backward-stable solver gets each eigenvalue within a few ε·‖A‖ (‖A‖ ≤ 3 here); 1e-13 allows
// that and the rounding in building A, but not a wrong or missing eigenvalue.
const TOL = 1e-13;

describe('symmetricEigenvalues', () => {
  it('returns a known spectrum, ascending, with repeated and zero eigenvalues', () => {
    const lambda = [1, 0.49, 0.25, 0.25, 0, 0, 1e-6, 3, -0.5, 0.01];
    const v = [0.3, -1.2, 0.7, 2.1, -0.4, 0.9, 1.5, -0.8, 0.2, 1.1];
    const values = symmetricEigenvalues(withSpectrum(lambda, v), lambda.length);
    const expected = [...lambda].sort((x, y) => x - y);
    values.forEach((value, k) => expect(Math.abs(value - expected[k])).toBeLessThan(TOL));
  });

  it('larger matrix (n = 60, as for a wavelet LLL GLCM)', () => {
    const n = 60;
    const lambda = Array.from({ length: n }, (_, k) => Math.cos(k * 1.3) * (k % 7 === 0 ? 0 : 1));
    const v = Array.from({ length: n }, (_, k) => Math.sin(k * 0.7) + 0.1);
    const values = symmetricEigenvalues(withSpectrum(lambda, v), n);
    const expected = [...lambda].sort((x, y) => x - y);
    values.forEach((value, k) => expect(Math.abs(value - expected[k])).toBeLessThan(TOL));
  });

  it('every small size (odd and even n: the two-lane loops and their one-element tails)', () => {
    for (let n = 2; n <= 9; n++) {
      const lambda = Array.from({ length: n }, (_, k) => Math.sin(k * 2.1 + n));
      const v = Array.from({ length: n }, (_, k) => Math.cos(k * 0.9) + 0.3);
      const values = symmetricEigenvalues(withSpectrum(lambda, v), n);
      const expected = [...lambda].sort((x, y) => x - y);
      values.forEach((value, k) => expect(Math.abs(value - expected[k]), `n = ${n}, k = ${k}`).toBeLessThan(TOL));
    }
  });

  it('1×1 and diagonal matrices', () => {
    expect(Array.from(symmetricEigenvalues(Float64Array.of(0.7), 1))).toEqual([0.7]);
    expect(Array.from(symmetricEigenvalues(Float64Array.of(2, 0, 0, 0, -1, 0, 0, 0, 0.5), 3))).toEqual([-1, 0.5, 2]);
  });

  it('leaves its input unchanged', () => {
    const a = withSpectrum([1, 2, 3], [1, 1, 1]);
    const copy = a.slice();
    symmetricEigenvalues(a, 3);
    expect(a).toEqual(copy);
  });
});

describe('symmetricAbsEigenvalue', () => {
  const magnitudes = (lambda: number[]) => lambda.map(Math.abs).sort((x, y) => y - x);

  it('returns the k-th largest |eigenvalue|, negative ones included', () => {
    const lambda = [1, 0.49, 0.25, 0.25, 0, 0, 1e-6, -0.9, -0.5, 0.01];
    const v = [0.3, -1.2, 0.7, 2.1, -0.4, 0.9, 1.5, -0.8, 0.2, 1.1];
    const expected = magnitudes(lambda);
    for (let rank = 0; rank < lambda.length; rank++) {
      const value = symmetricAbsEigenvalue(withSpectrum(lambda, v), lambda.length, rank);
      expect(Math.abs(value - expected[rank]), `rank ${rank}`).toBeLessThan(TOL);
    }
  });

  it('a repeated top magnitude (1 and −1, as a bipartite GLCM gives) is returned twice', () => {
    const lambda = [1, -1, 0.3, 0.2];
    const a = withSpectrum(lambda, [1, 2, -1, 0.5]);
    expect(Math.abs(symmetricAbsEigenvalue(a.slice(), 4, 0) - 1)).toBeLessThan(TOL);
    expect(Math.abs(symmetricAbsEigenvalue(a.slice(), 4, 1) - 1)).toBeLessThan(TOL);
    expect(Math.abs(symmetricAbsEigenvalue(a.slice(), 4, 2) - 0.3)).toBeLessThan(TOL);
  });

  it('agrees with the full solver on a larger matrix (n = 85, as wavelet-LLL)', () => {
    const n = 85;
    const lambda = Array.from({ length: n }, (_, k) => Math.cos(k * 1.3) * (k % 7 === 0 ? 0 : 1));
    const v = Array.from({ length: n }, (_, k) => Math.sin(k * 0.7) + 0.1);
    const a = withSpectrum(lambda, v);
    const all = magnitudes(Array.from(symmetricEigenvalues(a, n)));
    const expected = magnitudes(lambda);
    for (const rank of [0, 1, 2, 40, 84]) {
      const value = symmetricAbsEigenvalue(a.slice(), n, rank);
      expect(Math.abs(value - expected[rank]), `rank ${rank}`).toBeLessThan(TOL);
      expect(Math.abs(value - all[rank]), `rank ${rank} vs QL`).toBeLessThan(TOL);
    }
  });

  it('1×1, zero matrices and ranks beyond n', () => {
    expect(symmetricAbsEigenvalue(Float64Array.of(-0.7), 1, 0)).toBe(0.7);
    expect(symmetricAbsEigenvalue(Float64Array.of(-0.7), 1, 1)).toBe(0);
    expect(symmetricAbsEigenvalue(new Float64Array(9), 3, 1)).toBeLessThan(1e-300);
  });
});
