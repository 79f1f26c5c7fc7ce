// calibration of the stepAIC model at the spec's horizons: basehaz(centered = FALSE), predicted
// S(t|x) from survfit.coxph, tertiles of predicted survival with KM observed survival
// (reference.R calibration_block).
import { coxFit } from '../cox.js';
import { baselineHazard, predictSurvival } from '../cox-baseline.js';
import { calibrationAt } from '../calibration.js';
import { REFERENCE_COX } from './cox-summary.js';
import type { ReplicateSection } from './types.js';

export const calibrationSection: ReplicateSection = (ctx) => {
  const step = ctx.results.stepAIC as { selected?: string[] } | undefined;
  if (!step?.selected) throw new Error('the stepAIC section must run before calibration');
  const fit = coxFit(ctx.outcome, ctx.modelColumns(step.selected), { ties: 'efron', ...REFERENCE_COX, separation: 'flag', concordance: false });
  const base = baselineHazard(fit, ctx.outcome, ctx.model);
  return {
    calibration: {
      baseline_cumhaz_uncentered: { time: base.time, hazard: base.hazard },
      by_time: ctx.spec.calibration_times.map((t) => {
        const predicted = predictSurvival(fit, base, ctx.model, t);
        const cal = calibrationAt(ctx.outcome, predicted, t, 3);
        return {
          t,
          predicted_surv: predicted,
          tertile_group: cal.group,
          groups: cal.groups.map((g) => ({ group: g.group, n: g.n, mean_predicted_surv: g.meanPredicted, km_observed_surv: g.observed })),
        };
      }),
    },
  };
};
