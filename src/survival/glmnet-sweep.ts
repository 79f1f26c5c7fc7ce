// Coordinate descent of glmnet's Cox solver (the inner loops of coxnet1) on the quadratic
// approximation with working weights w and residuals wr, fixed during one outer iteration.
// Same updates, same thresholds, same pass counter as glmnet. Two things differ from the Fortran,
// for speed, and change only the last bits of the gradients:
// - each gradient Σ_i wr_i x_ij is summed with four partial sums (independent adds instead of
//   one chain bound by the add latency), fused with the residual update of the previous change;
// - the linear predictor f is brought up to date once per outer iteration (f += Σ_j Δa_j x_j over
//   the variables that changed) instead of after every change: only `outer` reads it.
// The residual update keeps glmnet's rounding (wr − Δ·w·x); v_j = Σ w·(x·x) and the strong-rule /
// KKT inner products (glmnet-coxnet.ts) stay single sequential sums as in glmnet (`columnSums`
// runs four such chains side by side, which changes no rounding): with four-way partial sums
// there too, a fold path on radiomics_sim_A (all features, alpha 1) was cut short by
// glmnet's error rules at another lambda than in R, and its cvm tail failed the reference test.

export class CoordinateSweeper {
  /** Variables that have ever been nonzero, in the order they entered (glmnet's `m`). */
  readonly active: Int32Array;
  activeCount = 0;
  private readonly isActive: Uint8Array;
  /** Coefficients at the start of the outer iteration, and the variables changed since. */
  private readonly start: Float64Array;
  private readonly changed: Int32Array;
  private changedCount = 0;
  private readonly isChanged: Uint8Array;
  /** Views of the columns of x (plain 0..n-1 indexing in the hot loops). */
  private readonly columns: Float64Array[];

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
    this.start = new Float64Array(p);
    this.changed = new Int32Array(p);
    this.isChanged = new Uint8Array(p);
    this.columns = Array.from({ length: p }, (_, j) => x.subarray(j * n, (j + 1) * n));
  }

  /** Starts an outer iteration: w and wr are fresh, `eligible` stays fixed until `finish`. */
  begin(eligible: Int32Array, count: number): void {
    const { x, n, w, a, v } = this;
    for (let l = 0; l < count; l++) this.start[eligible[l]] = a[eligible[l]];
    columnSums(w, x, n, eligible, count, v, true);
  }

  /** Update each variable of list[0..len) once; returns max v_j Δ_j². */
  sweep(list: Int32Array, len: number, sa: number, omal: number): number {
    const { n, wr, w, a, v, vp, bound, columns } = this;
    let dli = 0;
    let pending = -1; // the last changed variable, whose residual update is fused with the next dot
    let pendingDel = 0;
    for (let l = 0; l < len; l++) {
      const j = list[l];
      let s: number;
      if (pending >= 0) {
        s = updateAndDot(wr, w, columns[pending], pendingDel, columns[j]);
        pending = -1;
      } else {
        s = dot4(wr, columns[j], 0, n);
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
      pending = j;
      pendingDel = del;
      if (!this.isChanged[j]) {
        this.isChanged[j] = 1;
        this.changed[this.changedCount++] = j;
      }
      if (!this.isActive[j]) {
        this.isActive[j] = 1;
        this.active[this.activeCount++] = j;
      }
    }
    if (pending >= 0) {
      const xp = columns[pending];
      for (let i = 0; i < n; i++) wr[i] = wr[i] - pendingDel * w[i] * xp[i];
    }
    return dli;
  }

  /**
   * Ends the outer iteration: f += Δa_j·x_j for each changed j, in the order they first changed.
   * Four columns are added per visit of f[i]; each f[i] still receives the same additions in the
   * same order, so the rounding is that of one column after the other.
   */
  finish(): void {
    const { x, n, f, a, start, changed } = this;
    const count = this.changedCount;
    let c = 0;
    for (; c + 3 < count; c += 4) {
      const j0 = changed[c];
      const j1 = changed[c + 1];
      const j2 = changed[c + 2];
      const j3 = changed[c + 3];
      const d0 = a[j0] - start[j0];
      const d1 = a[j1] - start[j1];
      const d2 = a[j2] - start[j2];
      const d3 = a[j3] - start[j3];
      const o0 = j0 * n;
      const o1 = j1 * n;
      const o2 = j2 * n;
      const o3 = j3 * n;
      for (let i = 0; i < n; i++) f[i] = f[i] + d0 * x[o0 + i] + d1 * x[o1 + i] + d2 * x[o2 + i] + d3 * x[o3 + i];
    }
    for (; c < count; c++) {
      const j = changed[c];
      const d = a[j] - start[j];
      const off = j * n;
      for (let i = 0; i < n; i++) f[i] = f[i] + d * x[off + i];
    }
    for (let k = 0; k < count; k++) this.isChanged[changed[k]] = 0;
    this.changedCount = 0;
  }
}

