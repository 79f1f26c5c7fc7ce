// Intraclass correlations ICC(1,1), ICC(2,1), ICC(3,1) with F tests and confidence bounds, as
// psych 2.2.9 ICC(x, lmer = FALSE) computes them (R/ICC.R): two-way ANOVA mean squares for
// subjects (MSB), raters (MSJ) and residual (MSE), within-subject MSW; Shrout & Fleiss (1979)
// estimators; F-based bounds for ICC1/ICC3 and the Satterthwaite-type bound for ICC2.
import { fQuantile, fUpper } from './distributions.js';
import { SurvivalInputError } from './errors.js';

export interface IccEstimate {
  icc: number;
  F: number;
  df1: number;
  df2: number;
  p: number;
  lower: number;
  upper: number;
}

export interface IccResult {
  icc1: IccEstimate;
  icc2: IccEstimate;
  icc3: IccEstimate;
  anova: { MSR: number; MSC: number; MSE: number; MSW: number };
}

/**
 * ICCs of n subjects × k raters; `ratings[r]` is rater r's column. `alpha` = 0.05 gives psych's
 * bounds, which use qf(1 − alpha/2).
 */
export function intraclassCorrelation(ratings: ArrayLike<number>[], alpha = 0.05): IccResult {
  const k = ratings.length;
  if (k < 2) throw new SurvivalInputError(`ICC needs at least 2 raters, got ${k}`);
  const n = ratings[0]!.length;
  if (n < 2) throw new SurvivalInputError(`ICC needs at least 2 subjects, got ${n}`);
  for (const r of ratings) {
    if (r.length !== n) throw new SurvivalInputError(`ICC raters have different numbers of subjects (${r.length} vs ${n})`);
    for (let i = 0; i < n; i++) if (!Number.isFinite(r[i]!)) throw new SurvivalInputError(`ICC: rating of subject ${i + 1} is missing`);
  }
  let grand = 0;
  for (const r of ratings) for (let i = 0; i < n; i++) grand += r[i]!;
  grand /= n * k;
  const rowMean = Float64Array.from({ length: n }, (_, i) => ratings.reduce((s, r) => s + r[i]!, 0) / k);
  const colMean = ratings.map((r) => {
    let s = 0;
    for (let i = 0; i < n; i++) s += r[i]!;
    return s / n;
  });
  let ssr = 0;
  for (let i = 0; i < n; i++) ssr += (rowMean[i]! - grand) ** 2;
  ssr *= k;
  let ssc = 0;
  for (const m of colMean) ssc += (m - grand) ** 2;
  ssc *= n;
  let sse = 0;
  ratings.forEach((r, j) => {
    for (let i = 0; i < n; i++) sse += (r[i]! - rowMean[i]! - colMean[j]! + grand) ** 2;
  });
  const msr = ssr / (n - 1);
  const msc = ssc / (k - 1);
  const mse = sse / ((n - 1) * (k - 1));
  const msw = (ssc + sse) / (n * (k - 1));
  const q = 1 - alpha / 2;

  const icc1 = (msr - msw) / (msr + (k - 1) * msw);
  const f11 = msr / msw;
  const df11n = n - 1;
  const df11d = n * (k - 1);
  const f1l = f11 / fQuantile(q, df11n, df11d);
  const f1u = f11 * fQuantile(q, df11d, df11n);

  const f21 = msr / mse;
  const df21n = n - 1;
  const df21d = (n - 1) * (k - 1);
  const p21 = fUpper(f21, df21n, df21d);

  const icc3 = (msr - mse) / (msr + (k - 1) * mse);
  const f3l = f21 / fQuantile(q, df21n, df21d);
  const f3u = f21 * fQuantile(q, df21d, df21n);

  const icc2 = (msr - mse) / (msr + (k - 1) * mse + (k * (msc - mse)) / n);
  const fj = msc / mse;
  const vn = (k - 1) * (n - 1) * (k * icc2 * fj + n * (1 + (k - 1) * icc2) - k * icc2) ** 2;
  const vd = (n - 1) * k * k * icc2 * icc2 * fj * fj + (n * (1 + (k - 1) * icc2) - k * icc2) ** 2;
  const v = vn / vd;
  // With no residual variation (MSE = 0) the ICC(2,1) bound's df is undefined: psych gives NA.
  const fu = v > 0 ? fQuantile(q, n - 1, v) : NaN;
  const fl = v > 0 ? fQuantile(q, v, n - 1) : NaN;
  const denomTerm = k * msc + (k * n - k - n) * mse;
  const lower2 = (n * (msr - fu * mse)) / (fu * denomTerm + n * msr);
  const upper2 = (n * (fl * msr - mse)) / (denomTerm + n * fl * msr);

  return {
    icc1: { icc: icc1, F: f11, df1: df11n, df2: df11d, p: fUpper(f11, df11n, df11d), lower: (f1l - 1) / (f1l + k - 1), upper: (f1u - 1) / (f1u + k - 1) },
    icc2: { icc: icc2, F: f21, df1: df21n, df2: df21d, p: p21, lower: lower2, upper: upper2 },
    icc3: { icc: icc3, F: f21, df1: df21n, df2: df21d, p: p21, lower: (f3l - 1) / (f3l + k - 1), upper: (f3u - 1) / (f3u + k - 1) },
    anova: { MSR: msr, MSC: msc, MSE: mse, MSW: msw },
  };
}
