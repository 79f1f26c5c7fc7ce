// Coordinate descent of glmnet's Cox solver (the inner loops of coxnet1) on the quadratic
// approximation with working weights w and residuals wr, fixed during one outer iteration.
// Same updates, same thresholds, same pass counter and the same rounding as the Fortran:
// every gradient Σ_i wr_i x_ij is one sequential sum in i order (dot_product); after a change Δ of
// coordinate k, wr ← wr − Δ·w·x_k and f ← f + Δ·x_k, element by element as glmnet writes them. The
// passes run in WebAssembly (glmnet-kernels.wat), fused: the update after one change and the
// gradient of the next coordinate are one loop over the data.
// v_j = Σ w·(x·x) and the strong-rule / KKT inner products (glmnet-coxnet.ts) are single
// sequential sums too. Rounding matters: on radiomics_sim_A (all features, alpha 1) two fold paths
// stop at glmnet's "numerical error" rule at a lambda that depends on the last bits (notes §5).
import { wasmKernels } from './glmnet-kernels.js';

/** Arrays the sweeper reads and writes, all in the kernels' memory (glmnet-kernels.ts). */
export interface SweepArrays {
  /** Standardised x, n × p column-major. */
  x: Float64Array;
  /** Working residuals (gradient) and weights (Hessian diagonal). */
  wr: Float64Array;
  w: Float64Array;
  /** Linear predictor. */
  f: Float64Array;
  /** Coefficients (standardised scale) and the curvature v_j = Σ w x_j². */
  a: Float64Array;
  v: Float64Array;
  /** Penalty factors and the coefficient bound (glmnet's cl, ±big scaled by xs). */
  vp: Float64Array;
  bound: Float64Array;
  /** Variables that have ever been nonzero, in the order they entered (glmnet's `m`), their count
   * (one element) and a 0/1 mark per variable. */
  active: Int32Array;
  activeCount: Int32Array;
  isActive: Int32Array;
}

export class CoordinateSweeper {
  constructor(
    private readonly arrays: SweepArrays,
    private readonly n: number,
  ) {}

  /** Variables that have ever been nonzero, in the order they entered. */
  get active(): Int32Array {
    return this.arrays.active;
  }

  get activeCount(): number {
    return this.arrays.activeCount[0];
  }

  /** Starts an outer iteration: w and wr are fresh; v_j = Σ w x_j² of the eligible variables. */
  begin(eligible: Int32Array, count: number): void {
    const { w, x, v } = this.arrays;
    columnSums(w, x, this.n, eligible, count, v, true);
  }

  /** Update each variable of list[0..len) once (list in the kernels' memory); returns max v_j Δ_j². */
  sweep(list: Int32Array, len: number, sa: number, omal: number): number {
    const { x, wr, w, f, a, v, vp, bound, isActive, active, activeCount } = this.arrays;
    return wasmKernels.sweep(
      x.byteOffset, this.n, wr.byteOffset, w.byteOffset, f.byteOffset, a.byteOffset, v.byteOffset, vp.byteOffset,
      bound.byteOffset, isActive.byteOffset, active.byteOffset, activeCount.byteOffset, list.byteOffset, len, sa, omal,
    );
  }
}

/**
 * out[j] = Σ_i r_i·x_ij (or Σ_i r_i·(x_ij·x_ij) when `squared`) for each j in cols[0..count), every
 * sum a single chain in i order as glmnet adds it. r, x, cols and out live in the kernels' memory.
 */
export function columnSums(r: Float64Array, x: Float64Array, n: number, cols: Int32Array, count: number, out: Float64Array, squared: boolean): void {
  wasmKernels.columnSums(r.byteOffset, x.byteOffset, n, cols.byteOffset, count, out.byteOffset, squared ? 1 : 0);
}
