// z-score standardiser that keeps its means and sample SDs (n − 1, as R's sd()) so the same
// transform can be applied to new rows (validation folds, external cohorts): z = (x − mean)/sd,
// computed exactly as R's (x - mean(x)) / sd(x).
import { SurvivalInputError } from './errors.js';
import type { FeatureMatrix } from './types.js';

export interface ZScoreModel {
  names: string[];
  mean: Float64Array;
  sd: Float64Array;
}

/** Means and sample SDs of each column; a constant column is an error. */
export function fitZScore(features: FeatureMatrix): ZScoreModel {
  const p = features.columns.length;
  const mean = new Float64Array(p);
  const sd = new Float64Array(p);
  features.columns.forEach((col, j) => {
    const n = col.length;
    if (n < 2) throw new SurvivalInputError(`z-score needs at least 2 rows; '${features.names[j]}' has ${n}`);
    // R's mean(): a second pass corrects the rounding of the first.
    let m = 0;
    for (let i = 0; i < n; i++) m += col[i]!;
    m /= n;
    let corr = 0;
    for (let i = 0; i < n; i++) corr += col[i]! - m;
    m += corr / n;
    let ss = 0;
    for (let i = 0; i < n; i++) ss += (col[i]! - m) * (col[i]! - m);
    const s = Math.sqrt(ss / (n - 1));
    if (!(s > 0)) throw new SurvivalInputError(`z-score: feature '${features.names[j]}' is constant`);
    mean[j] = m;
    sd[j] = s;
  });
  return { names: [...features.names], mean, sd };
}

/** Applies a fitted standardiser to rows with the same (or a superset of) columns. */
export function applyZScore(model: ZScoreModel, features: FeatureMatrix): FeatureMatrix {
  const index = new Map<string, number>();
  features.names.forEach((name, k) => index.has(name) || index.set(name, k)); // first of a name, as indexOf
  return {
    names: [...model.names],
    columns: model.names.map((name, j) => {
      const k = index.get(name) ?? -1;
      if (k < 0) throw new SurvivalInputError(`z-score: column '${name}' is missing from the data`);
      const m = model.mean[j]!;
      const s = model.sd[j]!;
      return features.columns[k]!.map((v) => (v - m) / s);
    }),
  };
}
