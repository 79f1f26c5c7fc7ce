// stepAIC (MASS::stepAIC both directions from the spec's candidates) and the radscore, the
// uncentred linear predictor of the selected model (reference.R step_block, analyze()).
import { linearPredictor } from '../cox.js';
import { stepAic } from '../stepaic.js';
import { coxSummaryJson, REFERENCE_COX } from './cox-summary.js';
import type { ReplicateSection } from './types.js';

export const stepAicSection: ReplicateSection = (ctx) => {
  const candidates = ctx.spec.stepaic_candidates;
  const result = stepAic(ctx.outcome, ctx.model, candidates, { ties: 'efron', ...REFERENCE_COX });
  if (!result.finalFit) throw new Error('stepAIC selected the empty model; there is no radscore');
  const value = linearPredictor(result.finalFit, ctx.model);
  return {
    stepAIC: {
      candidates,
      full_model: coxSummaryJson(result.fullFit),
      full_aic: result.fullAic,
      selected: result.selected,
      final_aic: result.finalAic,
      final_edf: result.finalEdf,
      path: {
        step: result.path.map((r) => r.step),
        df: result.path.map((r) => r.df),
        deviance: result.path.map((r) => r.deviance),
        resid_df: result.path.map((r) => r.residDf),
        resid_dev: result.path.map((r) => r.residDev),
        aic: result.path.map((r) => r.aic),
      },
      final_model: coxSummaryJson(result.finalFit),
    },
    radscore: {
      id: ctx.ids.map((id) => (Number.isFinite(Number(id)) ? Number(id) : id)),
      value,
      centered_lp: result.finalFit.linearPredictor,
    },
  };
};

/** The radscore written by stepAicSection (sections run in order). */
export function radscoreOf(results: Record<string, unknown>): Float64Array {
  const r = results.radscore as { value?: Float64Array } | undefined;
  if (!r?.value) throw new Error('the radscore section must run before this one');
  return r.value;
}
