// The simulated radiomics cohort and its second reading, loaded once for the study tests, plus a
// lighter recipe configuration (fewer trees and boosting steps) that keeps the cross-validated
// tests quick; the full defaults run in bench/survival-study.ts.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { numericColumn, readCsvFile, survivalTable } from '../../../../src/survival/data.js';
import type { StudyConfigInput, StudyInput } from '../../../../src/survival/study/index.js';
import { STATS_REFERENCE } from '../../../support/paths.js';

export const SIM_CSV = join(STATS_REFERENCE, 'radiomics_sim_A.csv');
export const SIM_READER2_CSV = join(STATS_REFERENCE, 'radiomics_sim_A_reader2.csv');

export interface SimReference {
  univariate_significant_efron_p_lt_0_05: string[];
  icc: { all_patients: { kept: string[] }; subset30: { ids: string[]; kept: string[] } };
  true_drivers: string[];
}

let cached: { input: StudyInput; reader2: NonNullable<StudyInput['reader2']>; ref: SimReference } | null = null;

export function simCohort(): { input: StudyInput; reader2: NonNullable<StudyInput['reader2']>; ref: SimReference } {
  if (cached) return cached;
  const main = survivalTable(readCsvFile(SIM_CSV), { time: 'time', event: 'status', id: 'id' }, SIM_CSV);
  const r2 = readCsvFile(SIM_READER2_CSV);
  const reader2 = {
    ids: r2.rows.map((row) => row[r2.header.indexOf('id')]!),
    features: { names: main.features.names, columns: main.features.names.map((n) => numericColumn(r2, n, SIM_READER2_CSV)) },
  };
  const json = JSON.parse(readFileSync(join(STATS_REFERENCE, 'radiomics_sim_A.json'), 'utf8')) as {
    'univariate_significant_efron_p_lt_0.05': string[];
    icc: { all_patients: { 'kept_icc2_gt_0.8': string[] }; subset30: { ids: Array<string | number>; 'kept_icc2_gt_0.8': string[] } };
    simulation: { true_drivers: string[] };
  };
  const ref: SimReference = {
    univariate_significant_efron_p_lt_0_05: json['univariate_significant_efron_p_lt_0.05'],
    icc: {
      all_patients: { kept: json.icc.all_patients['kept_icc2_gt_0.8'] },
      subset30: { ids: json.icc.subset30.ids.map(String), kept: json.icc.subset30['kept_icc2_gt_0.8'] },
    },
    true_drivers: json.simulation.true_drivers,
  };
  cached = { input: { ids: main.ids, outcome: main.outcome, features: main.features }, reader2, ref };
  return cached;
}

/** Lighter selectors for the cross-validated tests (recorded in the result like any setting). */
export const QUICK: StudyConfigInput = {
  cv: { repeats: 2, folds: 3 },
  selectors: { gbm: { nTrees: 200, shrinkage: 0.05 }, rsf: { nTree: 150 }, coxboost: { maxStepno: 50, folds: 5 } },
};
