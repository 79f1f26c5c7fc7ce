// Seeded, stratified, repeated k-fold splits. Subjects are stratified by event status: within
// each stratum the indices are shuffled (Fisher–Yates with the shared seeded Random) and dealt
// to folds in turn, so each fold gets ⌊n_s/k⌋ or ⌈n_s/k⌉ of every stratum.
import { SurvivalInputError } from './errors.js';
import { Random } from './random.js';

export interface Fold {
  repeat: number;
  fold: number;
  train: Int32Array;
  test: Int32Array;
}

/** `repeats` × `k` train/test splits of the subjects, stratified by `status`. */
export function stratifiedKFold(status: ArrayLike<number>, k: number, repeats: number, seed: number): Fold[] {
  const n = status.length;
  if (!Number.isInteger(k) || k < 2) throw new SurvivalInputError(`k-fold needs an integer k ≥ 2, got ${k}`);
  if (k > n) throw new SurvivalInputError(`k-fold with k = ${k} needs at least ${k} subjects; there are ${n}`);
  if (!Number.isInteger(repeats) || repeats < 1) throw new SurvivalInputError(`repeats must be a positive integer, got ${repeats}`);
  const rng = new Random(seed);
  const strata = [0, 1].map((s) => Array.from({ length: n }, (_, i) => i).filter((i) => (status[i] === 1 ? 1 : 0) === s));
  const folds: Fold[] = [];
  for (let r = 0; r < repeats; r++) {
    const assignment = new Int32Array(n);
    let offset = 0;
    for (const stratum of strata) {
      const shuffled = rng.shuffle([...stratum]);
      shuffled.forEach((i, pos) => (assignment[i] = (pos + offset) % k));
      offset = (offset + shuffled.length) % k;
    }
    for (let f = 0; f < k; f++) {
      const test: number[] = [];
      const train: number[] = [];
      for (let i = 0; i < n; i++) (assignment[i] === f ? test : train).push(i);
      folds.push({ repeat: r, fold: f, train: Int32Array.from(train), test: Int32Array.from(test) });
    }
  }
  return folds;
}
