// The selectors' linear solves go through the core engine's Cholesky (linalg.ts); this wrapper only
// turns a singular matrix into a selector input error that names the matrix.
import { SingularMatrixError, solvePositiveDefinite } from '../linalg.js';
import { SelectorInputError } from './types.js';

/** Pivot tolerance relative to the largest diagonal entry: only a numerically singular A fails. */
const PIVOT_TOLERANCE = 1e-12;

/** Solves A x = b for a symmetric positive definite row-major n x n A; `what` names A in the error. */
export function solveSymmetricPositive(a: Float64Array, b: Float64Array, n: number, what: string): Float64Array {
  try {
    return solvePositiveDefinite(a, n, b, PIVOT_TOLERANCE);
  } catch (error) {
    if (error instanceof SingularMatrixError) {
      throw new SelectorInputError(`${what} is singular or not positive definite`);
    }
    throw error;
  }
}