/** wr −= del·w·xp (glmnet's rounding), fused with Σ wr_i xc_i over the updated wr (four partial sums). */
function updateAndDot(wr: Float64Array, w: Float64Array, xp: Float64Array, del: number, xc: Float64Array): number {
  const n = wr.length;
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  let i = 0;
  for (; i + 3 < n; i += 4) {
    const r0 = wr[i] - del * w[i] * xp[i];
    const r1 = wr[i + 1] - del * w[i + 1] * xp[i + 1];
    const r2 = wr[i + 2] - del * w[i + 2] * xp[i + 2];
    const r3 = wr[i + 3] - del * w[i + 3] * xp[i + 3];
    wr[i] = r0;
    wr[i + 1] = r1;
    wr[i + 2] = r2;
    wr[i + 3] = r3;
    s0 += r0 * xc[i];
    s1 += r1 * xc[i + 1];
    s2 += r2 * xc[i + 2];
    s3 += r3 * xc[i + 3];
  }
  for (; i < n; i++) {
    const r = wr[i] - del * w[i] * xp[i];
    wr[i] = r;
    s0 += r * xc[i];
  }
  return s0 + s1 + s2 + s3;
}

/** Σ r_i x[off+i] with four partial sums (independent adds instead of one dependent chain). */
export function dot4(r: Float64Array, x: Float64Array, off: number, n: number): number {
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  let i = 0;
  for (; i + 3 < n; i += 4) {
    s0 += r[i] * x[off + i];
    s1 += r[i + 1] * x[off + i + 1];
    s2 += r[i + 2] * x[off + i + 2];
    s3 += r[i + 3] * x[off + i + 3];
  }
  for (; i < n; i++) s0 += r[i] * x[off + i];
  return s0 + s1 + s2 + s3;
}

/**
 * out[j] = Σ_i r_i·x_ij (or Σ_i r_i·(x_ij·x_ij) when `squared`) for each j in cols[0..count),
 * every sum a single chain in i order as glmnet adds it; four columns advance together so their
 * chains overlap instead of each waiting on the add latency.
 */
export function columnSums(r: Float64Array, x: Float64Array, n: number, cols: Int32Array, count: number, out: Float64Array, squared: boolean): void {
  let l = 0;
  for (; l + 3 < count; l += 4) {
    const o0 = cols[l] * n;
    const o1 = cols[l + 1] * n;
    const o2 = cols[l + 2] * n;
    const o3 = cols[l + 3] * n;
    let s0 = 0;
    let s1 = 0;
    let s2 = 0;
    let s3 = 0;
    if (squared) {
      for (let i = 0; i < n; i++) {
        const ri = r[i];
        const x0 = x[o0 + i];
        const x1 = x[o1 + i];
        const x2 = x[o2 + i];
        const x3 = x[o3 + i];
        s0 += ri * (x0 * x0);
        s1 += ri * (x1 * x1);
        s2 += ri * (x2 * x2);
        s3 += ri * (x3 * x3);
      }
    } else {
      for (let i = 0; i < n; i++) {
        const ri = r[i];
        s0 += ri * x[o0 + i];
        s1 += ri * x[o1 + i];
        s2 += ri * x[o2 + i];
        s3 += ri * x[o3 + i];
      }
    }
    out[cols[l]] = s0;
    out[cols[l + 1]] = s1;
    out[cols[l + 2]] = s2;
    out[cols[l + 3]] = s3;
  }
  for (; l < count; l++) {
    const off = cols[l] * n;
    let s = 0;
    if (squared) for (let i = 0; i < n; i++) s += r[i] * (x[off + i] * x[off + i]);
    else for (let i = 0; i < n; i++) s += r[i] * x[off + i];
    out[cols[l]] = s;
  }
}
