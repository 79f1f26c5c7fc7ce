// multivariable: coxph on the spec's terms (model scale), Efron and Breslow.
import { coxFit } from '../cox.js';
import { coxSummaryJson, REFERENCE_COX } from './cox-summary.js';
import type { ReplicateSection } from './types.js';

export const multivariableSection: ReplicateSection = (ctx) => {
  const terms = ctx.spec.multivariable_terms;
  const x = ctx.modelColumns(terms);
  return {
    multivariable: {
      terms,
      scale: ctx.spec.model_scale,
      efron: coxSummaryJson(coxFit(ctx.outcome, x, { ties: 'efron', ...REFERENCE_COX, separation: 'flag' })),
      breslow: coxSummaryJson(coxFit(ctx.outcome, x, { ties: 'breslow', ...REFERENCE_COX, separation: 'flag' })),
    },
  };
};
