// Small dense symmetric linear algebra for the Cox model, following survival's own routines:
// src/cholesky2.c (LDLᵀ with a relative pivot tolerance; a pivot below it marks the column
// singular), src/chsolve2.c and src/chinv2.c. Matrices are row-major Float64Array n×n.

export class SingularMatrixError extends Error {
  constructor(message: string, readonly column: number) {
    super(message);
    this.name = 'SingularMatrixError';
  }
}

export interface Cholesky {
  n: number;
  /** Packed LDLᵀ: D on the diagonal, L strictly below it (unit diagonal implied). */
  ld: Float64Array;
  rank: number;
  /** Columns whose pivot fell below the tolerance (their D entry is set to 0). */
  singular: number[];
}

/** LDLᵀ factorisation of a symmetric matrix, as cholesky2 (toler relative to the largest diagonal). */
export function cholesky2(matrix: Float64Array, n: number, toler = 1e-9): Cholesky {
  const a = Float64Array.from(matrix);
  let largest = 0;
  for (let i = 0; i < n; i++) largest = Math.max(largest, Math.abs(a[i * n + i]!));
  const eps = largest === 0 ? toler : largest * toler;
  let rank = 0;
  const singular: number[] = [];
  for (let i = 0; i < n; i++) {
    const pivot = a[i * n + i]!;
    if (!Number.isFinite(pivot) || pivot < eps) {
      a[i * n + i] = 0;
      singular.push(i);
      continue;
    }
    rank++;
    for (let j = i + 1; j < n; j++) {
      const temp = a[j * n + i]! / pivot;
      a[j * n + i] = temp;
      a[j * n + j] = a[j * n + j]! - temp * temp * pivot;
      for (let k = j + 1; k < n; k++) a[k * n + j] = a[k * n + j]! - temp * a[k * n + i]!;
    }
  }
  return { n, ld: a, rank, singular };
}

/** Solves A x = b with a cholesky2 factor (singular columns get 0), as chsolve2. */
export function choleskySolve(chol: Cholesky, b: ArrayLike<number>): Float64Array {
  const { n, ld } = chol;
  const y = Float64Array.from(b);
  for (let i = 0; i < n; i++) {
    let temp = y[i]!;
    for (let j = 0; j < i; j++) temp -= y[j]! * ld[i * n + j]!;
    y[i] = temp;
  }
  for (let i = n - 1; i >= 0; i--) {
    const d = ld[i * n + i]!;
    if (d === 0) y[i] = 0;
    else {
      let temp = y[i]! / d;
      for (let j = i + 1; j < n; j++) temp -= y[j]! * ld[j * n + i]!;
      y[i] = temp;
    }
  }
  return y;
}

/** Inverse of A from its cholesky2 factor (rows/columns of singular pivots are 0), as chinv2. */
export function choleskyInverse(chol: Cholesky): Float64Array {
  const { n } = chol;
  const inv = new Float64Array(n * n);
  const e = new Float64Array(n);
  for (let j = 0; j < n; j++) {
    e.fill(0);
    e[j] = 1;
    const col = choleskySolve(chol, e);
    for (let i = 0; i < n; i++) inv[i * n + j] = col[i]!;
  }
  // Symmetrise against rounding.
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const v = 0.5 * (inv[i * n + j]! + inv[j * n + i]!);
      inv[i * n + j] = v;
      inv[j * n + i] = v;
    }
  }
  return inv;
}

/** Solves A x = b for symmetric positive definite A; throws SingularMatrixError when a pivot is singular. */
export function solvePositiveDefinite(matrix: Float64Array, n: number, b: ArrayLike<number>, toler = 1e-9): Float64Array {
  const chol = cholesky2(matrix, n, toler);
  if (chol.singular.length > 0) {
    throw new SingularMatrixError(`matrix is singular at column ${chol.singular[0]! + 1}`, chol.singular[0]!);
  }
  return choleskySolve(chol, b);
}

/** xᵀ A⁻¹ x for symmetric positive (semi)definite A; throws when A is singular. */
export function quadraticFormInverse(matrix: Float64Array, n: number, x: ArrayLike<number>, toler = 1e-9): number {
  const sol = solvePositiveDefinite(matrix, n, x, toler);
  let q = 0;
  for (let i = 0; i < n; i++) q += x[i]! * sol[i]!;
  return q;
}

/** Rows of a row-major n×n matrix as plain arrays (JSON layout of a matrix). */
export function toRows(matrix: Float64Array, n: number): number[][] {
  return Array.from({ length: n }, (_, i) => Array.from(matrix.subarray(i * n, i * n + n)));
}
