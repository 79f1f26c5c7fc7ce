// The statistics benches' common input: ../shared/data/bench/cohort_87x1037.csv, z-scored, screened
// by univariate Cox (Efron, Wald p < 0.05) as the study does before its selectors (R finds 72).
import { join } from 'node:path';
import { readCsvFile, selectColumns, survivalTable } from '../../src/survival/data.js';
import type { FeatureMatrix, SurvivalOutcome } from '../../src/survival/types.js';
import { univariateCox } from '../../src/survival/univariate.js';
import { applyZScore, fitZScore } from '../../src/survival/zscore.js';
import { BENCH_DATA } from '../../test/support/paths.js';

export function screenedBenchCohort(): { x: FeatureMatrix; y: SurvivalOutcome; screened: string[] } {
  const table = survivalTable(readCsvFile(join(BENCH_DATA, 'cohort_87x1037.csv')), { time: 'time', event: 'status', id: 'id' });
  const z = applyZScore(fitZScore(table.features), table.features);
  const screened = univariateCox(table.outcome, z)
    .filter((row) => row.p < 0.05)
    .map((row) => row.feature);
  return { x: selectColumns(z, screened), y: table.outcome, screened };
}
