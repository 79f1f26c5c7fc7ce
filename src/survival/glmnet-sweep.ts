// One coordinate-descent pass of glmnet's Cox solver (the inner loop of coxnet1) over a list of
// variables, on the quadratic approximation with working weights w and residuals wr.
// Speed: the residual update of one variable is fused with the inner product of the next one.
// Each wr[i] is still updated before it is read and every sum runs over i in the same order, so
// the results are bit-for-bit those of the plain two-loop form.

export class CoordinateSweeper {
  /** Variables that have ever been nonzero, in the order they entered (glmnet's `m`). */
  readonly active: Int32Array;
  activeCount = 0;
  private readonly isActive: Uint8Array;

  constructor(
    /** Standardised x, n × p column-major. */
    private readonly x: Float64Array,
    private readonly n: number,
    /** Working residuals (gradient) and weights (Hessian diagonal). */
    private readonly wr: Float64Array,
    private readonly w: Float64Array,
    /** Linear predictor. */
    private readonly f: Float64Array,
    /** Coefficients (standardised scale) and the curvature v_j = Σ w x_j². */
    private readonly a: Float64Array,
    private readonly v: Float64Array,
    /** Penalty factors and the coefficient bound (glmnet's cl, ±big scaled by xs). */
    private readonly vp: Float64Array,
    private readonly bound: Float64Array,
  ) {
    const p = a.length;
    this.active = new Int32Array(p);
    this.isActive = new Uint8Array(p);
  }

  /** Update each variable of list[0..len) once; returns max v_j Δ_j². */
  sweep(list: Int32Array, len: number, sa: number, omal: number): number {
    const { x, n, wr, w, f, a, v, vp, bound } = this;
    let dli = 0;
    let pendingOff = -1;
    let pendingDel = 0;
    for (let l = 0; l < len; l++) {
      const j = list[l];
      const off = j * n;
      let s = 0;
      if (pendingOff >= 0) {
        for (let i = 0; i < n; i++) {
          const xp = x[pendingOff + i];
          const r = wr[i] - pendingDel * w[i] * xp;
          wr[i] = r;
          f[i] = f[i] + pendingDel * xp;
          s += r * x[off + i];
        }
        pendingOff = -1;
      } else {
        for (let i = 0; i < n; i++) s += wr[i] * x[off + i];
      }
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
      pendingOff = off;
      pendingDel = del;
      if (!this.isActive[j]) {
        this.isActive[j] = 1;
        this.active[this.activeCount++] = j;
      }
    }
    if (pendingOff >= 0) {
      for (let i = 0; i < n; i++) {
        const xp = x[pendingOff + i];
        wr[i] = wr[i] - pendingDel * w[i] * xp;
        f[i] = f[i] + pendingDel * xp;
      }
    }
    return dli;
  }
}
