// Figure inputs filled from the survival engine's real results on the simulated radiomics cohort
// (stats-reference radiomics_sim_A, n = 87): this is also the check that the plot input shapes
// take the engine's result types as they are.
import { join } from 'node:path';
import {
  applyZScore, baselineHazard, calibrationAt, confidenceBand, coxFit, decisionCurve, fitZScore, kaplanMeier, logRankTest,
  kmMedian, maxstatLogRank, predictSurvival, readCsvFile, selectColumns, survivalTable, timeDependentRoc,
} from '../../../src/survival/index.js';
import type { CalibrationFigure, DecisionCurveFigure, ForestFigure, KaplanMeierFigure, TimeRocFigure, UpSetFigure } from '../../../src/plots/index.js';
import { forestRowsFromCox } from '../../../src/plots/index.js';
import { STATS_REFERENCE } from '../../support/paths.js';

export const TERMS = ['original_shape_Sphericity', 'original_firstorder_Entropy', 'wavelet-LHH_firstorder_Kurtosis', 'log-sigma-1-0-mm-3D_glcm_ClusterProminence'];

export function studyFigures() {
  const table = survivalTable(readCsvFile(join(STATS_REFERENCE, 'radiomics_sim_A.csv')), { time: 'time', event: 'status', id: 'id' });
  const raw = selectColumns(table.features, TERMS);
  const x = applyZScore(fitZScore(raw), raw);
  const outcome = table.outcome;
  const fit = coxFit(outcome, x);
  const radscore = fit.linearPredictor;
  const cut = maxstatLogRank(outcome, radscore).cutpoint;
  const high = Uint8Array.from(radscore, (r) => (r > cut ? 1 : 0));
  const groupFit = (g: number) => {
    const idx = [...high.keys()].filter((i) => high[i] === g);
    const km = kaplanMeier({ time: Float64Array.from(idx, (i) => outcome.time[i]!), status: Uint8Array.from(idx, (i) => outcome.status[i]!) });
    return { ...km, ...confidenceBand(km), median: kmMedian(km).median };
  };
  const logRank = logRankTest(outcome, high);
  const km: KaplanMeierFigure = {
    title: 'Progression-free survival by radscore risk group',
    groups: [{ label: 'Low risk', ...groupFit(0) }, { label: 'High risk', ...groupFit(1) }],
    xLabel: 'Time since diagnosis (months)',
    yLabel: 'Progression-free survival',
    xTickStep: 12,
    logRankP: logRank.p,
    showMedianLines: true,
  };
  const horizons = [12, 24, 36, 48, 60];
  const roc: TimeRocFigure = {
    title: 'Time-dependent ROC of the radscore',
    curves: timeDependentRoc(outcome, radscore, horizons.slice(0, 4)).map((r, i) => ({ ...r, label: `${i + 1} year${i === 0 ? '' : 's'}` })),
  };
  const baseline = baselineHazard(fit, outcome, x);
  const calibration: CalibrationFigure = {
    title: 'Calibration at 1, 2 and 3 years',
    series: [12, 24, 36].map((t, i) => ({ ...calibrationAt(outcome, predictSurvival(fit, baseline, x, t), t, 3), label: `${i + 1} year${i === 0 ? '' : 's'}` })),
    xLabel: 'Predicted PFS probability',
    yLabel: 'Observed PFS probability (Kaplan–Meier)',
  };
  const thresholds = Array.from({ length: 40 }, (_, i) => i / 50);
  const points = decisionCurve(outcome, predictSurvival(fit, baseline, x, 24), 24, thresholds);
  const decision: DecisionCurveFigure = { title: 'Decision curve at 2 years', models: [{ label: 'Radscore model', points }], treatAll: points };
  const forest: ForestFigure = { title: 'Final Cox model', rows: forestRowsFromCox(fit) };
  return { km, roc, calibration, decision, forest, fit, radscore, cut, logRank };
}

/** Six selectors' feature sets shaped like the paper's Fig. 3 (made up; 5 features common to all). */
export function selectorSets(): UpSetFigure {
  const common = ['log-sigma-1-0-mm-3D_glcm_ClusterProminence', 'wavelet-LLH_glszm_GrayLevelNonUniformityNormalized', 'wavelet-LHL_glszm_GrayLevelVariance', 'wavelet-LHH_firstorder_Kurtosis', 'original_shape_Sphericity'];
  const f = (i: number) => `feature_${String(i).padStart(2, '0')}`;
  const range = (a: number, b: number) => Array.from({ length: b - a }, (_, i) => f(a + i));
  return {
    title: 'Overlap of the six selectors’ feature sets',
    sets: [
      { name: 'Enet', members: [...common, ...range(0, 9)] },
      { name: 'CoxBoost', members: [...common, ...range(0, 4), ...range(20, 23)] },
      { name: 'GBM', members: [...common, ...range(0, 6), ...range(30, 38)] },
      { name: 'Lasso', members: [...common, ...range(0, 7)] },
      { name: 'RSF', members: [...common, ...range(4, 6), ...range(40, 52)] },
      { name: 'SuperPC', members: [...common, ...range(0, 9), ...range(30, 34), ...range(60, 80)] },
    ],
  };
}
