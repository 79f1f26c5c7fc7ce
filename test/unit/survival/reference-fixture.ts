// Loads an R reference dataset (../shared/data/stats-reference) for the survival tests: the CSV
// through the engine's own reader, and the reference JSON (R's answers) as plain data.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import { readCsvFile, survivalTable } from '../../../src/survival/data.js';
import type { FeatureMatrix, SurvivalOutcome } from '../../../src/survival/types.js';
import { applyZScore, fitZScore } from '../../../src/survival/zscore.js';
import { STATS_REFERENCE } from '../../support/paths.js';

export const DATASETS = ['lung', 'veteran', 'radiomics_sim_A'] as const;
export type Dataset = (typeof DATASETS)[number];

/** The reference JSON: R's answers, navigated by the tests. */
export type RefJson = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

export interface Fixture {
  ref: RefJson;
  outcome: SurvivalOutcome;
  raw: FeatureMatrix;
  /** Features on the model scale (z-scored for the radiomics cohort). */
  model: FeatureMatrix;
  ids: string[];
}

const cache = new Map<Dataset, Fixture>();

export function fixture(name: Dataset): Fixture {
  let f = cache.get(name);
  if (!f) {
    const ref = JSON.parse(readFileSync(join(STATS_REFERENCE, `${name}.json`), 'utf8')) as RefJson;
    const table = survivalTable(readCsvFile(join(STATS_REFERENCE, `${name}.csv`)), { time: 'time', event: 'status', id: 'id', features: ref.features as string[] });
    const model = ref.model_scale === 'z' ? applyZScore(fitZScore(table.features), table.features) : table.features;
    f = { ref, outcome: table.outcome, raw: table.features, model, ids: table.ids };
    cache.set(name, f);
  }
  return f;
}

/**
 * Asserts |got − want| ≤ abs + rel·|want| element-wise (the stats_compare.py rule); null in the
 * reference (R's NA/Inf) must be NaN/Infinity here.
 */
export function expectClose(got: ArrayLike<number> | number, want: unknown, rel: number, abs = 0, label = ''): void {
  const g = typeof got === 'number' ? [got] : Array.from(got);
  const w = (Array.isArray(want) ? want.flat(Infinity) : [want]) as Array<number | null>;
  expect(g.length, `${label} length`).toBe(w.length);
  g.forEach((v, i) => {
    const r = w[i];
    if (r === null || r === undefined) {
      expect(Number.isFinite(v), `${label}[${i}] should be NA (got ${v})`).toBe(false);
      return;
    }
    const err = Math.abs(v - r);
    expect(err <= abs + rel * Math.abs(r), `${label}[${i}]: got ${v}, R ${r}, error ${err}`).toBe(true);
  });
}
