// The evaluation half of the recipe on the final model: radscore, time-ROC AUC and curves,
// calibration and decision curves, maxstat cut-point, risk groups with KM and log-rank, Harrell's C.
import { calibrationAt, type CalibrationGroup } from '../calibration.js';
import { concordance, type ConcordanceResult } from '../concordance.js';
import { baselineHazard, predictSurvival } from '../cox-baseline.js';
import type { CoxFit } from '../cox.js';
import { linearPredictor } from '../cox.js';
import { decisionCurve, type DecisionCurvePoint } from '../decision-curve.js';
import { subsetOutcome } from '../data.js';
import { confidenceBand, kaplanMeier, kmMedian } from '../kaplan-meier.js';
import { logRankTest } from '../logrank.js';
import { maxstatLogRank } from '../maxstat.js';
import { timeDependentRoc, type TimeRocPoint } from '../time-roc.js';
import type { FeatureMatrix, SurvivalOutcome } from '../types.js';
import type { StudyConfig } from './config.js';

export interface AucAtHorizon {
  t: number;
  /** null where there is no case or no control at t. */
  auc: number | null;
  nCases: number;
  nControls: number;
}

export interface KmRow {
  time: number;
  nRisk: number;
  nEvent: number;
  nCensor: number;
  surv: number;
  lower: number;
  upper: number;
}

export interface RiskGroup {
  group: 'low' | 'high';
  n: number;
  events: number;
  /** KM median and log-type 95% CI; null = not reached. */
  median: number | null;
  medianLower: number | null;
  medianUpper: number | null;
  km: KmRow[];
}

export interface Evaluation {
  /** Σ coef·z per patient (uncentred linear predictor), in input row order. */
  radscore: number[];
  auc: AucAtHorizon[];
  rocCurves: Array<{ t: number; points: TimeRocPoint[] }>;
  calibration: Array<{ t: number; groups: CalibrationGroup[] }>;
  decisionCurves: Array<{ t: number; points: DecisionCurvePoint[] }>;
  cutpoint: { value: number; statistic: number; pLau94: number; minprop: number; maxprop: number };
  riskGroups: { high: number[]; groups: RiskGroup[]; logRank: { chisq: number; df: number; p: number; observed: number[]; expected: number[] } };
  concordance: ConcordanceResult;
}

const finiteOrNull = (v: number): number | null => (Number.isFinite(v) ? v : null);

/** AUC at each horizon of a marker (no curve points). */
export function aucAt(outcome: SurvivalOutcome, marker: ArrayLike<number>, horizons: number[]): AucAtHorizon[] {
  return timeDependentRoc(outcome, marker, horizons).map((r) => ({ t: r.t, auc: finiteOrNull(r.auc), nCases: r.nCases, nControls: r.nControls }));
}

function kmTable(outcome: SurvivalOutcome): KmRow[] {
  const fit = kaplanMeier(outcome);
  const band = confidenceBand(fit, 'log');
  return Array.from(fit.time, (time, k) => ({
    time,
    nRisk: fit.nRisk[k]!,
    nEvent: fit.nEvent[k]!,
    nCensor: fit.nCensor[k]!,
    surv: fit.surv[k]!,
    lower: band.lower[k]!,
    upper: band.upper[k]!,
  }));
}

/** `z` holds the z-scored model features of the same patients as `outcome` (the fitting data). */
export function evaluateModel(fit: CoxFit, outcome: SurvivalOutcome, z: FeatureMatrix, config: StudyConfig): Evaluation {
  const radscore = linearPredictor(fit, z);
  const roc = timeDependentRoc(outcome, radscore, config.horizons);
  const baseline = baselineHazard(fit, outcome, z);
  const calibration = config.calibrationHorizons.map((t) => {
    const predicted = predictSurvival(fit, baseline, z, t);
    return { t, groups: calibrationAt(outcome, predicted, t, config.calibrationGroups).groups, predicted };
  });
  const decisionCurves = calibration.map(({ t, predicted }) => ({ t, points: decisionCurve(outcome, predicted, t, config.decisionThresholds) }));
  const { minprop, maxprop } = config.maxstat;
  const cut = maxstatLogRank(outcome, radscore, minprop, maxprop);
  const high = Array.from(cut.highGroup);
  const groups = (['low', 'high'] as const).map((group) => {
    const rows = high.flatMap((h, i) => ((h === 1) === (group === 'high') ? [i] : []));
    const sub = subsetOutcome(outcome, rows);
    const median = kmMedian(kaplanMeier(sub), 'log');
    return {
      group,
      n: rows.length,
      events: rows.reduce((a, i) => a + outcome.status[i]!, 0),
      median: finiteOrNull(median.median),
      medianLower: finiteOrNull(median.lower),
      medianUpper: finiteOrNull(median.upper),
      km: kmTable(sub),
    };
  });
  const lr = logRankTest(outcome, cut.highGroup);
  return {
    radscore: Array.from(radscore),
    auc: roc.map((r) => ({ t: r.t, auc: finiteOrNull(r.auc), nCases: r.nCases, nControls: r.nControls })),
    rocCurves: roc.map((r) => ({ t: r.t, points: r.curve })),
    calibration: calibration.map(({ t, groups: g }) => ({ t, groups: g })),
    decisionCurves,
    cutpoint: { value: cut.cutpoint, statistic: cut.statistic, pLau94: cut.pLau94, minprop, maxprop },
    riskGroups: { high, groups, logRank: { chisq: lr.chisq, df: lr.df, p: lr.p, observed: lr.observed, expected: lr.expected } },
    concordance: concordance(outcome, radscore),
  };
}
