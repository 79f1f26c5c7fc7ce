// Coordinate descent of glmnet's Cox solver (the inner loops of coxnet1) on the quadratic
// approximation with working weights w and residuals wr, fixed during one outer iteration.
// Same updates, same thresholds, same pass counter and the same rounding as the Fortran:
// every gradient Σ_i wr_i x_ij is one sequential sum in i order (dot_product); after a change Δ of
// coordinate k, wr ← wr − Δ·w·x_k and f ← f + Δ·x_k, element by element as glmnet writes them. The
// loops over i run in WebAssembly (glmnet-kernels.wat), fused: the update after one change and the
// gradient of the next coordinate are one pass over the data.
// v_j = Σ w·(x·x) and the strong-rule / KKT inner products (glmnet-coxnet.ts) are single
// sequential sums too. Rounding matters: on radiomics_sim_A (all features, alpha 1) two fold paths
// stop at glmnet's "numerical error" rule at a lambda that depends on the last bits (notes §5).
import { wasmKernels } from './glmnet-kernels.js';

/** Arrays the sweeper reads and writes; x, wr, w, f, v and the index lists live in the kernels' memory. */
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
}

export class CoordinateSweeper {
  /** Variables that have ever been nonzero, in the order they entered (glmnet's `m`). */
  readonly active: Int32Array;
  activeCount = 0;
  private readonly isActive: Uint8Array;
  private readonly columnBytes: number;

  constructor(
    private readonly arrays: SweepArrays,
    private readonly n: number,
  ) {
    const p = arrays.a.length;
    this.active = new Int32Array(p);
    this.isActive = new Uint8Array(p);
    this.columnBytes = 8 * n;
  }

  /** Starts an outer iteration: w and wr are fresh; v_j = Σ w x_j² of the eligible variables (list in kernel memory). */
  begin(eligible: Int32Array, count: number): void {
    const { w, x, v } = this.arrays;
    columnSums(w, x, this.n, eligible, count, v, true);
  }

  /** Update each variable of list[0..len) once; returns max v_j Δ_j². */
  sweep(list: Int32Array, len: number, sa: number, omal: number): number {
    const { n, columnBytes } = this;
    const { a, v, vp, bound } = this.arrays;
    const wrAt = this.arrays.wr.byteOffset;
    const wAt = this.arrays.w.byteOffset;
    const fAt = this.arrays.f.byteOffset;
    const xAt = this.arrays.x.byteOffset;
    const { dot, updateDot } = wasmKernels;
    let dli = 0;
    let pending = -1; // the last changed variable, whose updates are fused with the next gradient
    let pendingDel = 0;
    for (let l = 0; l < len; l++) {
      const j = list[l];
      const s =
        pending >= 0
          ? updateDot(wrAt, wAt, fAt, xAt + pending * columnBytes, pendingDel, xAt + j * columnBytes, n)
          : dot(wrAt, xAt + j * columnBytes, n);
      pending = -1;
      const aj = a[j];
      const u = aj * v[j] + s;
      const pen = vp[j] * sa;
      let at = 0;
      if (Math.abs(u) > pen) {
        const num = Math.abs(u) - pen;
        at = Math.max(-bound[j], Math.min(bound[j], (u < 0 ? -num : num) / (v[j] + vp[j] * omal)));
      }
      if (at === aj) continue;
      const del = at - aj;
      a[j] = at;
      const change = v[j] * (del * del);
      if (change > dli) dli = change;
      pending = j;
      pendingDel = del;
      if (!this.isActive[j]) {
        this.isActive[j] = 1;
        this.active[this.activeCount++] = j;
      }
    }
    if (pending >= 0) updateDot(wrAt, wAt, fAt, xAt + pending * columnBytes, pendingDel, 0, n);
    return dli;
  }
}

/**
 * out[j] = Σ_i r_i·x_ij (or Σ_i r_i·(x_ij·x_ij) when `squared`) for each j in cols[0..count), every
 * sum a single chain in i order as glmnet adds it. r, x, cols and out live in the kernels' memory.
 */
export function columnSums(r: Float64Array, x: Float64Array, n: number, cols: Int32Array, count: number, out: Float64Array, squared: boolean): void {
  wasmKernels.columnSums(r.byteOffset, x.byteOffset, n, cols.byteOffset, count, out.byteOffset, squared ? 1 : 0);
}
