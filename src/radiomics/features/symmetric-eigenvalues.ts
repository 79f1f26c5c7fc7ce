// Eigenvalues of a real symmetric matrix: Householder reduction to tridiagonal form, then the implicit QL
// method with Wilkinson-type shifts (the classic EISPACK tred1/tql1 scheme), eigenvalues only. Backward
// stable: each eigenvalue is exact for a matrix within a few ulps of the input (relative to its norm).
import { RadiomicsError } from '../errors.js';
import { WASM_BASE64 } from './symmetric-eigenvalues.wasm.js';
import { ensureMemory, instantiateKernels, type KernelMemory } from '../../wasm-kernels.js';

interface TridiagonalKernel {
  memory: KernelMemory;
  tridiagonalize(a: number, n: number, d: number, e: number, w: number): void;
}

const kernel = instantiateKernels<TridiagonalKernel>(WASM_BASE64);

/**
 * Reduces the symmetric n×n matrix `a` (row-major, only its lower triangle is read; not modified) to
 * tridiagonal form: diagonal `d`, sub-diagonal `e` (e[i] couples i−1 and i, e[0] = 0). Householder
 * reflections (EISPACK tred1) in symmetric-eigenvalues.wat, on a copy of `a` in the kernel's memory.
 */
function tridiagonalize(a: Float64Array, n: number, d: Float64Array, e: Float64Array): void {
  const nn = n * n;
  const work = new Float64Array(ensureMemory(kernel.memory, 8 * (nn + 3 * n), 'the MCC eigenvalue solver'), 0, nn + 3 * n);
  work.set(a.subarray(0, nn));
  kernel.tridiagonalize(0, n, 8 * nn, 8 * (nn + n), 8 * (nn + 2 * n));
  d.set(work.subarray(nn, nn + n));
  e.set(work.subarray(nn + n, nn + 2 * n));
}

/** √(a² + b²) without overflow (Math.hypot is much slower in V8's hot loops). */
function hypot(a: number, b: number): number {
  const x = Math.abs(a);
  const y = Math.abs(b);
  if (x > y) {
    const r = y / x;
    return x * Math.sqrt(1 + r * r);
  }
  if (y === 0) return 0;
  const r = x / y;
  return y * Math.sqrt(1 + r * r);
}

/** Eigenvalues of a symmetric tridiagonal matrix (diagonal d, sub-diagonal e[1..n-1]); result in d. */
function tridiagonalQl(d: Float64Array, e: Float64Array, n: number): void {
  for (let i = 1; i < n; i++) e[i - 1] = e[i];
  if (n > 0) e[n - 1] = 0;
  for (let l = 0; l < n; l++) {
    let iterations = 0;
    let m: number;
    do {
      for (m = l; m < n - 1; m++) {
        const dd = Math.abs(d[m]) + Math.abs(d[m + 1]);
        if (Math.abs(e[m]) <= Number.EPSILON * dd) break;
      }
      if (m !== l) {
        if (iterations++ === 60) throw new RadiomicsError('symmetric eigenvalues: QL iteration did not converge');
        let g = (d[l + 1] - d[l]) / (2 * e[l]);
        let r = hypot(g, 1);
        g = d[m] - d[l] + e[l] / (g + (g >= 0 ? Math.abs(r) : -Math.abs(r)));
        let s = 1;
        let c = 1;
        let p = 0;
        let i: number;
        let underflow = false;
        for (i = m - 1; i >= l; i--) {
          const f = s * e[i];
          const b = c * e[i];
          r = hypot(f, g);
          e[i + 1] = r;
          if (r === 0) {
            d[i + 1] -= p;
            e[m] = 0;
            underflow = true;
            break;
          }
          s = f / r;
          c = g / r;
          g = d[i + 1] - p;
          r = (d[i] - g) * s + 2 * c * b;
          p = s * r;
          d[i + 1] = g + p;
          g = c * r - b;
        }
        if (underflow) continue;
        d[l] -= p;
        e[l] = g;
        e[m] = 0;
      }
    } while (m !== l);
  }
}

/**
 * Number of eigenvalues of magnitude > x ≥ 0 of the symmetric tridiagonal matrix T (diagonal d, squared
 * sub-diagonal e2[1..n-1]): n − #(λ < x) + #(λ < −x), each count the number of negative pivots of the LDLᵀ
 * factorisation of T ∓ xI (Sturm). The two recurrences run in one loop (independent chains of divisions).
 * A pivot smaller than pivmin is replaced by −pivmin, as LAPACK's dstebz does.
 */
function countAbove(d: Float64Array, e2: Float64Array, n: number, x: number, pivmin: number): number {
  let below = 0;
  let belowNegative = 0;
  let q = d[0] - x;
  let r = d[0] + x;
  for (let i = 0; ; ) {
    if (Math.abs(q) < pivmin) q = -pivmin;
    if (Math.abs(r) < pivmin) r = -pivmin;
    if (q < 0) below++;
    if (r < 0) belowNegative++;
    if (++i === n) break;
    q = d[i] - x - e2[i] / q;
    r = d[i] + x - e2[i] / r;
  }
  return n - below + belowNegative;
}

/** All eigenvalues of the symmetric n×n matrix `a` (row-major; not modified), ascending. */
export function symmetricEigenvalues(a: Float64Array, n: number): Float64Array {
  const d = new Float64Array(n);
  const e = new Float64Array(n);
  tridiagonalize(a, n, d, e);
  tridiagonalQl(d, e, n);
  return d.sort();
}

/**
 * The (rank+1)-th largest eigenvalue magnitude (rank 0: the spectral radius) of the symmetric n×n matrix `a`
 * (row-major; only its lower triangle is read): Householder reduction to tridiagonal form,
 * then bisection on Sturm counts of |λ| > x, from the Gershgorin bound down to adjacent doubles (or a width
 * of ε²·‖T‖ near 0). O(n) per step instead of the O(n²) of QL for every eigenvalue. 0 when rank ≥ n.
 */
export function symmetricAbsEigenvalue(a: Float64Array, n: number, rank: number): number {
  if (rank >= n) return 0;
  const d = new Float64Array(n);
  const e = new Float64Array(n);
  tridiagonalize(a, n, d, e);
  let bound = 0;
  let maxE2 = 1;
  for (let i = 0; i < n; i++) {
    const radius = Math.abs(e[i]) + (i + 1 < n ? Math.abs(e[i + 1]) : 0);
    bound = Math.max(bound, Math.abs(d[i]) + radius);
    e[i] *= e[i];
    if (e[i] > maxE2) maxE2 = e[i];
  }
  const pivmin = Number.MIN_VALUE * 2 ** 52 * maxE2; // the smallest normal double × max(1, e²)
  let lo = 0;
  let hi = bound * (1 + 2 * n * Number.EPSILON) + 2 * pivmin; // Gershgorin, widened for its own rounding
  const floor = Number.EPSILON * Number.EPSILON * hi;
  while (hi - lo > floor) {
    const mid = 0.5 * (lo + hi);
    if (mid <= lo || mid >= hi) break;
    if (countAbove(d, e, n, mid, pivmin) > rank) lo = mid;
    else hi = mid;
  }
  return 0.5 * (lo + hi);
}
