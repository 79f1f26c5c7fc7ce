// The seeded draw of the second-reader subset (the study: 30 of 87 patients). Candidates are
// sorted by patient key first, so the same seed over the same cohort draws the same patients
// whatever order the database returns them in.
import { Random } from '../../survival/random.js';

export function drawSubset<T>(candidates: T[], keyOf: (item: T) => string, count: number, seed: number): T[] {
  const sorted = [...candidates].sort((a, b) => (keyOf(a) < keyOf(b) ? -1 : keyOf(a) > keyOf(b) ? 1 : 0));
  return new Random(seed).shuffle(sorted).slice(0, count);
}
