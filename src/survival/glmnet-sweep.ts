// Coordinate descent of glmnet's Cox solver (the inner loops of coxnet1) on the quadratic
// approximation with working weights w and residuals wr, fixed during one outer iteration.
// Same updates, same thresholds, same pass counter and the same rounding as the Fortran:
// - each gradient Σ_i wr_i x_ij is one sequential sum in i order (dot_product), unrolled by four
//   without reassociation, fused with the residual update wr − Δ·w·x of the previous change;
// - the linear predictor gets f + Δ·x_j after every change in glmnet; only `outer` reads it, so
//   the changes are logged and applied at the end of the outer iteration, in the order they were
//   made (each f[i] receives the same additions in the same order: same rounding).
// v_j = Σ w·(x·x) and the strong-rule / KKT inner products (glmnet-coxnet.ts) are single
// sequential sums too (`columnSums` runs four such chains side by side, which changes no
// rounding). Rounding matters: on radiomics_sim_A (all features, alpha 1) two fold paths stop at
// glmnet's "numerical error" rule at a lambda that depends on the last bits (notes §5).

export class CoordinateSweeper {
  /** Variables that have ever been nonzero, in the order they entered (glmnet's `m`). */
  readonly active: Int32Array;
  activeCount = 0;
  private readonly isActive: Uint8Array;
  /** The changes of this outer iteration (variable, Δ), in the order glmnet applies them to f. */
  private logVar: Int32Array;
  private logDel: Float64Array;
  private logCount = 0;
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
    this.logVar = new Int32Array(Math.max(16, 4 * p));
    this.logDel = new Float64Array(this.logVar.length);
    this.columns = Array.from({ length: p }, (_, j) => x.subarray(j * n, (j + 1) * n));
  }

  /** Starts an outer iteration: w and wr are fresh; v_j = Σ w x_j² of the eligible variables. */
  begin(eligible: Int32Array, count: number): void {
    columnSums(this.w, this.x, this.n, eligible, count, this.v, true);
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
        s = dot(wr, columns[j]);
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
      this.log(j, del);
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

  private log(j: number, del: number): void {
    if (this.logCount === this.logVar.length) {
      const vars = new Int32Array(2 * this.logCount);
      const dels = new Float64Array(2 * this.logCount);
      vars.set(this.logVar);
      dels.set(this.logDel);
      this.logVar = vars;
      this.logDel = dels;
    }
    this.logVar[this.logCount] = j;
    this.logDel[this.logCount++] = del;
  }

  /**
   * Ends the outer iteration: f += Δ·x_j for each logged change, in order. Four changes are added
   * per visit of f[i], left to right, so each f[i] is rounded exactly as after one change at a time.
   */
  finish(): void {
    const { f, n, columns, logVar, logDel } = this;
    const count = this.logCount;
    let c = 0;
    for (; c + 3 < count; c += 4) {
      const x0 = columns[logVar[c]];
      const x1 = columns[logVar[c + 1]];
      const x2 = columns[logVar[c + 2]];
      const x3 = columns[logVar[c + 3]];
      const d0 = logDel[c];
      const d1 = logDel[c + 1];
      const d2 = logDel[c + 2];
      const d3 = logDel[c + 3];
      for (let i = 0; i < n; i++) f[i] = f[i] + d0 * x0[i] + d1 * x1[i] + d2 * x2[i] + d3 * x3[i];
    }
    for (; c < count; c++) {
      const xc = columns[logVar[c]];
      const d = logDel[c];
      for (let i = 0; i < n; i++) f[i] = f[i] + d * xc[i];
    }
    this.logCount = 0;
  }
}

/**
 * wr −= del·w·xp (glmnet's rounding), fused with Σ wr_i xc_i over the updated wr: one sequential
 * sum in i order, unrolled by four without reassociation (same rounding as glmnet's dot_product).
 */
function updateAndDot(wr: Float64Array, w: Float64Array, xp: Float64Array, del: number, xc: Float64Array): number {
  const n = wr.length;
  let s = 0;
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
    s += r0 * xc[i];
    s += r1 * xc[i + 1];
    s += r2 * xc[i + 2];
    s += r3 * xc[i + 3];
  }
  for (; i < n; i++) {
    const r = wr[i] - del * w[i] * xp[i];
    wr[i] = r;
    s += r * xc[i];
  }
  return s;
}

/** Σ r_i xc_i, one sequential sum in i order (unrolled by four, not reassociated). */
function dot(r: Float64Array, xc: Float64Array): number {
  const n = r.length;
  let s = 0;
  let i = 0;
  for (; i + 3 < n; i += 4) {
    s += r[i] * xc[i];
    s += r[i + 1] * xc[i + 1];
    s += r[i + 2] * xc[i + 2];
    s += r[i + 3] * xc[i + 3];
  }
  for (; i < n; i++) s += r[i] * xc[i];
  return s;
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
